package metrics

import "testing"

// punchClockAgency: one peer specialist, P, whose timesheets come from a
// punch clock (billable unknown, NULL), and the EHR's services.
//
//	Jan 6: punches of 300 and 180 minutes (480 worked); billable services
//	  120 + 60 = 180 minutes (a 30-minute non-billable one does not count):
//	  filled 180 (below 480), shared 300/480 and 180/480: 112.5 and 67.5.
//	Jan 7: a 60-minute punch; billable services 90: filled 60 (capped at
//	  the worked minutes); the EHR's 90 exceed the day's 60 worked by 30,
//	  so the day is overbilled.
//	Jan 8: a 120-minute punch, no services: filled 0.
//	Jan 9: a 60-minute leave punch: neither worked nor billable; no work
//	  to fill.
//
// January: worked 480 + 60 + 120 = 660, billable 180 + 60 + 0 = 240,
// non-billable (all "other") 660 - 240 = 420; 3 staff-days filled.
var punchClockAgency = agency{
	`INSERT INTO participants VALUES ('P1', 'Main', '2024-01-01', NULL, 1980, NULL, 'p.csv', 2)`,
	`INSERT INTO staff VALUES ('P', 'peer_specialist', 'Main', '2024-01-01', NULL, NULL, 1.0, 20.00, 's.csv', 2)`,
	`INSERT INTO timesheets__base (staff_id, work_date, activity, minutes, billable, miles, source_file, source_line, entry_id, clocked) VALUES
		('P', '2025-01-06', 'other', 300, NULL, NULL, 'punches.csv', 2, NULL, true),
		('P', '2025-01-06', 'other', 180, NULL, NULL, 'punches.csv', 3, NULL, true),
		('P', '2025-01-07', 'other', 60,  NULL, NULL, 'punches.csv', 4, NULL, true),
		('P', '2025-01-08', 'other', 120, NULL, NULL, 'punches.csv', 5, NULL, true),
		('P', '2025-01-09', 'leave', 60,  NULL, NULL, 'punches.csv', 6, NULL, true)`,
	`INSERT INTO services__base VALUES
		('S1', 'P1', 'P', '2025-01-06', 120, 'H0038', true,  NULL, NULL, 'v.csv', 2),
		('S2', 'P1', 'P', '2025-01-06', 60,  'H0038', true,  NULL, NULL, 'v.csv', 3),
		('S3', 'P1', 'P', '2025-01-06', 30,  'H0038', false, NULL, NULL, 'v.csv', 4),
		('S4', 'P1', 'P', '2025-01-07', 90,  'H0038', true,  NULL, NULL, 'v.csv', 5)`,
}

func TestPunchClockBillableFromEHR(t *testing.T) {
	db := openAgency(t, punchClockAgency)
	res := compute(t, db, "period_start = 2025-01-01\nperiod_end = 2025-01-31\ndata_through = 2025-01-31\n")
	for _, tt := range []struct {
		name, metric string
		num, den     float64
		val          *float64
	}{
		{"billable ratio", "billable_ratio", 240, 660, f(240.0 / 660)},
		{"hours per billable hour", "hours_per_billable_hour", 660, 240, f(660.0 / 240)},
		// The rest of the worked minutes are the rows' activity's
		// non-billable minutes, so billable_ratio and the shares add up to 1.
		{"non-billable other", "nonbillable_share_other", 420, 660, f(420.0 / 660)},
		{"non-billable direct service", "nonbillable_share_direct_service", 0, 660, f(0)},
		// Jan 7 only: the EHR's 90 billable minutes exceed the 60 worked.
		{"overbilled", "overbilled_staff_days", 1, 0, f(1)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			den := f(tt.den)
			if tt.metric == "overbilled_staff_days" {
				den = nil
			}
			wantFigures(t, find(t, res, tt.metric, "ALL", "month", "2025-01-01"), f(tt.num), den, tt.val)
		})
	}
	want := Warning{"punch-clock staff-days whose billable minutes were filled from the EHR's billable services", 3}
	found := false
	for _, w := range res.Quality.Warnings {
		if w.Check == want.Check {
			found = true
			if w != want {
				t.Errorf("got %v, want %v", w, want)
			}
		}
		if w.Check == "timesheet entries not in quarter-hour increments" && w.Count != 0 {
			t.Errorf("punches are not checked for quarter hours: got %d", w.Count)
		}
	}
	if !found {
		t.Errorf("no warning %q in %v", want.Check, res.Quality.Warnings)
	}
}
