package metrics

import (
	"context"
	"testing"

	"github.com/peerstat/peerstat/config"
)

// per1000 is n per 1000 member months of enrolledDays (member months =
// enrolled days / 30.4375), in the float64 steps the metric takes.
func per1000(n, enrolledDays float64) float64 { return n / memberMonths(enrolledDays) * 1000 }

func memberMonths(enrolledDays float64) float64 { return enrolledDays / 30.4375 }

// quotient is a / b in float64 (not folded as an exact constant).
func quotient(a, b float64) float64 { return a / b }

// hospitalCase is one expected row of a hospital metric.
type hospitalCase struct {
	name, metric, program, grain, start string
	num, den, val                       *float64
}

func checkHospitalCases(t *testing.T, res Result, tests []hospitalCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFigures(t, find(t, res, tt.metric, tt.program, tt.grain, tt.start), tt.num, tt.den, tt.val)
		})
	}
}

// One Bridge participant with a chain of transfers and readmissions in
// January-March 2025, and an idle Clinic participant.
//
//	E1 psych   01-05..01-10  nights 5-9   (5)  } episode 1, admitted 01-05,
//	E2 medical 01-10..01-12  nights 10-11 (2)  } gap 0 and gap 1 chain;
//	E3 detox   01-13..01-15  nights 13-14 (2)  } discharged 01-15, involuntary (E2)
//	E4 psych   01-17..01-20  nights 17-19 (3)  episode 2 (gap 2 does not chain), planned
//	E5 psych   02-19..02-21  nights 19-20 (2)  episode 3: 30 days after 01-20
//	E6 medical 03-24..03-25  night 24     (1)  episode 4: 31 days after 02-21
var transferAgency = agency{
	`INSERT INTO participants VALUES
		('P1', 'Bridge', '2024-01-01', NULL, 1980, 'Plan A', 'p.csv', 2),
		('P2', 'Clinic', '2024-01-01', NULL, 1975, 'Plan A', 'p.csv', 3)`,
	`INSERT INTO encounters__base VALUES
		('E1', 'P1', 'inpatient_psych',   '2025-01-05', '2025-01-10', false, false, NULL, 'e.csv', 2),
		('E2', 'P1', 'inpatient_medical', '2025-01-10', '2025-01-12', true,  false, NULL, 'e.csv', 3),
		('E3', 'P1', 'detox',             '2025-01-13', '2025-01-15', false, false, NULL, 'e.csv', 4),
		('E4', 'P1', 'inpatient_psych',   '2025-01-17', '2025-01-20', false, true,  NULL, 'e.csv', 5),
		('E5', 'P1', 'inpatient_psych',   '2025-02-19', '2025-02-21', false, false, NULL, 'e.csv', 6),
		('E6', 'P1', 'inpatient_medical', '2025-03-24', '2025-03-25', false, false, NULL, 'e.csv', 7)`,
}

const transferConfig = "period_start = 2025-01-01\nperiod_end = 2025-03-31\ndata_through = 2025-06-30\nmin_cell = 0"

