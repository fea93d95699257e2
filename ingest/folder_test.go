package ingest

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const servicesCols = "service_id,participant_id,staff_id,service_date,minutes,billable\n"

// touch sets a file's modification time.
func touch(t *testing.T, path string, when time.Time) {
	t.Helper()
	if err := os.Chtimes(path, when, when); err != nil {
		t.Fatal(err)
	}
}

// A file removed from the folder is taken out: its rows are gone, the rows
// it had replaced come back from the file that remains, and the run log
// names it as removed with the rows it had.
func TestRemovedFileRowsGoAndReplacedRowsComeBack(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff, "services.csv": absent})
	older, newer := filepath.Join(dir, "services_a.csv"), filepath.Join(dir, "services_b.csv")
	writeFile(t, older, []byte(servicesCols+"V1,P1,S1,2024-03-01,30,true\nV2,P1,S1,2024-03-01,30,true\n"))
	writeFile(t, newer, []byte(servicesCols+"V2,P2,S1,2024-03-02,45,true\nV3,P2,S1,2024-03-02,45,true\n"))
	touch(t, older, time.Now().Add(-time.Hour))
	load(t, db, dir, Options{})
	if got, want := minutesByService(t, db), "V1=30 services_a.csv,V2=45 services_b.csv,V3=45 services_b.csv"; got != want {
		t.Fatalf("first load: got %s, want %s", got, want)
	}
	if err := os.Remove(newer); err != nil {
		t.Fatal(err)
	}
	res := load(t, db, dir, Options{})
	if got, want := minutesByService(t, db), "V1=30 services_a.csv,V2=30 services_a.csv"; got != want {
		t.Errorf("after removing services_b.csv: got %s, want %s", got, want)
	}
	gone := filesByName(res)["services_b.csv"]
	if gone.Change != ChangeRemoved || gone.RowsLoaded != 2 {
		t.Errorf("services_b.csv: got %s with %d rows loaded, want removed with the 2 it had", gone.Change, gone.RowsLoaded)
	}
	if f := filesByName(res)["services_a.csv"]; f.Change != ChangeReloaded || f.RowsLoaded != 2 {
		t.Errorf("services_a.csv: got %s with %d rows loaded, want reloaded with 2", f.Change, f.RowsLoaded)
	}
	if got := count(t, db, "SELECT count(*) FROM file_versions WHERE file = 'services_b.csv'"); got != 0 {
		t.Errorf("file_versions: services_b.csv still there (%d rows)", got)
	}
}

// minutesByService lists the stored services as "id=minutes file", by id.
func minutesByService(t *testing.T, db *sql.DB) string {
	t.Helper()
	var got string
	if err := db.QueryRow("SELECT string_agg(service_id || '=' || minutes || ' ' || source_file, ',' ORDER BY service_id) FROM services").Scan(&got); err != nil {
		t.Fatal(err)
	}
	return got
}

// Files of a source load oldest first by modification time, whatever
// their names: a corrected re-export whose name sorts first still wins,
// and the run log warns that name and time order disagree.
func TestNewerByTimeWinsWhateverTheNames(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff, "services.csv": absent})
	year, fix := filepath.Join(dir, "services_2025.csv"), filepath.Join(dir, "services_2025-11.csv")
	writeFile(t, year, []byte(servicesCols+"V1,P1,S1,2025-11-03,30,true\nV2,P1,S1,2025-11-04,30,true\n"))
	writeFile(t, fix, []byte(servicesCols+"V2,P1,S1,2025-11-04,50,true\n"))
	yearTime := time.Date(2025, 11, 2, 9, 0, 0, 0, time.Local)
	fixTime := time.Date(2025, 12, 1, 10, 0, 0, 0, time.Local)
	touch(t, year, yearTime)
	touch(t, fix, fixTime)
	res := load(t, db, dir, Options{})
	if got := count(t, db, "SELECT minutes FROM services WHERE service_id = 'V2'"); got != 50 {
		t.Errorf("V2 minutes: got %d, want 50 (from the newer services_2025-11.csv)", got)
	}
	if !strings.Contains(res.Order, "services_2025.csv, services_2025-11.csv") {
		t.Errorf("order: got %q, want services_2025.csv before services_2025-11.csv", res.Order)
	}
	want := "services_2025-11.csv replaced 1 row of services_2025.csv: it loads later because it was modified later (2025-12-01 10:00:00, against 2025-11-02 09:00:00), though its name sorts first; if services_2025.csv is the newer export, save it again so its modification time is the later one"
	if len(res.Warnings) != 1 || res.Warnings[0] != want {
		t.Errorf("warnings:\ngot  %q\nwant %q", res.Warnings, want)
	}

	// A copy that touches the old export does not make it newer: it is
	// ordered by the first time its bytes were seen.
	touch(t, year, fixTime.Add(time.Hour))
	res = load(t, db, dir, Options{})
	if got := count(t, db, "SELECT minutes FROM services WHERE service_id = 'V2'"); got != 50 {
		t.Errorf("after touching services_2025.csv: V2 minutes got %d, want 50", got)
	}
	for _, f := range res.Files {
		if f.Change != ChangeUnchanged {
			t.Errorf("after touching services_2025.csv: %s %s, want unchanged", f.File, f.Change)
		}
	}

	// The re-export's time moved before the year file's: the order
	// changes, so services are loaded again in the new order.
	touch(t, fix, yearTime.Add(-time.Hour))
	res = load(t, db, dir, Options{})
	if got := count(t, db, "SELECT minutes FROM services WHERE service_id = 'V2'"); got != 30 {
		t.Errorf("after moving services_2025-11.csv earlier: V2 minutes got %d, want 30 (services_2025.csv now loads last)", got)
	}
	if f := filesByName(res)["services_2025.csv"]; f.Change != ChangeReloaded || f.RowsReplaced != 1 {
		t.Errorf("services_2025.csv: got %s, %d replaced; want reloaded, 1 replaced", f.Change, f.RowsReplaced)
	}
}

