package metrics

import "testing"

// Outpatient visits and paid amounts before and after, with a 10-day
// window, data_from 2024-12-25, data_through 2025-03-20, program_cost 500.
//
// Peer-served (first peer service = index date):
//
//	Q1 Bridge, index 01-10: pre [12-31, 01-09], post [01-10, 01-19].
//	   Outpatient 01-02 twice (one visit; $100 + $50) and 01-05 (paid blank:
//	   a visit, $0): 2 pre visits, $150. Crisis residential 01-03..01-04
//	   $700 (pre). Psych 01-08..01-12 $3,000 is under way on the index
//	   date: in neither window. Outpatient 01-15 $80 and emergency 01-16
//	   $500 (post).
//	Q2 Clinic, index 02-10: pre [01-31, 02-09], post [02-10, 02-19].
//	   Detox 02-01..02-02 $400: inpatient class, since detox is in the
//	   default inpatient_settings. Outpatient 02-12 and 02-14, $60 each.
//
// Comparison (never peer-served; index = enrolled_on):
//
//	R1 Clinic from 01-20: outpatient 01-12 $100 (pre), 01-22 and 01-25
//	   $100 each (post).
//
// Peer: visits pre 2, post 1 + 2 = 3; paid pre 150 + 700 + 400 = 1,250,
// post 80 + 500 + 120 = 700. By class pre/post: inpatient 400/0, crisis
// 700/0, emergency 0/500, outpatient 150/200. Comparison: visits 1 -> 2,
// paid 100 -> 200 (outpatient).
var paidAgency = agency{
	`INSERT INTO participants VALUES
		('Q1', 'Bridge', '2024-06-01', NULL, 1980, 'Plan A', 'p.csv', 2),
		('Q2', 'Clinic', '2024-06-01', NULL, 1981, 'Plan A', 'p.csv', 3),
		('R1', 'Clinic', '2025-01-20', NULL, 1982, 'Plan A', 'p.csv', 4)`,
	`INSERT INTO staff VALUES
		('S1', 'peer_specialist', 'Bridge', '2024-01-01', NULL, NULL, 1.0, 20.00, 's.csv', 2),
		('S2', 'clinician',       'Clinic', '2024-01-01', NULL, NULL, 1.0, 40.00, 's.csv', 3)`,
	`INSERT INTO services__base VALUES
		('V1', 'Q1', 'S1', '2025-01-10', 60, 'H0038', true, 'G1', '2025-01-10 10:00', 'v.csv', 2),
		('V2', 'Q2', 'S1', '2025-02-10', 60, 'H0038', true, 'G1', '2025-02-10 10:00', 'v.csv', 3),
		('V3', 'R1', 'S2', '2025-01-21', 60, 'H2019', true, 'G1', '2025-01-21 10:00', 'v.csv', 4)`,
	`INSERT INTO encounters__base VALUES
		('E1',  'Q1', 'outpatient',         '2025-01-02', NULL,         NULL,  NULL,  100.00,  'e.csv', 2),
		('E2',  'Q1', 'outpatient',         '2025-01-02', NULL,         NULL,  NULL,  50.00,   'e.csv', 3),
		('E3',  'Q1', 'outpatient',         '2025-01-05', NULL,         NULL,  NULL,  NULL,    'e.csv', 4),
		('E4',  'Q1', 'crisis_residential', '2025-01-03', '2025-01-04', false, false, 700.00,  'e.csv', 5),
		('E5',  'Q1', 'inpatient_psych',    '2025-01-08', '2025-01-12', false, false, 3000.00, 'e.csv', 6),
		('E6',  'Q1', 'outpatient',         '2025-01-15', NULL,         NULL,  NULL,  80.00,   'e.csv', 7),
		('E7',  'Q1', 'emergency',          '2025-01-16', NULL,         NULL,  NULL,  500.00,  'e.csv', 8),
		('E8',  'Q2', 'detox',              '2025-02-01', '2025-02-02', false, false, 400.00,  'e.csv', 9),
		('E9',  'Q2', 'outpatient',         '2025-02-12', NULL,         NULL,  NULL,  60.00,   'e.csv', 10),
		('E10', 'Q2', 'outpatient',         '2025-02-14', NULL,         NULL,  NULL,  60.00,   'e.csv', 11),
		('E11', 'R1', 'outpatient',         '2025-01-12', NULL,         NULL,  NULL,  100.00,  'e.csv', 12),
		('E12', 'R1', 'outpatient',         '2025-01-22', NULL,         NULL,  NULL,  100.00,  'e.csv', 13),
		('E13', 'R1', 'outpatient',         '2025-01-25', NULL,         NULL,  NULL,  100.00,  'e.csv', 14)`,
}

const paidConfig = `period_start = 2025-01-01
period_end = 2025-03-31
data_from = 2024-12-25
data_through = 2025-03-20
outcome_window_days = 10
bootstrap_reps = 200
program_cost = 500
min_cell = 0`

