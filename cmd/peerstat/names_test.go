package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/ingest"
	"github.com/peerstat/peerstat/metrics"
)

// sampleCopy copies sample_data into a temporary folder, with edit applied
// to each participants line after the header, and config text appended to
// peerstat.toml.
func sampleCopy(t *testing.T, edit func(i int, line string) string, configText string) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("..", "..", "sample_data")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		switch e.Name() {
		case "participants.csv":
			lines := strings.Split(string(data), "\n")
			for i := 1; i < len(lines); i++ {
				if lines[i] != "" {
					lines[i] = edit(i, lines[i])
				}
			}
			data = []byte(strings.Join(lines, "\n"))
		case "peerstat.toml":
			data = append(data, []byte("\n"+configText)...)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// respell writes every other "Summit Care" member's payer as "summit-care".
func respell(i int, line string) string {
	if i%2 == 0 {
		return strings.Replace(line, ",Summit Care", ",summit-care", 1)
	}
	return line
}

// TestPayerNamesCollide: two spellings of one payer would write one
// packet file over the other; the run stops before anything is written,
// naming both spellings.
func TestPayerNamesCollide(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the sample agency")
	}
	data := sampleCopy(t, respell, "")
	out := t.TempDir()
	code, stdout, stderr := peerstat(t, "run", "--data", data, "--out", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr: %s", code, stderr)
	}
	for _, want := range []string{`"Summit Care"`, `"summit-care"`, "peerstat-mco-summit-care.xlsx", "[payer_names]"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %s: %s", want, stderr)
		}
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if e.Name() != "peerstat.duckdb" && e.Name() != "peerstat.duckdb.wal" {
			t.Errorf("%s written by a run that stopped on the payer names (stdout %s)", e.Name(), stdout)
		}
	}
}

// TestPayerNamesWithoutLetters: a payer name that gives no file name stops
// the run, naming it.
func TestPayerNamesWithoutLetters(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the sample agency")
	}
	data := sampleCopy(t, func(i int, line string) string {
		return strings.Replace(line, ",Heartland Community Health", ",***", 1)
	}, "")
	out := t.TempDir()
	code, _, stderr := peerstat(t, "run", "--data", data, "--out", out)
	if code != 1 || !strings.Contains(stderr, `payer "***" has no letter or digit`) {
		t.Fatalf("exit %d, want 1 with a sentence naming \"***\"; stderr: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "metrics.csv")); err == nil {
		t.Errorf("metrics.csv written by a run that stopped on a payer name")
	}
}

// TestPayerNamesMapped: [payer_names] maps "summit-care" to "Summit Care":
// one packet, whose figures are exactly those of the sample agency where
// every member is spelt "Summit Care", and --payer takes the mapped name.
func TestPayerNamesMapped(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the sample agency")
	}
	mapping := "[payer_names]\n\"Summit Care\" = [\"summit-care\", \" SUMMIT CARE \"]\n"
	data := sampleCopy(t, respell, mapping)
	out := t.TempDir()
	code, stdout, stderr := peerstat(t, "run", "--data", data, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d; stderr: %s", code, stderr)
	}
	packets, _ := filepath.Glob(filepath.Join(out, "peerstat-mco-*.xlsx"))
	if len(packets) != 3 {
		t.Errorf("MCO packets: got %v, want one per payer (3)", packets)
	}
	if !strings.Contains(stdout, filepath.Join(out, "peerstat-mco-summit-care.html")) {
		t.Errorf("stdout does not name the Summit Care packet: %s", stdout)
	}

	// The mapped payer's figures equal the original sample's.
	ctx := context.Background()
	scoped := func(dir string) []metrics.Row {
		cfg, err := config.Load(filepath.Join(dir, "peerstat.toml"))
		if err != nil {
			t.Fatal(err)
		}
		cfg.MinCell = 0
		db, err := ingest.Open("")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := ingest.Load(ctx, db, ingest.Options{DataDir: dir, Config: cfg}); err != nil {
			t.Fatal(err)
		}
		res, err := metrics.Compute(ctx, db, cfg, metrics.Scope{Payer: "Summit Care"})
		if err != nil {
			t.Fatal(err)
		}
		return res.Rows
	}
	if !reflect.DeepEqual(scoped(data), scoped(filepath.Join("..", "..", "sample_data"))) {
		t.Errorf("Summit Care's figures with half its members spelt summit-care and mapped differ from the sample's")
	}

	code, stdout, stderr = peerstat(t, "report", "--out", out, "--packet", "mco", "--payer", "Summit Care")
	if code != 0 || !strings.Contains(stdout, "peerstat-mco-summit-care.xlsx") {
		t.Errorf("report --payer \"Summit Care\": exit %d, stdout %s, stderr %s", code, stdout, stderr)
	}
	code, _, stderr = peerstat(t, "report", "--out", out, "--packet", "mco", "--payer", "summit-care")
	if code != 1 || !strings.Contains(stderr, `"summit-care"`) {
		t.Errorf("report --payer summit-care (a spelling, not the name): exit %d, stderr %s", code, stderr)
	}
}
