package ingest

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeAt writes a file of the folder and sets its modification time.
func writeAt(t *testing.T, dir, name, content string, when time.Time) {
	t.Helper()
	path := filepath.Join(dir, name)
	writeFile(t, path, []byte(content))
	touch(t, path, when)
}

// rowsOf lists a query's rows, one text value each, joined with " | ".
func rowsOf(t *testing.T, db *sql.DB, query string) string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s.String)
	}
	return strings.Join(out, " | ")
}

// The EHR's encounters and the MCO's claims feed, read by two [[encounters]]
// sections, are merged per encounter_id: a non-blank cell of the newer file
// wins, a blank one keeps the older value. Between files of one section a
// newer file replaces the row whole, blanks included. A merged row whose
// admit_date the other export's discharge_date precedes is rejected, and
// the stored row stays. Removing the claims file brings back the EHR's
// values.
func TestSectionsMergeEncounters(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff})
	t0 := time.Date(2024, 4, 1, 9, 0, 0, 0, time.Local)
	head := "encounter_id,participant_id,setting,admit_date,discharge_date,involuntary,planned,paid_amount\n"
	writeAt(t, dir, "encounters.csv", head+
		"E1,P1,emergency,2024-03-01,,true,,\n"+
		"E2,P1,inpatient_psych,2024-03-02,2024-03-09,,false,\n"+
		"E3,P2,outpatient,2024-03-03,,,,80\n"+
		"E4,P2,inpatient_medical,2024-03-10,2024-03-12,,,\n", t0)
	writeAt(t, dir, "claims.csv", head+
		"E1,P1,emergency,2024-03-01,2024-03-01,,,350.00\n"+
		"E2,P1,inpatient_psych,2024-03-02,,,true,4200.50\n"+
		"E4,P2,inpatient_medical,2024-03-15,,,,900\n"+
		"E5,P2,detox,2024-03-20,2024-03-22,,,100\n", t0.Add(time.Hour))
	writeAt(t, dir, "encounters_b.csv", head+
		"E1,P1,emergency,2024-03-01,,false,,\n"+
		"E3,P2,outpatient,2024-03-04,,,,\n", t0.Add(2*time.Hour))
	profile := filepath.Join(t.TempDir(), "p.toml")
	writeFile(t, profile, []byte("[[encounters]]\nfiles = [\"claims*.csv\"]\n\n[[encounters]]\n"))
	res := load(t, db, dir, Options{ProfilePath: profile})

	const stored = `SELECT concat_ws(' ', encounter_id, admit_date, coalesce(CAST(discharge_date AS VARCHAR), '-'),
		coalesce(CAST(involuntary AS VARCHAR), '-'), coalesce(CAST(planned AS VARCHAR), '-'),
		coalesce(CAST(paid_amount AS VARCHAR), '-'), source_file) FROM encounters ORDER BY encounter_id`
	// E1: claims.csv took involuntary=true from encounters.csv (its cell
	// blank) and gave discharge 2024-03-01 and 350.00; encounters_b.csv,
	// of encounters.csv's section, then merges with claims.csv's row:
	// its involuntary=false wins, its blank discharge and paid keep
	// claims.csv's. E2: claims.csv's blank discharge keeps 2024-03-09, its
	// planned=true wins over false. E3: encounters_b.csv replaces
	// encounters.csv's row whole (same section): its blank paid_amount
	// does not keep 80. E4: claims.csv's row is rejected, encounters.csv's
	// stays. E5: only in claims.csv.
	want := "E1 2024-03-01 2024-03-01 false - 350.00 encounters_b.csv | " +
		"E2 2024-03-02 2024-03-09 - true 4200.50 claims.csv | " +
		"E3 2024-03-04 - - - - encounters_b.csv | " +
		"E4 2024-03-10 2024-03-12 - - - encounters.csv | " +
		"E5 2024-03-20 2024-03-22 - - 100.00 claims.csv"
	if got := rowsOf(t, db, stored); got != want {
		t.Errorf("encounters:\ngot  %s\nwant %s", got, want)
	}
	wantReject := "encounters|4|admit_date|2024-03-15|admitted after the discharge_date 2024-03-12 that encounters.csv line 5 gives this encounter, which this row would merge with; the rows loaded before for this encounter_id stay"
	if got := strings.Join(rejectLines(res.Rejects), "\n"); got != wantReject {
		t.Errorf("rejects:\ngot  %q\nwant %q", got, wantReject)
	}
	files := filesByName(res)
	for name, want := range map[string][4]int64{ // read, loaded, rejected, replaced
		"encounters.csv":   {4, 4, 0, 0},
		"claims.csv":       {4, 3, 1, 2}, // E1 and E2 of encounters.csv
		"encounters_b.csv": {2, 2, 0, 2}, // E1 of claims.csv, E3 of encounters.csv
	} {
		f := files[name]
		if got := [4]int64{f.RowsRead, f.RowsLoaded, f.RowsRejected, f.RowsReplaced}; got != want {
			t.Errorf("%s: read, loaded, rejected, replaced %v, want %v", name, got, want)
		}
	}

	// The folder is the truth: without claims.csv, encounters_b.csv
	// replaces encounters.csv's E1 whole and E2 is encounters.csv's again.
	if err := os.Remove(filepath.Join(dir, "claims.csv")); err != nil {
		t.Fatal(err)
	}
	res = load(t, db, dir, Options{ProfilePath: profile})
	want = "E1 2024-03-01 - false - - encounters_b.csv | " +
		"E2 2024-03-02 2024-03-09 - false - encounters.csv | " +
		"E3 2024-03-04 - - - - encounters_b.csv | " +
		"E4 2024-03-10 2024-03-12 - - - encounters.csv"
	if got := rowsOf(t, db, stored); got != want {
		t.Errorf("encounters after removing claims.csv:\ngot  %s\nwant %s", got, want)
	}
	if len(res.Rejects) != 0 {
		t.Errorf("rejects after removing claims.csv: got %v, want none", res.Rejects)
	}
}

