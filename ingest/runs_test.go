package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const (
	agencyParticipants = "participant_id,program,enrolled_on,discharged_on\nP1,Bridge,2024-01-01,\nP2,Bridge,2024-01-01,\n"
	agencyStaff        = "staff_id,role,program,hire_date\nS1,peer_specialist,Bridge,2023-01-01\n"
)

// tableCounts is every table's row count, to compare a database before and
// after a run.
func tableCounts(t *testing.T, db *sql.DB) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, table := range []string{"participants", "staff", "services", "encounters", "timesheets", "surveys",
		"survey_answers", "rejects", "run_log", "run_files", "stored_config"} {
		out[table] = count(t, db, "SELECT count(*) FROM "+table)
	}
	return out
}

func sameCounts(t *testing.T, got, want map[string]int64) {
	t.Helper()
	for table, n := range want {
		if got[table] != n {
			t.Errorf("%s: got %d rows, want %d (as before the run)", table, got[table], n)
		}
	}
}

// Loading the same bytes again changes nothing: every file is recorded as
// skipped, no rows are read, no rejects are added.
func TestSameFilesAgainAreSkipped(t *testing.T) {
	db := openTestDB(t)
	dir := filepath.Join("testdata", "bad")
	first := load(t, db, dir, Options{})
	before := tableCounts(t, db)
	second := load(t, db, dir, Options{})
	if second.RunID != first.RunID+1 {
		t.Errorf("run id: got %d, want %d", second.RunID, first.RunID+1)
	}
	for _, f := range second.Files {
		if !f.Skipped || f.RowsRead != 0 || f.SHA256 == "" {
			t.Errorf("%s: got skipped %v, read %d, sha %q; want skipped, 0 rows read, a sha256", f.File, f.Skipped, f.RowsRead, f.SHA256)
		}
	}
	if len(second.Rejects) != len(first.Rejects) {
		t.Errorf("second run: got %d rejects, want the first run's %d (they belong to the same file versions)", len(second.Rejects), len(first.Rejects))
	}
	after := tableCounts(t, db)
	before["run_log"]++
	before["run_files"] += int64(len(second.Files))
	sameCounts(t, after, before)
	if got := count(t, db, "SELECT count(*) FROM run_files WHERE run_id = ? AND skipped", second.RunID); got != int64(len(second.Files)) {
		t.Errorf("run_files: got %d skipped rows, want %d", got, len(second.Files))
	}
}

// A later file replaces the rows whose keys it repeats, within a run (files
// of a source load in name order) and across runs; the run log says how
// many rows each file replaced.
func TestLaterFileReplacesKeys(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{
		"participants.csv": agencyParticipants,
		"staff.csv":        agencyStaff,
		"services.csv": "service_id,participant_id,staff_id,service_date,minutes,billable\n" +
			"V1,P1,S1,2024-03-01,30,true\nV2,P1,S1,2024-03-01,30,true\nV3,P1,S1,2024-03-01,30,true\n",
		// Loads after services.csv ('.' < '_'): repeats V2 and V3.
		"services_2024-03.csv": "service_id,participant_id,staff_id,service_date,minutes,billable\n" +
			"V2,P2,S1,2024-03-02,45,true\nV3,P2,S1,2024-03-02,45,false\nV4,P2,S1,2024-03-02,45,true\n",
	})
	res := load(t, db, dir, Options{})
	replaced := map[string]int64{}
	for _, f := range res.Files {
		replaced[f.File] = f.RowsReplaced
	}
	if replaced["services.csv"] != 0 || replaced["services_2024-03.csv"] != 2 {
		t.Errorf("rows replaced: got services.csv %d, services_2024-03.csv %d; want 0 and 2", replaced["services.csv"], replaced["services_2024-03.csv"])
	}
	if got := count(t, db, "SELECT count(*) FROM services"); got != 4 {
		t.Errorf("services: got %d rows, want 4", got)
	}
	if got := count(t, db, "SELECT minutes FROM services WHERE service_id = 'V3'"); got != 45 {
		t.Errorf("V3 minutes: got %d, want 45 (from the later file)", got)
	}

	// A later run with a correction file added, modified after the others,
	// replaces again, and the run log of that run says so. The other
	// sources' files have the same bytes: not read.
	fix := filepath.Join(dir, "services_fix.csv")
	writeFile(t, fix, []byte("service_id,participant_id,staff_id,service_date,minutes,billable\nV1,P2,S1,2024-03-05,60,true\nV4,P2,S1,2024-03-05,60,true\n"))
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(fix, later, later); err != nil {
		t.Fatal(err)
	}
	res2 := load(t, db, dir, Options{})
	if got := count(t, db, "SELECT rows_replaced FROM run_files WHERE run_id = ? AND file = 'services_fix.csv'", res2.RunID); got != 2 {
		t.Errorf("run_files rows_replaced: got %d, want 2", got)
	}
	if got := count(t, db, "SELECT count(*) FROM services"); got != 4 {
		t.Errorf("services after the correction: got %d rows, want 4", got)
	}
	if got := count(t, db, "SELECT count(*) FROM services WHERE source_file = 'services_fix.csv'"); got != 2 {
		t.Errorf("rows from services_fix.csv: got %d, want 2", got)
	}
	for _, f := range res2.Files {
		want := ChangeUnchanged
		if f.File == "services_fix.csv" {
			want = ChangeAdded
		}
		if f.Change != want || f.Skipped != (want == ChangeUnchanged) {
			t.Errorf("%s: got %s (skipped %v), want %s", f.File, f.Change, f.Skipped, want)
		}
	}
}

