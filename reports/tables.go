package reports

import (
	"strings"

	"github.com/peerstat/peerstat/metrics"
)

// figureOpts adds columns to a figures table.
type figureOpts struct {
	intervals bool   // the 95% interval of each figure (outcome metrics)
	settings  bool   // the settings each figure rests on (dollar figures)
	caution   string // a caution printed beside every figure
}

var allGrains = []string{metrics.GrainPeriod, metrics.GrainQuarter, metrics.GrainMonth}

// figureTables shows metrics with their numerators and denominators: every
// grain in the workbook (filterable), the whole period on the page.
func (f *facts) figureTables(caption string, ids []string, o figureOpts) []block {
	var shown []string
	for _, id := range ids {
		if f.has(id) && !f.isInterval(id) {
			shown = append(shown, id)
		}
	}
	if len(shown) == 0 {
		return nil
	}
	f.place(shown...)
	if o.intervals {
		o.intervals = false
		for _, id := range shown {
			o.intervals = o.intervals || f.has(f.bound(id, false)) || f.has(f.bound(id, true))
		}
	}
	return []block{
		{Only: workbookOnly, Table: f.figureTable(caption, shown, allGrains, o, true)},
		{Only: pageOnly, Table: f.figureTable(caption, shown, []string{metrics.GrainPeriod}, o, false)},
	}
}

func (f *facts) figureTable(caption string, ids, grains []string, o figureOpts, workbook bool) *table {
	t := &table{Caption: caption}
	if workbook {
		t.Columns = []column{{"Figure", 36, false}, {"Metric", 28, false}, {"Program", 18, false}, {"Grain", 12, false},
			{"Period", 24, false}, {"Start", 11, false}, {"End", 11, false}}
	} else {
		t.Columns = []column{{"Figure", 0, false}, {"Program", 0, false}}
	}
	t.Columns = append(t.Columns, column{"Numerator", 13, false}, column{"Denominator", 13, false}, column{"Value", 17, false})
	if o.intervals {
		if workbook {
			t.Columns = append(t.Columns, column{"95% interval low", 16, false}, column{"95% interval high", 16, false})
		} else {
			t.Columns = append(t.Columns, column{"95% interval", 0, false})
		}
	}
	if o.settings {
		t.Columns = append(t.Columns, column{"Settings it rests on", 60, true})
	}
	if o.caution != "" {
		t.Columns = append(t.Columns, column{"Caution", 70, true})
	}
	for _, id := range ids {
		d := f.def(id)
		low, high := f.bound(id, false), f.bound(id, true)
		for _, r := range f.rowsOf(id, grains) {
			r := r
			row := []cell{f.figure(id)}
			if workbook {
				row = append(row, textCell(id), textCell(programLabel(r.Program)), textCell(grainLabel(r.Grain)),
					textCell(periodLabel(r)), textCell(isoDate(r.PeriodStart)), textCell(isoDate(r.PeriodEnd)))
			} else {
				row = append(row, textCell(programLabel(r.Program)))
			}
			row = append(row, f.part(&r, r.Numerator, d.Numerator), f.part(&r, r.Denominator, d.Denominator), f.value(&r))
			if o.intervals {
				low := f.find(low, r.Program, r.Grain, r)
				high := f.find(high, r.Program, r.Grain, r)
				if workbook {
					row = append(row, f.value(low), f.value(high))
				} else {
					row = append(row, textCell(f.intervalText(low, high)))
				}
			}
			if o.settings {
				row = append(row, textCell(keyValues(f.res.Config, d.ConfigKeys)))
			}
			if o.caution != "" {
				row = append(row, textCell(o.caution))
			}
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

// intervalText is "low to high" as the page shows an interval.
func (f *facts) intervalText(low, high *metrics.Row) string {
	if low == nil && high == nil {
		return ""
	}
	l, h := f.value(low), f.value(high)
	if l.Suppressed || h.Suppressed {
		return suppressedText(f.k)
	}
	if !l.numeric() || !h.numeric() {
		return blankText
	}
	return l.display(f.k) + " to " + h.display(f.k)
}

// ---- charts ----

// okabeIto is the colour-blind-safe palette (Okabe and Ito, 2008); black is
// kept for "All programs".
var okabeIto = []string{"0072B2", "E69F00", "009E73", "CC79A7", "56B4E9", "D55E00", "F0E442"}

// seriesPalette colours series that are not programs: Okabe-Ito with black
// as its eighth colour.
var seriesPalette = append(append([]string{}, okabeIto...), "000000")

const allColor = "000000"

// programColor is a program's colour, the same in every chart of a packet.
func (f *facts) programColor(program string) string {
	if program == metrics.AllPrograms {
		return allColor
	}
	for i, p := range f.programs[1:] {
		if p == program {
			return okabeIto[i%len(okabeIto)]
		}
	}
	return okabeIto[0]
}

func axisLabel(format numFormat) string {
	switch format {
	case fmtPercent:
		return "Percent"
	case fmtMultiple:
		return "Multiple (×)"
	case fmtPer1000:
		return "Per 1,000 member months"
	case fmtScore:
		return "Mean score"
	case fmtUSD:
		return "US dollars"
	}
	return "Number"
}

// notes says what a chart shows: the first sentence of each charted
// metric's definition (the full text is in the methodology section and in
// each figure's tooltip).
func (f *facts) notes(ids ...string) string {
	var parts []string
	for _, id := range ids {
		d := firstSentence(f.defs[id].Description)
		if d == "" {
			continue
		}
		if len(ids) > 1 {
			d = f.title(id) + ": " + d
		}
		parts = append(parts, d)
	}
	if len(parts) > 4 {
		parts = nil
	}
	return strings.TrimSpace(strings.Join(parts, " ") + " Full definitions are in the methodology section.")
}

// firstSentence is the text up to the first full stop followed by a space
// and a capital letter (so "e.g. x" and "1.5" do not end it).
func firstSentence(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' && s[i+2] >= 'A' && s[i+2] <= 'Z' {
			return s[:i+1]
		}
	}
	return s
}

// trendChart is a line per program over the months or quarters of the
// reporting period.
func (f *facts) trendChart(id, grain string) *chart {
	var periods []metrics.Row
	seen := map[string]bool{}
	for _, r := range f.rows[id] {
		key := isoDate(r.PeriodStart)
		if r.Grain == grain && !seen[key] {
			seen[key] = true
			periods = append(periods, r)
		}
	}
	if len(periods) == 0 {
		return nil
	}
	// Rows are sorted by program first; put the periods in time order.
	sortRowsByStart(periods)
	c := &chart{
		ID: f.chartID(), Kind: lineChart, Title: f.title(id), Note: f.notes(id),
		XLabel: grainLabel(grain), YLabel: axisLabel(f.format(id)), Format: f.format(id),
	}
	for _, p := range periods {
		c.Categories = append(c.Categories, periodLabel(p))
	}
	for _, prog := range f.programs {
		s := series{Name: programLabel(prog), Color: f.programColor(prog)}
		any := false
		for _, p := range periods {
			r := f.find(id, prog, grain, p)
			if r != nil {
				any = true
			}
			s.Values = append(s.Values, f.value(r))
		}
		if any {
			c.Series = append(c.Series, s)
		}
	}
	return c
}

func sortRowsByStart(rs []metrics.Row) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].PeriodStart.Before(rs[j-1].PeriodStart); j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// programChart compares programs over the whole period: one bar (or one
// stacked segment) per metric for each program.
func (f *facts) programChart(kind chartKind, title string, ids []string, seriesName func(id string) string) *chart {
	ids = f.present(ids...)
	if len(ids) == 0 {
		return nil
	}
	c := &chart{ID: f.chartID(), Kind: kind, Title: title, Note: f.notes(ids...), XLabel: "Program",
		Format: f.format(ids[0])}
	c.YLabel = axisLabel(c.Format)
	var progs []string
	for _, p := range f.programs {
		for _, id := range ids {
			if f.period(id, p) != nil {
				progs = append(progs, p)
				break
			}
		}
	}
	for _, p := range progs {
		c.Categories = append(c.Categories, programLabel(p))
	}
	for i, id := range ids {
		name := f.title(id)
		if seriesName != nil {
			name = seriesName(id)
		}
		s := series{Name: name, Color: seriesPalette[i%len(seriesPalette)]}
		for _, p := range progs {
			s.Values = append(s.Values, f.value(f.period(id, p)))
		}
		c.Series = append(c.Series, s)
	}
	return c
}