func TestHospitalTransfersAndReadmissions(t *testing.T) {
	res := compute(t, openAgency(t, transferAgency), transferConfig)
	// Enrolled days: Bridge (P1) 90 in the period, 31 in January; ALL 180.
	tests := []hospitalCase{
		// 4 episodes: gaps of 0 and 1 day chain E1-E3, a gap of 2 days starts E4.
		{"admissions Bridge period", "admissions_per_1000", "Bridge", "period", "2025-01-01", f(4), f(memberMonths(90)), f(per1000(4, 90))},
		{"admissions ALL period", "admissions_per_1000", "ALL", "period", "2025-01-01", f(4), f(memberMonths(180)), f(per1000(4, 180))},
		{"admissions Bridge January", "admissions_per_1000", "Bridge", "month", "2025-01-01", f(2), f(memberMonths(31)), f(per1000(2, 31))},
		{"admissions Clinic period none", "admissions_per_1000", "Clinic", "period", "2025-01-01", f(0), f(memberMonths(90)), f(0)},
		// Bed days: 5 + 2 + 2 + 3 in January = 12; 2 in February; 1 in March = 15.
		{"bed days Bridge January", "bed_days_per_1000", "Bridge", "month", "2025-01-01", f(12), f(memberMonths(31)), f(per1000(12, 31))},
		{"bed days Bridge period", "bed_days_per_1000", "Bridge", "period", "2025-01-01", f(15), f(memberMonths(90)), f(per1000(15, 90))},
		// Episode 1 is involuntary because its transfer stay E2 is.
		{"involuntary Bridge January", "involuntary_admissions", "Bridge", "month", "2025-01-01", f(1), nil, f(1)},
		{"involuntary ALL February", "involuntary_admissions", "ALL", "month", "2025-02-01", f(0), nil, f(0)},
		// Index episodes: 4. Episode 1 -> episode 2 is planned (no); episode 2
		// (01-20) -> episode 3 admitted 30 days later (yes); episode 3 (02-21)
		// -> episode 4 admitted 31 days later (no). 1 / 4.
		{"readmit Bridge period", "readmit_30d_rate", "Bridge", "period", "2025-01-01", f(1), f(4), f(0.25)},
		{"readmit Bridge January", "readmit_30d_rate", "Bridge", "month", "2025-01-01", f(1), f(2), f(0.5)},
		{"readmit Bridge February", "readmit_30d_rate", "Bridge", "month", "2025-02-01", f(0), f(1), f(0)},
		{"readmit Clinic no discharges", "readmit_30d_rate", "Clinic", "period", "2025-01-01", f(0), f(0), nil},
		// Follow-up: episode 1 is not psychiatric (its last discharge is the
		// detox stay E3); episode 2 is followed by an admission within 30
		// days; episode 4 is medical. Only episode 3 (psych, next admission
		// at 31 days) is in the denominator, without follow-up: 0 / 1. This
		// agency has no outpatient encounters and P1 no services, so no
		// follow-up was possible: the value is blank, not 0% (DATA.md).
		{"followup 30d Bridge period", "followup_30d_rate", "Bridge", "period", "2025-01-01", f(0), f(1), nil},
		{"followup 7d Bridge February", "followup_7d_rate", "Bridge", "month", "2025-02-01", f(0), f(1), nil},
		{"followup 7d Bridge January", "followup_7d_rate", "Bridge", "month", "2025-01-01", f(0), f(0), nil},
	}
	checkHospitalCases(t, res, tests)
}

// Stays and emergency visits in January-April 2025 with data_through
// 2025-04-05, for four participants:
//
//	P1 Bridge from 2024: same-day stay 02-03 (1 night); psych 02-10..02-15
//	   (nights 10-14) overlapped by medical 02-12..02-14 (nights 12-13, not
//	   counted twice): 6 bed days, 2 admissions, all in February.
//	P2 Clinic from 2024: psych stay open since 03-29: nights 03-29..04-05
//	   (data_through) = 3 in March + 5 in April.
//	P3 Bridge from 2025-02-12: detox 02-08..02-14, nights 8-13, of which
//	   12 and 13 are enrolled; the admission (02-08) is not on an enrolled day.
//	P4 Bridge to 2025-02-14, Clinic from 02-15: medical 02-13..02-17, nights
//	   13-14 in Bridge and 15-16 in Clinic; admitted in Bridge.
//
// Enrolled days of the period (Jan 1 - Apr 30, 120 days): Bridge P1 120 +
// P3 78 (Feb 12 - Apr 30) + P4 45 (Jan 1 - Feb 14) = 243; Clinic P2 120 +
// P4 75 = 195; ALL 438. February: Bridge 28 + 17 + 14 = 59; Clinic 28 + 14
// = 42. April: Clinic 30 + 30 = 60.
var stayAgency = agency{
	`INSERT INTO participants VALUES
		('P1', 'Bridge', '2024-01-01', NULL,         1980, 'Plan A', 'p.csv', 2),
		('P2', 'Clinic', '2024-01-01', NULL,         1975, 'Plan A', 'p.csv', 3),
		('P3', 'Bridge', '2025-02-12', NULL,         1990, 'Plan A', 'p.csv', 4),
		('P4', 'Bridge', '2025-01-01', '2025-02-14', 1985, 'Plan A', 'p.csv', 5),
		('P4', 'Clinic', '2025-02-15', NULL,         1985, 'Plan A', 'p.csv', 6)`,
	`INSERT INTO encounters__base VALUES
		('S1', 'P1', 'inpatient_medical', '2025-02-03', '2025-02-03', false, false, NULL, 'e.csv', 2),
		('S2', 'P1', 'inpatient_psych',   '2025-02-10', '2025-02-15', false, false, NULL, 'e.csv', 3),
		('S3', 'P1', 'inpatient_medical', '2025-02-12', '2025-02-14', false, false, NULL, 'e.csv', 4),
		('S4', 'P2', 'inpatient_psych',   '2025-03-29', NULL,         true,  false, NULL, 'e.csv', 5),
		('S5', 'P3', 'detox',             '2025-02-08', '2025-02-14', true,  false, NULL, 'e.csv', 6),
		('S6', 'P4', 'inpatient_medical', '2025-02-13', '2025-02-17', false, false, NULL, 'e.csv', 7),
		('R1', 'P1', 'emergency',  '2025-01-20', NULL, NULL, NULL, NULL, 'e.csv', 8),
		('R2', 'P1', 'emergency',  '2025-01-20', NULL, NULL, NULL, NULL, 'e.csv', 9),
		('R3', 'P1', 'emergency',  '2025-02-09', NULL, NULL, NULL, NULL, 'e.csv', 10),
		('R4', 'P1', 'emergency',  '2025-02-03', NULL, NULL, NULL, NULL, 'e.csv', 11),
		('R5', 'P1', 'emergency',  '2025-02-08', NULL, NULL, NULL, NULL, 'e.csv', 12),
		('R6', 'P3', 'emergency',  '2025-02-01', NULL, NULL, NULL, NULL, 'e.csv', 13),
		('R7', 'P3', 'emergency',  '2025-03-02', NULL, NULL, NULL, NULL, 'e.csv', 14),
		('R8', 'P2', 'emergency',  '2025-01-15', NULL, NULL, NULL, NULL, 'e.csv', 15),
		('O1', 'P2', 'outpatient', '2025-01-16', NULL, NULL, NULL, NULL, 'e.csv', 16)`,
}