// A timesheet file replaces every stored entry of each (staff_id,
// work_date) it holds, and loads all of its own entries of a day.
func TestTimesheetDayReplacement(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{
		"participants.csv": agencyParticipants,
		"staff.csv":        agencyStaff,
		"timesheets_a.csv": "staff_id,work_date,activity,minutes,billable\n" +
			"S1,2024-03-04,direct_service,60,true\nS1,2024-03-04,documentation,30,false\nS1,2024-03-04,travel,15,false\n" +
			"S1,2024-03-05,direct_service,480,true\n",
		"timesheets_b.csv": "staff_id,work_date,activity,hours,billable\n" +
			"S1,2024-03-04,direct_service,2,true\nS1,2024-03-04,meeting,0.5,false\n",
	})
	res := load(t, db, dir, Options{})
	for _, f := range res.Files {
		switch f.File {
		case "timesheets_a.csv":
			if f.RowsLoaded != 4 || f.RowsReplaced != 0 {
				t.Errorf("timesheets_a.csv: got loaded %d replaced %d, want 4 and 0", f.RowsLoaded, f.RowsReplaced)
			}
		case "timesheets_b.csv":
			if f.RowsLoaded != 2 || f.RowsReplaced != 3 {
				t.Errorf("timesheets_b.csv: got loaded %d replaced %d, want 2 and 3", f.RowsLoaded, f.RowsReplaced)
			}
		}
	}
	var day4, day5 string
	db.QueryRow("SELECT string_agg(activity || '=' || minutes, ',' ORDER BY source_line) FROM timesheets WHERE work_date = '2024-03-04'").Scan(&day4)
	db.QueryRow("SELECT string_agg(activity || '=' || minutes, ',' ORDER BY source_line) FROM timesheets WHERE work_date = '2024-03-05'").Scan(&day5)
	if day4 != "direct_service=120,meeting=30" || day5 != "direct_service=480" {
		t.Errorf("entries: got 4 March %q and 5 March %q, want direct_service=120,meeting=30 and direct_service=480", day4, day5)
	}
}

// --strict: any reject fails the run, names the first rejects, and
// commits nothing.
func TestStrict(t *testing.T) {
	db := openTestDB(t)
	before := tableCounts(t, db)
	_, err := Load(context.Background(), db, Options{DataDir: filepath.Join("testdata", "bad"), Config: chicago(), Strict: true})
	if err == nil {
		t.Fatal("got no error, want --strict to fail the run")
	}
	for _, want := range []string{"46 rows rejected", "nothing was loaded", "participants.csv line 5, column enrolled_on: \"2024/03/04\": not a date (expected YYYY-MM-DD or M/D/YYYY)", "and 41 more"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q: want it to contain %q", err, want)
		}
	}
	sameCounts(t, tableCounts(t, db), before)

	// With no rejects, strict loads.
	clean := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff})
	if _, err := Load(context.Background(), db, Options{DataDir: clean, Config: chicago(), Strict: true}); err != nil {
		t.Errorf("strict run with no rejects: got %v, want success", err)
	}
}