// Fixing staff.csv brings back the services rejected as unknown staff,
// and rejects.csv then agrees with the database: the rejects of the
// earlier staff.csv went with it.
func TestFixingStaffBringsBackServices(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff,
		"services.csv": servicesCols + "V1,P1,S1,2024-03-01,30,true\nV2,P1,S2,2024-03-01,30,true\n"})
	res := load(t, db, dir, Options{})
	if got := strings.Join(rejectLines(res.Rejects), "\n"); got != "services|3|staff_id|S2|unknown staff" {
		t.Fatalf("first load rejects: got %q, want services line 3 unknown staff", got)
	}
	writeFile(t, filepath.Join(dir, "staff.csv"), []byte(agencyStaff+"S2,peer_specialist,Bridge,2023-06-01\n"))
	res = load(t, db, dir, Options{})
	if len(res.Rejects) != 0 {
		t.Errorf("after fixing staff.csv: got rejects %v, want none", res.Rejects)
	}
	if got := count(t, db, "SELECT count(*) FROM services"); got != 2 {
		t.Errorf("services after fixing staff.csv: got %d, want 2", got)
	}
	byFile := filesByName(res)
	for file, want := range map[string]string{"staff.csv": ChangeChanged, "services.csv": ChangeReloaded,
		"participants.csv": ChangeUnchanged, "timesheets.csv": ChangeReloaded} {
		if got := byFile[file].Change; got != want {
			t.Errorf("%s: got %s, want %s", file, got, want)
		}
	}
	out := filepath.Join(t.TempDir(), "rejects.csv")
	if err := WriteRejects(context.Background(), db, out); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(out); string(got) != "source,file,line,column,value,reason\n" {
		t.Errorf("rejects.csv after the fix: got %q, want the header alone", got)
	}
	if got := count(t, db, "SELECT count(*) FROM rejects"); got != 0 {
		t.Errorf("rejects in the database: got %d, want 0", got)
	}
}

// A staff-day a newer timesheet file replaces is replaced only when all
// of the file's entries for it load: otherwise the older entries stay and
// the newer file's other entries of that day are set aside, each reject
// saying so.
func TestUnitReplacedOnlyWhenAllItsRowsLoad(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff,
		"timesheets.csv": absent})
	a, b := filepath.Join(dir, "timesheets_a.csv"), filepath.Join(dir, "timesheets_b.csv")
	writeFile(t, a, []byte("staff_id,work_date,activity,minutes,billable\nS1,2024-03-04,direct_service,60,true\nS1,2024-03-05,direct_service,60,true\n"))
	writeFile(t, b, []byte("staff_id,work_date,activity,minutes,billable\nS1,2024-03-04,meeting,30,false\nS1,2024-03-04,sleeping,30,false\nS1,2024-03-05,meeting,15,false\n"))
	touch(t, a, time.Now().Add(-time.Hour))
	res := load(t, db, dir, Options{})
	var day4, day5 string
	db.QueryRow("SELECT string_agg(activity || '=' || minutes, ',') FROM timesheets WHERE work_date = '2024-03-04'").Scan(&day4)
	db.QueryRow("SELECT string_agg(activity || '=' || minutes, ',') FROM timesheets WHERE work_date = '2024-03-05'").Scan(&day5)
	if day4 != "direct_service=60" || day5 != "meeting=15" {
		t.Errorf("entries: got 4 March %q, 5 March %q; want direct_service=60 (kept) and meeting=15 (replaced)", day4, day5)
	}
	want := []string{
		"timesheets|2|staff_id|S1|set aside: another row of this file for this staff-day was rejected, so the rows loaded before for it stay",
		"timesheets|3|activity|sleeping|unknown activity; the rows loaded before for this staff-day stay",
	}
	if got := rejectLines(res.Rejects); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejects:\ngot  %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

