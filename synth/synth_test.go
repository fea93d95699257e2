package synth

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/peerstat/peerstat/config"
)

var update = flag.Bool("update", false, "rewrite ../sample_data from the default options")

// sampleDir is the repository's copy of the default agency.
const sampleDir = "../sample_data"

func generate(t testing.TB, opts Options) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := Generate(dir, opts); err != nil {
		t.Fatalf("Generate(%+v): %v", opts, err)
	}
	return dir
}

// readDir returns every file in dir by name.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = data
	}
	return files
}

// sameFiles reports the first difference between two folders, or "".
func sameFiles(t *testing.T, gotDir, wantDir string) string {
	t.Helper()
	got, want := readDir(t, gotDir), readDir(t, wantDir)
	var names []string
	for name := range want {
		names = append(names, name)
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		g, inGot := got[name]
		w, inWant := want[name]
		switch {
		case !inGot:
			return name + " is missing from " + gotDir
		case !inWant:
			return name + " is missing from " + wantDir
		case !bytes.Equal(g, w):
			return name + " differs"
		}
	}
	return ""
}

func TestSameSeedSameBytes(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"defaults", DefaultOptions},
		{"small agency", Options{Participants: 40, Seed: 7}},
		{"one participant", Options{Participants: 1, Seed: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, second := generate(t, tt.opts), generate(t, tt.opts)
			if diff := sameFiles(t, second, first); diff != "" {
				t.Errorf("two runs with %+v: %s, want byte-identical files", tt.opts, diff)
			}
		})
	}
}

func TestDifferentSeedDiffers(t *testing.T) {
	one := readDir(t, generate(t, Options{Participants: 200, Seed: 1}))
	two := readDir(t, generate(t, Options{Participants: 200, Seed: 2}))
	for _, name := range []string{"participants.csv", "staff.csv", "services_2024.csv", "timesheets_2024.csv", "encounters.csv", "surveys.csv"} {
		if bytes.Equal(one[name], two[name]) {
			t.Errorf("%s is the same for seeds 1 and 2, want different agencies", name)
		}
	}
}

// TestSampleData keeps sample_data/ equal to `peerstat gen --out
// sample_data`; run `go test ./synth -run TestSampleData -update` after
// changing the generator.
func TestSampleData(t *testing.T) {
	if *update {
		if _, err := Generate(sampleDir, DefaultOptions); err != nil {
			t.Fatal(err)
		}
	}
	got := generate(t, DefaultOptions)
	if diff := sameFiles(t, got, sampleDir); diff != "" {
		t.Errorf("sample_data is stale (%s): run `go test ./synth -run TestSampleData -update` or `peerstat gen --out sample_data`", diff)
	}
	var size int64
	for _, data := range readDir(t, sampleDir) {
		size += int64(len(data))
	}
	if size > 15<<20 {
		t.Errorf("sample_data holds %d bytes, want under 15 MB", size)
	}
}

func TestHeaders(t *testing.T) {
	questions := make([]string, 36)
	for i := range questions {
		questions[i] = "q" + strconv.Itoa(i+1)
	}
	// The column names of DATA.md, written out here so a change to either
	// side shows.
	tests := []struct {
		file, header string
	}{
		{"participants.csv", "participant_id,program,enrolled_on,discharged_on,birth_year,payer"},
		{"staff.csv", "staff_id,role,program,hire_date,termination_date,termination_type,fte,hourly_wage"},
		{"services_2023.csv", "service_id,participant_id,staff_id,service_date,minutes,service_code,billable,goal_id,note_signed_at"},
		{"services_2024.csv", "service_id,participant_id,staff_id,service_date,minutes,service_code,billable,goal_id,note_signed_at"},
		{"services_2025.csv", "service_id,participant_id,staff_id,service_date,minutes,service_code,billable,goal_id,note_signed_at"},
		{"timesheets_2023.csv", "staff_id,work_date,activity,minutes,billable,miles"},
		{"timesheets_2024.csv", "staff_id,work_date,activity,minutes,billable,miles"},
		{"timesheets_2025.csv", "staff_id,work_date,activity,minutes,billable,miles"},
		{"encounters.csv", "encounter_id,participant_id,setting,admit_date,discharge_date,involuntary,planned,paid_amount"},
		{"surveys.csv", "response_id,instrument,program,survey_date,participant_id," + strings.Join(questions, ",")},
		{"assessments.csv", "assessment_id,participant_id,assessment_date,kind,housing,employment,instrument," + strings.Join(questions[:10], ",")},
	}
	files := readDir(t, generate(t, Options{Participants: 20, Seed: 1}))
	if got, want := len(files), len(tests)+1; got != want {
		t.Errorf("wrote %d files, want %d (the data files and %s)", got, want, ConfigFile)
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, ok := files[tt.file]
			if !ok {
				t.Fatalf("%s was not written", tt.file)
			}
			header, _, _ := strings.Cut(string(data), "\n")
			if header != tt.header {
				t.Errorf("header of %s\n got %s\nwant %s", tt.file, header, tt.header)
			}
		})
	}
}

