// Package profiles_test loads the shipped mapping profiles' fixtures
// (testdata/) unedited, as an agency would, and checks the figures they
// give against counts worked out by hand.
package profiles_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/ingest"
	"github.com/peerstat/peerstat/metrics"
)

// agencyFolder is an agency's export folder: the HR roster and the punch
// clock's export exactly as in testdata, beside the EHR's participants
// and services.
//
// Services (the EHR) by staff-day, billable minutes:
//
//	10001 Nov 4: 60 + 45 = 105    10001 Nov 5: 600
//	10008 Nov 4: 90               10008 Nov 6: none (a 30-minute non-billable service)
func agencyFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"hr-roster/employees.csv", "punch-clock/attendance.csv"} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, filepath.Base(f)), string(data))
	}
	write(t, filepath.Join(dir, "participants.csv"), "participant_id,program,enrolled_on\nP1,Peer Services,2024-01-01\n")
	write(t, filepath.Join(dir, "services.csv"), "service_id,participant_id,staff_id,service_date,minutes,billable\n"+
		"V1,P1,10001,2024-11-04,60,true\n"+
		"V2,P1,10001,2024-11-04,45,true\n"+
		"V3,P1,10001,2024-11-05,600,true\n"+
		"V4,P1,10008,2024-11-04,90,true\n"+
		"V5,P1,10008,2024-11-06,30,false\n")
	return dir
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// bothProfiles is the two shipped profiles in one file, as an agency with
// both exports writes its peerstat-profile.toml.
func bothProfiles(t *testing.T) string {
	t.Helper()
	var text []string
	for _, p := range []string{"hr-roster.toml", "punch-clock.toml"} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text = append(text, string(data))
	}
	path := filepath.Join(t.TempDir(), "peerstat-profile.toml")
	write(t, path, strings.Join(text, "\n"))
	return path
}

