package metrics

import "testing"

// Four participants in January-March 2025 (data_through 2025-04-10):
//
//	P1 Bridge 01-06..02-09, then Clinic from 02-10: a continuation the day
//	   after the discharge (one enrollment, in January, Bridge; no
//	   discharge in February; no enrollment in Clinic). Services 01-06 (peer
//	   S1 and clinician S2, one day), 01-20 (peer S1), 02-15 (peer S3, Clinic).
//	P2 Bridge 01-10..01-20 (episode 1: 11 days), then Bridge 02-01..03-05
//	   (a gap: episode 2, 33 days). Services 01-15 (clinician), 02-14 and
//	   02-20 (peer S1).
//	P3 Clinic from 03-20: 03-20 + 30 = 04-19 is past data_through, so the
//	   enrollment counts but is not in the engagement denominator. Service
//	   03-21 (peer S3).
//	P4 Clinic from 2024-06-01 (enrolled before the period). Service 03-03
//	   (clinician).
//
// Staff: S1 peer_specialist Bridge fte 0.5 all period; S2 clinician Clinic;
// S3 recovery_coach Clinic fte 1.0 hired 02-01.
var reachAgency = agency{
	`INSERT INTO participants VALUES
		('P1', 'Bridge', '2025-01-06', '2025-02-09', 1980, 'Plan A', 'p.csv', 2),
		('P1', 'Clinic', '2025-02-10', NULL,         1980, 'Plan A', 'p.csv', 3),
		('P2', 'Bridge', '2025-01-10', '2025-01-20', 1975, 'Plan A', 'p.csv', 4),
		('P2', 'Bridge', '2025-02-01', '2025-03-05', 1975, 'Plan A', 'p.csv', 5),
		('P3', 'Clinic', '2025-03-20', NULL,         1990, 'Plan A', 'p.csv', 6),
		('P4', 'Clinic', '2024-06-01', NULL,         1985, 'Plan A', 'p.csv', 7)`,
	`INSERT INTO staff VALUES
		('S1', 'peer_specialist', 'Bridge', '2024-01-01', NULL, NULL, 0.5,  20.00, 's.csv', 2),
		('S2', 'clinician',       'Clinic', '2024-01-01', NULL, NULL, NULL, 30.00, 's.csv', 3),
		('S3', 'recovery_coach',  'Clinic', '2025-02-01', NULL, NULL, 1.0,  20.00, 's.csv', 4)`,
	`INSERT INTO services__base VALUES
		('V1', 'P1', 'S1', '2025-01-06', 30, 'H0038', true, 'G1', '2025-01-06 10:00', 'v.csv', 2),
		('V2', 'P1', 'S2', '2025-01-06', 30, 'H0038', true, 'G1', '2025-01-06 10:00', 'v.csv', 3),
		('V3', 'P1', 'S1', '2025-01-20', 30, 'H0038', true, 'G1', '2025-01-20 10:00', 'v.csv', 4),
		('V4', 'P1', 'S3', '2025-02-15', 30, 'H0038', true, 'G1', '2025-02-15 10:00', 'v.csv', 5),
		('V5', 'P2', 'S2', '2025-01-15', 30, 'H0038', true, 'G1', '2025-01-15 10:00', 'v.csv', 6),
		('V6', 'P2', 'S1', '2025-02-14', 30, 'H0038', true, 'G1', '2025-02-14 10:00', 'v.csv', 7),
		('V7', 'P2', 'S1', '2025-02-20', 30, 'H0038', true, 'G1', '2025-02-20 10:00', 'v.csv', 8),
		('V8', 'P3', 'S3', '2025-03-21', 30, 'H0038', true, 'G1', '2025-03-21 10:00', 'v.csv', 9),
		('V9', 'P4', 'S2', '2025-03-03', 30, 'H0038', true, 'G1', '2025-03-03 10:00', 'v.csv', 10)`,
}

const reachConfig = "period_start = 2025-01-01\nperiod_end = 2025-03-31\ndata_through = 2025-04-10\nmin_cell = 0"

