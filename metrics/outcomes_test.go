package metrics

import (
	"context"
	"fmt"
	"testing"

	"github.com/peerstat/peerstat/config"
)

// An agency for the before/after comparison, with a 10-day window,
// data_from 2024-12-25 and data_through 2025-03-20, period January-March
// 2025. Pre window = [index − 10, index − 1], post = [index, index + 9].
//
// Peer-served (first peer service by S1 = index date):
//
//	A1 Bridge, index 01-04 (01-04 − 10 = 12-25 = data_from: eligible).
//	   Psych 12-26..12-29 = 3 pre nights; ER 01-01 (pre), ER 01-10 (post).
//	   Peer minutes in the post window (01-04..01-13): 60 + 30 = 90.
//	A2 Bridge, index 02-10. Detox 02-01..02-03 = 2 pre nights; psych
//	   02-08..02-12 is under way on the index date: its nights count in
//	   neither window; ER 02-07 is the day before that admission (not a
//	   visit); medical 02-15..02-18 = 3 post nights. Post minutes 60 (the
//	   02-25 service is after the post window, which ends 02-19).
//	A3 Clinic, index 01-03: 01-03 − 10 = 12-24 < data_from, not eligible.
//	A4 Clinic, index 03-11 (03-11 + 9 = 03-20 = data_through: eligible).
//	   ER 03-05, 03-06 (pre); ER 03-16 is the day before an admission;
//	   psych open since 03-17 = 4 post nights (03-17..03-20). Post minutes 30.
//	A5 Clinic, index 03-12: 03-21 > data_through, not eligible.
//
// Comparison (never peer-served; index = first enrolled_on):
//
//	C1 Clinic, index 01-20. Medical 01-12..01-14 = 2 pre nights; ER 01-25 (post).
//	C2 Bridge 02-01..02-20 then Clinic from 03-01, index 02-01 (first spell).
//	   ER 01-25, 01-26 (pre, before enrollment: encounters count regardless);
//	   psych 02-03..02-06 = 3 post nights.
//	C3 Clinic, index 2024-11-01: before the period, not in the cohort.
//
// Per person (pre bed, post bed, pre any, post any, pre ER, post ER):
//
//	A1 3 0 1 0 1 1 | A2 2 3 1 1 0 0 | A4 0 4 0 1 2 0
//	C1 2 0 1 0 0 1 | C2 0 3 0 1 2 0
var outcomeAgency = agency{
	`INSERT INTO participants VALUES
		('A1', 'Bridge', '2024-06-01', NULL,         1980, 'Plan A', 'p.csv', 2),
		('A2', 'Bridge', '2024-06-01', NULL,         1981, 'Plan A', 'p.csv', 3),
		('A3', 'Clinic', '2024-06-01', NULL,         1982, 'Plan A', 'p.csv', 4),
		('A4', 'Clinic', '2024-06-01', NULL,         1983, 'Plan A', 'p.csv', 5),
		('A5', 'Clinic', '2024-06-01', NULL,         1984, 'Plan A', 'p.csv', 6),
		('C1', 'Clinic', '2025-01-20', NULL,         1985, 'Plan A', 'p.csv', 7),
		('C2', 'Bridge', '2025-02-01', '2025-02-20', 1986, 'Plan A', 'p.csv', 8),
		('C2', 'Clinic', '2025-03-01', NULL,         1986, 'Plan A', 'p.csv', 9),
		('C3', 'Clinic', '2024-11-01', NULL,         1987, 'Plan A', 'p.csv', 10)`,
	`INSERT INTO staff VALUES
		('S1', 'peer_specialist', 'Bridge', '2024-01-01', NULL, NULL, 1.0, 20.00, 's.csv', 2),
		('S2', 'clinician',       'Clinic', '2024-01-01', NULL, NULL, 1.0, 40.00, 's.csv', 3)`,
	`INSERT INTO services__base VALUES
		('V1',  'A1', 'S1', '2025-01-04', 60, 'H0038', true, 'G1', '2025-01-04 10:00', 'v.csv', 2),
		('V2',  'A1', 'S1', '2025-01-08', 30, 'H0038', true, 'G1', '2025-01-08 10:00', 'v.csv', 3),
		('V3',  'A2', 'S1', '2025-02-10', 60, 'H0038', true, 'G1', '2025-02-10 10:00', 'v.csv', 4),
		('V4',  'A2', 'S1', '2025-02-25', 40, 'H0038', true, 'G1', '2025-02-25 10:00', 'v.csv', 5),
		('V5',  'A3', 'S1', '2025-01-03', 50, 'H0038', true, 'G1', '2025-01-03 10:00', 'v.csv', 6),
		('V6',  'A4', 'S1', '2025-03-11', 30, 'H0038', true, 'G1', '2025-03-11 10:00', 'v.csv', 7),
		('V7',  'A5', 'S1', '2025-03-12', 50, 'H0038', true, 'G1', '2025-03-12 10:00', 'v.csv', 8),
		('V8',  'C1', 'S2', '2025-01-22', 45, 'H2019', true, 'G1', '2025-01-22 10:00', 'v.csv', 9),
		('V9',  'C2', 'S2', '2025-02-02', 45, 'H2019', true, 'G1', '2025-02-02 10:00', 'v.csv', 10),
		('V10', 'A1', 'S2', '2024-12-20', 45, 'H2019', true, 'G1', '2024-12-20 10:00', 'v.csv', 11)`,
	`INSERT INTO encounters__base VALUES
		('X1',  'A1', 'inpatient_psych',   '2024-12-26', '2024-12-29', false, false, NULL, 'e.csv', 2),
		('X2',  'A1', 'emergency',         '2025-01-01', NULL,         NULL,  NULL,  NULL, 'e.csv', 3),
		('X3',  'A1', 'emergency',         '2025-01-10', NULL,         NULL,  NULL,  NULL, 'e.csv', 4),
		('X4',  'A2', 'detox',             '2025-02-01', '2025-02-03', false, false, NULL, 'e.csv', 5),
		('X5',  'A2', 'emergency',         '2025-02-07', NULL,         NULL,  NULL,  NULL, 'e.csv', 6),
		('X6',  'A2', 'inpatient_psych',   '2025-02-08', '2025-02-12', false, false, NULL, 'e.csv', 7),
		('X7',  'A2', 'inpatient_medical', '2025-02-15', '2025-02-18', false, false, NULL, 'e.csv', 8),
		('X8',  'A3', 'inpatient_psych',   '2025-01-05', '2025-01-07', false, false, NULL, 'e.csv', 9),
		('X9',  'A4', 'emergency',         '2025-03-05', NULL,         NULL,  NULL,  NULL, 'e.csv', 10),
		('X10', 'A4', 'emergency',         '2025-03-06', NULL,         NULL,  NULL,  NULL, 'e.csv', 11),
		('X11', 'A4', 'emergency',         '2025-03-16', NULL,         NULL,  NULL,  NULL, 'e.csv', 12),
		('X12', 'A4', 'inpatient_psych',   '2025-03-17', NULL,         false, false, NULL, 'e.csv', 13),
		('X13', 'A5', 'inpatient_medical', '2025-03-13', '2025-03-15', false, false, NULL, 'e.csv', 14),
		('X14', 'C1', 'inpatient_medical', '2025-01-12', '2025-01-14', false, false, NULL, 'e.csv', 15),
		('X15', 'C1', 'emergency',         '2025-01-25', NULL,         NULL,  NULL,  NULL, 'e.csv', 16),
		('X16', 'C2', 'inpatient_psych',   '2025-02-03', '2025-02-06', false, false, NULL, 'e.csv', 17),
		('X17', 'C2', 'emergency',         '2025-01-25', NULL,         NULL,  NULL,  NULL, 'e.csv', 18),
		('X18', 'C2', 'emergency',         '2025-01-26', NULL,         NULL,  NULL,  NULL, 'e.csv', 19),
		('X19', 'C3', 'emergency',         '2025-01-05', NULL,         NULL,  NULL,  NULL, 'e.csv', 20)`,
}