const stayConfig = "period_start = 2025-01-01\nperiod_end = 2025-04-30\ndata_through = 2025-04-05\nmin_cell = 0"

func TestHospitalBedDaysAndVisits(t *testing.T) {
	res := compute(t, openAgency(t, stayAgency), stayConfig)
	tests := []hospitalCase{
		// Bed days: Bridge P1 6 + P3 2 + P4 2 = 10; Clinic P2 8 + P4 2 = 10.
		{"bed days ALL period", "bed_days_per_1000", "ALL", "period", "2025-01-01", f(20), f(memberMonths(438)), f(per1000(20, 438))},
		{"bed days Bridge period", "bed_days_per_1000", "Bridge", "period", "2025-01-01", f(10), f(memberMonths(243)), f(per1000(10, 243))},
		{"bed days Bridge February", "bed_days_per_1000", "Bridge", "month", "2025-02-01", f(10), f(memberMonths(59)), f(per1000(10, 59))},
		// P4's nights 15 and 16 fall in Clinic, the program of those nights.
		{"bed days Clinic February", "bed_days_per_1000", "Clinic", "month", "2025-02-01", f(2), f(memberMonths(42)), f(per1000(2, 42))},
		{"bed days Clinic March", "bed_days_per_1000", "Clinic", "month", "2025-03-01", f(3), f(memberMonths(62)), f(per1000(3, 62))},
		// The open stay covers April 1-5 (data_through), not the rest of April.
		{"bed days Clinic April open stay", "bed_days_per_1000", "Clinic", "month", "2025-04-01", f(5), f(memberMonths(60)), f(per1000(5, 60))},
		// Admissions: Bridge P1 02-03, P1 02-10, P4 02-13 = 3 (P3 not enrolled
		// on 02-08); Clinic P2 03-29 = 1.
		{"admissions Bridge period", "admissions_per_1000", "Bridge", "period", "2025-01-01", f(3), f(memberMonths(243)), f(per1000(3, 243))},
		{"admissions Clinic March", "admissions_per_1000", "Clinic", "month", "2025-03-01", f(1), f(memberMonths(62)), f(per1000(1, 62))},
		// Involuntary: P2's open stay (enrolled); P3's detox admission is on
		// a day P3 is not enrolled.
		{"involuntary ALL period", "involuntary_admissions", "ALL", "period", "2025-01-01", f(1), nil, f(1)},
		// Emergency visits: P1 01-20 (twice, one visit), 02-08 (two days before
		// an admission) = 2, not 02-03 (day of the same-day admission) nor 02-09
		// (day before 02-10); P3 03-02 = 1, not 02-01 (before enrollment);
		// P2 01-15 = 1 (Clinic). ALL 4.
		{"ER ALL period", "er_visits_per_1000", "ALL", "period", "2025-01-01", f(4), f(memberMonths(438)), f(per1000(4, 438))},
		{"ER Bridge period", "er_visits_per_1000", "Bridge", "period", "2025-01-01", f(3), f(memberMonths(243)), f(per1000(3, 243))},
		{"ER Bridge February", "er_visits_per_1000", "Bridge", "month", "2025-02-01", f(1), f(memberMonths(59)), f(per1000(1, 59))},
		{"ER Clinic January", "er_visits_per_1000", "Clinic", "month", "2025-01-01", f(1), f(memberMonths(31)), f(per1000(1, 31))},
	}
	checkHospitalCases(t, res, tests)

	// Contributors (small-cell suppression counts people): bed days of ALL
	// come from P1, P2, P3 and P4; emergency visits from P1, P2 and P3.
	for _, c := range []struct {
		metric string
		want   int64
	}{{"bed_days_per_1000", 4}, {"er_visits_per_1000", 3}, {"admissions_per_1000", 3}} {
		if got := find(t, res, c.metric, "ALL", "period", "2025-01-01").Contributors; got != c.want {
			t.Errorf("%s ALL period contributors: got %d, want %d", c.metric, got, c.want)
		}
	}
}

