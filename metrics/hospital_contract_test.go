package metrics

import "testing"

// Outpatient visits and crisis episodes, January-March 2025 (90 days).
//
//	O1 Bridge from 2024: two outpatient encounters on 02-03 (one visit) and
//	   one on 02-10: 2 visits in February. Crisis residential 02-01..02-03
//	   and 02-04..02-06 (admitted the day after the discharge: one episode)
//	   and 03-10..03-12 (a new episode): 2 episodes.
//	O2 Clinic from 2025-03-01: outpatient 02-20 (not enrolled: not
//	   counted) and 03-05.
//
// Enrolled days: Bridge 90, Clinic 31 (March), ALL 121; February: Bridge 28.
var outpatientAgency = agency{
	`INSERT INTO participants VALUES
		('O1', 'Bridge', '2024-01-01', NULL, 1980, 'Plan A', 'p.csv', 2),
		('O2', 'Clinic', '2025-03-01', NULL, 1981, 'Plan A', 'p.csv', 3)`,
	`INSERT INTO encounters__base VALUES
		('A1', 'O1', 'outpatient',         '2025-02-03', NULL,         NULL,  NULL,  NULL, 'e.csv', 2),
		('A2', 'O1', 'outpatient',         '2025-02-03', NULL,         NULL,  NULL,  NULL, 'e.csv', 3),
		('A3', 'O1', 'outpatient',         '2025-02-10', NULL,         NULL,  NULL,  NULL, 'e.csv', 4),
		('C1', 'O1', 'crisis_residential', '2025-02-01', '2025-02-03', false, false, NULL, 'e.csv', 5),
		('C2', 'O1', 'crisis_residential', '2025-02-04', '2025-02-06', false, false, NULL, 'e.csv', 6),
		('C3', 'O1', 'crisis_residential', '2025-03-10', '2025-03-12', false, false, NULL, 'e.csv', 7),
		('A4', 'O2', 'outpatient',         '2025-02-20', NULL,         NULL,  NULL,  NULL, 'e.csv', 8),
		('A5', 'O2', 'outpatient',         '2025-03-05', NULL,         NULL,  NULL,  NULL, 'e.csv', 9)`,
}

func TestOutpatientVisitsAndCrisisEpisodes(t *testing.T) {
	res := compute(t, openAgency(t, outpatientAgency), "period_start = 2025-01-01\nperiod_end = 2025-03-31\ndata_through = 2025-06-30\nmin_cell = 0")
	checkHospitalCases(t, res, []hospitalCase{
		// 02-03 twice is one visit: O1 2, O2 1 (03-05 only) = 3.
		{"outpatient ALL period", "outpatient_visits_per_1000", "ALL", "period", "2025-01-01", f(3), f(memberMonths(121)), f(per1000(3, 121))},
		{"outpatient Bridge February", "outpatient_visits_per_1000", "Bridge", "month", "2025-02-01", f(2), f(memberMonths(28)), f(per1000(2, 28))},
		{"outpatient Clinic February not enrolled", "outpatient_visits_per_1000", "Clinic", "month", "2025-02-01", f(0), f(0), nil},
		// C1 and C2 chain (a gap of one day); C3 starts a second episode.
		{"crisis ALL period", "crisis_episodes_per_1000", "ALL", "period", "2025-01-01", f(2), f(memberMonths(121)), f(per1000(2, 121))},
		{"crisis Bridge February", "crisis_episodes_per_1000", "Bridge", "month", "2025-02-01", f(1), f(memberMonths(28)), f(per1000(1, 28))},
		// Crisis residential is not an inpatient setting by default.
		{"bed days none", "bed_days_per_1000", "ALL", "period", "2025-01-01", f(0), f(memberMonths(121)), f(0)},
	})
}

// Clinical follow-up: two psychiatric discharges on 2025-01-15, no
// outpatient encounters. K1's only contact is a peer service on 01-17;
// K2's a clinician's service on 01-20 (day 5).
var clinicalAgency = agency{
	`INSERT INTO participants VALUES
		('K1', 'Bridge', '2024-01-01', NULL, 1980, 'Plan A', 'p.csv', 2),
		('K2', 'Bridge', '2024-01-01', NULL, 1981, 'Plan A', 'p.csv', 3)`,
	`INSERT INTO staff VALUES
		('S1', 'peer_specialist', 'Bridge', '2024-01-01', NULL, NULL, 1.0, 20.00, 's.csv', 2),
		('S2', 'clinician',       'Bridge', '2024-01-01', NULL, NULL, 1.0, 30.00, 's.csv', 3)`,
	`INSERT INTO encounters__base VALUES
		('H1', 'K1', 'inpatient_psych', '2025-01-10', '2025-01-15', false, false, NULL, 'e.csv', 2),
		('H2', 'K2', 'inpatient_psych', '2025-01-10', '2025-01-15', false, false, NULL, 'e.csv', 3)`,
	`INSERT INTO services__base VALUES
		('V1', 'K1', 'S1', '2025-01-17', 30, 'H0038', true, 'G1', '2025-01-17 10:00', 'v.csv', 2),
		('V2', 'K2', 'S2', '2025-01-20', 30, 'H0038', true, 'G1', '2025-01-20 10:00', 'v.csv', 3)`,
}

func TestClinicalFollowupAndNotAvailable(t *testing.T) {
	db := openAgency(t, clinicalAgency)
	const cfg = "period_start = 2025-01-01\nperiod_end = 2025-03-31\ndata_through = 2025-06-30\nmin_cell = 0\n"
	res := compute(t, db, cfg)
	checkHospitalCases(t, res, []hospitalCase{
		// Any contact: both; clinical: K2 only.
		{"followup 7d", "followup_7d_rate", "ALL", "period", "2025-01-01", f(2), f(2), f(1)},
		{"clinical 7d", "followup_clinical_7d_rate", "ALL", "period", "2025-01-01", f(1), f(2), f(0.5)},
	})
	// With clinical_roles = supervisor, no clinical contact was possible
	// (no outpatient encounters, no supervisor services): numerator 0, the
	// denominator kept, the value blank (not 0%); the any-contact rate stays.
	none := compute(t, db, cfg+`clinical_roles = ["supervisor"]`)
	checkHospitalCases(t, none, []hospitalCase{
		{"followup 7d unchanged", "followup_7d_rate", "ALL", "period", "2025-01-01", f(2), f(2), f(1)},
		{"clinical 7d not available", "followup_clinical_7d_rate", "ALL", "period", "2025-01-01", f(0), f(2), nil},
		{"clinical 30d not available", "followup_clinical_30d_rate", "ALL", "period", "2025-01-01", f(0), f(2), nil},
	})
}
