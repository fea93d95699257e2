package reports

import (
	"fmt"
	"sort"
	"strings"

	"github.com/peerstat/peerstat/metrics"
)

// facts indexes a Result for the section builders. It only looks rows up;
// it never derives a figure from other figures.
type facts struct {
	res      metrics.Result
	k        int
	defs     map[string]metrics.Definition
	all      map[string]metrics.Definition // every registered metric, rows or not (absent ones too)
	allOrder []string                      // ids of all, in registry order
	rows     map[string][]metrics.Row      // by metric, in the Result's order
	order    []string                      // metric ids: registry order, then ids with rows but no definition
	programs []string                      // ALL first, then the programs by name
	placed   map[string]bool               // metrics some section shows
	charts   int
}

func newFacts(res metrics.Result) *facts {
	f := &facts{
		res:    res,
		k:      res.Config.MinCell,
		defs:   map[string]metrics.Definition{},
		all:    map[string]metrics.Definition{},
		rows:   map[string][]metrics.Row{},
		placed: map[string]bool{},
	}
	for _, d := range metrics.Registry(res.Config) {
		f.all[d.ID] = d
		f.allOrder = append(f.allOrder, d.ID)
	}
	for _, d := range res.Registry {
		if _, known := f.all[d.ID]; !known {
			f.allOrder = append(f.allOrder, d.ID)
		}
		f.all[d.ID] = d
		f.defs[d.ID] = d
	}
	// Figures in registry order (the order of METRICS.md).
	for _, id := range f.allOrder {
		if _, ok := f.defs[id]; ok {
			f.order = append(f.order, id)
		}
	}
	programs := map[string]bool{}
	for _, p := range res.Programs {
		programs[p] = true
	}
	var extra []string
	for _, r := range res.Rows {
		if _, ok := f.rows[r.Metric]; !ok {
			if _, known := f.defs[r.Metric]; !known {
				extra = append(extra, r.Metric)
			}
		}
		f.rows[r.Metric] = append(f.rows[r.Metric], r)
		if r.Program != metrics.AllPrograms && !programs[r.Program] {
			programs[r.Program] = true
		}
	}
	sort.Strings(extra)
	f.order = append(f.order, extra...)
	f.programs = []string{metrics.AllPrograms}
	var names []string
	for p := range programs {
		if p != metrics.AllPrograms {
			names = append(names, p)
		}
	}
	sort.Strings(names)
	f.programs = append(f.programs, names...)
	return f
}

// has reports whether the metric has rows.
func (f *facts) has(id string) bool { return len(f.rows[id]) > 0 }

// present keeps the ids that have rows, in the given order.
func (f *facts) present(ids ...string) []string {
	var out []string
	for _, id := range ids {
		if f.has(id) {
			out = append(out, id)
		}
	}
	return out
}

// matching lists the metrics with rows whose id passes keep, in registry order.
func (f *facts) matching(keep func(id string, d metrics.Definition) bool) []string {
	var out []string
	for _, id := range f.order {
		if f.has(id) && keep(id, f.defs[id]) {
			out = append(out, id)
		}
	}
	return out
}

func (f *facts) title(id string) string {
	if d, ok := f.defs[id]; ok && d.Title != "" {
		return d.Title
	}
	return id
}

func (f *facts) unit(id string) string {
	if d, ok := f.defs[id]; ok && d.Unit != "" {
		return d.Unit
	}
	if rs := f.rows[id]; len(rs) > 0 {
		return rs[0].Unit
	}
	return ""
}

func (f *facts) format(id string) numFormat { return displayFormat(f.def(id).Shown()) }

// def is the definition of a metric: the Result's, else the registry's
// (a metric with no rows), else one with only the unit of its rows.
func (f *facts) def(id string) metrics.Definition {
	if d, ok := f.all[id]; ok {
		return d
	}
	return metrics.Definition{ID: id, Unit: f.unit(id)}
}

// inFamily tells whether a metric (with rows or not) is of one of the
// families.
func (f *facts) inFamily(families ...string) func(string) bool {
	return func(id string) bool {
		fam := f.def(id).Family
		for _, x := range families {
			if fam == x {
				return true
			}
		}
		return false
	}
}

// family lists the figures of the families that have rows, in registry
// order, interval bounds left out (tables show them beside their figure).
func (f *facts) family(families ...string) []string {
	in := f.inFamily(families...)
	return f.matching(func(id string, _ metrics.Definition) bool { return in(id) && !f.isInterval(id) })
}

// ranked lists the metrics (with rows or absent) whose rank is above 0,
// by rank.
func (f *facts) ranked(rank func(metrics.Definition) int) []string {
	var out []string
	for _, id := range f.allOrder {
		if rank(f.all[id]) > 0 {
			out = append(out, id)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(f.all[out[i]]) < rank(f.all[out[j]]) })
	return out
}