// Psychiatric discharges and their follow-up, January-March 2025; everyone
// enrolled from 2024 except F6 (enrolled until 2025-01-14).
//
//	F1 Bridge psych 01-10..01-15; a service on the discharge day (does not
//	   count) and an outpatient visit on 01-16 (day 1): follow-up in 7 days.
//	F2 Bridge psych 01-10..01-15; services on 01-15 and 01-23 (day 8):
//	   follow-up in 30 days only.
//	F3 Clinic psych 02-01..02-05 then medical 02-10..02-12 (a readmission
//	   5 days later, which takes the discharge out of the follow-up
//	   denominator); a service on 02-11, a day covered by that stay.
//	F4 Clinic medical 02-20..03-01 transferred to psych 03-01..03-03: a
//	   psychiatric episode discharged 03-03, no follow-up.
//	F5 Clinic psych 02-20..03-03 and medical 03-02..03-03: the stays with the
//	   latest discharge tie; the later admit (medical) decides: not psychiatric.
//	F6 Bridge psych 01-10..01-15, not enrolled on the discharge date: no
//	   index episode.
var followupAgency = agency{
	`INSERT INTO participants VALUES
		('F1', 'Bridge', '2024-01-01', NULL,         1980, 'Plan A', 'p.csv', 2),
		('F2', 'Bridge', '2024-01-01', NULL,         1981, 'Plan A', 'p.csv', 3),
		('F3', 'Clinic', '2024-01-01', NULL,         1982, 'Plan A', 'p.csv', 4),
		('F4', 'Clinic', '2024-01-01', NULL,         1983, 'Plan A', 'p.csv', 5),
		('F5', 'Clinic', '2024-01-01', NULL,         1984, 'Plan A', 'p.csv', 6),
		('F6', 'Bridge', '2024-01-01', '2025-01-14', 1985, 'Plan A', 'p.csv', 7)`,
	`INSERT INTO staff VALUES
		('S1', 'peer_specialist', 'Bridge', '2024-01-01', NULL, NULL, 1.0, 20.00, 's.csv', 2)`,
	`INSERT INTO encounters__base VALUES
		('H1', 'F1', 'inpatient_psych',   '2025-01-10', '2025-01-15', false, false, NULL, 'e.csv', 2),
		('O1', 'F1', 'outpatient',        '2025-01-16', NULL,         NULL,  NULL,  NULL, 'e.csv', 3),
		('H2', 'F2', 'inpatient_psych',   '2025-01-10', '2025-01-15', false, false, NULL, 'e.csv', 4),
		('H3', 'F3', 'inpatient_psych',   '2025-02-01', '2025-02-05', false, false, NULL, 'e.csv', 5),
		('H4', 'F3', 'inpatient_medical', '2025-02-10', '2025-02-12', false, false, NULL, 'e.csv', 6),
		('H5', 'F4', 'inpatient_medical', '2025-02-20', '2025-03-01', false, false, NULL, 'e.csv', 7),
		('H6', 'F4', 'inpatient_psych',   '2025-03-01', '2025-03-03', false, false, NULL, 'e.csv', 8),
		('H7', 'F5', 'inpatient_psych',   '2025-02-20', '2025-03-03', false, false, NULL, 'e.csv', 9),
		('H8', 'F5', 'inpatient_medical', '2025-03-02', '2025-03-03', false, false, NULL, 'e.csv', 10),
		('H9', 'F6', 'inpatient_psych',   '2025-01-10', '2025-01-15', false, false, NULL, 'e.csv', 11)`,
	`INSERT INTO services__base VALUES
		('V1', 'F1', 'S1', '2025-01-15', 30, 'H0038', true, 'G1', '2025-01-15 10:00', 'v.csv', 2),
		('V2', 'F2', 'S1', '2025-01-15', 30, 'H0038', true, 'G1', '2025-01-15 10:00', 'v.csv', 3),
		('V3', 'F2', 'S1', '2025-01-23', 30, 'H0038', true, 'G1', '2025-01-23 10:00', 'v.csv', 4),
		('V4', 'F3', 'S1', '2025-02-11', 30, 'H0038', true, 'G1', '2025-02-11 10:00', 'v.csv', 5),
		('V5', 'F6', 'S1', '2025-01-16', 30, 'H0038', true, 'G1', '2025-01-16 10:00', 'v.csv', 6)`,
}

