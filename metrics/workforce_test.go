package metrics

import "testing"

// workforceAgency: the first quarter of 2025 (Jan 31 + Feb 28 + Mar 31 = 90
// days), data_through Jun 10 unless a test says otherwise. Staff spells
// (peer roles: peer_specialist, recovery_coach, peer_bridger):
//
//	A1 peer_specialist Bridge 2024-01-01..2025-01-31 voluntary: separation (Jan)
//	A2 peer_specialist Bridge 2025-03-01..open: a rehire, a new hire
//	B1 recovery_coach  Bridge 2024-06-01..2025-02-14 voluntary
//	B2 supervisor      Clinic 2025-02-15..open: begins the day after B1 ends
//	   (0 days between): a transfer; B1's end is no separation
//	C1 peer_specialist Bridge 2024-01-01..2025-02-10 involuntary
//	C2 peer_specialist Clinic 2025-02-12..open: 1 day between: C1 is a
//	   separation (Feb) and C2 a new hire
//	D1 clinician       Clinic 2024-01-01..2025-01-15 other
//	D2 clinician       Clinic 2025-01-18..open: 2 days between: D1 is a
//	   separation (Jan), D2 a new hire
//	E  admin           Clinic 2025-01-10..2025-02-28 voluntary: separation (Feb)
//	F  peer_bridger    Bridge 2025-03-15..open: hire + 90 = Jun 13 > Jun 10
//	G1 peer_specialist Bridge 2025-01-02..2025-02-15 voluntary
//	G2 peer_specialist Clinic 2025-02-16..open: a transfer within G's first
//	   90 days
//	H  clinician       Clinic 2025-01-05..2025-04-05 (= hire + 90) voluntary
//	I  clinician       Clinic 2025-01-05..2025-04-04 (= hire + 89) voluntary
//
// Staff-days in Q1: A1 31, A2 31, B1 45, C1 41, F 17, G1 45 (Bridge, all
// peer: 210); B2 45, C2 48 (peer), D1 15, D2 73, E 50, G2 44 (peer), H 86,
// I 86 (Clinic: 447, peer 92). ALL 657, peer 302. January: A1 31, B1 31,
// C1 31, D1 15, D2 14, E 22, G1 30, H 27, I 27 = 228.
var workforceAgency = agency{
	`INSERT INTO participants VALUES
		('P1', 'Bridge', '2024-01-01', NULL,         1980, 'Plan A', 'p.csv', 2),
		('P2', 'Clinic', '2025-02-01', '2025-02-05', 1975, 'Plan B', 'p.csv', 3)`,
	`INSERT INTO staff VALUES
		('A', 'peer_specialist', 'Bridge', '2024-01-01', '2025-01-31', 'voluntary',   1.0, 20.00, 's.csv', 2),
		('A', 'peer_specialist', 'Bridge', '2025-03-01', NULL,         NULL,          1.0, 20.00, 's.csv', 3),
		('B', 'recovery_coach',  'Bridge', '2024-06-01', '2025-02-14', 'voluntary',   1.0, 20.00, 's.csv', 4),
		('B', 'supervisor',      'Clinic', '2025-02-15', NULL,         NULL,          1.0, 30.00, 's.csv', 5),
		('C', 'peer_specialist', 'Bridge', '2024-01-01', '2025-02-10', 'involuntary', 1.0, 20.00, 's.csv', 6),
		('C', 'peer_specialist', 'Clinic', '2025-02-12', NULL,         NULL,          1.0, 20.00, 's.csv', 7),
		('D', 'clinician',       'Clinic', '2024-01-01', '2025-01-15', 'other',       1.0, 40.00, 's.csv', 8),
		('D', 'clinician',       'Clinic', '2025-01-18', NULL,         NULL,          1.0, 40.00, 's.csv', 9),
		('E', 'admin',           'Clinic', '2025-01-10', '2025-02-28', 'voluntary',   1.0, 25.00, 's.csv', 10),
		('F', 'peer_bridger',    'Bridge', '2025-03-15', NULL,         NULL,          1.0, 20.00, 's.csv', 11),
		('G', 'peer_specialist', 'Bridge', '2025-01-02', '2025-02-15', 'voluntary',   1.0, 20.00, 's.csv', 12),
		('G', 'peer_specialist', 'Clinic', '2025-02-16', NULL,         NULL,          1.0, 20.00, 's.csv', 13),
		('H', 'clinician',       'Clinic', '2025-01-05', '2025-04-05', 'voluntary',   1.0, 40.00, 's.csv', 14),
		('I', 'clinician',       'Clinic', '2025-01-05', '2025-04-04', 'voluntary',   1.0, 40.00, 's.csv', 15)`,
	// Worked (not leave) and billable minutes per staff-day:
	//   B Jan 6 (B1, Bridge): worked 120 + 60 + 30 = 210, billable 120; the
	//     billable leave row counts as neither.
	//   A Jan 7 (A1, Bridge): worked 30 + 15 + 30 + 10 = 85, billable 0.
	//   D Jan 16 (between D1 and D2: D1's program, Clinic): worked 30, billable 30.
	//   B Feb 17 (B2, Clinic): worked 60 + 60 + 45 = 165, billable 60.
	`INSERT INTO timesheets__base (staff_id, work_date, activity, minutes, billable, miles, source_file, source_line) VALUES
		('B', '2025-01-06', 'direct_service', 120, true,  NULL, 't.csv', 2),
		('B', '2025-01-06', 'documentation',  60,  false, NULL, 't.csv', 3),
		('B', '2025-01-06', 'travel',         30,  false, 12.5, 't.csv', 4),
		('B', '2025-01-06', 'leave',          480, true,  NULL, 't.csv', 5),
		('A', '2025-01-07', 'meeting',        30,  false, NULL, 't.csv', 6),
		('A', '2025-01-07', 'admin',          15,  false, NULL, 't.csv', 7),
		('A', '2025-01-07', 'training',       30,  false, NULL, 't.csv', 8),
		('A', '2025-01-07', 'other',          10,  false, NULL, 't.csv', 9),
		('A', '2025-01-07', 'leave',          60,  false, NULL, 't.csv', 10),
		('D', '2025-01-16', 'direct_service', 30,  true,  NULL, 't.csv', 11),
		('B', '2025-02-17', 'direct_service', 60,  true,  NULL, 't.csv', 12),
		('B', '2025-02-17', 'supervision',    60,  false, NULL, 't.csv', 13),
		('B', '2025-02-17', 'direct_service', 45,  false, NULL, 't.csv', 14)`,
	// EHR billable minutes against billable timesheet minutes:
	//   B Jan 6: 100 + 36 = 136 vs 120: 16 over -> overbilled (Bridge).
	//   B Feb 17: 75 vs 60: 15 over, not more than 15 -> not overbilled.
	//   D Jan 16: billable 20 vs 30; the 120-minute service is not billable.
	//   A Jan 20: 16 vs no timesheet (0) -> overbilled (Bridge, A1).
	//   C Feb 11: 30 vs none, between C1 and C2 (C1's program, Bridge) ->
	//     overbilled; also a service outside C's employment.
	//   P2's services on Jan 20 (before enrollment) and Feb 10 (after
	//     discharge, twice) are not billable.
	`INSERT INTO services__base VALUES
		('W01', 'P1', 'B', '2025-01-06', 100, 'H0038', true,  'G1', '2025-01-06 17:00', 'v.csv', 2),
		('W02', 'P1', 'B', '2025-01-06', 36,  'H0038', true,  'G1', '2025-01-06 17:00', 'v.csv', 3),
		('W03', 'P1', 'B', '2025-02-17', 75,  'H0038', true,  'G1', '2025-02-17 17:00', 'v.csv', 4),
		('W04', 'P1', 'D', '2025-01-16', 20,  'H0038', true,  'G1', '2025-01-16 17:00', 'v.csv', 5),
		('W05', 'P1', 'D', '2025-01-16', 120, 'H0038', false, 'G1', '2025-01-16 17:00', 'v.csv', 6),
		('W06', 'P1', 'A', '2025-01-20', 16,  'H0038', true,  'G1', '2025-01-20 17:00', 'v.csv', 7),
		('W07', 'P1', 'C', '2025-02-11', 30,  'H0038', true,  'G1', '2025-02-11 17:00', 'v.csv', 8),
		('W08', 'P2', 'E', '2025-01-20', 30,  'H0038', false, 'G2', '2025-01-20 17:00', 'v.csv', 9),
		('W09', 'P2', 'E', '2025-02-10', 30,  'H0038', false, 'G2', '2025-02-10 17:00', 'v.csv', 10),
		('W10', 'P2', 'E', '2025-02-10', 30,  'H0038', false, 'G2', '2025-02-10 17:00', 'v.csv', 11)`,
}

