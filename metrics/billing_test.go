package metrics

import "testing"

// A two-program agency in January-February 2025 with services whose minutes
// sit on the unit-rule boundaries.
var billingAgency = agency{
	`INSERT INTO participants VALUES
		('P1', 'Bridge', '2025-01-01', NULL, 1980, 'Plan A', 'p.csv', 2),
		('P2', 'Clinic', '2025-01-01', NULL, 1975, 'Plan B', 'p.csv', 3)`,
	`INSERT INTO staff VALUES
		('S1', 'peer_specialist', 'Bridge', '2024-01-01', NULL, NULL, 1.0, 20.00, 's.csv', 2)`,
	// minutes 7, 8, 22, 23 -> cms8 units 0, 1, 1, 2; one not billable.
	`INSERT INTO services VALUES
		('V1', 'P1', 'S1', '2025-01-06', 7,  'H0038', true,  'G1', '2025-01-06 10:00', 'v.csv', 2),
		('V2', 'P1', 'S1', '2025-01-07', 8,  'H0038', true,  'G1', '2025-01-07 10:00', 'v.csv', 3),
		('V3', 'P2', 'S1', '2025-01-08', 22, 'H0038', true,  NULL, NULL,               'v.csv', 4),
		('V4', 'P2', 'S1', '2025-02-03', 23, 'H0038', true,  'G2', '2025-02-03 10:00', 'v.csv', 5),
		('V5', 'P2', 'S1', '2025-02-04', 60, 'H0038', false, 'G2', '2025-02-04 10:00', 'v.csv', 6)`,
}

func TestBilledUnits(t *testing.T) {
	tests := []struct {
		name, config, program, grain, start string
		want                                float64
	}{
		// cms8: V1 0 + V2 1 = 1 unit in Bridge, January (clipped to the default
		// period, which starts on the first service date, Jan 6).
		{"cms8 Bridge January", ``, "Bridge", "month", "2025-01-06", 1},
		// V3 22 min = 1 unit in January; V4 23 min = 2 units in February.
		{"cms8 Clinic January", ``, "Clinic", "month", "2025-01-06", 1},
		{"cms8 Clinic February", ``, "Clinic", "month", "2025-02-01", 2},
		// Period (Jan 6 - Feb 4 by default): 0 + 1 + 1 + 2 = 4; V5 not billable.
		{"cms8 ALL period", ``, "ALL", "period", "2025-01-06", 4},
		// floor: 7->0, 8->0, 22->1, 23->1.
		{"floor ALL period", `unit_rule = "floor"`, "ALL", "period", "2025-01-06", 2},
		// ceil: 7->1, 8->1, 22->2, 23->2.
		{"ceil ALL quarter", `unit_rule = "ceil"`, "ALL", "quarter", "2025-01-06", 6},
	}
	db := openAgency(t, billingAgency)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := compute(t, db, tt.config)
			r := find(t, res, "billed_units", tt.program, tt.grain, tt.start)
			wantFigures(t, r, f(tt.want), nil, f(tt.want))
		})
	}
}

func TestEveryProgramAndWindowHasARow(t *testing.T) {
	db := openAgency(t, billingAgency)
	res := compute(t, db, "period_start = 2025-01-01\nperiod_end = 2025-03-31")
	// Programs Bridge, Clinic, ALL; windows: 3 months + 1 quarter + 1 period.
	n := 0
	for _, r := range res.Rows {
		if r.Metric == "billed_units" {
			n++
		}
	}
	if n != 3*5 {
		t.Errorf("billed_units rows: got %d, want 15", n)
	}
	march := find(t, res, "billed_units", "Bridge", "month", "2025-03-01")
	wantFigures(t, march, f(0), nil, f(0))
}