func TestHospitalFollowup(t *testing.T) {
	const period = "period_start = 2025-01-01\nperiod_end = 2025-03-31\nmin_cell = 0\n"
	db := openAgency(t, followupAgency)
	full := compute(t, db, period+"data_through = 2025-06-30")
	// Index episodes: F1, F2 (Bridge, 01-15); F3 02-05 and 02-12, F4 03-03,
	// F5 03-03 (Clinic) = 6. Readmitted: F3's first episode (02-10 is 5 days
	// after 02-05). Follow-up denominator: F1, F2, F4 = 3 (F3's first episode
	// is readmitted, its second is medical, F5's is not psychiatric).
	// 7 days: F1 only; 30 days: F1 and F2.
	checkHospitalCases(t, full, []hospitalCase{
		{"readmit ALL", "readmit_30d_rate", "ALL", "period", "2025-01-01", f(1), f(6), f(quotient(1, 6))},
		{"readmit Clinic", "readmit_30d_rate", "Clinic", "period", "2025-01-01", f(1), f(4), f(0.25)},
		{"followup 7d ALL", "followup_7d_rate", "ALL", "period", "2025-01-01", f(1), f(3), f(quotient(1, 3))},
		{"followup 7d Bridge", "followup_7d_rate", "Bridge", "period", "2025-01-01", f(1), f(2), f(0.5)},
		{"followup 30d ALL", "followup_30d_rate", "ALL", "period", "2025-01-01", f(2), f(3), f(quotient(2, 3))},
		{"followup 30d Bridge January", "followup_30d_rate", "Bridge", "month", "2025-01-01", f(2), f(2), f(1)},
		{"followup 30d Clinic March", "followup_30d_rate", "Clinic", "month", "2025-03-01", f(0), f(1), f(0)},
		{"followup 30d Clinic February none", "followup_30d_rate", "Clinic", "month", "2025-02-01", f(0), f(0), nil},
		// Clinical follow-up counts only F1's outpatient visit (S1 is a peer).
		{"clinical 7d ALL", "followup_clinical_7d_rate", "ALL", "period", "2025-01-01", f(1), f(3), f(quotient(1, 3))},
		{"clinical 30d ALL", "followup_clinical_30d_rate", "ALL", "period", "2025-01-01", f(1), f(3), f(quotient(1, 3))},
	})

	// data_through 2025-04-01: the 03-03 discharges need 03-03 + 30 = 04-02
	// <= data_through and drop out (F4, F5): readmit 1 / 4, follow-up
	// denominator F1, F2. On 2025-04-02 they are back.
	edge := compute(t, db, period+"data_through = 2025-04-01")
	checkHospitalCases(t, edge, []hospitalCase{
		{"readmit ALL data_through 04-01", "readmit_30d_rate", "ALL", "period", "2025-01-01", f(1), f(4), f(0.25)},
		{"followup 7d ALL data_through 04-01", "followup_7d_rate", "ALL", "period", "2025-01-01", f(1), f(2), f(0.5)},
	})
	onEdge := compute(t, db, period+"data_through = 2025-04-02")
	checkHospitalCases(t, onEdge, []hospitalCase{
		{"readmit ALL data_through 04-02", "readmit_30d_rate", "ALL", "period", "2025-01-01", f(1), f(6), f(quotient(1, 6))},
		{"followup 7d ALL data_through 04-02", "followup_7d_rate", "ALL", "period", "2025-01-01", f(1), f(3), f(quotient(1, 3))},
	})
}