const outcomeConfig = `period_start = 2025-01-01
period_end = 2025-03-31
data_from = 2024-12-25
data_through = 2025-03-20
outcome_window_days = 10
bootstrap_reps = 200
`

// outcomeCase is the expected value of a value-only or total outcome row.
type outcomeCase struct {
	metric, program string
	num, val        *float64
}

func TestOutcomeMetrics(t *testing.T) {
	res := compute(t, openAgency(t, outcomeAgency), outcomeConfig+"min_cell = 0\n")
	// Peer ALL (A1, A2, A4): n 3; bed days pre 3+2+0 = 5, post 0+3+4 = 7;
	// any inpatient pre 2 (A1, A2), post 2 (A2, A4); ER pre 1+0+2 = 3, post 1.
	// Bridge (A1, A2): bed 5 -> 3, any 2 -> 1, ER 1 -> 1.
	// Clinic (A4): bed 0 -> 4 and any 0 -> 1 (pre 0: blank), ER 2 -> 0.
	// Comparison (C1, C2): n 2; bed 2 -> 3, any 1 -> 1, ER 2 -> 1.
	// DiD bed days: (7 − 5) / 3 − (3 − 2) / 2 = 2/3 − 1/2 ≈ 0.1667.
	// DiD ER: (1 − 3) / 3 − (1 − 2) / 2 = −2/3 + 1/2 ≈ −0.1667.
	tests := []outcomeCase{
		{"outcome_n_peer", "ALL", f(3), f(3)},
		{"outcome_n_peer", "Bridge", f(2), f(2)},
		{"outcome_n_peer", "Clinic", f(1), f(1)},
		{"outcome_n_comparison", "ALL", f(2), f(2)},
		{"pre_bed_days_peer", "ALL", f(5), f(5)},
		{"post_bed_days_peer", "ALL", f(7), f(7)},
		{"pre_bed_days_peer", "Clinic", f(0), f(0)},
		{"post_bed_days_peer", "Clinic", f(4), f(4)},
		{"pre_bed_days_comparison", "ALL", f(2), f(2)},
		{"post_bed_days_comparison", "ALL", f(3), f(3)},
		{"bed_days_change_peer", "ALL", nil, f(0.4)},          // (7 − 5) / 5
		{"bed_days_change_peer", "Bridge", nil, f(-0.4)},      // (3 − 5) / 5
		{"bed_days_change_peer", "Clinic", nil, nil},          // pre 0: blank
		{"any_inpatient_change_peer", "ALL", nil, f(0)},       // (2 − 2) / 2
		{"any_inpatient_change_peer", "Bridge", nil, f(-0.5)}, // (1 − 2) / 2
		{"any_inpatient_change_peer", "Clinic", nil, nil},     // pre 0
		{"er_visits_change_peer", "ALL", nil, f(quotient(-2, 3))},
		{"er_visits_change_peer", "Bridge", nil, f(0)},        // (1 − 1) / 1
		{"er_visits_change_peer", "Clinic", nil, f(-1)},       // (0 − 2) / 2
		{"bed_days_change_comparison", "ALL", nil, f(0.5)},    // (3 − 2) / 2
		{"any_inpatient_change_comparison", "ALL", nil, f(0)}, // (1 − 1) / 1
		{"er_visits_change_comparison", "ALL", nil, f(-0.5)},  // (1 − 2) / 2
		{"bed_days_did", "ALL", nil, f(quotient(2, 3) - quotient(1, 2))},
		{"er_visits_did", "ALL", nil, f(quotient(-2, 3) - quotient(-1, 2))},
	}
	for _, tt := range tests {
		t.Run(tt.metric+" "+tt.program, func(t *testing.T) {
			wantFigures(t, find(t, res, tt.metric, tt.program, "period", "2025-01-01"), tt.num, nil, tt.val)
		})
	}

	t.Run("ALL only for comparison and DiD", func(t *testing.T) {
		for _, r := range res.Rows {
			if (r.Metric == "outcome_n_comparison" || r.Metric == "bed_days_did" || r.Metric == "er_visits_did_ci_low") && r.Program != AllPrograms {
				t.Errorf("%s has a row for program %s, want ALL only", r.Metric, r.Program)
			}
		}
	})

	t.Run("group_min", func(t *testing.T) {
		// ALL: min(3 peers, 2 comparison) = 2; Clinic peers: min(1, 2) = 1.
		for _, c := range []struct {
			metric, program string
			want            int64
		}{
			{"bed_days_did", "ALL", 2}, {"bed_days_did_ci_high", "ALL", 2},
			{"outcome_n_peer", "Bridge", 2}, {"er_visits_change_peer_ci_low", "Clinic", 1},
			{"pre_bed_days_comparison", "ALL", 2},
		} {
			if got := find(t, res, c.metric, c.program, "period", "2025-01-01").GroupMin; got != c.want {
				t.Errorf("%s %s group_min: got %d, want %d", c.metric, c.program, got, c.want)
			}
		}
	})

	t.Run("intervals", func(t *testing.T) {
		// Clinic's peer group has a pre total of 0 bed days: every replicate
		// is undefined, so the interval is blank and all 200 are dropped.
		for _, m := range []string{"bed_days_change_peer_ci_low", "bed_days_change_peer_ci_high"} {
			wantFigures(t, find(t, res, m, "Clinic", "period", "2025-01-01"), nil, nil, nil)
		}
		if got := res.BootstrapDropped["bed_days_change_peer (Clinic)"]; got != 200 {
			t.Errorf("dropped bed_days_change_peer (Clinic): got %d, want 200", got)
		}
		// Clinic's one person: every resample is that person, so the ER
		// interval collapses to the point value −1.
		for _, m := range []string{"er_visits_change_peer_ci_low", "er_visits_change_peer_ci_high"} {
			wantFigures(t, find(t, res, m, "Clinic", "period", "2025-01-01"), nil, nil, f(-1))
		}
		// Peer ALL: a resample drawing A4 three times has a pre bed-day total
		// of 0 (chance 1/27 each), so some, not all, replicates are dropped.
		if got := res.BootstrapDropped["bed_days_change_peer"]; got <= 0 || got >= 200 {
			t.Errorf("dropped bed_days_change_peer: got %d, want between 1 and 199", got)
		}
		// This agency has hospital and ER use; its outpatient and paid
		// figures are tested in outcomes_paid_test.go.
		for _, id := range []string{"bed_days_change_peer", "any_inpatient_change_peer", "er_visits_change_peer",
			"bed_days_change_comparison", "any_inpatient_change_comparison", "er_visits_change_comparison",
			"bed_days_did", "er_visits_did"} {
			lo := find(t, res, id+"_ci_low", "ALL", "period", "2025-01-01")
			hi := find(t, res, id+"_ci_high", "ALL", "period", "2025-01-01")
			if lo.Value == nil || hi.Value == nil || *lo.Value > *hi.Value {
				t.Errorf("%s ALL interval: got [%s, %s], want two bounds, low <= high", id, FormatNumber(lo.Value), FormatNumber(hi.Value))
			}
		}
	})
}

