package metrics

import (
	"strings"
	"testing"
)

// rdayAgency, January 2025 (data_through Jan 31, no holidays). Enrollment:
// P1 Bridge Jan 1-10 (10 days), P1 re-enrolled in Clinic Jan 20-open (12
// days to Jan 31), P2 Clinic Jan 15-open (17 days). Enrolled days: Bridge
// 10, Clinic 29, ALL 39. Services are 30 minutes (2 units), billable, goal-
// linked and signed the same day (meeting the standard) unless noted.
var rdayAgency = agency{
	`INSERT INTO participants VALUES
		('P1', 'Bridge', '2025-01-01', '2025-01-10', 1980, 'Plan A', 'p.csv', 2),
		('P1', 'Clinic', '2025-01-20', NULL,         1980, 'Plan A', 'p.csv', 3),
		('P2', 'Clinic', '2025-01-15', NULL,         1975, 'Plan B', 'p.csv', 4)`,
	`INSERT INTO staff VALUES
		('S1', 'peer_specialist', 'Bridge', '2024-01-01', NULL, NULL, 1.0, 20.00, 's.csv', 2)`,
	`INSERT INTO services__base VALUES
		-- P1 Mon Jan 6: two services meeting the standard, one R-day.
		('R01', 'P1', 'S1', '2025-01-06', 30, 'H0038', true,  'G1', '2025-01-06 15:00', 'v.csv', 2),
		('R02', 'P1', 'S1', '2025-01-06', 30, 'H0038', true,  'G1', '2025-01-06 16:00', 'v.csv', 3),
		-- P1 Jan 7: 7 minutes = 0 units: neither an R-day nor lost.
		('R03', 'P1', 'S1', '2025-01-07', 7,  'H0038', true,  'G1', '2025-01-07 15:00', 'v.csv', 4),
		-- P1 Jan 8: no goal, so not the standard: lost.
		('R04', 'P1', 'S1', '2025-01-08', 30, 'H0038', true,  NULL, '2025-01-08 15:00', 'v.csv', 5),
		-- P1 Jan 10: the discharge day is enrolled: an R-day.
		('R05', 'P1', 'S1', '2025-01-10', 30, 'H0038', true,  'G1', '2025-01-10 15:00', 'v.csv', 6),
		-- P1 Mon Jan 13: between spells, not enrolled: neither.
		('R06', 'P1', 'S1', '2025-01-13', 30, 'H0038', true,  'G1', '2025-01-13 15:00', 'v.csv', 7),
		-- P1 Tue Jan 21 (Clinic spell), code H2015: an R-day when any code counts.
		('R07', 'P1', 'S1', '2025-01-21', 30, 'H2015', true,  'G1', '2025-01-21 15:00', 'v.csv', 8),
		-- P2 Thu Jan 16: H0038 signed late (deadline Tue Jan 21) and H2015 on
		-- time: an R-day with any code; lost when only H0038 counts.
		('R08', 'P2', 'S1', '2025-01-16', 30, 'H0038', true,  'G2', '2025-01-25 15:00', 'v.csv', 9),
		('R09', 'P2', 'S1', '2025-01-16', 30, 'H2015', true,  'G2', '2025-01-16 15:00', 'v.csv', 10),
		-- P2 Mon Jan 27, unsigned, deadline Thu Jan 30 <= Jan 31: late, lost.
		('R10', 'P2', 'S1', '2025-01-27', 30, 'H0038', true,  'G2', NULL,               'v.csv', 11),
		-- P2 Wed Jan 29, unsigned, deadline Mon Feb 3 > Jan 31: pending, neither.
		('R11', 'P2', 'S1', '2025-01-29', 30, 'H0038', true,  'G2', NULL,               'v.csv', 12),
		-- P2 Jan 30: not billable: neither.
		('R12', 'P2', 'S1', '2025-01-30', 30, 'H0038', false, 'G2', '2025-01-30 15:00', 'v.csv', 13)`,
}