func TestHospitalMetricsNeedEncounters(t *testing.T) {
	// The billing agency has no encounters: no hospital rows, and the
	// absence says to add an encounters file.
	res := compute(t, openAgency(t, billingAgency), "")
	for _, r := range res.Rows {
		if d, ok := Lookup(Registry(res.Config), r.Metric); ok && (d.Area == "hospital" || d.Area == "outcomes" || d.Area == "cost") {
			t.Fatalf("got a %s row without encounters, want none", r.Metric)
		}
	}
	found := false
	for _, a := range res.Absent {
		for _, m := range a.Metrics {
			if m == "readmit_30d_rate" {
				found = true
				if a.Reason != noEncounters {
					t.Errorf("readmit_30d_rate absent: got reason %q, want %q", a.Reason, noEncounters)
				}
			}
		}
	}
	if !found {
		t.Errorf("readmit_30d_rate is not listed as absent")
	}
}

func TestHospitalSuppression(t *testing.T) {
	// With the default min_cell 11, one person's 20 bed days are suppressed
	// (4 contributing participants), while the member months are not tested.
	res := compute(t, openAgency(t, stayAgency), "period_start = 2025-01-01\nperiod_end = 2025-04-30\ndata_through = 2025-04-05")
	r := find(t, res, "bed_days_per_1000", "ALL", "period", "2025-01-01")
	if !r.Suppressed || r.Value != nil {
		t.Errorf("bed_days_per_1000 ALL period: got suppressed=%v value=%s, want suppressed with a blank value", r.Suppressed, FormatNumber(r.Value))
	}
	// A rate with no events is not suppressed (0 is not from 1 to 10).
	z := find(t, res, "readmit_30d_rate", "Clinic", "month", "2025-01-01")
	if z.Suppressed {
		t.Errorf("readmit_30d_rate Clinic January (0 of 0): got suppressed, want shown")
	}
}

// One person's hospital use in two programs: P1 in Bridge in January 2025
// and in Clinic from February (two spells), P2 in Clinic throughout.
//
//	H1 P1 psych   01-10..01-12  nights 10-11 (2)  Bridge, January
//	H2 P1 psych   02-10..02-13  nights 10-12 (3)  Clinic, February, involuntary
//	H3 P2 medical 02-20..02-21  night 20     (1)  Clinic, February
//
// A person counts once in each program's figures and once in ALL's, however
// many programs, months and stays their events fall in.
var twoProgramHospitalAgency = agency{
	`INSERT INTO participants VALUES
		('P1', 'Bridge', '2025-01-01', '2025-01-31', 1980, 'Plan A', 'p.csv', 2),
		('P1', 'Clinic', '2025-02-01', NULL,         1980, 'Plan A', 'p.csv', 3),
		('P2', 'Clinic', '2024-01-01', NULL,         1975, 'Plan A', 'p.csv', 4)`,
	`INSERT INTO encounters__base VALUES
		('H1', 'P1', 'inpatient_psych',   '2025-01-10', '2025-01-12', false, false, NULL, 'e.csv', 2),
		('H2', 'P1', 'inpatient_psych',   '2025-02-10', '2025-02-13', true,  false, NULL, 'e.csv', 3),
		('H3', 'P2', 'inpatient_medical', '2025-02-20', '2025-02-21', false, false, NULL, 'e.csv', 4)`,
}