func TestOutcomeEmptyComparisonGroup(t *testing.T) {
	// From 2025-02-05 the cohort holds A2 (02-10) and A4 (03-11); C1 and C2
	// have index dates before the period: the comparison group is empty.
	cfg := `period_start = 2025-02-05
period_end = 2025-03-31
data_from = 2024-12-25
data_through = 2025-03-20
outcome_window_days = 10
bootstrap_reps = 50
min_cell = 0
`
	res := compute(t, openAgency(t, outcomeAgency), cfg)
	const start = "2025-02-05"
	wantFigures(t, find(t, res, "outcome_n_comparison", "ALL", "period", start), f(0), nil, f(0))
	wantFigures(t, find(t, res, "pre_bed_days_comparison", "ALL", "period", start), f(0), nil, f(0))
	for _, m := range []string{"bed_days_change_comparison", "er_visits_change_comparison_ci_low", "bed_days_did", "er_visits_did", "bed_days_did_ci_low", "er_visits_did_ci_high"} {
		wantFigures(t, find(t, res, m, "ALL", "period", start), nil, nil, nil)
	}
	// The peer group (A2, A4) still has figures: bed days pre 2, post 3 + 4
	// = 7: (7 − 2) / 2 = 2.5.
	wantFigures(t, find(t, res, "bed_days_change_peer", "ALL", "period", start), nil, nil, f(2.5))
	if _, ok := res.BootstrapDropped["bed_days_did"]; ok {
		t.Errorf("an empty group has no dropped-replicate count, got one for bed_days_did")
	}
}

