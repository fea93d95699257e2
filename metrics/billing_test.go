package metrics

import (
	"context"
	"fmt"
	"testing"

	"github.com/peerstat/peerstat/config"
)

// A two-program agency in January-February 2025 with services whose minutes
// sit on the unit-rule boundaries.
var billingAgency = agency{
	`INSERT INTO participants VALUES
		('P1', 'Bridge', '2025-01-01', NULL, 1980, 'Plan A', 'p.csv', 2),
		('P2', 'Clinic', '2025-01-01', NULL, 1975, 'Plan B', 'p.csv', 3)`,
	`INSERT INTO staff VALUES
		('S1', 'peer_specialist', 'Bridge', '2024-01-01', NULL, NULL, 1.0, 20.00, 's.csv', 2)`,
	// minutes 7, 8, 22, 23 -> cms8 units 0, 1, 1, 2; one not billable.
	`INSERT INTO services__base VALUES
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

// docAgency: one participant in Bridge (Clinic has a participant and no
// services) and notes around their deadlines in January 2025. The calendar:
// Thu Jan 9, Fri 10, Sat 11, Sun 12, Mon 13, Tue 14, Wed 15, Thu 16, Fri 17,
// Sat 18, Sun 19, Mon 20 (holiday when configured), Tue 21, Wed 22, Thu 23;
// Mon Jan 27 ... Fri Jan 31, Sat Feb 1, Sun 2, Mon 3. Every billable service
// is 30 minutes (2 units) unless noted.
var docAgency = agency{
	`INSERT INTO participants VALUES
		('P1', 'Bridge', '2025-01-01', NULL, 1980, 'Plan A', 'p.csv', 2),
		('P2', 'Clinic', '2025-01-01', NULL, 1975, 'Plan B', 'p.csv', 3)`,
	`INSERT INTO staff VALUES
		('S1', 'peer_specialist', 'Bridge', '2024-01-01', NULL, NULL, 1.0, 20.00, 's.csv', 2)`,
	`INSERT INTO services__base VALUES
		-- Thu Jan 9: 3 business days = Fri 10, Mon 13, Tue 14 (over a weekend).
		('V01', 'P1', 'S1', '2025-01-09', 30, 'H0038', true,  'G1', '2025-01-14 23:59', 'v.csv', 2),
		('V02', 'P1', 'S1', '2025-01-09', 30, 'H0038', true,  'G1', '2025-01-15 00:01', 'v.csv', 3),
		-- Thu Jan 16: Fri 17, (weekend, holiday Mon 20) Tue 21, Wed 22; without
		-- the holiday: Fri 17, Mon 20, Tue 21. V03 is 7 minutes = 0 units.
		('V03', 'P1', 'S1', '2025-01-16', 7,  'H0038', true,  NULL, '2025-01-22 23:59', 'v.csv', 4),
		('V04', 'P1', 'S1', '2025-01-16', 30, 'H0038', true,  'G1', '2025-01-23 00:01', 'v.csv', 5),
		-- Sat Jan 11: Mon 13, Tue 14, Wed 15.
		('V05', 'P1', 'S1', '2025-01-11', 30, 'H0038', true,  'G1', '2025-01-15 12:00', 'v.csv', 6),
		-- Unsigned. Mon Jan 27 -> Thu 30; Tue Jan 28 -> Fri 31; Wed Jan 29 -> Mon Feb 3.
		('V06', 'P1', 'S1', '2025-01-27', 30, 'H0038', true,  'G1', NULL,               'v.csv', 7),
		('V07', 'P1', 'S1', '2025-01-28', 30, 'H0038', true,  'G1', NULL,               'v.csv', 8),
		('V08', 'P1', 'S1', '2025-01-29', 30, 'H0038', true,  'G1', NULL,               'v.csv', 9),
		-- Blank goal (spaces); 8 minutes = 1 unit; signed the next day.
		('V09', 'P1', 'S1', '2025-01-29', 8,  'H0038', true,  '  ', '2025-01-30 09:00', 'v.csv', 10),
		-- Not billable: in no documentation figure.
		('V10', 'P1', 'S1', '2025-01-09', 30, 'H0038', false, 'G1', '2025-01-09 10:00', 'v.csv', 11)`,
}

func TestDocumentationMetrics(t *testing.T) {
	const base = "period_start = 2025-01-01\nperiod_end = 2025-01-31\n"
	const holiday = "holidays = [2025-01-20]\n"
	type figures struct{ num, den float64 }
	tests := []struct {
		name, config                 string
		goalLinked, timely, standard figures
		atRisk                       float64
	}{
		// data_through Jan 31, holiday on. V08 is pending (deadline Mon Feb 3 >
		// Jan 31), so 8 services remain: V01-V07, V09.
		// Goal-linked: V01 V02 V04 V05 V06 V07 = 6 (V03 none, V09 blank).
		// On time: V01 (23:59 on Tue 14), V03 (23:59 on Wed 22, the holiday
		// pushes the deadline), V05 (Wed 15), V09 = 4. Late: V02 (00:01 Wed 15),
		// V04 (00:01 Thu 23), V06 and V07 (unsigned, deadlines Jan 30 and 31 <=
		// data_through). Standard: V01, V05 = 2.
		// At risk: V02 2 + V03 0 + V04 2 + V06 2 + V07 2 + V09 1 = 9 units.
		{"business days with a holiday", base + holiday + "data_through = 2025-01-31",
			figures{6, 8}, figures{4, 8}, figures{2, 8}, 9},
		// Without the holiday V03's deadline is Tue Jan 21: signed Wed 22 is
		// late. On time: V01, V05, V09 = 3. Standard and at risk unchanged.
		{"business days without the holiday", base + "data_through = 2025-01-31",
			figures{6, 8}, figures{3, 8}, figures{2, 8}, 9},
		// data_through Sun Feb 2: V08's deadline Mon Feb 3 is still after it.
		{"pending the day before the deadline", base + holiday + "data_through = 2025-02-02",
			figures{6, 8}, figures{4, 8}, figures{2, 8}, 9},
		// data_through Mon Feb 3 = V08's deadline: unsigned is now late, 9
		// services; goal-linked 7, on time 4, standard 2, at risk 9 + 2 = 11.
		{"late on the deadline itself", base + holiday + "data_through = 2025-02-03",
			figures{7, 9}, figures{4, 9}, figures{2, 9}, 11},
		// Calendar days: Jan 9 -> Jan 12, Jan 16 -> Jan 19, Jan 11 -> Jan 14,
		// Jan 27 -> Jan 30, Jan 28 -> Jan 31, Jan 29 -> Feb 1 (> Jan 31: V08
		// still pending). Only V09 (signed Jan 30 <= Feb 1) is on time; no
		// service meets the standard; at risk 2+2+0+2+2+2+2+1 = 13.
		{"calendar days", base + holiday + "data_through = 2025-01-31\ndoc_deadline_business_days = false",
			figures{6, 8}, figures{1, 8}, figures{0, 8}, 13},
		// 0 days: the deadline is the service date itself. V08's deadline
		// Jan 29 <= Jan 31: late, 9 services, none signed on its service date.
		{"zero deadline days", base + holiday + "data_through = 2025-01-31\ndoc_deadline_days = 0",
			figures{7, 9}, figures{0, 9}, figures{0, 9}, 2 + 2 + 0 + 2 + 2 + 2 + 2 + 2 + 1},
	}
	db := openAgency(t, docAgency)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := compute(t, db, tt.config)
			for _, window := range []struct{ program, grain string }{{"Bridge", "month"}, {"ALL", "period"}, {"ALL", "quarter"}} {
				for _, m := range []struct {
					metric string
					want   figures
				}{{"doc_goal_linked_rate", tt.goalLinked}, {"doc_timely_rate", tt.timely}, {"doc_standard_rate", tt.standard}} {
					r := find(t, res, m.metric, window.program, window.grain, "2025-01-01")
					wantFigures(t, r, f(m.want.num), f(m.want.den), f(m.want.num/m.want.den))
				}
				r := find(t, res, "at_risk_units", window.program, window.grain, "2025-01-01")
				wantFigures(t, r, f(tt.atRisk), nil, f(tt.atRisk))
			}
			// Clinic has no services: rates blank, counts 0.
			wantFigures(t, find(t, res, "doc_timely_rate", "Clinic", "period", "2025-01-01"), f(0), f(0), nil)
			wantFigures(t, find(t, res, "at_risk_units", "Clinic", "period", "2025-01-01"), f(0), nil, f(0))
		})
	}
}

// overCapAgency: two participants with heavy days in January 2025, services
// by two staff members under two codes. All notes unsigned and pending
// (data_through is the last service date): they still count, as in
// billed_units.
var overCapAgency = agency{
	`INSERT INTO participants VALUES
		('P1', 'Bridge', '2025-01-01', NULL, 1980, 'Plan A', 'p.csv', 2),
		('P2', 'Clinic', '2025-01-01', NULL, 1975, 'Plan B', 'p.csv', 3)`,
	`INSERT INTO staff VALUES
		('S1', 'peer_specialist', 'Bridge', '2024-01-01', NULL, NULL, 1.0, 20.00, 's.csv', 2),
		('S2', 'clinician',       'Clinic', '2024-01-01', NULL, NULL, 1.0, 40.00, 's.csv', 3)`,
	`INSERT INTO services__base VALUES
		-- P1 Mon Jan 6: 4 x 60 min (4 units each) by S1 under H0038 = 16, plus
		-- 23 min (2 units) by S2 under H2015 = 18; a 60-minute non-billable
		-- service does not count.
		('C01', 'P1', 'S1', '2025-01-06', 60,  'H0038', true,  'G1', NULL, 'v.csv', 2),
		('C02', 'P1', 'S1', '2025-01-06', 60,  'H0038', true,  'G1', NULL, 'v.csv', 3),
		('C03', 'P1', 'S1', '2025-01-06', 60,  'H0038', true,  'G1', NULL, 'v.csv', 4),
		('C04', 'P1', 'S1', '2025-01-06', 60,  'H0038', true,  'G1', NULL, 'v.csv', 5),
		('C05', 'P1', 'S2', '2025-01-06', 23,  'H2015', true,  'G1', NULL, 'v.csv', 6),
		('C06', 'P1', 'S2', '2025-01-06', 60,  'H2015', false, 'G1', NULL, 'v.csv', 7),
		-- P1 Tue Jan 7: exactly 16 units (2 x 120 min = 8 units each).
		('C07', 'P1', 'S1', '2025-01-07', 120, 'H0038', true,  'G1', NULL, 'v.csv', 8),
		('C08', 'P1', 'S2', '2025-01-07', 120, 'H2015', true,  'G1', NULL, 'v.csv', 9),
		-- P2 Mon Jan 6: 8 + 8 + 1 (8 minutes) = 17 units.
		('C09', 'P2', 'S2', '2025-01-06', 120, 'H2015', true,  'G2', NULL, 'v.csv', 10),
		('C10', 'P2', 'S1', '2025-01-06', 120, 'H0038', true,  'G2', NULL, 'v.csv', 11),
		('C11', 'P2', 'S2', '2025-01-06', 8,   'H2015', true,  'G2', NULL, 'v.csv', 12)`,
}

func TestOverCapUnits(t *testing.T) {
	tests := []struct {
		name, config, metric, program string
		want                          float64
	}{
		// Cap 16: P1 Jan 6 18 - 16 = 2; P1 Jan 7 16 - 16 = 0; P2 Jan 6 17 - 16 = 1.
		{"cap 16 Bridge", ``, "over_cap_units", "Bridge", 2},
		{"cap 16 Clinic", ``, "over_cap_units", "Clinic", 1},
		{"cap 16 ALL", ``, "over_cap_units", "ALL", 3},
		// Cap 10: 18 - 10 = 8, 16 - 10 = 6, 17 - 10 = 7 = 21.
		{"cap 10 ALL", `max_units_per_day = 10`, "over_cap_units", "ALL", 21},
		// Over-cap units stay billed: 18 + 16 + 17 = 51.
		{"billed units keep them", ``, "billed_units", "ALL", 51},
		// The units are pending, so no documentation figure counts them.
		{"pending units are not at risk", ``, "at_risk_units", "ALL", 0},
	}
	db := openAgency(t, overCapAgency)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := compute(t, db, tt.config)
			// The default period is Jan 6 - Jan 7 (first to last service date).
			r := find(t, res, tt.metric, tt.program, "period", "2025-01-06")
			wantFigures(t, r, f(tt.want), nil, f(tt.want))
		})
	}
}

// A person with spells of two payers: each service is in the packet of the
// payer of the spell that gives its program (METRICS.md Conventions and
// Small-cell suppression), so the payers' packets and the no-payer group
// add up to the board's.
//
//	P1: Bridge (Plan A) 2025-01-10..01-31, Clinic (Plan B) from 02-01.
//	V1 01-05, before any spell: the first spell's, Plan A, Bridge (30 min =
//	   2 units, cms8). V2 01-20 in the Plan A spell (60 min = 4 units). V3
//	   02-10 in the Plan B spell (45 min = 3 units).
//	Board: 9 units (Bridge 6, Clinic 3). Plan A: 6, all Bridge. Plan B: 3,
//	all Clinic.
var twoPayerServicesAgency = agency{
	`INSERT INTO participants VALUES
		('P1', 'Bridge', '2025-01-10', '2025-01-31', 1980, 'Plan A', 'p.csv', 2),
		('P1', 'Clinic', '2025-02-01', NULL,         1980, 'Plan B', 'p.csv', 3)`,
	`INSERT INTO staff VALUES
		('S1', 'peer_specialist', 'Bridge', '2024-01-01', NULL, NULL, 1.0, 20.00, 's.csv', 2)`,
	`INSERT INTO services__base VALUES
		('V1', 'P1', 'S1', '2025-01-05', 30, 'H0038', true, 'G1', '2025-01-05 10:00', 'v.csv', 2),
		('V2', 'P1', 'S1', '2025-01-20', 60, 'H0038', true, 'G1', '2025-01-20 10:00', 'v.csv', 3),
		('V3', 'P1', 'S1', '2025-02-10', 45, 'H0038', true, 'G1', '2025-02-10 10:00', 'v.csv', 4)`,
}

func TestServicesInThePacketOfTheirSpellsPayer(t *testing.T) {
	db := openAgency(t, twoPayerServicesAgency)
	cfg, err := config.Parse([]byte("period_start = 2025-01-01\nperiod_end = 2025-03-31\ndata_through = 2025-03-31\nmin_cell = 0"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		payer, program string
		want           float64
	}{
		{"", "ALL", 9}, {"", "Bridge", 6}, {"", "Clinic", 3},
		{"Plan A", "ALL", 6}, {"Plan A", "Bridge", 6},
		{"Plan B", "ALL", 3}, {"Plan B", "Clinic", 3},
	} {
		res, err := Compute(context.Background(), db, cfg, Scope{Payer: c.payer})
		if err != nil {
			t.Fatalf("%q: %v", c.payer, err)
		}
		t.Run(fmt.Sprintf("%q %s", c.payer, c.program), func(t *testing.T) {
			wantFigures(t, find(t, res, "billed_units", c.program, "period", "2025-01-01"), f(c.want), nil, f(c.want))
		})
	}
}