func TestHospitalPeopleCountOncePerProgramAndWindow(t *testing.T) {
	res := compute(t, openAgency(t, twoProgramHospitalAgency), "period_start = 2025-01-01\nperiod_end = 2025-03-31\ndata_through = 2025-06-30\nmin_cell = 0")
	for _, c := range []struct {
		metric, program, grain, start string
		events                        float64 // the numerator
		people                        int64   // contributors
	}{
		// Bed nights: P1 2 + 3 in two programs and two months, P2 1.
		{"bed_days_per_1000", "ALL", "period", "2025-01-01", 6, 2},
		{"bed_days_per_1000", "ALL", "quarter", "2025-01-01", 6, 2},
		{"bed_days_per_1000", "Bridge", "period", "2025-01-01", 2, 1},
		{"bed_days_per_1000", "Clinic", "period", "2025-01-01", 4, 2},
		{"bed_days_per_1000", "ALL", "month", "2025-01-01", 2, 1},
		{"bed_days_per_1000", "ALL", "month", "2025-02-01", 4, 2},
		{"bed_days_per_1000", "Clinic", "month", "2025-03-01", 0, 0},
		// Admissions: H1 (Bridge), H2 and H3 (Clinic); P1 once in ALL.
		{"admissions_per_1000", "ALL", "period", "2025-01-01", 3, 2},
		{"admissions_per_1000", "Bridge", "period", "2025-01-01", 1, 1},
		{"admissions_per_1000", "Clinic", "period", "2025-01-01", 2, 2},
		// Involuntary: H2 only, P1 in Clinic.
		{"involuntary_admissions", "ALL", "period", "2025-01-01", 1, 1},
		{"involuntary_admissions", "Clinic", "period", "2025-01-01", 1, 1},
		{"involuntary_admissions", "Bridge", "period", "2025-01-01", 0, 0},
	} {
		r := find(t, res, c.metric, c.program, c.grain, c.start)
		if r.Numerator == nil {
			t.Errorf("%s %s %s %s: blank numerator, want %v", c.metric, c.program, c.grain, c.start, c.events)
			continue
		}
		if *r.Numerator != c.events || r.Contributors != c.people {
			t.Errorf("%s %s %s %s: got numerator %v and %d people, want %v and %d", c.metric, c.program, c.grain, c.start, *r.Numerator, r.Contributors, c.events, c.people)
		}
	}
}

// A follow-up contact in another payer's spell: P1 is in Plan B (Clinic)
// 01-01..01-20 and Plan A (Bridge) from 01-21; a psych stay 01-10..01-15 is
// discharged in the Plan B spell, and a clinician sees P1 on 01-22 (day 7)
// in the Plan A spell. In Plan B's packet the discharge is an index episode
// followed up within 7 days, clinically too: the follow-up belongs to the
// index episode's payer, and a contact counts whichever payer's spell its
// day falls in.
var otherPayerFollowupAgency = agency{
	`INSERT INTO participants VALUES
		('P1', 'Clinic', '2025-01-01', '2025-01-20', 1980, 'Plan B', 'p.csv', 2),
		('P1', 'Bridge', '2025-01-21', NULL,         1980, 'Plan A', 'p.csv', 3)`,
	`INSERT INTO staff VALUES
		('S2', 'clinician', 'Clinic', '2024-01-01', NULL, NULL, 1.0, 40.00, 's.csv', 2)`,
	`INSERT INTO services__base VALUES
		('V1', 'P1', 'S2', '2025-01-22', 45, 'H2019', true, 'G1', '2025-01-22 10:00', 'v.csv', 2)`,
	`INSERT INTO encounters__base VALUES
		('H1', 'P1', 'inpatient_psych', '2025-01-10', '2025-01-15', false, false, NULL, 'e.csv', 2)`,
}

func TestFollowupContactInAnotherPayersSpell(t *testing.T) {
	db := openAgency(t, otherPayerFollowupAgency)
	cfg, err := config.Parse([]byte("period_start = 2025-01-01\nperiod_end = 2025-03-31\ndata_through = 2025-03-31\nmin_cell = 0"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Compute(context.Background(), db, cfg, Scope{Payer: "Plan B"})
	if err != nil {
		t.Fatal(err)
	}
	for _, metric := range []string{"followup_7d_rate", "followup_clinical_7d_rate", "followup_30d_rate"} {
		for _, program := range []string{"Clinic", "ALL"} {
			wantFigures(t, find(t, res, metric, program, "period", "2025-01-01"), f(1), f(1), f(1))
		}
	}
}