// Files that cannot be read as their source fail the run with a sentence
// naming the file, the column and the fix; nothing is committed.
func TestStructuralErrors(t *testing.T) {
	for _, tt := range []struct {
		name    string
		files   map[string]string
		profile string
		noTZ    bool
		want    []string
	}{
		{
			name:  "unknown format",
			files: map[string]string{"services.txt": "x"},
			want:  []string{"services.txt: unknown format", ".csv, .csv.gz, .tsv, .xlsx and .parquet"},
		},
		{
			name:  "missing required column",
			files: map[string]string{"staff.csv": "staff_id,role,hire_date\nS1,admin,2024-01-01\n"},
			want:  []string{"staff.csv has no column program", "which staff requires", "[staff.columns] program = \"YOUR COLUMN\"", "staff_id, role, hire_date"},
		},
		{
			name:  "no minutes of any kind",
			files: map[string]string{"services.csv": "service_id,participant_id,staff_id,service_date,billable\n"},
			want:  []string{"services.csv has no column minutes, or start_time and end_time"},
		},
		{
			name:  "missing required source",
			files: map[string]string{"notes.csv": "a\n", "services.csv": absent},
			want:  []string{"has no services file", "services source is required", `"services", e.g. services.csv`},
		},
		{
			name:  "not UTF-8",
			files: map[string]string{"participants.csv": "participant_id,program,enrolled_on\nP1,Caf\xe9,2024-01-01\n"},
			want:  []string{"participants.csv: line 2 is not UTF-8 text", "save the file as UTF-8"},
		},
		{
			name:  "UTC offset without a timezone",
			noTZ:  true,
			files: map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff, "services.csv": "service_id,participant_id,staff_id,service_date,minutes,billable,note_signed_at\nV1,P1,S1,2024-03-01,30,true,2024-03-01T10:00:00Z\n"},
			want:  []string{"services.csv line 2, column note_signed_at", "has a UTC offset", "set timezone in peerstat.toml"},
		},
		{
			name:  "a column twice",
			files: map[string]string{"participants.csv": "participant_id,program,Program,enrolled_on\n"},
			want:  []string{"participants.csv: the column Program appears twice"},
		},
		{
			name:    "profile names a column the file lacks",
			files:   map[string]string{"participants.csv": "participant_id,program,enrolled_on\nP9,Bridge,2024-01-01\n"},
			profile: "[participants.columns]\nprogram = \"PROGRAM_NAME\"\n",
			want:    []string{"participants.csv has no column PROGRAM_NAME, which the profile reads program from"},
		},
		{
			name:  "empty file",
			files: map[string]string{"participants.csv": ""},
			want:  []string{"participants.csv: no header line"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTestDB(t)
			// A first load, so "nothing committed" is checked against data.
			load(t, db, writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff}), Options{})
			before := tableCounts(t, db)
			opts := Options{DataDir: writeFiles(t, tt.files), Config: chicago()}
			if tt.noTZ {
				opts.Config.Timezone = ""
			}
			if tt.profile != "" {
				opts.ProfilePath = filepath.Join(t.TempDir(), "profile.toml")
				writeFile(t, opts.ProfilePath, []byte(tt.profile))
			}
			_, err := Load(context.Background(), db, opts)
			if err == nil {
				t.Fatal("got no error, want a structural error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q: want it to contain %q", err, w)
				}
			}
			sameCounts(t, tableCounts(t, db), before)
		})
	}
}

// The run log and run files record every run; the resolved config is stored.
func TestRunLog(t *testing.T) {
	db := openTestDB(t)
	res := load(t, db, filepath.Join("testdata", "bad"), Options{Command: "run", ConfigPath: "cfg.toml"})
	var command, dataDir string
	var strict bool
	if err := db.QueryRow("SELECT command, data_dir, strict FROM run_log WHERE run_id = ?", res.RunID).Scan(&command, &dataDir, &strict); err != nil {
		t.Fatal(err)
	}
	if command != "run" || dataDir != filepath.Join("testdata", "bad") || strict {
		t.Errorf("run_log: got %s %s %v, want run testdata/bad false", command, dataDir, strict)
	}
	if got := count(t, db, "SELECT count(*) FROM run_files WHERE run_id = ? AND rows_read = rows_loaded + rows_rejected AND length(sha256) = 64", res.RunID); got != 6 {
		t.Errorf("run_files: got %d consistent rows, want 6", got)
	}
	if got := count(t, db, "SELECT count(*) FROM rejects WHERE run_id = ?", res.RunID); got != 46 {
		t.Errorf("rejects: got %d, want 46", got)
	}
	var path, text string
	if err := db.QueryRow("SELECT path, toml FROM stored_config").Scan(&path, &text); err != nil {
		t.Fatal(err)
	}
	if path != "cfg.toml" || !strings.Contains(text, `timezone = "America/Chicago"`) {
		t.Errorf("stored_config: got path %q and toml without the timezone, want cfg.toml and timezone = \"America/Chicago\"", path)
	}
}