// Services read by two sections merge per service_id the same way.
func TestSectionsMergeServices(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff})
	t0 := time.Date(2024, 4, 1, 9, 0, 0, 0, time.Local)
	head := "service_id,participant_id,staff_id,service_date,minutes,billable,service_code,goal_id,note_signed_at\n"
	writeAt(t, dir, "services.csv", head+
		"V1,P1,S1,2024-03-01,30,true,H0038,,2024-03-01T15:00\n"+
		"V2,P1,S1,2024-03-01,45,false,,G7,\n", t0)
	writeAt(t, dir, "notes.csv", head+
		"V1,P1,S1,2024-03-01,40,true,,G1,\n"+
		"V2,P2,S1,2024-03-02,45,true,H0038,,2024-03-02T10:00\n", t0.Add(time.Hour))
	profile := filepath.Join(t.TempDir(), "p.toml")
	writeFile(t, profile, []byte("[[services]]\nfiles = [\"notes*.csv\"]\n\n[[services]]\n"))
	res := load(t, db, dir, Options{ProfilePath: profile})
	// V1: notes.csv's minutes 40 and goal G1 win, its blank code and
	// signature keep H0038 and 15:00. V2: everything from notes.csv but
	// the goal G7 its blank cell keeps.
	want := "V1 P1 2024-03-01 40 true H0038 G1 2024-03-01 15:00:00 notes.csv | " +
		"V2 P2 2024-03-02 45 true H0038 G7 2024-03-02 10:00:00 notes.csv"
	if got := rowsOf(t, db, `SELECT concat_ws(' ', service_id, participant_id, service_date, minutes, billable,
		service_code, goal_id, note_signed_at, source_file) FROM services ORDER BY service_id`); got != want {
		t.Errorf("services:\ngot  %s\nwant %s", got, want)
	}
	if f := filesByName(res)["notes.csv"]; f.RowsReplaced != 2 || f.RowsLoaded != 2 {
		t.Errorf("notes.csv: %d loaded, %d replaced; want 2 and 2", f.RowsLoaded, f.RowsReplaced)
	}
}

