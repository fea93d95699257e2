package reports

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/metrics"
)

// The first page: the headline figures (registry Headline order), each
// with this period, the previous period and the change (arrow, coloured by
// the figure's direction), a small trend over the periods there are, the
// target and whether it is met, the
// benchmarks with their band, and a note (what an outcome figure means
// and how sure it is; "few cases: unstable").

// fewCases is the NCHS threshold: a rate resting on fewer than 20 events
// or a denominator under 20 is unstable.
const fewCases = 20

// mcoFirst orders an MCO packet's first page: people served, utilization
// per 1,000, readmission and follow-up, outcomes, the cost case, then the
// rest (billing detail comes later).
var mcoFirst = []string{metrics.FamilyReach, metrics.FamilyUtilization, metrics.FamilyCare, metrics.FamilyOutcomes, metrics.FamilyCost, metrics.FamilySatisfaction}

// headlineRank is the board's order (the registry's), or for an MCO
// packet the families of mcoFirst first.
func (f *facts) headlineRank(mco bool) func(metrics.Definition) int {
	return func(d metrics.Definition) int {
		if d.Headline == 0 || !mco {
			return d.Headline
		}
		for i, fam := range mcoFirst {
			if d.Family == fam {
				return (i+1)*1000 + d.Headline
			}
		}
		return (len(mcoFirst)+1)*1000 + d.Headline
	}
}

func (f *facts) summarySection(mco bool) section {
	s := section{Sheet: "Summary", Anchor: "summary", Title: "Summary",
		Intro: []string{"Headline figures for all programs over the whole reporting period, beside the previous period of the same length, the agency's targets and the benchmarks it chose. Definitions are in the methodology section; hover over a figure's name for its meaning."}}
	t := &table{Caption: "Headline figures, all programs", Columns: []column{
		{"Figure", 40, true}, {"This period", 17, false}, {"Numerator", 13, false}, {"Denominator", 13, false},
		{"Previous period", 17, false}, {"Change", 24, false}, {"Trend", 18, false}, {"Target", 12, false}, {"Target met", 16, false},
		{"Benchmark", 50, true}, {"Note", 70, true}}}
	for _, id := range f.ranked(f.headlineRank(mco)) {
		cur := f.period(id, metrics.AllPrograms)
		if cur == nil {
			if reason := f.absentReason(id); reason != "" {
				row := []cell{f.headlineName(id), textCell("not available"), {}, {}, {}, {}, {}, {}, {}, {}, textCell(sentence(reason))}
				t.Rows = append(t.Rows, row)
			}
			continue
		}
		d := f.def(id)
		prev := f.previous(cur)
		prevCell := textCell("no earlier figure")
		if prev != nil {
			prevCell = f.value(prev)
			if !prev.Suppressed && prev.Value == nil {
				prevCell = textCell("no earlier figure")
			}
		}
		row := []cell{f.headlineName(id), f.value(cur), f.part(cur, cur.Numerator, d.Numerator), f.part(cur, cur.Denominator, d.Denominator),
			prevCell, f.changeCell(cur, prev), f.trendCell(cur)}
		row = append(row, f.targetCells(cur)...)
		row = append(row, textCell(f.benchmarkText(cur)), textCell(f.headlineNote(cur)))
		t.Rows = append(t.Rows, row)
	}
	s.Blocks = []block{{Table: t}}
	return s
}

// headlineName is the figure's plain name with its honesty label
// ("observed, not risk-adjusted"; "FUH-like").
func (f *facts) headlineName(id string) cell {
	c := f.figure(id)
	if l := f.def(id).Label; l != "" {
		c.Text += " (" + l + ")"
	}
	return c
}

// changeCell is the change from the previous period (METRICS.md): a
// proportion in percentage points; a count, rate or total in per cent of a
// previous value above 0, or "new" when it was 0; a figure that can be
// negative as the difference in its unit. The arrow shows the way it
// moved and the tone, for a figure with a direction, whether that is
// better or worse.
func (f *facts) changeCell(cur, prev *metrics.Row) cell {
	switch {
	case prev == nil || (!prev.Suppressed && prev.Value == nil):
		return textCell("no earlier figure")
	case cur.Suppressed || prev.Suppressed:
		return cell{Suppressed: true}
	case cur.Value == nil:
		return textCell("no figure this period")
	}
	d := f.def(cur.Metric)
	now, before := *cur.Value, *prev.Value
	diff := now - before
	var text string
	switch {
	case d.IsProportion():
		text = signed(diff*100, 1) + " percentage points"
	case d.Signed:
		text = signedText(f.format(cur.Metric), diff)
	case before > 0:
		text = signed(diff/before*100, 1) + "%"
	case now == 0:
		text = "no change"
	default:
		text = "new"
	}
	c := textCell(arrow(diff) + text)
	switch {
	case diff == 0 || d.Direction == metrics.DirectionNone:
	case (diff > 0) == (d.Direction == metrics.HigherIsBetter):
		c.Tone = toneBetter
	default:
		c.Tone = toneWorse
	}
	return c
}