func TestWriteRejects(t *testing.T) {
	db := openTestDB(t)
	out := filepath.Join(t.TempDir(), "rejects.csv")
	if err := WriteRejects(context.Background(), db, out); err != nil {
		t.Fatal(err)
	}
	header := "source,file,line,column,value,reason\n"
	if got, _ := os.ReadFile(out); string(got) != header {
		t.Errorf("with no runs: got %q, want the header alone", got)
	}
	load(t, db, filepath.Join("testdata", "bad"), Options{})
	if err := WriteRejects(context.Background(), db, out); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	lines := strings.Split(strings.TrimSpace(string(got)), "\n")
	if len(lines) != 47 || lines[1] != "participants,participants.csv,5,enrolled_on,2024/03/04,not a date (expected YYYY-MM-DD or M/D/YYYY)" {
		t.Errorf("got %d lines starting %q, want 47 starting with participants.csv line 5", len(lines), lines[1])
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
		t.Errorf("mode: got %v, want 0600", st.Mode().Perm())
	}
	// The folder's files fixed: their rejects go with the versions that
	// had them, header only.
	load(t, db, writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff}), Options{})
	WriteRejects(context.Background(), db, out)
	if got, _ := os.ReadFile(out); string(got) != header {
		t.Errorf("after a run on fixed files: got %q, want the header alone", got)
	}
}

func TestOpenMakesPrivateFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "folder")
	path := filepath.Join(dir, "peerstat.duckdb")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	load(t, db, filepath.Join("testdata", "bad"), Options{})
	for _, p := range []string{path, path + ".wal"} {
		st, err := os.Stat(p)
		if err != nil {
			continue // the WAL may already be checkpointed away
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s: got mode %v, want 0600", filepath.Base(p), st.Mode().Perm())
		}
	}
	if st, _ := os.Stat(dir); st.Mode().Perm() != 0o700 {
		t.Errorf("folder: got mode %v, want 0700", st.Mode().Perm())
	}
	var autoload, autoinstall string
	db.QueryRow("SELECT current_setting('autoload_known_extensions')::VARCHAR, current_setting('autoinstall_known_extensions')::VARCHAR").Scan(&autoload, &autoinstall)
	if autoload != "false" || autoinstall != "false" {
		t.Errorf("extension autoload %s, autoinstall %s; want both false", autoload, autoinstall)
	}
	db.Close()
	// Reopening keeps the data.
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := count(t, db, "SELECT count(*) FROM participants"); got != 4 {
		t.Errorf("after reopening: got %d participants, want 4", got)
	}
}

// A later survey file replaces a response and all its answers.
func TestSurveyReplacement(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{
		"participants.csv": agencyParticipants,
		"staff.csv":        agencyStaff,
		"surveys.csv":      "response_id,instrument,program,survey_date,q1,q2,q3\nR1,peer_experience,Bridge,2024-05-01,5,4,3\nR2,peer_experience,Bridge,2024-05-01,1,,\n",
		"surveys_fix.csv":  "response_id,instrument,program,survey_date,q1,q2\nR1,peer_experience,Bridge,2024-05-02,2,0\n",
	})
	res := load(t, db, dir, Options{})
	if f := res.Files[len(res.Files)-1]; f.File != "surveys_fix.csv" || f.RowsReplaced != 1 {
		t.Errorf("last file: got %s replacing %d, want surveys_fix.csv replacing 1", f.File, f.RowsReplaced)
	}
	var answers string
	db.QueryRow("SELECT string_agg(response_id || ':' || item || '=' || answer, ',' ORDER BY response_id, item) FROM survey_answers").Scan(&answers)
	if answers != "R1:1=2,R2:1=1" {
		t.Errorf("answers: got %s, want R1:1=2,R2:1=1 (R1's old answers gone, its N/A not stored)", answers)
	}
}

// The participant spell key (participant_id, enrolled_on) holds without a
// primary key in the schema: a repeat within a file is rejected, and a
// later file replaces every stored spell of each person it holds (DATA.md:
// enrollment lists are snapshots), here both of P1's.
func TestParticipantSpellKey(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{
		"participants.csv":     "participant_id,program,enrolled_on,discharged_on\nP1,Bridge,2024-01-01,2024-03-01\nP1,Outreach,2024-01-01,2024-03-01\nP1,Bridge,2024-06-01,\n",
		"participants_fix.csv": "participant_id,program,enrolled_on,discharged_on\nP1,Clinic,2024-01-01,2024-03-01\n",
		"staff.csv":            agencyStaff,
	})
	byFile := filesByName(load(t, db, dir, Options{}))
	if f := byFile["participants.csv"]; f.RowsLoaded != 2 || f.RowsRejected != 1 {
		t.Errorf("participants.csv: got %d loaded, %d rejected; want 2 and 1 (the repeated spell)", f.RowsLoaded, f.RowsRejected)
	}
	if f := byFile["participants_fix.csv"]; f.RowsReplaced != 2 {
		t.Errorf("participants_fix.csv: got %d replaced, want 2", f.RowsReplaced)
	}
	var spells string
	db.QueryRow("SELECT string_agg(enrolled_on || '=' || program, ',' ORDER BY enrolled_on) FROM participants").Scan(&spells)
	if spells != "2024-01-01=Clinic" {
		t.Errorf("spells: got %s, want 2024-01-01=Clinic", spells)
	}
}