func TestOutcomeOutpatientAndPaid(t *testing.T) {
	res := compute(t, openAgency(t, paidAgency), paidConfig)
	const p = "2025-01-01"
	tests := []hospitalCase{
		{"pre visits peer", "pre_outpatient_visits_peer", "ALL", "period", p, f(2), nil, f(2)},
		{"post visits peer", "post_outpatient_visits_peer", "ALL", "period", p, f(3), nil, f(3)},
		{"visits change peer", "outpatient_visits_change_peer", "ALL", "period", p, nil, nil, f(quotient(3-2, 2))},
		{"visits change comparison", "outpatient_visits_change_comparison", "ALL", "period", p, nil, nil, f(1)},
		// (3 − 2) / 2 − (2 − 1) / 1 = −0.5
		{"visits DiD", "outpatient_visits_did", "ALL", "period", p, nil, nil, f(quotient(3-2, 2) - 1)},
		// The ongoing psych stay's $3,000 is in neither window.
		{"pre paid peer", "pre_paid_peer", "ALL", "period", p, nil, nil, f(1250)},
		{"post paid peer", "post_paid_peer", "ALL", "period", p, nil, nil, f(700)},
		{"pre paid peer Bridge", "pre_paid_peer", "Bridge", "period", p, nil, nil, f(850)},
		{"paid change peer", "paid_change_peer", "ALL", "period", p, nil, nil, f(quotient(70000-125000, 125000))},
		{"paid change comparison", "paid_change_comparison", "ALL", "period", p, nil, nil, f(1)},
		// ((70,000 − 125,000) / 2 − (20,000 − 10,000) / 1) cents / 100 = −375
		{"paid DiD", "paid_did", "ALL", "period", p, nil, nil, f(-375)},
		{"pre paid inpatient (detox)", "pre_paid_inpatient_peer", "ALL", "period", p, nil, nil, f(400)},
		{"pre paid crisis", "pre_paid_crisis_peer", "ALL", "period", p, nil, nil, f(700)},
		{"post paid emergency", "post_paid_emergency_peer", "ALL", "period", p, nil, nil, f(500)},
		{"post paid outpatient", "post_paid_outpatient_peer", "ALL", "period", p, nil, nil, f(200)},
		{"pre paid outpatient comparison", "pre_paid_outpatient_comparison", "ALL", "period", p, nil, nil, f(100)},
		{"paid inpatient DiD", "paid_inpatient_did", "ALL", "period", p, nil, nil, f(-200)},
		{"paid crisis DiD", "paid_crisis_did", "ALL", "period", p, nil, nil, f(-350)},
		{"paid emergency DiD", "paid_emergency_did", "ALL", "period", p, nil, nil, f(250)},
		// ((20,000 − 15,000) / 2 − 10,000) / 100 = −75
		{"paid outpatient DiD", "paid_outpatient_did", "ALL", "period", p, nil, nil, f(-75)},
		// −(−375) × 2 peer members = 750; minus program_cost 500 = 250.
		{"paid savings", "paid_savings", "ALL", "period", p, nil, nil, f(750)},
		{"paid net savings", "paid_net_savings", "ALL", "period", p, nil, nil, f(250)},
	}
	checkHospitalCases(t, res, tests)
	for _, id := range []string{"paid_did", "outpatient_visits_did", "paid_change_peer"} {
		lo := find(t, res, id+"_ci_low", "ALL", "period", p)
		hi := find(t, res, id+"_ci_high", "ALL", "period", p)
		if lo.Value == nil || hi.Value == nil || *lo.Value > *hi.Value {
			t.Errorf("%s interval: got [%s, %s], want two bounds, low <= high", id, FormatNumber(lo.Value), FormatNumber(hi.Value))
		}
	}
}

// With no paid_amount anywhere, every paid metric and its interval is
// absent, while outpatient visits stay.
func TestOutcomePaidAbsentWithoutPaidAmounts(t *testing.T) {
	res := compute(t, openAgency(t, outcomeAgency), `period_start = 2025-01-01
period_end = 2025-03-31
data_from = 2024-12-25
data_through = 2025-03-20
outcome_window_days = 10
bootstrap_reps = 50
min_cell = 0`)
	has := map[string]bool{}
	for _, r := range res.Rows {
		has[r.Metric] = true
	}
	for _, id := range []string{"pre_paid_peer", "paid_change_peer", "paid_did", "paid_did_ci_low", "paid_inpatient_did", "pre_paid_crisis_comparison", "paid_savings", "paid_net_savings"} {
		if has[id] {
			t.Errorf("%s has rows, want none without paid amounts", id)
		}
	}
	if !has["pre_outpatient_visits_peer"] {
		t.Errorf("pre_outpatient_visits_peer: no rows, want them without paid amounts too")
	}
}
