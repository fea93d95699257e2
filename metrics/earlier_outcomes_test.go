package metrics

import (
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// An agency whose outcome and cost figures have an earlier period. The
// reporting period is February 2025 (a whole month) with compare_periods
// = 2, so the earlier periods are January 2025 and December 2024. Window
// W = 5 days: pre = [index − 5, index − 1], post = [index, index + 4];
// data_from 2024-11-01, data_through 2025-03-03.
//
// Services begin 2025-01-10, so services cover periods from 2025-01-01:
// December 2024 starts before the first service month and is not made
// (C0's cohort there, eligible by its windows, gives no rows).
//
// January cohort (each period has its own):
//
//	P1 A, first peer service 01-10 (50 min; 30 min on 01-13): pre
//	   01-05..01-09, post 01-10..01-14. ER 01-07 paid 100 (pre);
//	   outpatient twice on 01-12 (paid 20, and blank): one visit, post
//	   paid 20. Post-window peer minutes 80.
//	C1 A, enrolled 01-20 (comparison): pre 01-15..01-19, post
//	   01-20..01-24. ER 01-16 paid 80 (pre); ER 01-21 paid 30, outpatient
//	   01-22 blank, psych 01-23..01-25 paid 300 = 2 nights in the window
//	   (post).
//
// February cohort: P2 A, first peer service 02-10: psych 02-06..02-08
// paid 500 = 2 pre nights, ER 02-12 paid 50 (post). P3 B, first peer
// service 02-27: post ends 03-03 = data_through (eligible), no encounters.
// P4 B, first peer service 02-28: post ends 03-04 (not eligible). C2 B,
// enrolled 02-03: outpatient 01-30 paid 40 (pre).
//
// Timesheets: peer specialist S1 ($20/h) 600 minutes on 01-10 and 300 on
// 02-10.
var earlierOutcomeAgency = agency{
	`INSERT INTO participants VALUES
		('P1', 'A', '2025-01-01', NULL, 1980, 'Plan A', 'p.csv', 2),
		('P2', 'A', '2025-01-01', NULL, 1981, 'Plan A', 'p.csv', 3),
		('P3', 'B', '2025-01-01', NULL, 1982, 'Plan A', 'p.csv', 4),
		('P4', 'B', '2025-01-01', NULL, 1983, 'Plan A', 'p.csv', 5),
		('C0', 'A', '2024-12-26', NULL, 1984, 'Plan A', 'p.csv', 6),
		('C1', 'A', '2025-01-20', NULL, 1985, 'Plan A', 'p.csv', 7),
		('C2', 'B', '2025-02-03', NULL, 1986, 'Plan A', 'p.csv', 8)`,
	`INSERT INTO staff VALUES
		('S1', 'peer_specialist', 'A', '2024-01-01', NULL, NULL, 1.0, 20.00, 's.csv', 2)`,
	`INSERT INTO services__base VALUES
		('V1', 'P1', 'S1', '2025-01-10', 50, 'H0038', true, 'G1', '2025-01-10 10:00', 'v.csv', 2),
		('V2', 'P1', 'S1', '2025-01-13', 30, 'H0038', true, 'G1', '2025-01-13 10:00', 'v.csv', 3),
		('V3', 'P2', 'S1', '2025-02-10', 60, 'H0038', true, 'G1', '2025-02-10 10:00', 'v.csv', 4),
		('V4', 'P3', 'S1', '2025-02-27', 60, 'H0038', true, 'G1', '2025-02-27 10:00', 'v.csv', 5),
		('V5', 'P4', 'S1', '2025-02-28', 60, 'H0038', true, 'G1', '2025-02-28 10:00', 'v.csv', 6)`,
	`INSERT INTO encounters__base VALUES
		('X1',  'P1', 'emergency',       '2025-01-07', NULL,         NULL,  NULL,  100.00, 'e.csv', 2),
		('X2',  'P1', 'outpatient',      '2025-01-12', NULL,         NULL,  NULL,  20.00,  'e.csv', 3),
		('X3',  'P1', 'outpatient',      '2025-01-12', NULL,         NULL,  NULL,  NULL,   'e.csv', 4),
		('X4',  'C1', 'emergency',       '2025-01-16', NULL,         NULL,  NULL,  80.00,  'e.csv', 5),
		('X5',  'C1', 'emergency',       '2025-01-21', NULL,         NULL,  NULL,  30.00,  'e.csv', 6),
		('X6',  'C1', 'outpatient',      '2025-01-22', NULL,         NULL,  NULL,  NULL,   'e.csv', 7),
		('X7',  'C1', 'inpatient_psych', '2025-01-23', '2025-01-25', false, false, 300.00, 'e.csv', 8),
		('X8',  'P2', 'inpatient_psych', '2025-02-06', '2025-02-08', false, false, 500.00, 'e.csv', 9),
		('X9',  'P2', 'emergency',       '2025-02-12', NULL,         NULL,  NULL,  50.00,  'e.csv', 10),
		('X10', 'C2', 'outpatient',      '2025-01-30', NULL,         NULL,  NULL,  40.00,  'e.csv', 11),
		('X11', 'C0', 'emergency',       '2024-12-27', NULL,         NULL,  NULL,  70.00,  'e.csv', 12)`,
	`INSERT INTO timesheets__base (staff_id, work_date, activity, minutes, billable, miles, source_file, source_line) VALUES
		('S1', '2025-01-10', 'direct_service', 600, true, NULL, 't.csv', 2),
		('S1', '2025-02-10', 'direct_service', 300, true, NULL, 't.csv', 3)`,
}

const earlierOutcomeConfig = `period_start = 2025-02-01
period_end = 2025-02-28
compare_periods = 2
data_from = 2024-11-01
data_through = 2025-03-03
outcome_window_days = 5
bootstrap_reps = 50
min_cell = 0
inpatient_per_diem = 100.0
er_visit_cost = 10.0
program_cost = 999.0
`

func TestEarlierPeriodOutcomes(t *testing.T) {
	res := compute(t, openAgency(t, earlierOutcomeAgency), earlierOutcomeConfig)
	tests := []struct {
		name, metric, program, start string
		num, val                     *float64
	}{
		// January: peer {P1}, comparison {C1}, each of one person.
		{"Jan peers", "outcome_n_peer", "ALL", "2025-01-01", f(1), f(1)},
		{"Jan comparison", "outcome_n_comparison", "ALL", "2025-01-01", f(1), f(1)},
		{"Jan peers of A", "outcome_n_peer", "A", "2025-01-01", f(1), f(1)},
		{"Jan peers of B", "outcome_n_peer", "B", "2025-01-01", f(0), f(0)},
		// outpatient twice on 01-12 is one visit
		{"Jan outpatient post", "post_outpatient_visits_peer", "ALL", "2025-01-01", f(1), f(1)},
		{"Jan comparison bed days post", "post_bed_days_comparison", "ALL", "2025-01-01", f(2), f(2)},
		// (0 − 1) / 1
		{"Jan ER change", "er_visits_change_peer", "ALL", "2025-01-01", nil, f(-1)},
		// bed days (0 − 0) / 1 − (2 − 0) / 1 = −2
		{"Jan bed-day DiD", "bed_days_did", "ALL", "2025-01-01", nil, f(-2)},
		// ER (0 − 1) / 1 − (1 − 1) / 1 = −1
		{"Jan ER DiD", "er_visits_did", "ALL", "2025-01-01", nil, f(-1)},
		// outpatient (1 − 0) − (1 − 0) = 0
		{"Jan outpatient DiD", "outpatient_visits_did", "ALL", "2025-01-01", nil, f(0)},
		// paid: peer 100 -> 20 (the blank outpatient counts 0); comparison
		// 80 -> 30 + 0 + 300 = 330
		{"Jan paid pre", "pre_paid_peer", "ALL", "2025-01-01", nil, f(100)},
		{"Jan paid post", "post_paid_peer", "ALL", "2025-01-01", nil, f(20)},
		{"Jan paid change", "paid_change_peer", "ALL", "2025-01-01", nil, f(-0.8)},
		{"Jan paid inpatient, comparison", "post_paid_inpatient_comparison", "ALL", "2025-01-01", nil, f(300)},
		// (20 − 100) − (330 − 80) = −330
		{"Jan paid DiD", "paid_did", "ALL", "2025-01-01", nil, f(-330)},
		// cost: −DiD × 1 peer
		{"Jan avoided bed days", "avoided_bed_days", "ALL", "2025-01-01", nil, f(2)},
		{"Jan avoided ER", "avoided_er_visits", "ALL", "2025-01-01", nil, f(1)},
		// 2 × $100 + 1 × $10
		{"Jan gross", "gross_savings", "ALL", "2025-01-01", nil, f(210)},
		// timesheet-based, not program_cost (the reporting period's): January
		// wages 600 min / 60 × $20 = $200 over 80 peer service minutes =
		// $2.50 a minute × P1's 80 post-window minutes = $200
		{"Jan program cost", "program_cost", "ALL", "2025-01-01", nil, f(200)},
		{"Jan net", "net_savings", "ALL", "2025-01-01", nil, f(10)},
		{"Jan roi", "roi", "ALL", "2025-01-01", nil, f(0.05)},
		{"Jan paid savings", "paid_savings", "ALL", "2025-01-01", nil, f(330)},
		{"Jan paid net", "paid_net_savings", "ALL", "2025-01-01", nil, f(130)},

		// February: peer {P2, P3} (P4's post window runs past
		// data_through), comparison {C2}.
		{"Feb peers", "outcome_n_peer", "ALL", "2025-02-01", f(2), f(2)},
		{"Feb comparison", "outcome_n_comparison", "ALL", "2025-02-01", f(1), f(1)},
		// (0 − 2) / 2 − 0 = −1
		{"Feb bed-day DiD", "bed_days_did", "ALL", "2025-02-01", nil, f(-1)},
		// (1 − 0) / 2 − 0 = 0.5
		{"Feb ER DiD", "er_visits_did", "ALL", "2025-02-01", nil, f(0.5)},
		// (50 − 500) / 2 − (0 − 40) / 1 = −185
		{"Feb paid DiD", "paid_did", "ALL", "2025-02-01", nil, f(-185)},
		{"Feb program cost", "program_cost", "ALL", "2025-02-01", nil, f(999)},
		// 2 × 100 + (−1) × 10 − 999
		{"Feb net", "net_savings", "ALL", "2025-02-01", nil, f(190 - 999)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := find(t, res, tt.metric, tt.program, "period", tt.start)
			wantFigures(t, r, tt.num, nil, tt.val)
		})
	}

	// January's rows are the earlier period's: they end 01-31.
	if r := find(t, res, "paid_did", "ALL", "period", "2025-01-01"); r.PeriodEnd.Format("2006-01-02") != "2025-01-31" {
		t.Errorf("January's paid_did ends %s, want 2025-01-31", r.PeriodEnd.Format("2006-01-02"))
	}
	// Intervals have January rows too: the DiD of one peer and one
	// comparison member resamples to the point value every time.
	for _, id := range []string{"bed_days_did_ci_low", "bed_days_did_ci_high"} {
		wantFigures(t, find(t, res, id, "ALL", "period", "2025-01-01"), nil, nil, f(-2))
	}
	// The encounters counted in the outcome windows, for the share with a
	// blank paid_amount the methodology states: February P2 X8, X9 and C2
	// X10, none blank; January P1 X1, X2, X3 and C1 X4, X5, X6, X7, of
	// which X3 and X6 are blank (2 of 7). The reporting period first.
	wantBlank := []PaidBlank{
		{PeriodStart: day(2025, 2, 1), PeriodEnd: day(2025, 2, 28), Encounters: 3, Blank: 0, Follows: "paid_did"},
		{PeriodStart: day(2025, 1, 1), PeriodEnd: day(2025, 1, 31), Encounters: 7, Blank: 2, Follows: "paid_did"},
	}
	if len(res.PaidBlank) != len(wantBlank) {
		t.Fatalf("PaidBlank: got %+v, want %+v", res.PaidBlank, wantBlank)
	}
	for i, want := range wantBlank {
		if got := res.PaidBlank[i]; got != want {
			t.Errorf("PaidBlank[%d]: got %+v, want %+v", i, got, want)
		}
	}
	// December 2024 starts before the first service month: no outcome,
	// cost or interval row for it.
	for _, r := range res.Rows {
		if r.PeriodStart.Format("2006-01-02") == "2024-12-01" {
			t.Errorf("%s %s: a row for December 2024, before the first service month", r.Metric, r.Program)
		}
	}
}