func TestReachAndEngagement(t *testing.T) {
	res := compute(t, openAgency(t, reachAgency), reachConfig)
	// Peer FTE of the period (90 days): S1 0.5 × 90 (Bridge) + S3 1.0 × 59
	// (02-01..03-31, Clinic); ALL = (45 + 59) / 90.
	allFTE := quotient(104, 90)
	tests := []hospitalCase{
		// Served: P1 in Bridge (January) and Clinic (02-15), P2 Bridge, P3
		// and P4 Clinic: ALL counts people once, 4, not 2 + 3.
		{"served ALL period", "participants_served", "ALL", "period", "2025-01-01", f(4), nil, f(4)},
		{"served Bridge period", "participants_served", "Bridge", "period", "2025-01-01", f(2), nil, f(2)},
		{"served Clinic period", "participants_served", "Clinic", "period", "2025-01-01", f(3), nil, f(3)},
		{"served ALL February", "participants_served", "ALL", "month", "2025-02-01", f(2), nil, f(2)},
		{"served ALL Q1", "participants_served", "ALL", "quarter", "2025-01-01", f(4), nil, f(4)},
		// Peer served: P1 (S1 in January, S3 in February), P2 (S1), P3 (S3).
		{"peer served ALL period", "participants_peer_served", "ALL", "period", "2025-01-01", f(3), nil, f(3)},
		{"peer served Clinic period", "participants_peer_served", "Clinic", "period", "2025-01-01", f(2), nil, f(2)},
		// Enrollments: P1 and P2 (episode 1) in January, P2 (episode 2) in
		// February, P3 in March; P1's Clinic spell is a continuation.
		{"enrollments ALL period", "enrollments", "ALL", "period", "2025-01-01", f(4), nil, f(4)},
		{"enrollments ALL January", "enrollments", "ALL", "month", "2025-01-01", f(2), nil, f(2)},
		{"enrollments Clinic February (continuation)", "enrollments", "Clinic", "month", "2025-02-01", f(0), nil, f(0)},
		{"enrollments Bridge period", "enrollments", "Bridge", "period", "2025-01-01", f(3), nil, f(3)},
		// Discharges: P2 on 01-20 and 03-05; P1's 02-09 end is a continuation.
		{"discharges ALL period", "discharges", "ALL", "period", "2025-01-01", f(2), nil, f(2)},
		{"discharges ALL February (continuation)", "discharges", "ALL", "month", "2025-02-01", f(0), nil, f(0)},
		// Episode lengths: 11 (01-10..01-20) and 33 (02-01..03-05): median 22.
		{"episode days ALL period", "episode_days_median", "ALL", "period", "2025-01-01", f(2), nil, f(22)},
		{"episode days ALL January", "episode_days_median", "ALL", "month", "2025-01-01", f(1), nil, f(11)},
		{"episode days ALL February none", "episode_days_median", "ALL", "month", "2025-02-01", f(0), nil, nil},
		// Engagement denominator: P1, P2 episode 1, P2 episode 2 (P3's 30
		// days run past data_through). Engaged (2 days in 30): P1 (01-06,
		// 01-20), P2 episode 2 (02-14, 02-20); P2 episode 1 has one day.
		{"engagement ALL period", "engagement_30d_rate", "ALL", "period", "2025-01-01", f(2), f(3), f(quotient(2, 3))},
		{"engagement ALL January", "engagement_30d_rate", "ALL", "month", "2025-01-01", f(1), f(2), f(0.5)},
		{"engagement ALL March (past data_through)", "engagement_30d_rate", "ALL", "month", "2025-03-01", f(0), f(0), nil},
		{"engagement Clinic period", "engagement_30d_rate", "Clinic", "period", "2025-01-01", f(0), f(0), nil},
		// First service within 10 days: P1 day 0, P2 episode 1 day 5; P2
		// episode 2's first service is day 13.
		{"first service 10d ALL period", "first_service_10d_rate", "ALL", "period", "2025-01-01", f(2), f(3), f(quotient(2, 3))},
		// Days to first service: 0, 5, 13: median 5; January 0 and 5: 2.5.
		{"days to first ALL period", "days_to_first_service_median", "ALL", "period", "2025-01-01", f(3), nil, f(5)},
		{"days to first ALL January", "days_to_first_service_median", "ALL", "month", "2025-01-01", f(2), nil, f(2.5)},
		// Caseload by the peer's program: S1 (Bridge) served P1 and P2; S3
		// (Clinic) P1 and P3; ALL 3 people over (45 + 59) / 90 FTE.
		{"caseload ALL period", "peer_caseload", "ALL", "period", "2025-01-01", f(3), f(allFTE), f(3 / allFTE)},
		{"caseload Bridge period", "peer_caseload", "Bridge", "period", "2025-01-01", f(2), f(0.5), f(4)},
		{"caseload Clinic February", "peer_caseload", "Clinic", "month", "2025-02-01", f(1), f(1), f(1)},
		{"caseload Clinic January no FTE", "peer_caseload", "Clinic", "month", "2025-01-01", f(0), f(0), nil},
	}
	checkHospitalCases(t, res, tests)
}

