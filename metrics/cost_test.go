package metrics

import (
	"strings"
	"testing"
)

// The outcome agency's staff timesheets: peer specialist S1 ($20/h) works
// 480 minutes on 01-06 and takes 480 minutes of leave on 01-07 (leave
// counts) in the period, and 480 minutes on 2024-12-30, before it; the
// clinician S2 is not a peer role.
//
// Wages of peer-role spells over the period: 960 min / 60 × $20 = $320.
// Peer service minutes in the period: 60 + 30 + 60 + 40 + 50 + 30 + 50 = 320.
// Post-window peer minutes of the eligible peers: A1 90 + A2 60 + A4 30 = 180.
// From the outcome test: bed_days_did = 2/3 − 1/2, er_visits_did =
// −2/3 + 1/2, outcome_n_peer = 3.
var costTimesheets = `INSERT INTO timesheets__base (staff_id, work_date, activity, minutes, billable, miles, source_file, source_line) VALUES
	('S1', '2024-12-30', 'direct_service', 480, true,  NULL, 't.csv', 2),
	('S1', '2025-01-06', 'direct_service', 480, true,  NULL, 't.csv', 3),
	('S1', '2025-01-07', 'leave',          480, false, NULL, 't.csv', 4),
	('S2', '2025-01-06', 'direct_service', 480, true,  NULL, 't.csv', 5)`

// A peer bridger with no hourly_wage who logged time in the period.
var unwagedPeer = []string{
	`INSERT INTO staff VALUES ('S3', 'peer_bridger', 'Bridge', '2024-01-01', NULL, NULL, 1.0, NULL, 's.csv', 4)`,
	`INSERT INTO timesheets__base (staff_id, work_date, activity, minutes, billable, miles, source_file, source_line) VALUES ('S3', '2025-02-03', 'travel', 60, false, NULL, 't.csv', 6)`,
}