// groupChart compares programs on the figures of one chart group, each
// named by its chart label.
func (f *facts) groupChart(kind chartKind, title, group string) *chart {
	return f.programChart(kind, title, f.charted(group), f.chartLabel)
}

// figureChart shows several figures of one program side by side.
func (f *facts) figureChart(title, program string, ids []string) *chart {
	ids = f.present(ids...)
	if len(ids) == 0 {
		return nil
	}
	c := &chart{ID: f.chartID(), Kind: barChart, Title: title, Note: f.notes(ids...), XLabel: "Figure",
		Format: f.format(ids[0])}
	c.YLabel = axisLabel(c.Format)
	s := series{Name: programLabel(program), Color: okabeIto[0]}
	for _, id := range ids {
		c.Categories = append(c.Categories, f.title(id))
		s.Values = append(s.Values, f.value(f.period(id, program)))
	}
	c.Series = []series{s}
	return c
}

// intervalChart shows estimates (program ALL, whole period) with their
// bootstrap intervals, each named by its chart label.
func (f *facts) intervalChart(title, ylabel string, ids []string) *chart {
	ids = f.present(ids...)
	if len(ids) == 0 {
		return nil
	}
	c := &chart{ID: f.chartID(), Kind: intervalChart, Title: title, XLabel: "Figure", YLabel: ylabel,
		Format: f.format(ids[0])}
	s := series{Name: "Estimate", Color: okabeIto[0]}
	for _, id := range ids {
		c.Categories = append(c.Categories, f.chartLabel(id))
		s.Values = append(s.Values, f.value(f.period(id, metrics.AllPrograms)))
		s.Low = append(s.Low, f.value(f.period(f.bound(id, false), metrics.AllPrograms)))
		s.High = append(s.High, f.value(f.period(f.bound(id, true), metrics.AllPrograms)))
	}
	c.Note = f.notes(ids...)
	c.Series = []series{s}
	return c
}

func chartBlocks(cs ...*chart) []block {
	var out []block
	for _, c := range cs {
		if c != nil && len(c.Series) > 0 {
			out = append(out, block{Chart: c})
		}
	}
	return out
}
