package ingest

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// A service or entry of a person whose own row was rejected says so, with
// the same words whether that row's file was read in this run or in an
// earlier one that this run does not read again (the folder is the truth:
// the unchanged staff and participants files keep their rejects).
func TestCrossRejectAcrossRuns(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{
		"participants.csv": "participant_id,program,enrolled_on\nP1,Main,2024-01-01\nP2,Main,2024-02-30\n",
		"staff.csv":        "staff_id,role,program,hire_date\nS1,peer_specialist,Main,2024-01-01\nS2,wizard,Main,2024-01-01\n",
		"services.csv":     servicesCols + "V1,P1,S2,2024-03-01,30,true\n",
	})
	old := time.Now().Add(-time.Hour)
	for _, f := range []string{"participants.csv", "staff.csv", "services.csv", "timesheets.csv"} {
		touch(t, filepath.Join(dir, f), old)
	}
	staffReason := "staff S2's row in staff.csv (line 3) was rejected: unknown role"
	participantReason := "participant P2's row in participants.csv (line 3) was rejected: not a date (expected YYYY-MM-DD or M/D/YYYY)"
	first := load(t, db, dir, Options{})
	if got, want := sourceRejects(first, "services"), []string{"services.csv line 2, column staff_id: \"S2\": " + staffReason}; !slices.Equal(got, want) {
		t.Fatalf("first run:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}

	// The second run changes services.csv (derived again) and adds a
	// timesheet file; participants.csv and staff.csv are not read.
	writeFile(t, filepath.Join(dir, "services.csv"), []byte(servicesCols+
		"V1,P1,S2,2024-03-01,30,true\nV2,P2,S1,2024-03-01,30,true\nV3,P1,S1,2024-03-01,30,true\n"))
	writeFile(t, filepath.Join(dir, "timesheets_2024.csv"), []byte("staff_id,work_date,activity,minutes,billable\nS2,2024-03-01,direct_service,60,yes\n"))
	second := load(t, db, dir, Options{})
	for _, f := range []string{"participants.csv", "staff.csv"} {
		if got := filesByName(second)[f]; got.Change != ChangeUnchanged || !got.Skipped {
			t.Errorf("second run, %s: got %s (skipped %v), want unchanged and not read", f, got.Change, got.Skipped)
		}
	}
	want := []string{
		"services.csv line 2, column staff_id: \"S2\": " + staffReason,
		"services.csv line 3, column participant_id: \"P2\": " + participantReason,
		"timesheets_2024.csv line 2, column staff_id: \"S2\": " + staffReason,
	}
	got := append(sourceRejects(second, "services"), sourceRejects(second, "timesheets")...)
	if !slices.Equal(got, want) {
		t.Errorf("second run:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

// sourceRejects are a result's rejects of one source, as the run prints them.
func sourceRejects(res Result, source string) []string {
	var out []string
	for _, r := range res.Rejects {
		if r.Source == source {
			out = append(out, r.String())
		}
	}
	return out
}