// A six-year period (2019-2024: 72 months, with the earlier period 73
// segments) holds more segments than one 64-bit mask: reach__metrics keeps
// a person's segments in two blocks, and the period window spans both, so
// its people must be counted once, not once per block.
//
//	P1 Bridge 2019-01-15..2019-03-01, then Bridge again from 2024-05-01 (a
//	   gap: a second episode). Peer services 2019-02-05 (block 0) and
//	   2024-06-10 (block 1).
//	P2 Bridge from 2024-06-01. Peer service 2024-06-11 (block 1).
//
// Staff: S1 peer_specialist Bridge, fte blank (1), hired 2018.
func TestReachCountsPeopleOnceAcrossMaskBlocks(t *testing.T) {
	rows := agency{
		`INSERT INTO participants VALUES
			('P1', 'Bridge', '2019-01-15', '2019-03-01', 1980, 'Plan A', 'p.csv', 2),
			('P1', 'Bridge', '2024-05-01', NULL,         1980, 'Plan A', 'p.csv', 3),
			('P2', 'Bridge', '2024-06-01', NULL,         1975, 'Plan A', 'p.csv', 4)`,
		`INSERT INTO staff VALUES
			('S1', 'peer_specialist', 'Bridge', '2018-01-01', NULL, NULL, NULL, 20.00, 's.csv', 2)`,
		`INSERT INTO services__base VALUES
			('V1', 'P1', 'S1', '2019-02-05', 30, 'H0038', true, 'G1', '2019-02-05 10:00', 'v.csv', 2),
			('V2', 'P1', 'S1', '2024-06-10', 30, 'H0038', true, 'G1', '2024-06-10 10:00', 'v.csv', 3),
			('V3', 'P2', 'S1', '2024-06-11', 30, 'H0038', true, 'G1', '2024-06-11 10:00', 'v.csv', 4)`,
	}
	res := compute(t, openAgency(t, rows), "period_start = 2019-01-01\nperiod_end = 2024-12-31\ndata_through = 2025-01-31\nmin_cell = 0")
	tests := []hospitalCase{
		// P1 (both blocks) and P2: 2 people, not 3.
		{"served ALL period", "participants_served", "ALL", "period", "2019-01-01", f(2), nil, f(2)},
		{"peer served Bridge period", "participants_peer_served", "Bridge", "period", "2019-01-01", f(2), nil, f(2)},
		{"served ALL June 2024", "participants_served", "ALL", "month", "2024-06-01", f(2), nil, f(2)},
		{"served ALL February 2019", "participants_served", "ALL", "month", "2019-02-01", f(1), nil, f(1)},
		// Peer FTE 1 all period: 2 people per FTE.
		{"caseload ALL period", "peer_caseload", "ALL", "period", "2019-01-01", f(2), f(1), f(2)},
		// P1's two episodes and P2's: 3 enrollments.
		{"enrollments ALL period", "enrollments", "ALL", "period", "2019-01-01", f(3), nil, f(3)},
	}
	checkHospitalCases(t, res, tests)
	// The enrollments' people: P1 (in both blocks) and P2.
	if got := find(t, res, "enrollments", "ALL", "period", "2019-01-01").Contributors; got != 2 {
		t.Errorf("enrollments ALL period: got %d contributing people, want 2", got)
	}
	if got := find(t, res, "participants_served", "Bridge", "period", "2019-01-01").Contributors; got != 2 {
		t.Errorf("participants_served Bridge period: got %d contributing people, want 2", got)
	}
}

// Engagement's boundaries, from the first service and the last one within
// the 30 days (reach__int_engagement): P5 enrolled 2025-01-01 has two
// services on 01-05 (one day) and one on 01-31, enrolled_on + 30, the day
// after the 30 days. One day with services in the 30: not engaged; the
// first service is on day 4: within 10 days, 4 days to it.
func TestReachEngagementCountsDaysNotServices(t *testing.T) {
	rows := agency{
		`INSERT INTO participants VALUES
			('P5', 'Clinic', '2025-01-01', NULL, 1980, 'Plan A', 'p.csv', 2)`,
		`INSERT INTO staff VALUES
			('S1', 'peer_specialist', 'Clinic', '2024-01-01', NULL, NULL, 1.0, 20.00, 's.csv', 2)`,
		`INSERT INTO services__base VALUES
			('V1', 'P5', 'S1', '2025-01-05', 30, 'H0038', true, 'G1', '2025-01-05 10:00', 'v.csv', 2),
			('V2', 'P5', 'S1', '2025-01-05', 45, 'H0038', true, 'G1', '2025-01-05 15:00', 'v.csv', 3),
			('V3', 'P5', 'S1', '2025-01-31', 30, 'H0038', true, 'G1', '2025-01-31 10:00', 'v.csv', 4)`,
	}
	res := compute(t, openAgency(t, rows), reachConfig)
	checkHospitalCases(t, res, []hospitalCase{
		{"engagement ALL period", "engagement_30d_rate", "ALL", "period", "2025-01-01", f(0), f(1), f(0)},
		{"first service 10d ALL period", "first_service_10d_rate", "ALL", "period", "2025-01-01", f(1), f(1), f(1)},
		{"days to first ALL period", "days_to_first_service_median", "ALL", "period", "2025-01-01", f(1), nil, f(4)},
	})
}
