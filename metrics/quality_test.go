package metrics

import (
	"context"
	"testing"

	"github.com/peerstat/peerstat/config"
)

// The data-quality checks on workforceAgency (workforce_test.go).
func TestQualityWarnings(t *testing.T) {
	const (
		quarterHour   = "timesheet entries not in quarter-hour increments"
		billableLeave = "leave entries marked billable (counted as neither worked nor billable)"
		overbilled    = "staff-days where billable service minutes in the EHR exceed billable timesheet minutes by more than 15"
		noEmployment  = "services by staff with no employment spell covering the service date"
		noEnrollment  = "participant-days with services but no enrollment spell covering the day"
		longShifts    = "timesheet shifts over 16 hours (loaded)"
		sameEntries   = "timesheet entries without clock times identical to another entry of the same file (loaded: two entries can be real)"
		punchClock    = "punch-clock staff-days whose billable minutes were filled from the EHR's billable services"
	)
	tests := []struct {
		name  string
		payer string
		want  []Warning
	}{
		{"whole agency", "", []Warning{
			// A Jan 7 "other" 10 minutes.
			{quarterHour, 1},
			// B Jan 6 leave 480 billable.
			{billableLeave, 1},
			// B Jan 6 (16 over), A Jan 20 (16), C Feb 11 (30); B Feb 17 is 15.
			{overbilled, 3},
			// W04 and W05 (D on Jan 16, between D1 ending Jan 15 and D2
			// beginning Jan 18) and W07 (C on Feb 11, between C1 and C2).
			{noEmployment, 3},
			// P2 Jan 20 (before enrolling Feb 1) and Feb 10 (after discharge
			// Feb 5; two services, one participant-day).
			{noEnrollment, 2},
			// No entry over 960 minutes but B's 480-minute leave; no two
			// entries alike; no punch clock.
			{longShifts, 0},
			{sameEntries, 0},
			{punchClock, 0},
		}},
		// Plan A's packet: P1's services only. Staff checks stay agency-wide.
		{"one payer", "Plan A", []Warning{
			{quarterHour, 1},
			{billableLeave, 1},
			{overbilled, 3},
			{noEmployment, 3},
			{noEnrollment, 0},
			{longShifts, 0},
			{sameEntries, 0},
			{punchClock, 0},
		}},
	}
	db := openAgency(t, workforceAgency)
	cfg, err := config.Parse([]byte(workforceConfig))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Compute(context.Background(), db, cfg, Scope{Payer: tt.payer})
			if err != nil {
				t.Fatal(err)
			}
			got := res.Quality.Warnings
			if len(got) != len(tt.want) {
				t.Fatalf("got %d checks %v, want %d", len(got), got, len(tt.want))
			}
			for i := range tt.want {
				if got[i] != tt.want[i] {
					t.Errorf("check %d: got %q = %d, want %q = %d", i+1, got[i].Check, got[i].Count, tt.want[i].Check, tt.want[i].Count)
				}
			}
		})
	}
}

// Every billing, R-day and workforce metric has a row for every program and
// window, and every registered metric of those areas is produced.
func TestOperationsMetricsHaveEveryRow(t *testing.T) {
	db := openAgency(t, workforceAgency)
	res := compute(t, db, workforceConfig+"rday_daily_rate = 87.50\nrday_federal_share = 0.5\n")
	counts := map[string]int{}
	for _, r := range res.Rows {
		counts[r.Metric]++
	}
	for _, d := range Registry(res.Config) {
		if d.Area != "billing" && d.Area != "rdays" && d.Area != "workforce" {
			continue
		}
		t.Run(d.ID, func(t *testing.T) {
			// Programs Bridge, Clinic, ALL; windows: 3 months, 1 quarter, the period.
			if got := counts[d.ID]; got != 3*5 {
				t.Errorf("rows: got %d, want 15", got)
			}
			if d.Description == "" || d.Title == "" {
				t.Errorf("definition lacks a title or description")
			}
		})
	}
}

// Repeated timesheet entries are counted by their columns, whatever finds
// the candidates (quality__agency_checks sorts a hash of each entry): on
// workforceAgency (no two entries alike) plus
//   - three entries of A on Jan 8 alike in every column of t.csv (one with
//     clocked blank, which is not clocked): 2 beyond the first;
//   - the same entry in u.csv: another file, so no repeat of them;
//   - two entries of B on Jan 9 alike (12.5 miles): 1;
//   - a third with 12.75 miles: differs, so no repeat;
//   - two clocked entries alike: clock punches are not checked.
//
// 2 + 1 = 3.
func TestQualityRepeatedEntries(t *testing.T) {
	const sameEntries = "timesheet entries without clock times identical to another entry of the same file (loaded: two entries can be real)"
	data := append(agency{}, workforceAgency...)
	data = append(data, `INSERT INTO timesheets__base (staff_id, work_date, activity, minutes, billable, miles, source_file, source_line, clocked) VALUES
		('A', '2025-01-08', 'admin',  15, false, NULL,  't.csv', 20, false),
		('A', '2025-01-08', 'admin',  15, false, NULL,  't.csv', 21, false),
		('A', '2025-01-08', 'admin',  15, false, NULL,  't.csv', 22, NULL),
		('A', '2025-01-08', 'admin',  15, false, NULL,  'u.csv', 2,  false),
		('B', '2025-01-09', 'travel', 30, false, 12.5,  't.csv', 23, false),
		('B', '2025-01-09', 'travel', 30, false, 12.5,  't.csv', 24, false),
		('B', '2025-01-09', 'travel', 30, false, 12.75, 't.csv', 25, false),
		('D', '2025-01-10', 'admin',  30, false, NULL,  't.csv', 26, true),
		('D', '2025-01-10', 'admin',  30, false, NULL,  't.csv', 27, true)`)
	db := openAgency(t, data)
	cfg, err := config.Parse([]byte(workforceConfig))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compute(context.Background(), db, cfg, Scope{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Quality.Warnings {
		if w.Check == sameEntries {
			if w.Count != 3 {
				t.Errorf("repeated entries: got %d, want 3", w.Count)
			}
			return
		}
	}
	t.Errorf("no check %q in %v", sameEntries, res.Quality.Warnings)
}
