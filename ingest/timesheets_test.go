package ingest

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Timesheet rules (DATA.md timesheets): entry_id as the key, punches
// entered twice, overnight shifts up to 16 hours, blank punches named in
// the file's own columns, and a reject caused by a staff row's reject.
func TestTimesheetEntries(t *testing.T) {
	res, db := loadWithProfile(t, map[string]string{
		"staff.csv": "staff_id,role,program,hire_date\n" +
			"S1,peer_specialist,Main,2024-01-01\n" +
			"S1,peer_specialist,Main,2024-01-01\n" + // line 3: duplicate key
			"S2,peer_specialist,Main,someday\n", // line 4: S2 has no spell
		// Entry ids: a repeated id is the duplicate; identical punches
		// with different ids are two entries.
		"timesheets_a.csv": "staff_id,work_date,activity,clock_in,clock_out,billable,entry_id\n" +
			"S1,2024-03-04,other,09:00,17:00,no,T1\n" +
			"S1,2024-03-04,other,09:00,17:00,no,T2\n" +
			"S1,2024-03-05,other,08:00,12:00,no,T1\n",
		// No entry ids: the clock-time rule.
		"timesheets_b.csv": "staff_id,work_date,activity,clock_in,clock_out,billable\n" +
			"S1,2024-03-06,other,22:00,06:00,no\n" + // 8 h overnight: 480
			"S1,2024-03-06,other,22:00,06:00,no\n" + // punched twice
			"S1,2024-03-07,other,06:01:11,06:01:00,no\n" + // 11 s before: not a 24-hour shift
			"S1,2024-03-08,other,09:00,06:00,no\n" + // 21 h: a 12-hour-clock slip
			"S1,2024-03-09,other,09:00,,no\n" +
			"S1,2024-03-10,other,,17:00,no\n" +
			"S1,2024-03-11,other,06:00,23:00,no\n" + // 17 h the same day: loads
			"S1,2024-03-12,other,20:00,12:00,no\n" + // 16 h overnight: loads, 960
			"S2,2024-03-12,other,08:00,12:00,no\n", // S2's staff row was rejected
		// Minutes: identical entries load (two 4-hour lines can be real).
		"timesheets_c.csv": "staff_id,work_date,activity,minutes,billable\n" +
			"S1,2024-03-13,other,240,no\n" +
			"S1,2024-03-13,other,240,no\n",
	}, "[timesheets]\n")
	want := []string{
		"staff|3|staff_id|S1|duplicate key",
		"staff|4|hire_date|someday|not a date (expected YYYY-MM-DD or M/D/YYYY)",
		"timesheets|4|entry_id|T1|duplicate key",
		"timesheets|3|clock_in|22:00|duplicate entry",
		"timesheets|4|clock_out|06:01:00|clock_out before clock_in",
		"timesheets|5|clock_out|06:00|clock_out before clock_in",
		"timesheets|6|clock_out||clock_out is blank",
		"timesheets|7|clock_in||clock_in is blank",
		"timesheets|10|staff_id|S2|staff S2's row in staff.csv (line 4) was rejected: not a date (expected YYYY-MM-DD or M/D/YYYY)",
	}
	if got := rejectLines(res.Rejects); !slices.Equal(got, want) {
		t.Errorf("rejects:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	db.equal(`SELECT string_agg(work_date || ' ' || minutes || ' ' || coalesce(entry_id, '-') || ' ' || clocked, ', ' ORDER BY work_date, source_line) FROM timesheets`,
		"2024-03-04 480 T1 true, 2024-03-04 480 T2 true, 2024-03-06 480 - true, 2024-03-11 1020 - true, 2024-03-12 960 - true, "+
			"2024-03-13 240 - false, 2024-03-13 240 - false")
}

// A punch clock's file whose profile says billable = "unknown" loads with
// billable blank, for the EHR to fill.
func TestTimesheetBillableUnknown(t *testing.T) {
	res, db := loadWithProfile(t, map[string]string{
		"staff.csv":   "staff_id,role,program,hire_date\nS1,peer_specialist,Main,2024-01-01\n",
		"punches.csv": "Employee,Date,In,Out\nS1,3/4/2024,9:00 AM,1:30 PM\n",
	}, `
[timesheets]
files = ["punches*.csv"]
[timesheets.columns]
staff_id = "Employee"
work_date = "Date"
clock_in = { column = "In", format = "h:mm A" }
clock_out = { column = "Out", format = "h:mm A" }
activity = { value = "other" }
billable = "unknown"                # as DATA.md writes it; { value = "unknown" } is the same
`)
	if len(res.Rejects) > 0 {
		t.Fatalf("rejects: %v", res.Rejects)
	}
	db.equal("SELECT work_date || ' ' || minutes || ' ' || coalesce(CAST(billable AS VARCHAR), 'unknown') FROM timesheets", "2024-03-04 270 unknown")
}

// A newer timesheet file with a punch entered twice still replaces the
// staff-day: the duplicate is the export's slip, not a rejected entry of
// the day, so the older file's entries do not stay.
func TestDuplicatePunchStillReplacesTheDay(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"staff.csv":        "staff_id,role,program,hire_date\nS1,peer_specialist,Main,2024-01-01\n",
		"timesheets_a.csv": "staff_id,work_date,activity,clock_in,clock_out,billable\nS1,2024-03-06,other,22:00,06:00,no\n",
		"timesheets_b.csv": "staff_id,work_date,activity,clock_in,clock_out,billable\n" +
			"S1,2024-03-06,other,21:00,05:00,no\n" +
			"S1,2024-03-06,other,21:00,05:00,no\n",
	})
	touch(t, filepath.Join(dir, "timesheets_a.csv"), time.Now().Add(-time.Hour))
	db := openTestDB(t)
	res := load(t, db, dir, Options{})
	if got, want := strings.Join(rejectLines(res.Rejects), "\n"), "timesheets|3|clock_in|21:00|duplicate entry"; got != want {
		t.Errorf("rejects: got %q, want %q", got, want)
	}
	(&testDB{t, db}).equal("SELECT string_agg(work_date || ' ' || minutes || ' ' || source_file, ', ') FROM timesheets", "2024-03-06 480 timesheets_b.csv")
}
