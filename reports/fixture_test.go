package reports

import (
	"sort"
	"time"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/metrics"
)

// A small agency, written out by hand: two programs over July to December
// 2024 (six months, two quarters), with suppressed hospital and survey
// cells, money settings left out (so the savings figures are absent), and
// before/after outcomes with intervals. Values are chosen so every figure
// is easy to recognise in a cell: e.g. billed_units in month m of program
// Bridges is 100+m.

var (
	fixturePeriodStart = day(2024, 7, 1)
	fixturePeriodEnd   = day(2024, 12, 31)
	fixtureGenerated   = time.Date(2025, 2, 3, 14, 5, 0, 0, time.UTC)
	fixturePrograms    = []string{"Bridges", "Harbor & Co"}
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func f64(v float64) *float64 { return &v }

type fixture struct {
	rows []metrics.Row
	defs []metrics.Definition
}

// def adds a hand-written definition, with the report facts (family,
// display, direction, headline, charts, interval link) of the registered
// metric of that id, as reports select figures by those facts.
func (fx *fixture) def(d metrics.Definition) {
	if r, ok := metrics.Lookup(metrics.Registry(config.Default()), d.ID); ok {
		d.Family, d.Display, d.Direction, d.Headline, d.Trend = r.Family, r.Display, r.Direction, r.Headline, r.Trend
		d.Chart, d.ChartLabel, d.BoundOf, d.BoundHigh, d.BoardOnly = r.Chart, r.ChartLabel, r.BoundOf, r.BoundHigh, r.BoardOnly
		d.Instrument, d.Domain, d.Statistic, d.Group, d.Window, d.Label = r.Instrument, r.Domain, r.Statistic, r.Group, r.Window, r.Label
		d.Share, d.Signed, d.RestsOn, d.BlankReason = r.IsProportion(), r.Signed, r.RestsOn, r.BlankReason
		d.Scale = r.Scale
	}
	fx.defs = append(fx.defs, d)
}

func (fx *fixture) add(metric, program, grain string, start, end time.Time, num, den, val *float64, unit string, suppressed bool) {
	if suppressed {
		num, den, val = nil, nil, nil
	}
	fx.rows = append(fx.rows, metrics.Row{Metric: metric, Program: program, Grain: grain, PeriodStart: start, PeriodEnd: end,
		Numerator: num, Denominator: den, Value: val, Unit: unit, Suppressed: suppressed, Contributors: -1, GroupMin: -1})
}

// windows are the months, quarters and the period of the fixture.
type window struct {
	grain      string
	start, end time.Time
	index      int // month 1..6, quarter 1..2, period 0
}

func fixtureWindows() []window {
	var ws []window
	for m := 0; m < 6; m++ {
		s := fixturePeriodStart.AddDate(0, m, 0)
		ws = append(ws, window{metrics.GrainMonth, s, s.AddDate(0, 1, -1), m + 1})
	}
	for q := 0; q < 2; q++ {
		s := fixturePeriodStart.AddDate(0, 3*q, 0)
		ws = append(ws, window{metrics.GrainQuarter, s, s.AddDate(0, 3, -1), q + 1})
	}
	return append(ws, window{metrics.GrainPeriod, fixturePeriodStart, fixturePeriodEnd, 0})
}

// allPrograms is ALL and the fixture's programs.
var allPrograms = append([]string{metrics.AllPrograms}, fixturePrograms...)

func progIndex(p string) float64 {
	for i, x := range allPrograms {
		if x == p {
			return float64(i)
		}
	}
	return 0
}

func testResult(minCell int) metrics.Result {
	fx := &fixture{}
	k := float64(minCell)

	fx.def(metrics.Definition{ID: "billed_units", Title: "Units billed", Area: "billing", Unit: metrics.UnitCount,
		Numerator: "units of billable services", Description: "Billable 15-minute units.", ConfigKeys: []string{"unit_rule"}})
	fx.def(metrics.Definition{ID: "doc_standard_rate", Title: "Notes meeting the documentation standard", Area: "billing", Unit: metrics.UnitRatio,
		Numerator: "billable non-pending services meeting the standard", Denominator: "billable non-pending services",
		Description: "Goal-linked and signed on time.", ConfigKeys: []string{"doc_deadline_days"}})
	fx.def(metrics.Definition{ID: "rday_rate", Title: "R-day rate", Area: "rdays", Unit: metrics.UnitRatio,
		Numerator: "R-days", Denominator: "enrolled days", Description: "Share of enrolled days that are R-days."})
	fx.def(metrics.Definition{ID: "billable_ratio", Title: "Billable share of worked time", Area: "workforce", Unit: metrics.UnitRatio,
		Numerator: "billable minutes", Denominator: "worked minutes", Description: "Billable minutes over worked minutes."})
	fx.def(metrics.Definition{ID: "hours_per_billable_hour", Title: "Hours worked per billable hour", Area: "workforce", Unit: metrics.UnitRatio,
		Numerator: "worked minutes", Denominator: "billable minutes", Description: "Worked over billable minutes."})
	for _, a := range []string{"documentation", "travel"} {
		fx.def(metrics.Definition{ID: "nonbillable_share_" + a, Title: "Non-billable " + a, Area: "workforce", Unit: metrics.UnitRatio,
			Numerator: "non-billable minutes of " + a, Denominator: "worked minutes", Description: "Share of worked time."})
	}
	fx.def(metrics.Definition{ID: "peer_turnover_rate", Title: "Peer staff turnover", Area: "workforce", Unit: metrics.UnitRatio,
		Numerator: "separations of peer-role spells", Denominator: "average headcount of peer-role spells", Description: "Annualized."})
	fx.def(metrics.Definition{ID: "admissions_per_1000", Title: "Admissions per 1,000 member months", Area: "hospital", Unit: metrics.UnitPer1000,
		Numerator: "episodes admitted", Denominator: "member months", Description: "Inpatient episodes.", Protected: true, NumeratorCounted: true})
	fx.def(metrics.Definition{ID: "readmit_30d_rate", Title: "30-day readmission", Area: "hospital", Unit: metrics.UnitRatio,
		Numerator: "index episodes followed by a readmission", Denominator: "index episodes", Description: "HEDIS PCR spirit.", Protected: true})

	fx.def(metrics.Definition{ID: "participants_served", Title: "Participants served", Area: "reach", Unit: metrics.UnitCount,
		Numerator: "distinct participants served", Description: "People with a service in the window.", Protected: true, NumeratorCounted: true})
	fx.def(metrics.Definition{ID: "peer_caseload", Title: "Participants per peer FTE", Area: "reach", Unit: metrics.UnitRatio,
		Numerator: "participants with a peer service", Denominator: "peer FTE", Description: "Board only.", Protected: true, NumeratorCounted: true})
	for _, w := range fixtureWindows() {
		for _, p := range allPrograms {
			pi := progIndex(p)
			// People served: ALL 90 + window index, Bridges 50 + index,
			// Harbor & Co 45 + index (a person in both programs).
			served := []float64{90, 50, 45}[int(pi)] + float64(w.index)
			fx.add("participants_served", p, w.grain, w.start, w.end, f64(served), nil, f64(served), metrics.UnitCount, false)
			scale := 1.0
			if w.grain == metrics.GrainQuarter {
				scale = 3
			} else if w.grain == metrics.GrainPeriod {
				scale = 6
			}
			units := (100*pi + 100 + float64(w.index)) * scale
			if p == metrics.AllPrograms {
				units = (500 + 2*float64(w.index)) * scale
			}
			fx.add("billed_units", p, w.grain, w.start, w.end, f64(units), nil, f64(units), metrics.UnitCount, false)
			num, den := 40+pi*5+float64(w.index), 50+pi*5+float64(w.index)
			fx.add("doc_standard_rate", p, w.grain, w.start, w.end, f64(num), f64(den), f64(num/den), metrics.UnitRatio, false)
			fx.add("rday_rate", p, w.grain, w.start, w.end, f64(num-20), f64(den*3), f64((num-20)/(den*3)), metrics.UnitRatio, false)
			bill, work := 3000+pi*100+float64(w.index)*10, 5000+pi*50
			fx.add("billable_ratio", p, w.grain, w.start, w.end, f64(bill), f64(work), f64(bill/work), metrics.UnitRatio, false)
			fx.add("hours_per_billable_hour", p, w.grain, w.start, w.end, f64(work), f64(bill), f64(work/bill), metrics.UnitRatio, false)
			// Admissions: Harbor & Co in month 2 has 3 episodes: suppressed
			// (and complementary-suppressed Bridges in that month).
			adm, mm := 12+pi*2+float64(w.index), 400+pi*100
			supp := minCell > 0 && w.grain == metrics.GrainMonth && w.index == 2 && p != metrics.AllPrograms
			fx.add("admissions_per_1000", p, w.grain, w.start, w.end, f64(adm), f64(mm), f64(adm/mm*1000), metrics.UnitPer1000, supp)
		}
	}
	// Period-only figures.
	for _, p := range allPrograms {
		pi := progIndex(p)
		fx.add("nonbillable_share_documentation", p, metrics.GrainPeriod, fixturePeriodStart, fixturePeriodEnd, f64(600+pi*10), f64(5000), f64((600+pi*10)/5000), metrics.UnitRatio, false)
		fx.add("nonbillable_share_travel", p, metrics.GrainPeriod, fixturePeriodStart, fixturePeriodEnd, f64(300+pi*20), f64(5000), f64((300+pi*20)/5000), metrics.UnitRatio, false)
		fx.add("peer_turnover_rate", p, metrics.GrainPeriod, fixturePeriodStart, fixturePeriodEnd, f64(2+pi), f64(10), f64((2+pi)/10*365.25/184), metrics.UnitRatio, false)
		// Harbor & Co has 4 index episodes: suppressed.
		idx := []float64{40, 36, 4}[int(pi)]
		fx.add("readmit_30d_rate", p, metrics.GrainPeriod, fixturePeriodStart, fixturePeriodEnd, f64(idx/4), f64(idx), f64(0.25), metrics.UnitRatio, minCell > 0 && idx < k)
	}
	fx.add("peer_caseload", metrics.AllPrograms, metrics.GrainPeriod, fixturePeriodStart, fixturePeriodEnd, f64(60), f64(4), f64(15), metrics.UnitRatio, false)
	// The previous half-year of billed_units for all programs, so the summary
	// can show a change.
	fx.add("billed_units", metrics.AllPrograms, metrics.GrainPeriod, day(2024, 1, 1), day(2024, 6, 30), f64(500), nil, f64(500), metrics.UnitCount, false)
	// And of the documentation standard: 35 / 50 = 70.0%, against this
	// period's 40 / 50 = 80.0%, which has a target of exactly 80% (equal
	// meets) and a quartile benchmark (see cfg below).
	fx.add("doc_standard_rate", metrics.AllPrograms, metrics.GrainPeriod, day(2024, 1, 1), day(2024, 6, 30), f64(35), f64(50), f64(0.7), metrics.UnitRatio, false)

	// Surveys.
	fx.def(metrics.Definition{ID: "survey_peer_experience_overall_positive", Title: "Peer experience: overall, positive", Area: "satisfaction",
		Unit: metrics.UnitRatio, Numerator: "respondents positive", Denominator: "respondents with a domain score", Description: "Score above 3.5.", Protected: true})
	fx.def(metrics.Definition{ID: "survey_peer_experience_overall_mean", Title: "Peer experience: overall, mean score", Area: "satisfaction",
		Unit: metrics.UnitScore, Numerator: "sum of domain scores", Denominator: "respondents with a domain score", Description: "Mean 1-5.", Protected: true})
	fx.def(metrics.Definition{ID: "survey_peer_experience_responses", Title: "Peer experience: responses", Area: "satisfaction",
		Unit: metrics.UnitCount, Numerator: "responses", Description: "Survey responses.", Protected: true})
	for _, p := range allPrograms {
		pi := progIndex(p)
		n := []float64{60, 52, 8}[int(pi)]
		supp := minCell > 0 && n < k
		fx.add("survey_peer_experience_overall_positive", p, metrics.GrainPeriod, fixturePeriodStart, fixturePeriodEnd, f64(n-12), f64(n), f64((n-12)/n), metrics.UnitRatio, supp)
		fx.add("survey_peer_experience_overall_mean", p, metrics.GrainPeriod, fixturePeriodStart, fixturePeriodEnd, f64(n*41/10), f64(n), f64(4.1), metrics.UnitScore, supp)
		fx.add("survey_peer_experience_responses", p, metrics.GrainPeriod, fixturePeriodStart, fixturePeriodEnd, f64(n), nil, f64(n), metrics.UnitCount, supp)
	}

	// Outcomes (ALL only, value-only changes with intervals).
	valueOnly := func(id, title, unit string, v float64) {
		fx.def(metrics.Definition{ID: id, Title: title, Area: "outcomes", Unit: unit, Description: title + ".", AllOnly: true, Protected: true, GroupTested: true})
		fx.add(id, metrics.AllPrograms, metrics.GrainPeriod, fixturePeriodStart, fixturePeriodEnd, nil, nil, f64(v), unit, false)
	}
	counted := func(id, title, unit string, v float64) {
		fx.def(metrics.Definition{ID: id, Title: title, Area: "outcomes", Unit: unit, Numerator: title, Description: title + ".", AllOnly: true, Protected: true})
		fx.add(id, metrics.AllPrograms, metrics.GrainPeriod, fixturePeriodStart, fixturePeriodEnd, f64(v), nil, f64(v), unit, false)
	}
	counted("outcome_n_peer", "Peer cohort members", metrics.UnitCount, 48)
	counted("outcome_n_comparison", "Comparison group members", metrics.UnitCount, 35)
	counted("pre_bed_days_peer", "Bed days before, peer", metrics.UnitDays, 410)
	counted("post_bed_days_peer", "Bed days after, peer", metrics.UnitDays, 260)
	counted("pre_bed_days_comparison", "Bed days before, comparison", metrics.UnitDays, 300)
	counted("post_bed_days_comparison", "Bed days after, comparison", metrics.UnitDays, 280)
	valueOnly("bed_days_change_peer", "Change in bed days, peer", metrics.UnitRatio, -0.366)
	valueOnly("bed_days_change_peer_ci_low", "Change in bed days, peer: 95% low", metrics.UnitRatio, -0.52)
	valueOnly("bed_days_change_peer_ci_high", "Change in bed days, peer: 95% high", metrics.UnitRatio, -0.18)
	valueOnly("bed_days_change_comparison", "Change in bed days, comparison", metrics.UnitRatio, -0.0667)
	valueOnly("bed_days_change_comparison_ci_low", "Change in bed days, comparison: 95% low", metrics.UnitRatio, -0.25)
	valueOnly("bed_days_change_comparison_ci_high", "Change in bed days, comparison: 95% high", metrics.UnitRatio, 0.14)
	valueOnly("bed_days_did", "Difference in differences, bed days per person", metrics.UnitDays, -2.555)
	valueOnly("bed_days_did_ci_low", "Bed days DiD: 95% low", metrics.UnitDays, -4.1)
	valueOnly("bed_days_did_ci_high", "Bed days DiD: 95% high", metrics.UnitDays, -0.9)
	valueOnly("er_visits_did", "Difference in differences, ER visits per person", metrics.UnitCount, -0.42)
	valueOnly("er_visits_did_ci_low", "ER visits DiD: 95% low", metrics.UnitCount, -0.8)
	valueOnly("er_visits_did_ci_high", "ER visits DiD: 95% high", metrics.UnitCount, 0.05)

	// Cost: program cost from wages; the savings need money settings.
	fx.def(metrics.Definition{ID: "avoided_bed_days", Title: "Bed days avoided", Area: "cost", Unit: metrics.UnitDays, Description: "Minus DiD times cohort.", AllOnly: true, Protected: true, GroupTested: true})
	fx.def(metrics.Definition{ID: "program_cost", Title: "Program cost", Area: "cost", Unit: metrics.UnitUSD, Description: "Peer minutes times cost per minute.",
		ConfigKeys: []string{"program_cost", "fringe_rate"}, AllOnly: true, Protected: true, GroupTested: true})
	fx.add("avoided_bed_days", metrics.AllPrograms, metrics.GrainPeriod, fixturePeriodStart, fixturePeriodEnd, nil, nil, f64(122.64), metrics.UnitDays, false)
	fx.add("program_cost", metrics.AllPrograms, metrics.GrainPeriod, fixturePeriodStart, fixturePeriodEnd, nil, nil, f64(48250.5), metrics.UnitUSD, false)

	sortRows(fx.rows)
	sort.SliceStable(fx.defs, func(i, j int) bool { return fx.defs[i].ID < fx.defs[j].ID })

	cfg := config.Default()
	cfg.AgencyName = "Riverbend <Peer> Network"
	cfg.PeriodStart = config.Date{Time: fixturePeriodStart}
	cfg.PeriodEnd = config.Date{Time: fixturePeriodEnd}
	cfg.DataThrough = config.Date{Time: day(2025, 1, 31)}
	cfg.DataFrom = config.Date{Time: day(2023, 1, 1)}
	cfg.FringeRate = 0.22
	cfg.MinCell = minCell
	cfg.Targets = map[string]any{"doc_standard_rate": 0.8, "readmit_30d_rate": 0.2}
	cfg.Benchmarks = map[string]map[string]any{"State average": {
		"source":            "State quality report 2024",
		"doc_standard_rate": map[string]any{"median": 0.75, "bottom_quartile": 0.6, "top_quartile": 0.85},
	}}
	return metrics.Result{
		Config:   cfg,
		Programs: append([]string{}, fixturePrograms...),
		Payers:   []string{"Acme Health", "Blue Shield"},
		Rows:     fx.rows,
		Registry: fx.defs,
		Absent: []metrics.Absence{
			{Metrics: []string{"gross_savings", "net_savings", "roi"}, Reason: "not configured: set inpatient_per_diem and er_visit_cost in peerstat.toml"},
			{Metrics: []string{"rday_revenue", "rday_revenue_lost"}, Reason: "not configured: set rday_daily_rate and rday_federal_share in peerstat.toml"},
		},
		Quality: metrics.Quality{
			RejectsByReason: []metrics.RejectCount{{Source: "services", Reason: "minutes: not a number of minutes from 1 to 1440", Rows: 3}},
			Warnings:        []metrics.Warning{{Check: "timesheet entries not in quarter-hour increments", Count: 17}},
			Files:           []metrics.FileLoad{{Source: "services", File: "services.csv", RowsRead: 1203, RowsLoaded: 1200, RowsRejected: 3}},
		},
		BootstrapDropped: map[string]int{"bed_days_change_peer": 2, "bed_days_change_comparison": 0},
		GeneratedAt:      fixtureGenerated,
	}
}

// sortRows puts fixture rows in metrics.csv's order: metric, program,
// grain, period_start.
func sortRows(rows []metrics.Row) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Metric != b.Metric {
			return a.Metric < b.Metric
		}
		if a.Program != b.Program {
			return a.Program < b.Program
		}
		if a.Grain != b.Grain {
			return a.Grain < b.Grain
		}
		return a.PeriodStart.Before(b.PeriodStart)
	})
}
