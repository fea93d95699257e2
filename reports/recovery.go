package reports

import (
	"github.com/peerstat/peerstat/metrics"
)

// followupTarget is SAMHSA's expected GPRA follow-up rate, the mark the
// follow-up rate is read against.
const followupTarget = 0.80

// recoverySection shows METRICS.md "Recovery outcomes (assessments)":
// housing, employment and recovery capital at intake beside follow-up, the
// follow-up rate against SAMHSA's 80%, each program's intakes by follow-up
// status, and each summed scale's mean change with its interval and pair
// count. Every figure is a metric row, shown (or suppressed) as the
// metrics give it; nothing is derived here but the reading of the 80% mark.
func (f *facts) recoverySection(scope string) section {
	s := section{Sheet: "Recovery outcomes", Anchor: "recovery", Title: "Recovery outcomes",
		Intro: []string{"Intake and 6-month follow-up assessments (the SAMHSA GPRA client-outcome design): housing, employment and recovery capital of the same episodes of care at intake and at follow-up, and how many intakes have their follow-up. " + scope}}
	if len(f.family(metrics.FamilyRecovery)) == 0 {
		s.Blocks = append(s.Blocks, block{Absent: true,
			Note: "No assessments in this data. An assessments file in the data folder (assessments.csv, .xlsx or .parquet: one row per intake, follow-up or discharge interview, with housing, employment and BARC-10 items q1-q10; see the data dictionary) would fill this section."})
		s.Blocks = append(s.Blocks, block{Table: assessmentColumns()})
		s.Blocks = append(s.Blocks, f.absentBlocks(f.inFamily(metrics.FamilyRecovery))...)
		return s
	}
	pairs := f.charted(metrics.ChartRecoveryPairs)
	s.Blocks = append(s.Blocks, chartBlocks(f.pairChart(pairs))...)
	if t := f.pairTable(pairs); t != nil {
		s.Blocks = append(s.Blocks, block{Table: t})
		f.place(pairs...)
	}
	for _, id := range pairs {
		if l := f.def(id).Label; l != "" && f.def(id).Window == "pre" {
			s.Blocks = append(s.Blocks, block{Note: f.title(id) + ": " + l + "."})
		}
	}

	rate := f.matching(func(id string, d metrics.Definition) bool {
		return d.Family == metrics.FamilyRecovery && d.Chart == metrics.ChartAssessed
	})
	s.Blocks = append(s.Blocks, chartBlocks(f.groupChart(barChart, "Intake and follow-up assessment rates (SAMHSA expects 80% of follow-ups)", metrics.ChartAssessed))...)
	if t := f.targetTable(rate); t != nil {
		s.Blocks = append(s.Blocks, block{Table: t})
	}
	s.Blocks = append(s.Blocks, chartBlocks(f.groupChart(barChart, "Intakes by follow-up status on data_through", metrics.ChartFollowupStatus))...)
	s.Blocks = append(s.Blocks, f.figureTables("Intakes by follow-up status on data_through (counts only)", f.charted(metrics.ChartFollowupStatus), figureOpts{})...)

	change := f.charted(metrics.ChartRecoveryChange)
	if c := f.intervalChart("Mean change in recovery capital from intake to follow-up, with 95% intervals", "Score change", change); c != nil {
		s.Blocks = append(s.Blocks, chartBlocks(c)...)
	}
	s.Blocks = append(s.Blocks, f.figureTables("Recovery capital: mean change (Σ change / paired episodes, the pair count as denominator)", change, figureOpts{intervals: true})...)
	s.Blocks = append(s.Blocks, f.figureTables("Recovery outcome figures", f.family(metrics.FamilyRecovery), figureOpts{intervals: true})...)
	s.Blocks = append(s.Blocks, f.absentBlocks(f.inFamily(metrics.FamilyRecovery))...)
	return s
}

// pairLabels are the chart labels of the intake/follow-up pairs in order,
// each once.
func (f *facts) pairLabels(ids []string) []string {
	var labels []string
	seen := map[string]bool{}
	for _, id := range ids {
		if l := f.chartLabel(id); !seen[l] {
			seen[l] = true
			labels = append(labels, l)
		}
	}
	return labels
}

