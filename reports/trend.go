package reports

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
	"time"

	"github.com/peerstat/peerstat/metrics"
)

// A headline figure's trend: its whole-period rows for all programs, the
// reporting period and each earlier period there is, oldest first. Every
// point is a published row's value as the packet shows it; a suppressed or
// blank period is a gap, drawn and labelled with no value.

// trendPoint is one period of a trend.
type trendPoint struct {
	Start time.Time
	Label string
	Value cell
}

// trendCell is the trend of a headline figure ending at its reporting
// period row cur: a sparkline on the page and in the workbook; with one
// period only, it says so.
func (f *facts) trendCell(cur *metrics.Row) cell {
	var points []trendPoint
	for i := range f.rows[cur.Metric] {
		r := &f.rows[cur.Metric][i]
		if r.Program != cur.Program || r.Grain != metrics.GrainPeriod || r.PeriodStart.After(cur.PeriodStart) {
			continue
		}
		points = append(points, trendPoint{Start: r.PeriodStart, Label: periodLabel(*r), Value: f.value(r)})
	}
	if len(points) < 2 {
		return textCell("one period only")
	}
	for i := 1; i < len(points); i++ {
		for j := i; j > 0 && points[j].Start.Before(points[j-1].Start); j-- {
			points[j], points[j-1] = points[j-1], points[j]
		}
	}
	var words []string
	for _, p := range points {
		words = append(words, p.Label+": "+p.Value.display(f.k))
	}
	return cell{Trend: points, Tip: "Trend over the periods: " + strings.Join(words, "; ")}
}

// Sparkline geometry, in CSS pixels.
const (
	sparkWidth  = 120
	sparkHeight = 30
	sparkPad    = 4
)

// sparkline draws a trend as an inline SVG, on a scale from 0 (or the
// lowest value, when below 0) to the highest: a line through the shown
// values (broken at each gap), a dot per shown value (the last, this
// period, in black) carrying its period and shown text, and at each
// suppressed or blank period a short tick on the baseline labelled with
// what the packet shows there, never a number.
func sparkline(points []trendPoint, minCell int) template.HTML {
	// The scale always takes in 0, so a change of a few tenths of a point
	// does not look as steep as a doubling.
	lo, hi := 0.0, 0.0
	for _, p := range points {
		if p.Value.numeric() {
			lo, hi = math.Min(lo, *p.Value.Num), math.Max(hi, *p.Value.Num)
		}
	}
	x := func(i int) float64 {
		return sparkPad + float64(i)*(sparkWidth-2*sparkPad)/float64(len(points)-1)
	}
	y := func(v float64) float64 {
		if hi == lo {
			return sparkHeight / 2
		}
		return sparkPad + (hi-v)/(hi-lo)*(sparkHeight-2*sparkPad)
	}
	var label []string
	var path, marks strings.Builder
	pen := false
	for i, p := range points {
		shown := p.Value.display(minCell)
		if shown == "" {
			shown = blankText
		}
		label = append(label, p.Label+": "+shown)
		title := "<title>" + html.EscapeString(p.Label+": "+shown) + "</title>"
		if !p.Value.numeric() {
			pen = false
			fmt.Fprintf(&marks, `<line class="trend-gap" data-period="%s" data-shown="%s" x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#999" stroke-width="1.5">%s</line>`,
				isoDate(p.Start), html.EscapeString(shown), x(i), sparkHeight-6, x(i), sparkHeight-1, title)
			continue
		}
		cmd := "L"
		if !pen {
			cmd = "M"
		}
		pen = true
		fmt.Fprintf(&path, "%s%.1f %.1f ", cmd, x(i), y(*p.Value.Num))
		fill, r := "#777", 2.2
		if i == len(points)-1 {
			fill, r = "#000", 3
		}
		fmt.Fprintf(&marks, `<circle class="trend-point" data-period="%s" data-shown="%s" cx="%.1f" cy="%.1f" r="%.1f" fill="%s">%s</circle>`,
			isoDate(p.Start), html.EscapeString(shown), x(i), y(*p.Value.Num), r, fill, title)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="trend" role="img" aria-label="%s" width="%d" height="%d" viewBox="0 0 %d %d">`,
		html.EscapeString("Trend over the periods: "+strings.Join(label, "; ")), sparkWidth, sparkHeight, sparkWidth, sparkHeight)
	if d := strings.TrimSpace(path.String()); d != "" {
		fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="#555" stroke-width="1.5"/>`, d)
	}
	b.WriteString(marks.String())
	b.WriteString("</svg>")
	return template.HTML(b.String())
}