func TestOutcomeSuppression(t *testing.T) {
	res := compute(t, openAgency(t, outcomeAgency), outcomeConfig+"min_cell = 3\n")
	// k = 3: the comparison group (2 members) is from 1 to 2, so every
	// outcome row is suppressed, intervals included.
	for _, m := range []string{"outcome_n_peer", "bed_days_change_peer", "bed_days_change_peer_ci_low", "bed_days_did_ci_high", "er_visits_did"} {
		r := find(t, res, m, "ALL", "period", "2025-01-01")
		if !r.Suppressed || r.Value != nil {
			t.Errorf("%s ALL: got suppressed=%v value=%s, want suppressed", m, r.Suppressed, FormatNumber(r.Value))
		}
	}
}

// ---- the bootstrap itself, without a database ----

// person is a cohort member's (pre bed, post bed, pre ER, post ER); any
// inpatient use follows from the bed days.
func person(preBed, postBed, preER, postER int32) personWindows {
	anyUse := func(n int32) int32 {
		if n > 0 {
			return 1
		}
		return 0
	}
	return personWindows{preBedDays: preBed, postBedDays: postBed, preInpatient: anyUse(preBed), postInpatient: anyUse(postBed),
		preERVisits: preER, postERVisits: postER}
}

func repeatPerson(p personWindows, n int) []personWindows {
	out := make([]personWindows, n)
	for i := range out {
		out[i] = p
	}
	return out
}