func TestShippedProfilesLoadTheirFixtures(t *testing.T) {
	db, err := ingest.Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cfg, err := config.Parse([]byte("period_start = 2024-01-01\nperiod_end = 2024-12-31\ndata_through = 2025-03-31\n"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := ingest.Load(context.Background(), db, ingest.Options{DataDir: agencyFolder(t), ProfilePath: bothProfiles(t), Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	// The roster's titles leave some of the profile's patterns unused;
	// the run log names each, so a profile's author can see which.
	var unused []string
	for _, w := range res.Warnings {
		unused = append(unused, strings.TrimSuffix(strings.TrimPrefix(w, "employees.csv, column Position (role): the profile's map pattern "), " matched no value"))
	}
	wantUnused := []string{`"*Receptionist*" (admin)`, `"*Counselor*" (clinician)`, `"*Clinician*" (clinician)`,
		`"*Parent Partner*" (family_peer_specialist)`, `"*Peer Specialist*" (peer_specialist)`, `"*Supervisor*" (supervisor)`}
	if !slices.Equal(unused, wantUnused) {
		t.Errorf("warnings: got %q, want the unused patterns %q", res.Warnings, wantUnused)
	}
	counts := map[string][3]int64{}
	for _, f := range res.Files {
		counts[f.File] = [3]int64{f.RowsRead, f.RowsLoaded, f.RowsRejected}
	}
	for file, want := range map[string][3]int64{
		"employees.csv":  {12, 12, 0},
		"attendance.csv": {8, 5, 3},
	} {
		if counts[file] != want {
			t.Errorf("%s: got read/loaded/rejected %v, want %v", file, counts[file], want)
		}
	}
	// The punch clock's three rejects are the export's own slips.
	var rejects []string
	for _, r := range res.Rejects {
		rejects = append(rejects, r.String())
	}
	want := []string{
		`attendance.csv line 5, column Check In: "12:30:00": duplicate entry`,
		`attendance.csv line 7, column Check Out: "": clock_out is blank`,
		`attendance.csv line 9, column Check Out: "06:00:00": clock_out before clock_in`,
	}
	if !slices.Equal(rejects, want) {
		t.Errorf("rejects:\n got %s\nwant %s", strings.Join(rejects, "\n     "), strings.Join(want, "\n     "))
	}

	var roles string
	if err := db.QueryRow(`SELECT string_agg(staff_id || '=' || role || ' ' || coalesce(termination_type, '-') || ' ' || hourly_wage, ', ' ORDER BY staff_id) FROM staff`).Scan(&roles); err != nil {
		t.Fatal(err)
	}
	// Salary / 2080: 41600 -> 20, 43680 -> 21, 39520 -> 19, 45760 -> 22,
	// 72800 -> 35, 37440 -> 18, 62400 -> 30, 58240 -> 28, 93600 -> 45.
	wantRoles := "10001=peer_specialist - 20.0000, 10002=peer_specialist voluntary 21.0000, 10003=recovery_coach involuntary 19.0000, " +
		"10004=family_peer_specialist - 22.0000, 10005=supervisor - 35.0000, 10006=admin voluntary 18.0000, " +
		"10007=clinician - 30.0000, 10008=peer_specialist - 22.0000, 10009=peer_bridger voluntary 20.0000, " +
		"10010=other - 28.0000, 10011=supervisor - 45.0000, 10012=recovery_coach - 19.0000"
	if roles != wantRoles {
		t.Errorf("staff:\n got %s\nwant %s", roles, wantRoles)
	}

	out, err := metrics.Compute(context.Background(), db, cfg, metrics.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	figure := func(metric, grain, start string) metrics.Row {
		t.Helper()
		day, _ := time.Parse("2006-01-02", start)
		for _, r := range out.Rows {
			if r.Metric == metric && r.Program == "ALL" && r.Grain == grain && r.PeriodStart.Equal(day) {
				return r
			}
		}
		t.Fatalf("no %s %s %s row", metric, grain, start)
		return metrics.Row{}
	}
	// 2024 has 366 days. Employed staff-days: 10001, 10004, 10005, 10010
	// and 10011 all year (5 x 366 = 1830); 10002 Jan 1-Jun 30 182; 10003
	// Jan 1-Feb 28 59; 10006 Jan 1-Oct 15 289; 10007 Apr 1-Dec 31 275;
	// 10008 Jul 15-Dec 31 170; 10009 Feb 1-Mar 15 44; 10012 Sep 3-Dec 31
	// 120. Total 2969. Separations: 10002 (voluntary), 10003
	// (involuntary), 10006 and 10009 (voluntary): 4, 3 voluntary. Peer
	// spells (10001, 10002, 10003, 10004, 10008, 10009, 10012): 1307
	// staff-days, separations 10002, 10003, 10009.
	annualized := func(separations, staffDays float64) float64 {
		return separations / (staffDays / 366) * 365.25 / 366
	}
	// Hired in 2024 with 90 days passed by 2025-03-31: 10007, 10008,
	// 10009 and 10012; retained all but 10009 (gone after 43 days).
	// The punch clock's loaded shifts in November: 10001 Nov 4
	// 08:02:11-16:31:40 (509.48, 509 minutes), Nov 5 240 and 255 (16:45:20
	// less 12:30: 255.33); 10008 Nov 4 22:00-06:15 overnight 495, Nov 6
	// 510. Worked 509 + 495 + 495 + 510 = 2009. Billable, filled from the
	// EHR and capped at each day's worked minutes: 105 + min(600, 495) +
	// 90 + 0 = 690; 10001's Nov 5 (600 against 495 worked) is overbilled.
	for _, tt := range []struct {
		metric, grain, start string
		num, den, value      float64
	}{
		{"headcount_avg", "period", "2024-01-01", 2969, 366, 2969.0 / 366},
		{"turnover_rate", "period", "2024-01-01", 4, 2969.0 / 366, annualized(4, 2969)},
		{"voluntary_turnover_rate", "period", "2024-01-01", 3, 2969.0 / 366, annualized(3, 2969)},
		{"peer_turnover_rate", "period", "2024-01-01", 3, 1307.0 / 366, annualized(3, 1307)},
		{"retention_90d", "period", "2024-01-01", 3, 4, 0.75},
		{"billable_ratio", "month", "2024-11-01", 690, 2009, 690.0 / 2009},
		{"hours_per_billable_hour", "month", "2024-11-01", 2009, 690, 2009.0 / 690},
		{"nonbillable_share_other", "month", "2024-11-01", 2009 - 690, 2009, 1319.0 / 2009},
		{"overbilled_staff_days", "month", "2024-11-01", 1, math.NaN(), 1},
	} {
		r := figure(tt.metric, tt.grain, tt.start)
		check := func(what string, got *float64, want float64) {
			t.Helper()
			switch {
			case math.IsNaN(want):
				if got != nil {
					t.Errorf("%s %s: got %v, want blank", tt.metric, what, *got)
				}
			case got == nil:
				t.Errorf("%s %s: got blank, want %v", tt.metric, what, want)
			case math.Abs(*got-want) > 1e-9*math.Max(1, math.Abs(want)):
				t.Errorf("%s %s: got %v, want %v", tt.metric, what, *got, want)
			}
		}
		check("numerator", r.Numerator, tt.num)
		check("denominator", r.Denominator, tt.den)
		check("value", r.Value, tt.value)
	}
	if got := out.Quality.PunchClockDays(); got != 4 {
		t.Errorf("punch-clock staff-days filled from the EHR: got %d, want 4 (10001 Nov 4 and 5, 10008 Nov 4 and 6)", got)
	}
}