// Survey responses read by two sections merge per response_id, item
// answers included: an item the newer row leaves blank (or whose column
// it lacks) keeps the older answer; an answer or N/A code of the newer row
// wins.
func TestSectionsMergeSurveys(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff})
	t0 := time.Date(2024, 4, 1, 9, 0, 0, 0, time.Local)
	writeAt(t, dir, "surveys.csv", "response_id,instrument,program,survey_date,participant_id,q1,q2,q3\n"+
		"R1,peer_experience,Bridge,2024-03-01,P1,4,5,\n"+
		"R2,peer_experience,Bridge,2024-03-01,,3,,2\n", t0)
	writeAt(t, dir, "kiosk.csv", "response_id,instrument,program,survey_date,participant_id,q2,q3\n"+
		"R1,peer_experience,Bridge,2024-03-01,,,3\n"+
		"R2,peer_experience,Bridge,2024-03-02,P2,1,0\n", t0.Add(time.Hour))
	profile := filepath.Join(t.TempDir(), "p.toml")
	writeFile(t, profile, []byte("[[surveys]]\nfiles = [\"kiosk*.csv\"]\n\n[[surveys]]\n"))
	load(t, db, dir, Options{ProfilePath: profile})
	// R1: participant P1 and q1=4, q2=5 from surveys.csv (blank or no
	// column in kiosk.csv), q3=3 from kiosk.csv. R2: P2 and 2024-03-02
	// from kiosk.csv, q1=3 from surveys.csv, q2=1 from kiosk.csv, q3 N/A
	// in kiosk.csv (0), so not answered: surveys.csv's 2 does not stay.
	want := "R1 P1 2024-03-01 kiosk.csv q1=4 q2=5 q3=3 | R2 P2 2024-03-02 kiosk.csv q1=3 q2=1"
	if got := rowsOf(t, db, `SELECT concat_ws(' ', s.response_id, participant_id, survey_date, source_file,
		(SELECT string_agg('q' || item || '=' || answer, ' ' ORDER BY item) FROM survey_answers a WHERE a.response_id = s.response_id))
		FROM surveys s ORDER BY response_id`); got != want {
		t.Errorf("surveys:\ngot  %s\nwant %s", got, want)
	}
}

// Timesheet entries of two sections (payroll and a time clock) merge per
// entry_id when both give one; an entry without one cannot be paired with
// the other export's, so the newer file's entries of a staff-day replace
// the other's entries of that day. Between files of one section the
// staff-day is replaced whole, as before. Removing the time clock's file
// brings back the payroll's days.
func TestSectionsMergeTimesheets(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff})
	t0 := time.Date(2024, 4, 1, 9, 0, 0, 0, time.Local)
	head := "staff_id,work_date,activity,minutes,billable,miles,entry_id\n"
	writeAt(t, dir, "timesheets.csv", head+
		"S1,2024-03-04,direct_service,60,true,5,T1\n"+
		"S1,2024-03-04,meeting,30,false,,T2\n"+
		"S1,2024-03-05,direct_service,120,true,,\n"+
		"S1,2024-03-06,training,60,false,,\n", t0)
	writeAt(t, dir, "punches.csv", head+
		"S1,2024-03-04,direct_service,90,true,,T1\n"+
		"S1,2024-03-05,admin,30,false,,\n", t0.Add(time.Hour))
	profile := filepath.Join(t.TempDir(), "p.toml")
	writeFile(t, profile, []byte("[[timesheets]]\nfiles = [\"punches*.csv\"]\n\n[[timesheets]]\n"))
	const stored = `SELECT concat_ws(' ', work_date, activity, minutes, coalesce(CAST(miles AS VARCHAR), '-'),
		coalesce(entry_id, '-'), source_file) FROM timesheets ORDER BY work_date, activity`
	res := load(t, db, dir, Options{ProfilePath: profile})
	// 4 March: T1 merged (punches.csv's 90 minutes, payroll's 5 miles), T2
	// of the payroll kept (another entry id). 5 March: punches.csv's entry
	// has no id, so it replaces the payroll's day. 6 March: untouched.
	want := "2024-03-04 direct_service 90 5.0 T1 punches.csv | 2024-03-04 meeting 30 - T2 timesheets.csv | " +
		"2024-03-05 admin 30 - - punches.csv | 2024-03-06 training 60 - - timesheets.csv"
	if got := rowsOf(t, db, stored); got != want {
		t.Errorf("timesheets:\ngot  %s\nwant %s", got, want)
	}
	if f := filesByName(res)["punches.csv"]; f.RowsReplaced != 2 {
		t.Errorf("punches.csv replaced %d rows, want 2 (T1 and 5 March)", f.RowsReplaced)
	}

	// A newer payroll file replaces the payroll's 4 March whole (T1 and
	// T2 of timesheets.csv), not the time clock's T1 (another entry id).
	writeAt(t, dir, "timesheets_b.csv", head+"S1,2024-03-04,meeting,45,false,,T2\n", t0.Add(2*time.Hour))
	res = load(t, db, dir, Options{ProfilePath: profile})
	want = "2024-03-04 direct_service 90 5.0 T1 punches.csv | 2024-03-04 meeting 45 - T2 timesheets_b.csv | " +
		"2024-03-05 admin 30 - - punches.csv | 2024-03-06 training 60 - - timesheets.csv"
	if got := rowsOf(t, db, stored); got != want {
		t.Errorf("timesheets after timesheets_b.csv:\ngot  %s\nwant %s", got, want)
	}

	if err := os.Remove(filepath.Join(dir, "punches.csv")); err != nil {
		t.Fatal(err)
	}
	load(t, db, dir, Options{ProfilePath: profile})
	want = "2024-03-04 meeting 45 - T2 timesheets_b.csv | 2024-03-05 direct_service 120 - - timesheets.csv | " +
		"2024-03-06 training 60 - - timesheets.csv"
	if got := rowsOf(t, db, stored); got != want {
		t.Errorf("timesheets after removing punches.csv:\ngot  %s\nwant %s", got, want)
	}
}