// variedCohort is n people with assorted values (a fixed pattern).
func variedCohort(n, shift int) []personWindows {
	out := make([]personWindows, n)
	for i := range out {
		out[i] = person(int32((i*7+shift)%11), int32((i*5+shift)%9), int32((i*3+shift)%4), int32((i+shift)%3))
		// Outpatient visits and paid cents vary too, so their statistics
		// have replicates (a pre total of 0 drops every one).
		out[i].preOutpatient, out[i].postOutpatient = int32((i*3+shift)%5), int32((i*2+shift)%6)
		for c := range paidClasses {
			out[i].prePaid[c] = int64(((i+c)*37 + shift) % 500 * 100)
			out[i].postPaid[c] = int64(((i+c)*53 + shift) % 400 * 100)
		}
	}
	return out
}

func TestBootstrapIdenticalPeople(t *testing.T) {
	// Five identical peers (bed 2 -> 3, ER 4 -> 1) and four identical
	// comparison people (bed 1 -> 1, ER 0 -> 2): every resample equals the
	// sample, so each interval collapses to the point value.
	peers := map[string][]personWindows{"ALL": repeatPerson(person(2, 3, 4, 1), 5), "Bridge": repeatPerson(person(2, 3, 4, 1), 5)}
	comparison := repeatPerson(person(1, 1, 0, 2), 4)
	bounds, dropped := intervals(1, 100, peers, comparison, []string{"Bridge"})
	tests := []struct {
		metric, program string
		want            float64
	}{
		{"bed_days_change_peer", "ALL", quotient(15-10, 10)},        // 10 -> 15 bed days: 0.5
		{"er_visits_change_peer", "Bridge", quotient(5-20, 20)},     // (5 − 20) / 20 = −0.75
		{"any_inpatient_change_peer", "ALL", 0},                     // (5 − 5) / 5
		{"bed_days_change_comparison", "ALL", 0},                    // (4 − 4) / 4
		{"bed_days_did", "ALL", quotient(5, 5) - quotient(0, 4)},    // 1 − 0 = 1
		{"er_visits_did", "ALL", quotient(-15, 5) - quotient(8, 4)}, // −3 − 2 = −5
	}
	for _, tt := range tests {
		t.Run(tt.metric+" "+tt.program, func(t *testing.T) {
			b := bounds[intervalKey{tt.metric, tt.program}]
			if b[0] == nil || b[1] == nil || *b[0] != tt.want || *b[1] != tt.want {
				t.Errorf("got [%s, %s], want [%v, %v]", FormatNumber(b[0]), FormatNumber(b[1]), tt.want, tt.want)
			}
		})
	}
	// The comparison ER pre total is 0: every replicate is dropped.
	if got := dropped["er_visits_change_comparison"]; got != 100 {
		t.Errorf("dropped er_visits_change_comparison: got %d, want 100", got)
	}
	if b := bounds[intervalKey{"er_visits_change_comparison", "ALL"}]; b[0] != nil || b[1] != nil {
		t.Errorf("er_visits_change_comparison: got [%s, %s], want blank", FormatNumber(b[0]), FormatNumber(b[1]))
	}
	if got := dropped["bed_days_change_peer (Bridge)"]; got != 0 {
		t.Errorf("dropped bed_days_change_peer (Bridge): got %d, want 0", got)
	}
}