func arrow(diff float64) string {
	switch {
	case diff > 0:
		return "▲ "
	case diff < 0:
		return "▼ "
	}
	return ""
}

// signed is v with d decimals and its sign.
func signed(v float64, d int) string {
	s := fixed(v, d)
	if !strings.HasPrefix(s, "-") {
		s = "+" + s
	}
	return s
}

// signedText is a difference in a format, with its sign.
func signedText(format numFormat, v float64) string {
	if format == fmtPercent {
		return signed(v*100, 1) + " percentage points"
	}
	s := format.text(math.Abs(v))
	if v < 0 {
		return "-" + s
	}
	return "+" + s
}

// shownRound is v rounded as the page shows it, so a figure and its
// target are compared at the precision a reader sees (METRICS.md: equal
// meets).
func shownRound(format numFormat, v float64) float64 {
	decimals := map[numFormat]int{fmtPercent: 3, fmtMultiple: 2, fmtPer1000: 1, fmtScore: 1, fmtUSD: 0, fmtCount: 2, fmtNumber: 2}[format]
	r, _ := strconv.ParseFloat(fixed(v, decimals), 64)
	return r
}

// targetCells are the target and whether the figure meets it, by the
// metric's direction: a payer's target in its MCO packet, else the
// agency's; a suppressed figure is never compared.
func (f *facts) targetCells(r *metrics.Row) []cell {
	target, ok := f.res.Config.Target(r.Metric, f.res.Scope.Payer)
	if !ok {
		return []cell{{}, {}}
	}
	format := f.format(r.Metric)
	tc := numCell(&target, format)
	switch {
	case r.Suppressed:
		return []cell{tc, {Suppressed: true}}
	case r.Value == nil:
		return []cell{tc, textCell("no figure")}
	}
	d := f.def(r.Metric)
	v, t := shownRound(format, *r.Value), shownRound(format, target)
	met := v >= t
	if d.Direction == metrics.LowerIsBetter {
		met = v <= t
	}
	if met {
		return []cell{tc, {Text: "meets target", Tone: toneBetter}}
	}
	return []cell{tc, {Text: "does not meet target", Tone: toneWorse}}
}

// benchmarkText shows each benchmark of the figure with its name and
// source; for a quartile benchmark, the band the figure falls in.
func (f *facts) benchmarkText(r *metrics.Row) string {
	format := f.format(r.Metric)
	var parts []string
	for _, b := range f.res.Config.BenchmarksFor(r.Metric) {
		who := b.Name + ", " + b.Source
		if !b.Quartiles() {
			parts = append(parts, fmt.Sprintf("%s (%s)", format.text(*b.Value), who))
			continue
		}
		text := fmt.Sprintf("median %s, quartiles %s to %s (%s)", format.text(*b.Median), format.text(*b.Bottom), format.text(*b.Top), who)
		if !r.Suppressed && r.Value != nil {
			text += ": " + band(f.def(r.Metric).Direction, shownRound(format, *r.Value), b)
		}
		parts = append(parts, text)
	}
	return strings.Join(parts, "; ")
}

// band names the quartile band of v by the metric's direction; on a
// boundary, the better band.
func band(dir metrics.Direction, v float64, b config.Benchmark) string {
	med, bottom, top := *b.Median, *b.Bottom, *b.Top
	switch dir {
	case metrics.HigherIsBetter:
		switch {
		case v >= top:
			return "in the best quartile"
		case v >= med:
			return "better than the median"
		case v >= bottom:
			return "worse than the median"
		}
		return "in the worst quartile"
	case metrics.LowerIsBetter:
		switch {
		case v <= bottom:
			return "in the best quartile"
		case v <= med:
			return "better than the median"
		case v <= top:
			return "worse than the median"
		}
		return "in the worst quartile"
	}
	if v >= med {
		return "above the median"
	}
	return "below the median"
}

// headlineNote: for an outcome figure, one plain sentence of what it means
// and how sure it is; for a rate resting on few cases, the NCHS mark.
func (f *facts) headlineNote(r *metrics.Row) string {
	d := f.def(r.Metric)
	var notes []string
	if f.fewCases(r) {
		notes = append(notes, "few cases: unstable.")
	}
	if d.Family == metrics.FamilyOutcomes || d.Family == metrics.FamilyCost {
		if words := f.didWords(r.Metric); words != "" {
			notes = append(notes, words)
		} else if words := f.savingWords(r.Metric); words != "" {
			notes = append(notes, words)
		}
		notes = append(notes, f.cautionShort())
	}
	return strings.Join(notes, " ")
}

// fewCases: a rate or proportion whose numerator counts fewer than 20
// events or whose counted denominator is under 20 (shown, not suppressed).
func (f *facts) fewCases(r *metrics.Row) bool {
	d := f.def(r.Metric)
	if r.Suppressed || (d.Unit != metrics.UnitRatio && d.Unit != metrics.UnitPer1000) {
		return false
	}
	return (d.NumeratorCounted && r.Numerator != nil && *r.Numerator < fewCases) ||
		(d.DenominatorCounted && r.Denominator != nil && *r.Denominator < fewCases)
}