// Where the timesheet-based cost cannot be computed for an earlier period
// (a peer-role entry without an hourly_wage in January), that period has
// no rows of the figures built on program cost; the figures from the DiD
// stay, and the reporting period keeps its configured program_cost.
func TestEarlierPeriodWithoutWages(t *testing.T) {
	rows := append(agency{}, earlierOutcomeAgency...)
	rows = append(rows,
		`INSERT INTO staff VALUES ('S2', 'peer_bridger', 'B', '2024-01-01', NULL, NULL, 1.0, NULL, 's.csv', 3)`,
		`INSERT INTO timesheets__base (staff_id, work_date, activity, minutes, billable, miles, source_file, source_line) VALUES ('S2', '2025-01-15', 'travel', 60, false, NULL, 't.csv', 4)`)
	res := compute(t, openAgency(t, rows), earlierOutcomeConfig)
	for _, id := range []string{"program_cost", "net_savings", "roi", "paid_net_savings"} {
		for _, r := range res.Rows {
			if r.Metric == id && r.PeriodStart.Format("2006-01-02") == "2025-01-01" {
				t.Errorf("%s has a January row, but January's program cost cannot be computed", id)
			}
		}
		find(t, res, id, "ALL", "period", "2025-02-01")
	}
	wantFigures(t, find(t, res, "gross_savings", "ALL", "period", "2025-01-01"), nil, nil, f(210))
	wantFigures(t, find(t, res, "paid_savings", "ALL", "period", "2025-01-01"), nil, nil, f(330))
}