// A rebuild from empty orders files by their own times: while the
// database still has the earlier time it recorded for a touched export
// that shares keys with a later one, each run's log says that a rebuild
// would load it later, so its rows would win (a changed profile keeps the
// recorded times); the rebuild then does exactly that.
func TestRebuildFromEmptyOrderWarning(t *testing.T) {
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff, "services.csv": absent})
	t1 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.Local)
	t2 := time.Date(2025, 4, 1, 9, 0, 0, 0, time.Local)
	t3 := time.Date(2025, 5, 1, 9, 0, 0, 0, time.Local)
	writeAt(t, dir, "services_0.csv", servicesCols+"V9,P1,S1,2024-03-01,10,true\n", t1.Add(-time.Hour))
	writeAt(t, dir, "services_a.csv", servicesCols+"V1,P1,S1,2024-03-01,30,true\n", t1)
	writeAt(t, dir, "services_b.csv", servicesCols+"V1,P1,S1,2024-03-01,50,true\nV2,P1,S1,2024-03-01,20,true\n", t2)
	db := openTestDB(t)
	res := load(t, db, dir, Options{})
	if len(res.Warnings) != 0 {
		t.Errorf("first load: got warnings %q, want none (name and time order agree)", res.Warnings)
	}

	// A copy touches services_a.csv: the database orders it by the time
	// first recorded for its bytes, so services_b.csv still wins, and the
	// run log says what a rebuild would do.
	touch(t, filepath.Join(dir, "services_a.csv"), t3)
	res = load(t, db, dir, Options{})
	if got := minutesByService(t, db); got != "V1=50 services_b.csv,V2=20 services_b.csv,V9=10 services_0.csv" {
		t.Errorf("after the touch: got %s, want services_b.csv's rows", got)
	}
	want := "services_a.csv loads before services_b.csv because this database recorded an earlier modification time for its contents (2025-03-01 09:00:00) than the file has now (2025-05-01 09:00:00: a copy or unzip changed it); a rebuild from empty (a new or deleted database) orders files by their own times and would load it after services_b.csv, so where they share keys the rows of services_a.csv would win"
	if len(res.Warnings) != 1 || res.Warnings[0] != want {
		t.Errorf("warnings:\ngot  %q\nwant %q", res.Warnings, want)
	}

	// A changed profile rebuilds every source, but the database keeps the
	// times it recorded: the order, and the warning, stay. services_0.csv,
	// touched too, shares no key with services_b.csv: no warning for it.
	touch(t, filepath.Join(dir, "services_0.csv"), t3)
	profile := filepath.Join(t.TempDir(), "p.toml")
	writeFile(t, profile, []byte("[services]\n"))
	res = load(t, db, dir, Options{ProfilePath: profile})
	if f := filesByName(res)["services_a.csv"]; f.Change != ChangeReloaded {
		t.Errorf("after the profile changed: services_a.csv %s, want reloaded", f.Change)
	}
	if got := minutesByService(t, db); got != "V1=50 services_b.csv,V2=20 services_b.csv,V9=10 services_0.csv" {
		t.Errorf("after the profile changed: got %s, want services_b.csv's rows", got)
	}
	if len(res.Warnings) != 1 || res.Warnings[0] != want {
		t.Errorf("after the profile changed, warnings:\ngot  %q\nwant %q", res.Warnings, want)
	}

	// A new database has no recorded times: services_a.csv loads last and
	// its V1 wins, and the name-order warning says so.
	fresh := openTestDB(t)
	res = load(t, fresh, dir, Options{})
	if got := minutesByService(t, fresh); got != "V1=30 services_a.csv,V2=20 services_b.csv,V9=10 services_0.csv" {
		t.Errorf("rebuilt from empty: got %s, want V1 from services_a.csv", got)
	}
	want = "services_a.csv replaced 1 row of services_b.csv: it loads later because it was modified later (2025-05-01 09:00:00, against 2025-04-01 09:00:00), though its name sorts first; if services_b.csv is the newer export, save it again so its modification time is the later one"
	if len(res.Warnings) != 1 || res.Warnings[0] != want {
		t.Errorf("rebuilt from empty, warnings:\ngot  %q\nwant %q", res.Warnings, want)
	}
}