const workforceConfig = "period_start = 2025-01-01\nperiod_end = 2025-03-31\ndata_through = 2025-06-10\n"

// annualized is a turnover value as METRICS.md writes it: separations /
// average headcount × 365.25 / days in the window.
func annualized(separations, staffDays, days float64) float64 {
	return separations / (staffDays / days) * 365.25 / days
}

func TestTimesheetMetrics(t *testing.T) {
	tests := []struct {
		name, metric, program, grain, start string
		num, den                            float64
		val                                 *float64
	}{
		// ALL: worked 210 + 85 + 30 + 165 = 490; billable 120 + 30 + 60 = 210.
		{"billable ratio ALL", "billable_ratio", "ALL", "period", "2025-01-01", 210, 490, f(210.0 / 490)},
		// Bridge: B Jan 6 + A Jan 7: worked 295, billable 120.
		{"billable ratio Bridge", "billable_ratio", "Bridge", "period", "2025-01-01", 120, 295, f(120.0 / 295)},
		// Clinic: D Jan 16 + B Feb 17 (after B's transfer): worked 195, billable 90.
		{"billable ratio Clinic", "billable_ratio", "Clinic", "quarter", "2025-01-01", 90, 195, f(90.0 / 195)},
		// March: no timesheets: 0 / 0 is blank.
		{"billable ratio empty month", "billable_ratio", "ALL", "month", "2025-03-01", 0, 0, nil},
		{"hours per billable hour ALL", "hours_per_billable_hour", "ALL", "period", "2025-01-01", 490, 210, f(490.0 / 210)},
		// January: worked 210 + 85 + 30 = 325, billable 150.
		{"hours per billable hour January", "hours_per_billable_hour", "ALL", "month", "2025-01-01", 325, 150, f(325.0 / 150)},
		{"hours per billable hour nothing billable", "hours_per_billable_hour", "ALL", "month", "2025-03-01", 0, 0, nil},
		// Non-billable minutes by activity, of 490 worked (they add up to 280 =
		// 490 - 210).
		{"nonbillable direct service", "nonbillable_share_direct_service", "ALL", "period", "2025-01-01", 45, 490, f(45.0 / 490)},
		{"nonbillable documentation", "nonbillable_share_documentation", "ALL", "period", "2025-01-01", 60, 490, f(60.0 / 490)},
		{"nonbillable travel", "nonbillable_share_travel", "ALL", "period", "2025-01-01", 30, 490, f(30.0 / 490)},
		{"nonbillable supervision", "nonbillable_share_supervision", "ALL", "period", "2025-01-01", 60, 490, f(60.0 / 490)},
		{"nonbillable training", "nonbillable_share_training", "ALL", "period", "2025-01-01", 30, 490, f(30.0 / 490)},
		{"nonbillable meeting", "nonbillable_share_meeting", "ALL", "period", "2025-01-01", 30, 490, f(30.0 / 490)},
		{"nonbillable admin", "nonbillable_share_admin", "ALL", "period", "2025-01-01", 15, 490, f(15.0 / 490)},
		{"nonbillable other", "nonbillable_share_other", "ALL", "period", "2025-01-01", 10, 490, f(10.0 / 490)},
		// Clinic: the 45 non-billable direct-service minutes of B Feb 17.
		{"nonbillable direct service Clinic", "nonbillable_share_direct_service", "Clinic", "period", "2025-01-01", 45, 195, f(45.0 / 195)},
		{"nonbillable travel Clinic", "nonbillable_share_travel", "Clinic", "period", "2025-01-01", 0, 195, f(0)},
	}
	db := openAgency(t, workforceAgency)
	res := compute(t, db, workforceConfig)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFigures(t, find(t, res, tt.metric, tt.program, tt.grain, tt.start), f(tt.num), f(tt.den), tt.val)
		})
	}
	t.Run("no leave share", func(t *testing.T) {
		for _, r := range res.Rows {
			if r.Metric == "nonbillable_share_leave" {
				t.Fatalf("got a nonbillable_share_leave row, want none")
			}
		}
	})
}