// Two files of one source with the same bytes in one run: the second is
// skipped as a file already loaded, as it would be in a later run. (Files
// are read before the transaction, so this is decided before any is
// loaded.)
func TestSameBytesTwiceInOneRun(t *testing.T) {
	db := openTestDB(t)
	services := "service_id,participant_id,staff_id,service_date,minutes,billable\nV1,P1,S1,2024-03-01,30,true\n"
	dir := writeFiles(t, map[string]string{
		"participants.csv":    agencyParticipants,
		"staff.csv":           agencyStaff,
		"services_a.csv":      services,
		"services_a_copy.csv": services,
	})
	got := filesByName(load(t, db, dir, Options{}))
	if a := got["services_a.csv"]; a.Skipped || a.RowsLoaded != 1 {
		t.Errorf("services_a.csv: got skipped %v, %d rows loaded; want loaded, 1 row", a.Skipped, a.RowsLoaded)
	}
	if c := got["services_a_copy.csv"]; !c.Skipped || c.RowsRead != 0 {
		t.Errorf("services_a_copy.csv: got skipped %v, %d rows read; want skipped, 0 rows read", c.Skipped, c.RowsRead)
	}
	if n := count(t, db, "SELECT count(*) FROM services"); n != 1 {
		t.Errorf("services: got %d rows, want 1", n)
	}
}

// filesByName is a run's file results by file name.
func filesByName(res Result) map[string]FileResult {
	out := map[string]FileResult{}
	for _, f := range res.Files {
		out[f.File] = f
	}
	return out
}

// A reject names the column as the file spells it, for each file of a run
// (a header in capitals and with spaces around it is still service_date).
func TestRejectNamesTheFilesColumn(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{
		"participants.csv": agencyParticipants,
		"staff.csv":        agencyStaff,
		"services_a.csv":   "service_id,participant_id,staff_id, Service_Date ,minutes,billable\nV1,P1,S1,2024-03-32,30,true\n",
		"services_b.csv":   "service_id,participant_id,staff_id,SERVICE_DATE,minutes,billable\nV2,P1,S1,2024/03/04,30,true\n",
		"timesheets.csv":   "staff_id,work_date,activity,minutes,billable\nS1,2024-03-01,admin,60,false\n",
	})
	got := rejectLines(load(t, db, dir, Options{}).Rejects)
	want := []string{
		"services|2|Service_Date|2024-03-32|not a date (expected YYYY-MM-DD or M/D/YYYY)",
		"services|2|SERVICE_DATE|2024/03/04|not a date (expected YYYY-MM-DD or M/D/YYYY)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejects:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

// A key three times in a file keeps its first row and rejects the other
// two, at their lines; a key twice rejects its second row.
func TestRepeatedKeys(t *testing.T) {
	db := openTestDB(t)
	res := load(t, db, writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff,
		"services.csv": "service_id,participant_id,staff_id,service_date,minutes,billable\n" +
			"V1,P1,S1,2024-03-01,10,true\nV2,P1,S1,2024-03-01,20,true\nV1,P1,S1,2024-03-02,30,true\n" +
			"V3,P1,S1,2024-03-01,40,true\nV1,P2,S1,2024-03-03,50,true\nV2,P2,S1,2024-03-03,60,true\n"}), Options{})
	var got []string
	for _, r := range res.Rejects {
		got = append(got, fmt.Sprintf("%d %s %s", r.Line, r.Value, r.Reason))
	}
	want := []string{"4 V1 duplicate key", "6 V1 duplicate key", "7 V2 duplicate key"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("rejects: got %q, want %q", got, want)
	}
	if got := count(t, db, "SELECT sum(minutes) FROM services"); got != 70 {
		t.Errorf("minutes of the kept rows: got %d, want 10 + 20 + 40", got)
	}
}