// Name order and time order disagreeing is worth a warning only for files
// that share keys: a later file whose name sorts first but replaces
// nothing loads without one.
func TestNameTimeOrderWarningNeedsSharedKeys(t *testing.T) {
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff, "services.csv": absent})
	writeAt(t, dir, "services_2025.csv", servicesCols+"V1,P1,S1,2025-11-03,30,true\n", time.Date(2025, 11, 2, 9, 0, 0, 0, time.Local))
	writeAt(t, dir, "services_2025-11.csv", servicesCols+"V2,P1,S1,2025-11-04,50,true\n", time.Date(2025, 12, 1, 10, 0, 0, 0, time.Local))
	res := load(t, openTestDB(t), dir, Options{})
	if !strings.Contains(res.Order, "services_2025.csv, services_2025-11.csv") {
		t.Errorf("order: got %q, want services_2025.csv first (modified first)", res.Order)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: got %q, want none (the files share no service_id)", res.Warnings)
	}
}

// Assessments of two sections merge per assessment_id; a row that names
// no instrument (and so answers no item) keeps the other export's
// instrument and answers, and one of the same instrument keeps the answers
// of the items it leaves blank.
func TestSectionsMergeAssessments(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff})
	t0 := time.Date(2024, 4, 1, 9, 0, 0, 0, time.Local)
	head := "assessment_id,participant_id,assessment_date,kind,housing,employment,instrument,q1,q2\n"
	writeAt(t, dir, "assessments.csv", head+
		"A1,P1,2024-03-01,intake,shelter,,barc10,4,5\n"+
		"A2,P1,2024-03-05,followup,,unemployed_looking,barc10,3,3\n", t0)
	writeAt(t, dir, "gpra.csv", head+
		"A1,P1,2024-03-01,intake,,full_time,,,\n"+
		"A2,P1,2024-03-05,followup,transitional,,barc10,,6\n", t0.Add(time.Hour))
	profile := filepath.Join(t.TempDir(), "p.toml")
	writeFile(t, profile, []byte("[[assessments]]\nfiles = [\"gpra*.csv\"]\n\n[[assessments]]\n"))
	load(t, db, dir, Options{ProfilePath: profile})
	// A1: housing shelter, barc10 and its answers 4 and 5 from
	// assessments.csv, employment full_time from gpra.csv. A2: housing
	// transitional and q2=6 from gpra.csv, employment and q1=3 kept.
	want := "A1 shelter full_time barc10 gpra.csv q1=4 q2=5 | A2 transitional unemployed_looking barc10 gpra.csv q1=3 q2=6"
	if got := rowsOf(t, db, `SELECT concat_ws(' ', s.assessment_id, housing, employment, instrument, source_file,
		(SELECT string_agg('q' || item || '=' || answer, ' ' ORDER BY item) FROM assessment_answers a WHERE a.assessment_id = s.assessment_id))
		FROM assessments s ORDER BY assessment_id`); got != want {
		t.Errorf("assessments:\ngot  %s\nwant %s", got, want)
	}
}

// When modification times come to order two files that share keys the
// other way round from the last load (a file's time moved back), the
// source is loaded again in the new order and the run log says which file
// now wins.
func TestOrderChangedFromLastLoadWarning(t *testing.T) {
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff, "services.csv": absent})
	t1 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.Local)
	t2 := time.Date(2025, 4, 1, 9, 0, 0, 0, time.Local)
	writeAt(t, dir, "services_b.csv", servicesCols+"V1,P1,S1,2024-03-01,30,true\n", t1)
	writeAt(t, dir, "services_a.csv", servicesCols+"V1,P1,S1,2024-03-01,50,true\n", t2)
	db := openTestDB(t)
	load(t, db, dir, Options{})
	touch(t, filepath.Join(dir, "services_a.csv"), t1.Add(-time.Hour))
	res := load(t, db, dir, Options{})
	if got := minutesByService(t, db); got != "V1=30 services_b.csv" {
		t.Errorf("after moving services_a.csv back: got %s, want services_b.csv's V1", got)
	}
	// Names sort services_a.csv first, as it now loads: the name-order
	// warning has nothing to say, this one does.
	want := "services_b.csv now loads after services_a.csv, the other way round from the last load, as their modification times now order them (2025-03-01 09:00:00, against 2025-03-01 08:00:00), so it replaced 1 row of services_a.csv"
	if len(res.Warnings) != 1 || res.Warnings[0] != want {
		t.Errorf("warnings:\ngot  %q\nwant %q", res.Warnings, want)
	}
}