func TestRdayMetrics(t *testing.T) {
	const base = "period_start = 2025-01-01\nperiod_end = 2025-01-31\ndata_through = 2025-01-31\n"
	const money = "rday_daily_rate = 87.50\nrday_federal_share = 0.5\n"
	tests := []struct {
		name, config, metric, program string
		num                           float64
		den, val                      *float64
	}{
		// Any code. R-days: P1 Jan 6, P1 Jan 10 (Bridge); P1 Jan 21, P2 Jan 16
		// (Clinic). Lost: P1 Jan 8 (Bridge); P2 Jan 27 (Clinic).
		{"rate Bridge", base, "rday_rate", "Bridge", 2, f(10), f(2.0 / 10)},
		{"rate Clinic", base, "rday_rate", "Clinic", 2, f(29), f(2.0 / 29)},
		{"rate ALL", base, "rday_rate", "ALL", 4, f(39), f(4.0 / 39)},
		{"lost Bridge", base, "rday_lost_days", "Bridge", 1, nil, f(1)},
		{"lost ALL", base, "rday_lost_days", "ALL", 2, nil, f(2)},
		// Only H0038 qualifies: R07 and R09 drop out. R-days: P1 Jan 6 and Jan
		// 10 (Bridge). Lost: P1 Jan 8 (Bridge); P2 Jan 16 (only the late R08
		// left), P2 Jan 27 (Clinic).
		{"H0038 rate Clinic", base + `rday_codes = ["H0038"]`, "rday_rate", "Clinic", 0, f(29), f(0)},
		{"H0038 rate ALL", base + `rday_codes = ["H0038"]`, "rday_rate", "ALL", 2, f(39), f(2.0 / 39)},
		{"H0038 lost Clinic", base + `rday_codes = ["H0038"]`, "rday_lost_days", "Clinic", 2, nil, f(2)},
		{"H0038 lost ALL", base + `rday_codes = ["H0038"]`, "rday_lost_days", "ALL", 3, nil, f(3)},
		// data_through Feb 3: R11's deadline (Feb 3) has come, unsigned: late,
		// so P2 Jan 29 is lost too: 2 + 1 = 3.
		{"pending becomes lost", "period_start = 2025-01-01\nperiod_end = 2025-01-31\ndata_through = 2025-02-03", "rday_lost_days", "ALL", 3, nil, f(3)},
		// Revenue: 4 R-days x 87.50 x 0.5 = 175; lost 2 x 87.50 x 0.5 = 87.5.
		{"revenue ALL", base + money, "rday_revenue", "ALL", 175, nil, f(175)},
		{"revenue Bridge", base + money, "rday_revenue", "Bridge", 87.5, nil, f(87.5)},
		{"revenue lost ALL", base + money, "rday_revenue_lost", "ALL", 87.5, nil, f(87.5)},
	}
	db := openAgency(t, rdayAgency)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := compute(t, db, tt.config)
			for _, grain := range []string{"month", "quarter", "period"} {
				r := find(t, res, tt.metric, tt.program, grain, "2025-01-01")
				wantFigures(t, r, f(tt.num), tt.den, tt.val)
			}
		})
	}
}

func TestRdayRevenueNeedsBothMoneySettings(t *testing.T) {
	const base = "period_start = 2025-01-01\nperiod_end = 2025-01-31\ndata_through = 2025-01-31\n"
	tests := []struct {
		name, config, wantReason string
	}{
		{"neither set", base, "not configured: set rday_daily_rate and rday_federal_share in peerstat.toml"},
		{"rate only", base + "rday_daily_rate = 87.50", "not configured: set rday_federal_share in peerstat.toml"},
		{"share only", base + "rday_federal_share = 0.5", "not configured: set rday_daily_rate in peerstat.toml"},
	}
	db := openAgency(t, rdayAgency)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := compute(t, db, tt.config)
			for _, r := range res.Rows {
				if strings.HasPrefix(r.Metric, "rday_revenue") {
					t.Fatalf("got a %s row, want none", r.Metric)
				}
			}
			reasons := map[string]string{}
			for _, a := range res.Absent {
				for _, m := range a.Metrics {
					reasons[m] = a.Reason
				}
			}
			for _, m := range []string{"rday_revenue", "rday_revenue_lost"} {
				if got := reasons[m]; got != tt.wantReason {
					t.Errorf("%s absent because: got %q, want %q", m, got, tt.wantReason)
				}
			}
		})
	}
}
