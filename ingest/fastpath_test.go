package ingest

import (
	"slices"
	"strings"
	"testing"

	"github.com/peerstat/peerstat/config"
)

// foldAbsent hands the value rules a NULL constant for a column the file
// lacks, and leaves alone every other use of the column (a problem that
// names it, a rule with more than one argument) and the columns the file
// has.
func TestFoldAbsent(t *testing.T) {
	block := "ps_ts(end_time) AS t_end, ps_ts(start_time) AS t_start, ps_time(end_time), ps_needs_tz(end_time), " +
		"ps_problem('end_time', end_time, 'x'), ps_line(line, rowid), ps_ts(end_time_2), end_time IS NULL, ps_ts(end_times)"
	got := foldAbsent(block, map[string]bool{"line": true, "end_time": true})
	want := "ps_ts(NULL::VARCHAR) AS t_end, ps_ts(start_time) AS t_start, ps_time(NULL::VARCHAR), ps_needs_tz(NULL::VARCHAR), " +
		"ps_problem('end_time', end_time, 'x'), ps_line(line, rowid), ps_ts(end_time_2), end_time IS NULL, ps_ts(end_times)"
	if got != want {
		t.Errorf("foldAbsent:\n got %s\nwant %s", got, want)
	}
	if got := foldAbsent(block, map[string]bool{"line": true}); got != block {
		t.Errorf("no absent column but line: the block changed to %s", got)
	}
	if got := foldAbsent(block, nil); got != block {
		t.Errorf("no absent column: the block changed to %s", got)
	}
}

// The checks take a listed activity or setting as it is written, without
// lower(), which gives the same only because every listed value is
// already lower case.
func TestListedValuesAreLowerCase(t *testing.T) {
	for _, list := range [][]string{config.Activities, config.Settings} {
		for _, v := range list {
			if v != strings.ToLower(v) {
				t.Errorf("%q is not lower case: the checks would store it unlowered", v)
			}
		}
	}
}

// A listed value written in another case loads lower-cased; one that is
// not listed in any case is rejected, quoted as the file writes it. Both
// files are read by SQL (plain CSV), the path the shortcut is on.
func TestListedValuesInAnyCase(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"participants.csv": agencyParticipants,
		"staff.csv":        agencyStaff,
		"timesheets.csv": "staff_id,work_date,activity,minutes,billable\n" +
			"S1,2024-03-04,direct_service,60,yes\n" +
			"S1,2024-03-05,Direct_Service,60,yes\n" +
			"S1,2024-03-06,TRAVEL,30,no\n" +
			"S1,2024-03-07,Sleeping,30,no\n" +
			"S1,2024-03-08,direct service,30,no\n",
		"encounters.csv": "encounter_id,participant_id,setting,admit_date\n" +
			"E1,P1,emergency,2024-03-04\n" +
			"E2,P1,Inpatient_Psych,2024-03-05\n" +
			"E3,P1,Ward,2024-03-06\n",
	})
	db := openTestDB(t)
	res := load(t, db, dir, Options{})
	want := []string{
		"encounters|4|setting|Ward|unknown setting",
		"timesheets|5|activity|Sleeping|unknown activity",
		"timesheets|6|activity|direct service|unknown activity",
	}
	got := rejectLines(res.Rejects)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("rejects:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	d := &testDB{t, db}
	d.equal("SELECT string_agg(activity, ' ' ORDER BY work_date) FROM timesheets", "direct_service direct_service travel")
	d.equal("SELECT string_agg(setting, ' ' ORDER BY admit_date) FROM encounters", "emergency inpatient_psych")
}

// The date rule's ISO shape (a GLOB) agrees with the pattern for every
// one-character change, insertion and deletion of ISO dates, and two of
// them in one: digits of other scripts, spaces, signs, other separators.
func TestDateNearMisses(t *testing.T) {
	chars := []string{"0", "1", "2", "9", " ", "+", "-", "/", ".", "T", "\t", "\n", "a", "٣", "０", "(", ")"}
	cells := nearMisses([]string{"2025-03-04", "2024-02-29", "2025-02-29", "0999-12-31", "1000-01-01", "9999-12-31", "0000-01-01",
		"2025-13-01", "2025-00-10", "3/4/2025", "03/04/25"},
		[]string{"2025-03-04", "0202-11-30"}, chars)
	agreeWithPattern(t, "date", cells)
}