// charted lists the figures with rows drawn in one chart group.
func (f *facts) charted(chart string) []string {
	return f.matching(func(_ string, d metrics.Definition) bool { return d.Chart == chart })
}

// bound is the id of a figure's lower (high = false) or upper interval
// bound, or "" when it has none.
func (f *facts) bound(id string, high bool) string {
	for _, b := range f.allOrder {
		if d := f.all[b]; d.BoundOf == id && d.BoundHigh == high {
			return b
		}
	}
	return ""
}

func (f *facts) isInterval(id string) bool { return f.def(id).BoundOf != "" }

// chartLabel is a figure's name in a chart.
func (f *facts) chartLabel(id string) string {
	if l := f.def(id).ChartLabel; l != "" {
		return l
	}
	return f.title(id)
}

// figure is the cell naming a metric, with its definition as the tooltip.
func (f *facts) figure(id string) cell {
	return cell{Text: f.title(id), Tip: f.defs[id].Description}
}

// find is the row of a metric for one program, grain and period start
// (any start when start is zero).
func (f *facts) find(id, program, grain string, start ...metrics.Row) *metrics.Row {
	for i := range f.rows[id] {
		r := &f.rows[id][i]
		if r.Program != program || r.Grain != grain {
			continue
		}
		if len(start) > 0 && !r.PeriodStart.Equal(start[0].PeriodStart) {
			continue
		}
		return r
	}
	return nil
}

// period is the whole-period row of a metric for a program: the row of the
// reporting period, or else the latest whole-period row that does not
// start before it (an earlier period's row is never shown as this one's).
func (f *facts) period(id, program string) *metrics.Row {
	var latest *metrics.Row
	for i := range f.rows[id] {
		r := &f.rows[id][i]
		if r.Program != program || r.Grain != metrics.GrainPeriod || r.PeriodStart.Before(f.res.Config.PeriodStart.Time) {
			continue
		}
		if r.PeriodStart.Equal(f.res.Config.PeriodStart.Time) && r.PeriodEnd.Equal(f.res.Config.PeriodEnd.Time) {
			return r
		}
		if latest == nil || r.PeriodStart.After(latest.PeriodStart) {
			latest = r
		}
	}
	return latest
}

// value is the cell showing a row's value (suppressed, blank or a number).
func (f *facts) value(r *metrics.Row) cell {
	if r == nil {
		return cell{Text: "", Format: fmtNone}
	}
	if r.Suppressed {
		return cell{Suppressed: true}
	}
	if d := f.def(r.Metric); r.Value == nil && d.BlankReason != "" && r.Denominator != nil && *r.Denominator > 0 {
		return textCell(d.BlankReason)
	}
	return numCell(r.Value, f.format(r.Metric))
}

// part is the cell showing a numerator or denominator.
func (f *facts) part(r *metrics.Row, v *float64, words string) cell {
	if r == nil || r.Suppressed {
		return cell{}
	}
	c := numCell(v, fmtNumber)
	c.Tip = words
	return c
}

// rowsOf lists a metric's rows for a table: programs in order (ALL first),
// then grains (whole period, quarters, months), then periods.
func (f *facts) rowsOf(id string, grains []string) []metrics.Row {
	var out []metrics.Row
	for _, p := range f.programs {
		for _, g := range grains {
			for _, r := range f.rows[id] {
				if r.Program == p && r.Grain == g {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// absences lists the reasons some expected metrics are missing.
func (f *facts) absences(expected func(id string) bool) []metrics.Absence {
	var out []metrics.Absence
	for _, a := range f.res.Absent {
		for _, m := range a.Metrics {
			if expected(strings.TrimSuffix(m, "*")) {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// absentBlocks are notes saying which figures are missing and why.
func (f *facts) absentBlocks(expected func(id string) bool) []block {
	var out []block
	for _, a := range f.absences(expected) {
		out = append(out, block{Note: fmt.Sprintf("Not available: %s. %s", strings.Join(a.Metrics, ", "), sentence(a.Reason)), Absent: true})
	}
	return out
}

// absentReason is the reason one metric is missing, or "".
func (f *facts) absentReason(id string) string {
	for _, a := range f.res.Absent {
		for _, m := range a.Metrics {
			if m == id || (strings.HasSuffix(m, "*") && strings.HasPrefix(id, strings.TrimSuffix(m, "*"))) {
				return a.Reason
			}
		}
	}
	return ""
}

func (f *facts) place(ids ...string) {
	for _, id := range ids {
		f.placed[id] = true
		for _, high := range []bool{false, true} {
			if b := f.bound(id, high); b != "" {
				f.placed[b] = true
			}
		}
	}
}

func (f *facts) chartID() string {
	f.charts++
	return fmt.Sprintf("chart%02d", f.charts)
}

// sentence capitalises s and ends it with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