func TestOverbilledStaffDays(t *testing.T) {
	tests := []struct {
		name, program, grain, start string
		want                        float64
	}{
		// B Jan 6, A Jan 20, C Feb 11 (all Bridge); B Feb 17 is exactly 15 over.
		{"ALL period", "ALL", "period", "2025-01-01", 3},
		{"Bridge period", "Bridge", "period", "2025-01-01", 3},
		{"Clinic period", "Clinic", "period", "2025-01-01", 0},
		{"ALL January", "ALL", "month", "2025-01-01", 2},
		{"ALL February", "ALL", "month", "2025-02-01", 1},
	}
	db := openAgency(t, workforceAgency)
	res := compute(t, db, workforceConfig)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantFigures(t, find(t, res, "overbilled_staff_days", tt.program, tt.grain, tt.start), f(tt.want), nil, f(tt.want))
		})
	}
}

func TestStaffMetrics(t *testing.T) {
	tests := []struct {
		name, config, metric, program, grain, start string
		num, den                                    float64
		val                                         *float64
	}{
		// Separations in Q1: A1 (Jan, Bridge, voluntary, peer), C1 (Feb, Bridge,
		// involuntary, peer), D1 (Jan, Clinic, other), E (Feb, Clinic,
		// voluntary). Not: B1 and G1 (transfers), H and I (April).
		{"turnover ALL", workforceConfig, "turnover_rate", "ALL", "period", "2025-01-01", 4, 657.0 / 90, f(annualized(4, 657, 90))},
		{"turnover Bridge", workforceConfig, "turnover_rate", "Bridge", "period", "2025-01-01", 2, 210.0 / 90, f(annualized(2, 210, 90))},
		{"turnover Clinic", workforceConfig, "turnover_rate", "Clinic", "quarter", "2025-01-01", 2, 447.0 / 90, f(annualized(2, 447, 90))},
		// January (31 days): A1 and D1 over 228 staff-days.
		{"turnover ALL January", workforceConfig, "turnover_rate", "ALL", "month", "2025-01-01", 2, 228.0 / 31, f(annualized(2, 228, 31))},
		// Voluntary: A1 and E (B1's and G1's voluntary ends are transfers).
		{"voluntary ALL", workforceConfig, "voluntary_turnover_rate", "ALL", "period", "2025-01-01", 2, 657.0 / 90, f(annualized(2, 657, 90))},
		{"voluntary Clinic", workforceConfig, "voluntary_turnover_rate", "Clinic", "period", "2025-01-01", 1, 447.0 / 90, f(annualized(1, 447, 90))},
		// Peer: A1 and C1 over peer staff-days 302 (Bridge 210, Clinic 92).
		{"peer ALL", workforceConfig, "peer_turnover_rate", "ALL", "period", "2025-01-01", 2, 302.0 / 90, f(annualized(2, 302, 90))},
		{"peer Clinic", workforceConfig, "peer_turnover_rate", "Clinic", "period", "2025-01-01", 0, 92.0 / 90, f(0)},
		{"headcount ALL", workforceConfig, "headcount_avg", "ALL", "period", "2025-01-01", 657, 90, f(657.0 / 90)},
		{"headcount Bridge", workforceConfig, "headcount_avg", "Bridge", "period", "2025-01-01", 210, 90, f(210.0 / 90)},
		{"headcount ALL January", workforceConfig, "headcount_avg", "ALL", "month", "2025-01-01", 228, 31, f(228.0 / 31)},
		// Retention. New hires in Q1: A2, C2, D2, E, F, G1, H, I (B2 and G2 are
		// transfers). F (hire + 90 = Jun 13 > Jun 10) is too recent: 7 remain.
		// Retained: A2, C2, D2 (open), G1 (transferred to G2, still employed),
		// H (ends on hire + 90) = 5; not E (Feb 28) or I (hire + 89).
		{"retention ALL", workforceConfig, "retention_90d", "ALL", "period", "2025-01-01", 5, 7, f(5.0 / 7)},
		// Bridge: A2, G1, both retained. Clinic: C2, D2, E, H, I; retained C2, D2, H.
		{"retention Bridge", workforceConfig, "retention_90d", "Bridge", "period", "2025-01-01", 2, 2, f(1)},
		{"retention Clinic", workforceConfig, "retention_90d", "Clinic", "period", "2025-01-01", 3, 5, f(3.0 / 5)},
		// March: A2 only (F too recent).
		{"retention March", workforceConfig, "retention_90d", "ALL", "month", "2025-03-01", 1, 1, f(1)},
		// data_through Jun 13: F's 90 days have passed; open, retained: 6 / 8.
		{"retention once the cohort is 90 days old", "period_start = 2025-01-01\nperiod_end = 2025-03-31\ndata_through = 2025-06-13",
			"retention_90d", "ALL", "period", "2025-01-01", 6, 8, f(6.0 / 8)},
		// data_through Apr 1: only hires on or before Jan 1 qualify: none.
		{"retention no cohort old enough", "period_start = 2025-01-01\nperiod_end = 2025-03-31\ndata_through = 2025-04-01",
			"retention_90d", "ALL", "period", "2025-01-01", 0, 0, nil},
	}
	db := openAgency(t, workforceAgency)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := compute(t, db, tt.config)
			wantFigures(t, find(t, res, tt.metric, tt.program, tt.grain, tt.start), f(tt.num), f(tt.den), tt.val)
		})
	}
}
