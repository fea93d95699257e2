package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/metrics"
)

// TestRegistryAndSQLAgree runs the sample agency, which has every source and
// every money setting, with suppression off, and checks both directions:
// every metric in metrics.csv is described in the registry (Compute refuses
// otherwise) and every registered metric has rows — for every program and
// window of its grains.
func TestRegistryAndSQLAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole sample agency")
	}
	out := t.TempDir()
	code, _, stderr := peerstat(t, "run", "--data", "../../sample_data", "--out", out, "--min-cell", "0", "--packet", "board")
	if code != 0 {
		t.Fatalf("peerstat run: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	type cell struct{ program, grain string }
	rows := map[string]map[cell]int{}
	programs := map[string]bool{}
	windows := map[string]map[string]bool{} // grain -> period_start
	cfg, err := config.Load("../../sample_data/peerstat.toml")
	if err != nil {
		t.Fatal(err)
	}
	earlier := map[string]bool{}
	for _, r := range records[1:] {
		metric, program, grain, start := r[0], r[1], r[2], r[3]
		if start < cfg.PeriodStart.String() {
			earlier[metric] = true
			continue
		}
		if rows[metric] == nil {
			rows[metric] = map[cell]int{}
		}
		rows[metric][cell{program, grain}]++
		programs[program] = true
		if windows[grain] == nil {
			windows[grain] = map[string]bool{}
		}
		windows[grain][start] = true
		if r[9] != "false" {
			t.Errorf("%s %s %s %s: suppressed with --min-cell 0", metric, program, grain, start)
		}
	}
	// The sample's services begin in January 2023, so the year before the
	// reporting period (July 2023 - June 2024) is covered.
	for _, id := range []string{"billed_units", "participants_served", "bed_days_per_1000", "turnover_rate"} {
		if !earlier[id] {
			t.Errorf("%s: no earlier-period row on the sample agency", id)
		}
	}
	var missing []string
	for _, d := range metrics.Registry(cfg) {
		got, ok := rows[d.ID]
		if !ok {
			missing = append(missing, d.ID)
			continue
		}
		for _, grain := range d.Grains {
			if d.AllOnly {
				if got[cell{metrics.AllPrograms, grain}] != len(windows[grain]) {
					t.Errorf("%s ALL %s: got %d rows, want %d", d.ID, grain, got[cell{metrics.AllPrograms, grain}], len(windows[grain]))
				}
				continue
			}
			for program := range programs {
				if n := got[cell{program, grain}]; n != len(windows[grain]) {
					t.Errorf("%s %s %s: got %d rows, want one per window (%d)", d.ID, program, grain, n, len(windows[grain]))
				}
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("registered metrics with no rows on the sample agency: %v", missing)
	}
}