func TestCostMetrics(t *testing.T) {
	avoidedBed := -(quotient(2, 3) - quotient(1, 2)) * 3  // ≈ −0.5 (more bed days than the comparison)
	avoidedER := -(quotient(-2, 3) - quotient(-1, 2)) * 3 // ≈ +0.5
	gross := avoidedBed*1000 + avoidedER*500              // ≈ −500 + 250 = −250
	const money = "inpatient_per_diem = 1000.0\ner_visit_cost = 500.0\n"
	tests := []struct {
		name, config string
		extra        []string
		want         map[string]*float64 // metric -> value; absent from the map = no rows
	}{
		{
			// $320 × 1.25 = $400 / 320 minutes = $1.25 a minute × 180 = $225.
			name:   "wages with fringe, money set",
			config: money + "fringe_rate = 0.25\n",
			want: map[string]*float64{
				"avoided_bed_days": f(avoidedBed), "avoided_er_visits": f(avoidedER),
				"gross_savings": f(gross), "program_cost": f(225),
				"net_savings": f(gross - 225), "roi": f((gross - 225) / 225),
			},
		},
		{
			// No fringe: $320 / 320 minutes = $1 a minute × 180 = $180.
			name:   "wages without fringe",
			config: money,
			want: map[string]*float64{
				"avoided_bed_days": f(avoidedBed), "avoided_er_visits": f(avoidedER),
				"gross_savings": f(gross), "program_cost": f(180),
				"net_savings": f(gross - 180), "roi": f((gross - 180) / 180),
			},
		},
		{
			// program_cost overrides the timesheet cost.
			name:   "configured program cost",
			config: money + "fringe_rate = 0.25\nprogram_cost = 1000.0\n",
			want: map[string]*float64{
				"avoided_bed_days": f(avoidedBed), "avoided_er_visits": f(avoidedER),
				"gross_savings": f(gross), "program_cost": f(1000),
				"net_savings": f(gross - 1000), "roi": f((gross - 1000) / 1000),
			},
		},
		{
			// A program cost of 0: ROI is blank, not infinite.
			name:   "zero program cost",
			config: money + "program_cost = 0.0\n",
			want: map[string]*float64{
				"avoided_bed_days": f(avoidedBed), "avoided_er_visits": f(avoidedER),
				"gross_savings": f(gross), "program_cost": f(0),
				"net_savings": f(gross), "roi": nil,
			},
		},
		{
			// Without the money settings only avoided use and program cost.
			name:   "no money settings",
			config: "fringe_rate = 0.25\n",
			want: map[string]*float64{
				"avoided_bed_days": f(avoidedBed), "avoided_er_visits": f(avoidedER), "program_cost": f(225),
			},
		},
		{
			// A peer-role spell with timesheet minutes but no wage: program
			// cost, net savings and ROI cannot be computed.
			name:   "peer wage missing",
			config: money,
			extra:  unwagedPeer,
			want: map[string]*float64{
				"avoided_bed_days": f(avoidedBed), "avoided_er_visits": f(avoidedER), "gross_savings": f(gross),
			},
		},
		{
			// ... unless program_cost is set.
			name:   "peer wage missing, program cost set",
			config: money + "program_cost = 500.0\n",
			extra:  unwagedPeer,
			want: map[string]*float64{
				"avoided_bed_days": f(avoidedBed), "avoided_er_visits": f(avoidedER),
				"gross_savings": f(gross), "program_cost": f(500),
				"net_savings": f(gross - 500), "roi": f((gross - 500) / 500),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := append(append(agency{}, outcomeAgency...), costTimesheets)
			rows = append(rows, tt.extra...)
			res := compute(t, openAgency(t, rows), outcomeConfig+"min_cell = 0\n"+tt.config)
			for _, id := range []string{"avoided_bed_days", "avoided_er_visits", "gross_savings", "program_cost", "net_savings", "roi"} {
				want, present := tt.want[id]
				var got []Row
				for _, r := range res.Rows {
					if r.Metric == id {
						got = append(got, r)
					}
				}
				switch {
				case !present && len(got) > 0:
					t.Errorf("%s: got %d rows, want none", id, len(got))
				case present && len(got) != 1:
					t.Errorf("%s: got %d rows, want 1 (ALL, period)", id, len(got))
				case present:
					if got[0].Program != AllPrograms || got[0].Grain != GrainPeriod || got[0].GroupMin != 2 {
						t.Errorf("%s: got %s/%s group_min %d, want ALL/period group_min 2", id, got[0].Program, got[0].Grain, got[0].GroupMin)
					}
					wantFigures(t, got[0], nil, nil, want)
				}
			}
		})
	}
}

func TestCostAbsenceReasons(t *testing.T) {
	rows := append(append(agency{}, outcomeAgency...), costTimesheets)
	rows = append(rows, unwagedPeer...)
	res := compute(t, openAgency(t, rows), outcomeConfig+"min_cell = 0\n")
	reasons := map[string]string{}
	for _, a := range res.Absent {
		for _, m := range a.Metrics {
			reasons[m] = a.Reason
		}
	}
	tests := []struct {
		metric string
		says   []string
	}{
		// Money not configured: the absence names both settings.
		{"gross_savings", []string{"inpatient_per_diem", "er_visit_cost"}},
		{"net_savings", []string{"inpatient_per_diem", "er_visit_cost"}},
		// Program cost needs the missing wage (or program_cost).
		{"program_cost", []string{"hourly_wage", "program_cost"}},
	}
	for _, tt := range tests {
		t.Run(tt.metric, func(t *testing.T) {
			got, ok := reasons[tt.metric]
			if !ok {
				t.Fatalf("%s is not listed as absent", tt.metric)
			}
			for _, s := range tt.says {
				if !strings.Contains(got, s) {
					t.Errorf("%s absent: got %q, want it to mention %s", tt.metric, got, s)
				}
			}
		})
	}
}