func TestBootstrapDeterminism(t *testing.T) {
	peers := map[string][]personWindows{"ALL": variedCohort(60, 0)}
	comparison := variedCohort(45, 3)
	first, firstDropped := intervals(1, 500, peers, comparison, nil)
	again, againDropped := intervals(1, 500, peers, comparison, nil)
	other, _ := intervals(2, 500, peers, comparison, nil)
	differs := 0
	for _, id := range intervalMetrics {
		key := intervalKey{id, AllPrograms}
		a, b, c := first[key], again[key], other[key]
		if a[0] == nil || a[1] == nil {
			t.Fatalf("%s: got a blank bound, want two", id)
		}
		if *a[0] != *b[0] || *a[1] != *b[1] {
			t.Errorf("%s seed 1 twice: got [%v, %v] then [%v, %v], want the same", id, *a[0], *a[1], *b[0], *b[1])
		}
		if *a[0] != *c[0] || *a[1] != *c[1] {
			differs++
		}
		if firstDropped[id] != againDropped[id] {
			t.Errorf("%s dropped: got %d then %d, want the same", id, firstDropped[id], againDropped[id])
		}
	}
	if differs == 0 {
		t.Errorf("seed 2 gave the same bounds as seed 1 for every interval, want some to differ")
	}
}

func TestBootstrapDropsUndefinedReplicates(t *testing.T) {
	// One person with 1 pre bed day and one with none: a resample of two
	// draws the second twice with chance 1/4, pre total 0, dropped.
	peers := map[string][]personWindows{"ALL": {person(1, 2, 1, 1), person(0, 1, 1, 1)}}
	comparison := []personWindows{person(1, 1, 1, 1)}
	const reps = 400
	_, dropped := intervals(7, reps, peers, comparison, nil)
	if got := dropped["bed_days_change_peer"]; got <= 0 || got >= reps {
		t.Errorf("dropped bed_days_change_peer: got %d, want between 1 and %d", got, reps-1)
	}
	// Replicates kept + dropped = R: the kept ones come from resample.
	reps2 := resample(7, reps, [][]personWindows{peers["ALL"], comparison}, agencyStatistics)
	if got := len(reps2[0]) + dropped["bed_days_change_peer"]; got != reps {
		t.Errorf("kept + dropped: got %d, want %d", got, reps)
	}
	// The ER pre total is never 0: nothing dropped.
	if got := dropped["er_visits_change_peer"]; got != 0 {
		t.Errorf("dropped er_visits_change_peer: got %d, want 0", got)
	}
}

func TestPercentileBounds(t *testing.T) {
	seq := func(n int) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = float64(n - i) // descending: the bounds must sort first
		}
		return out
	}
	tests := []struct {
		name   string
		values []float64
		lo, hi *float64
	}{
		// R = 2000: ⌈50⌉ = 50th and ⌈1950⌉ = 1950th smallest.
		{"2000 replicates", seq(2000), f(50), f(1950)},
		// R = 1999 (one dropped): ⌈49.975⌉ = 50th, ⌈1949.025⌉ = 1950th.
		{"1999 replicates", seq(1999), f(50), f(1950)},
		// R = 40: ⌈1⌉ = 1st, ⌈39⌉ = 39th.
		{"40 replicates", seq(40), f(1), f(39)},
		// R = 41: ⌈1.025⌉ = 2nd, ⌈39.975⌉ = 40th.
		{"41 replicates", seq(41), f(2), f(40)},
		{"one replicate", []float64{3.5}, f(3.5), f(3.5)},
		{"none kept", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi := percentileBounds(tt.values)
			if FormatNumber(lo) != FormatNumber(tt.lo) || FormatNumber(hi) != FormatNumber(tt.hi) {
				t.Errorf("got [%s, %s], want [%s, %s]", FormatNumber(lo), FormatNumber(hi), FormatNumber(tt.lo), FormatNumber(tt.hi))
			}
		})
	}
}

// BenchmarkBootstrap: 10,000 eligible people (5,000 peers in 4 programs,
// 5,000 comparison) and 2,000 resamples, as at a large agency.
func BenchmarkBootstrap(b *testing.B) {
	peers := map[string][]personWindows{}
	var programs []string
	for p := range 4 {
		name := fmt.Sprintf("Program %d", p)
		programs = append(programs, name)
		peers[name] = variedCohort(1250, p)
		peers[AllPrograms] = append(peers[AllPrograms], peers[name]...)
	}
	comparison := variedCohort(5000, 5)
	for b.Loop() {
		intervals(1, 2000, peers, comparison, programs)
	}
}