func TestConfigParses(t *testing.T) {
	dir := generate(t, Options{Participants: 20, Seed: 1})
	cfg, err := config.Load(filepath.Join(dir, ConfigFile))
	if err != nil {
		t.Fatalf("peerstat.toml does not load: %v", err)
	}
	checks := []struct {
		name      string
		got, want string
	}{
		{"agency_name", cfg.AgencyName, agencyName},
		{"period_start", cfg.PeriodStart.String(), "2024-07-01"},
		{"period_end", cfg.PeriodEnd.String(), "2025-06-30"},
		{"data_through", cfg.DataThrough.String(), "2025-08-31"},
		{"data_from", cfg.DataFrom.String(), "2023-01-01"},
		{"timezone", cfg.Timezone, "America/Chicago"},
		{"rday_codes", strings.Join(cfg.RdayCodes, " "), "H0038 H2017"},
		{"first holiday", cfg.Holidays[0].String(), "2023-01-02"}, // New Year's Day 2023 fell on a Sunday
		{"fringe_rate", strconv.FormatFloat(cfg.FringeRate, 'f', -1, 64), "0.22"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	for name, money := range map[string]*float64{
		"rday_daily_rate": cfg.RdayDailyRate, "rday_federal_share": cfg.RdayFederalShare,
		"inpatient_per_diem": cfg.InpatientPerDiem, "er_visit_cost": cfg.ERVisitCost,
	} {
		if money == nil {
			t.Errorf("%s is not set, want the sample reports to show dollars", name)
		}
	}
	if len(cfg.Holidays) != 33 {
		t.Errorf("%d holidays, want 33 (11 a year, 2023-2025)", len(cfg.Holidays))
	}
}

func TestFileModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "agency")
	if _, err := Generate(dir, Options{Participants: 10, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o700 {
		t.Errorf("folder mode %v, want 0700", got)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != 0o600 {
			t.Errorf("%s mode %v, want 0600", e.Name(), got)
		}
	}
}

func TestRefusesNoParticipants(t *testing.T) {
	for _, n := range []int{0, -5} {
		if _, err := Generate(t.TempDir(), Options{Participants: n, Seed: 1}); err == nil {
			t.Errorf("Generate with %d participants: no error, want one", n)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	dir := b.TempDir()
	var summary Summary
	for b.Loop() {
		var err error
		summary, err = Generate(dir, Options{Participants: 2000, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(summary.Rows("services")), "services/op")
	b.ReportMetric(float64(summary.Rows("timesheets")), "timesheet_rows/op")
}

func parseDate(t *testing.T, where, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatalf("%s: %q is not an ISO date", where, s)
	}
	return d
}

// TestProgressChangesNoByte: the terminal bar shows the teams being written
// and leaves the files as they are without it.
func TestProgressChangesNoByte(t *testing.T) {
	var bar strings.Builder
	with := readDir(t, generate(t, Options{Participants: 60, Seed: 4, Progress: &bar}))
	without := readDir(t, generate(t, Options{Participants: 60, Seed: 4}))
	for name, data := range without {
		if !bytes.Equal(with[name], data) {
			t.Errorf("%s differs when a progress bar is shown", name)
		}
	}
	if !strings.Contains(bar.String(), "writing the agency [") || !strings.Contains(bar.String(), "team 1 of ") ||
		!strings.HasSuffix(bar.String(), "\r\033[K") {
		t.Errorf("progress output %q: want a bar per team, cleared at the end", bar.String())
	}
}