// pairFigure is the figure of one label and window (pre = intake, post =
// follow-up), "" when none.
func (f *facts) pairFigure(ids []string, label, window string) string {
	for _, id := range ids {
		if f.chartLabel(id) == label && f.def(id).Window == window {
			return id
		}
	}
	return ""
}

// pairChart is intake beside follow-up for every paired figure, all
// programs together.
func (f *facts) pairChart(ids []string) *chart {
	if len(ids) == 0 {
		return nil
	}
	labels := f.pairLabels(ids)
	c := &chart{ID: f.chartID(), Kind: barChart, Title: "At intake and at follow-up (paired episodes, all programs)",
		XLabel: "Figure", YLabel: axisLabel(fmtPercent), Format: fmtPercent, Categories: labels, Note: f.notes(ids...)}
	for i, window := range []string{"pre", "post"} {
		s := series{Name: map[string]string{"pre": "At intake", "post": "At follow-up"}[window], Color: okabeIto[i]}
		for _, l := range labels {
			s.Values = append(s.Values, f.value(f.period(f.pairFigure(ids, l, window), metrics.AllPrograms)))
		}
		c.Series = append(c.Series, s)
	}
	return c
}

// pairTable shows, per figure and program, the paired episodes and the
// shares at intake and at follow-up side by side.
func (f *facts) pairTable(ids []string) *table {
	if len(ids) == 0 {
		return nil
	}
	t := &table{Caption: "At intake and at follow-up, the same paired episodes",
		Columns: []column{{"Figure", 30, false}, {"Program", 18, false}, {"Paired episodes", 15, false},
			{"At intake", 12, false}, {"At follow-up", 13, false}}}
	for _, l := range f.pairLabels(ids) {
		pre, post := f.pairFigure(ids, l, "pre"), f.pairFigure(ids, l, "post")
		for _, p := range f.programs {
			in, out := f.period(pre, p), f.period(post, p)
			if in == nil && out == nil {
				continue
			}
			name := cell{Text: l, Tip: f.def(pre).Description}
			// the paired count is each figure's denominator, the same for
			// both: shown when either figure is
			paired := cell{Suppressed: true}
			for _, r := range []*metrics.Row{in, out} {
				if r != nil && !r.Suppressed {
					paired = numCell(r.Denominator, fmtNumber)
					break
				}
			}
			t.Rows = append(t.Rows, []cell{name, textCell(programLabel(p)), paired, f.value(in), f.value(out)})
		}
	}
	return t
}

// targetTable reads the follow-up rate against SAMHSA's 80%: per program,
// the rate, the mark and whether it is reached (a suppressed rate is
// never compared).
func (f *facts) targetTable(ids []string) *table {
	var rate string
	for _, id := range ids {
		if f.def(id).Label != "" {
			rate = id
		}
	}
	if rate == "" {
		return nil
	}
	t := &table{Caption: f.title(rate) + " against SAMHSA's 80% target",
		Columns: []column{{"Program", 18, false}, {"Follow-up rate", 15, false}, {"Target", 10, false}, {"Reached", 40, true}}}
	target := followupTarget
	for _, p := range f.programs {
		r := f.period(rate, p)
		if r == nil {
			continue
		}
		v := f.value(r)
		reached := ""
		switch {
		case v.Suppressed:
			reached = suppressedText(f.k)
		case r.Value == nil:
			reached = "no follow-up window has closed yet"
		case v.display(f.k) == (cell{Num: &target, Format: fmtPercent}).display(f.k) || *r.Value >= target:
			reached = "yes"
		default:
			reached = "not yet"
		}
		t.Rows = append(t.Rows, []cell{textCell(programLabel(p)), v, numCell(&target, fmtPercent), textCell(reached)})
	}
	return t
}

// assessmentColumns is the assessments file's part of the data dictionary:
// what a file that fills the section holds.
func assessmentColumns() *table {
	t := &table{Caption: "The assessments file that would fill this section",
		Columns: []column{{"Column", 18, false}, {"Type", 8, false}, {"Required", 9, false}, {"Notes", 70, true}}}
	for _, c := range dataDictionary {
		if c.Source == "assessments" {
			t.Rows = append(t.Rows, []cell{textCell(c.Column), textCell(c.Type), textCell(c.Required), textCell(c.Notes)})
		}
	}
	return t
}