// People whose spells have two payers: a person is in the outcome cohort
// of one packet only, that of the payer of the spell that gives their
// program on the index date (METRICS.md Small-cell suppression: every
// figure belongs to the payer of that spell). Same windows as outcomeAgency
// (10 days; data January-March 2025).
//
//	P1 peer-served: Bridge (Plan A) to 01-31, Clinic (Plan B) from 02-01;
//	   peer services 01-15 (a Plan A spell) and 02-15. The index date is
//	   the first peer service of all, 01-15, in the Plan A spell: P1 is in
//	   the agency's and Plan A's cohorts, in Bridge. Psych 01-06..01-08 = 2
//	   pre nights (pre window 01-05..01-14); nothing in the post window
//	   01-15..01-24.
//	D1 comparison: Bridge (Plan A) 01-20..02-10, Clinic (Plan B) from
//	   02-20. The index date is the first enrolled_on of all, 01-20, in the
//	   Plan A spell: medical 01-12..01-14 = 2 pre nights; the psych stay
//	   02-12..02-15 is after the post window 01-20..01-29.
//
// Plan B's packet has no one in either cohort.
var twoPayerOutcomeAgency = agency{
	`INSERT INTO participants VALUES
		('P1', 'Bridge', '2024-06-01', '2025-01-31', 1980, 'Plan A', 'p.csv', 2),
		('P1', 'Clinic', '2025-02-01', NULL,         1980, 'Plan B', 'p.csv', 3),
		('D1', 'Bridge', '2025-01-20', '2025-02-10', 1985, 'Plan A', 'p.csv', 4),
		('D1', 'Clinic', '2025-02-20', NULL,         1985, 'Plan B', 'p.csv', 5)`,
	`INSERT INTO staff VALUES
		('S1', 'peer_specialist', 'Bridge', '2024-01-01', NULL, NULL, 1.0, 20.00, 's.csv', 2)`,
	`INSERT INTO services__base VALUES
		('V1', 'P1', 'S1', '2025-01-15', 60, 'H0038', true, 'G1', '2025-01-15 10:00', 'v.csv', 2),
		('V2', 'P1', 'S1', '2025-02-15', 60, 'H0038', true, 'G1', '2025-02-15 10:00', 'v.csv', 3)`,
	`INSERT INTO encounters__base VALUES
		('X1', 'P1', 'inpatient_psych',   '2025-01-06', '2025-01-08', false, false, NULL, 'e.csv', 2),
		('X2', 'D1', 'inpatient_medical', '2025-01-12', '2025-01-14', false, false, NULL, 'e.csv', 3),
		('X3', 'D1', 'inpatient_psych',   '2025-02-12', '2025-02-15', false, false, NULL, 'e.csv', 4)`,
}

func TestOutcomeIndexDatesInAPayersPacket(t *testing.T) {
	db := openAgency(t, twoPayerOutcomeAgency)
	cfg, err := config.Parse([]byte(outcomeConfig + "min_cell = 0\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, scope := range []struct {
		payer         string
		peer, comp    float64 // people in the cohorts
		peerPre       float64 // P1's pre-window bed days, in Bridge
		comparisonPre float64 // D1's
	}{
		{"", 1, 1, 2, 2},
		{"Plan A", 1, 1, 2, 2},
		{"Plan B", 0, 0, 0, 0},
	} {
		res, err := Compute(context.Background(), db, cfg, Scope{Payer: scope.payer})
		if err != nil {
			t.Fatalf("%q: %v", scope.payer, err)
		}
		cases := []struct {
			metric, program string
			want            float64
		}{
			{"outcome_n_peer", "ALL", scope.peer},
			{"outcome_n_comparison", "ALL", scope.comp},
		}
		if scope.peer > 0 {
			cases = append(cases, []struct {
				metric, program string
				want            float64
			}{
				{"pre_bed_days_peer", "Bridge", scope.peerPre},
				{"pre_bed_days_peer", "ALL", scope.peerPre},
				{"post_bed_days_peer", "ALL", 0},
				{"pre_bed_days_comparison", "ALL", scope.comparisonPre},
				{"post_bed_days_comparison", "ALL", 0},
			}...)
		}
		for _, c := range cases {
			t.Run(fmt.Sprintf("%q %s %s", scope.payer, c.metric, c.program), func(t *testing.T) {
				wantFigures(t, find(t, res, c.metric, c.program, "period", "2025-01-01"), f(c.want), nil, f(c.want))
			})
		}
	}
}