// A newer file's rejected row of a key an older file loaded leaves the
// older row in place, and its reject says so.
func TestRejectedRowKeepsTheOlderRow(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff, "services.csv": absent})
	a, b := filepath.Join(dir, "services_a.csv"), filepath.Join(dir, "services_b.csv")
	writeFile(t, a, []byte(servicesCols+"V1,P1,S1,2024-03-01,30,true\n"))
	writeFile(t, b, []byte(servicesCols+"V1,P1,S1,2024-03-01,-5,true\nV2,P1,S1,2024-03-01,20,true\n"))
	touch(t, a, time.Now().Add(-time.Hour))
	res := load(t, db, dir, Options{})
	if got, want := minutesByService(t, db), "V1=30 services_a.csv,V2=20 services_b.csv"; got != want {
		t.Errorf("services: got %s, want %s", got, want)
	}
	want := "services|2|minutes|-5|not a number of minutes from 1 to 1440; the rows loaded before for this service_id stay"
	if got := strings.Join(rejectLines(res.Rejects), "\n"); got != want {
		t.Errorf("rejects:\ngot  %q\nwant %q", got, want)
	}
}

// Files of one source read by different profile sections (the EHR's staff
// list and the HR roster) are merged per key, a non-blank cell of the
// newer file winning; a person's spell with another key is kept, and is
// checked for overlaps with the newer file's spells.
func TestSectionsMergePerKey(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants,
		"staff.csv": "staff_id,role,program,hire_date,fte,hourly_wage\n" +
			"S1,peer_specialist,Bridge,2023-01-01,1,\nS2,supervisor,Bridge,2022-01-01,1,30\nS4,clinician,Bridge,2021-01-01,1,40\n"})
	roster := filepath.Join(dir, "employees.csv")
	writeFile(t, roster, []byte("staff_id,role,program,hire_date,fte,hourly_wage\n"+
		"S1,recovery_coach,Bridge,2023-01-01,,22.5\nS3,admin,Bridge,2024-01-01,0.5,18\nS4,clinician,Bridge,2021-06-01,1,41\n"))
	touch(t, filepath.Join(dir, "staff.csv"), time.Now().Add(-time.Hour))
	profile := filepath.Join(t.TempDir(), "p.toml")
	writeFile(t, profile, []byte("[[staff]]\nfiles = [\"employees*.csv\"]\n\n[[staff]]\n"))
	res := load(t, db, dir, Options{ProfilePath: profile})
	var got string
	db.QueryRow(`SELECT string_agg(concat_ws(' ', staff_id, role, hire_date, fte, hourly_wage, source_file), ', ' ORDER BY staff_id, hire_date)
		FROM staff`).Scan(&got)
	want := "S1 recovery_coach 2023-01-01 1.0 22.5000 employees.csv, S2 supervisor 2022-01-01 1.0 30.0000 staff.csv, " +
		"S3 admin 2024-01-01 0.5 18.0000 employees.csv, S4 clinician 2021-01-01 1.0 40.0000 staff.csv"
	if got != want {
		t.Errorf("staff:\ngot  %s\nwant %s", got, want)
	}
	wantRejects := "staff|4|hire_date|2021-06-01|overlaps another spell of this staff member; the rows loaded before for this staff member stay"
	if got := strings.Join(rejectLines(res.Rejects), "\n"); got != wantRejects {
		t.Errorf("rejects:\ngot  %q\nwant %q", got, wantRejects)
	}
	if f := filesByName(res)["employees.csv"]; f.RowsReplaced != 1 {
		t.Errorf("employees.csv replaced %d rows, want 1 (S1's spell, merged)", f.RowsReplaced)
	}
}
