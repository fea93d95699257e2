package reports

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/peerstat/peerstat/metrics"
)

// numFormat is how a number is shown, the same in the workbook (a number
// format code) and on the page (text).
type numFormat int

const (
	fmtNone     numFormat = iota // text cell
	fmtPercent                   // unit ratio: a share or a rate, 0.253 -> 25.3%
	fmtMultiple                  // a ratio that is a multiple: 1.62 -> 1.62×
	fmtPer1000                   // per 1,000 member months: 0.0
	fmtScore                     // survey score: 0.0
	fmtCount                     // count or days: whole numbers; a mean keeps 2 decimals
	fmtUSD                       // dollars, whole
	fmtNumber                    // numerators and denominators: like fmtCount
)

// displayFormat is the format of a registry display.
func displayFormat(d metrics.Display) numFormat {
	switch d {
	case metrics.DisplayPercent:
		return fmtPercent
	case metrics.DisplayMultiple:
		return fmtMultiple
	case metrics.DisplayPer1000:
		return fmtPer1000
	case metrics.DisplayScore:
		return fmtScore
	case metrics.DisplayUSD:
		return fmtUSD
	case metrics.DisplayCount:
		return fmtCount
	}
	return fmtNumber
}

func integral(v float64) bool { return v == math.Trunc(v) && math.Abs(v) < 1e15 }

// excelCode is the Excel number format code for v.
func (f numFormat) excelCode(v float64) string {
	switch f {
	case fmtPercent:
		return "0.0%"
	case fmtMultiple:
		return `0.00"×"`
	case fmtPer1000:
		return "#,##0.0"
	case fmtScore:
		return "0.0"
	case fmtUSD:
		return `"$"#,##0;-"$"#,##0`
	case fmtCount, fmtNumber:
		if integral(v) {
			return "#,##0"
		}
		return "#,##0.0#"
	}
	return "General"
}

// text is v as the page shows it, matching excelCode.
func (f numFormat) text(v float64) string {
	switch f {
	case fmtPercent:
		return fixed(v*100, 1) + "%"
	case fmtMultiple:
		return fixed(v, 2) + "×"
	case fmtPer1000:
		return thousands(fixed(v, 1))
	case fmtScore:
		return fixed(v, 1)
	case fmtUSD:
		s := thousands(fixed(math.Abs(v), 0))
		if math.Round(v) < 0 {
			return "-$" + s
		}
		return "$" + s
	case fmtCount, fmtNumber:
		if integral(v) {
			return thousands(fixed(v, 0))
		}
		return thousands(strings.TrimSuffix(fixed(v, 2), "0"))
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// fixed is v with d decimals, halves rounded away from zero as Excel
// shows them (strconv would round 48250.5 to 48250).
func fixed(v float64, d int) string {
	p := math.Pow(10, float64(d))
	r := math.Round(v*p) / p
	if r == 0 {
		r = 0 // no "-0.0"
	}
	return strconv.FormatFloat(r, 'f', d, 64)
}

// thousands puts commas in the integer part of a formatted number.
func thousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + b.String() + frac
}

// suppressedText is what a suppressed figure reads.
func suppressedText(minCell int) string { return fmt.Sprintf("suppressed (<%d)", minCell) }

// blankText is what an empty (not suppressed) figure reads on the page: a
// rate with no cases in its denominator, or a group with nobody in it.
const blankText = "–"

// display is the cell as text, the way the page shows it.
func (c cell) display(minCell int) string {
	switch {
	case c.Suppressed:
		return suppressedText(minCell)
	case c.Num != nil && c.Format != fmtNone:
		return c.Format.text(*c.Num)
	case c.Num != nil:
		return fmtNumber.text(*c.Num)
	}
	return c.Text
}

// numeric reports whether the cell is shown as a number.
func (c cell) numeric() bool { return !c.Suppressed && c.Num != nil }

func textCell(s string) cell { return cell{Text: s} }

func numCell(v *float64, f numFormat) cell {
	if v == nil {
		return cell{Format: f}
	}
	x := *v
	return cell{Num: &x, Format: f}
}

// ---- labels ----

// programLabel is how a program is named to a reader.
func programLabel(p string) string {
	if p == metrics.AllPrograms {
		return "All programs"
	}
	return p
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// longDate is "30 June 2025".
func longDate(t time.Time) string {
	if t.IsZero() {
		return "not set"
	}
	return t.Format("2 January 2006")
}

// periodLabel names a row's period for a reader: "Jul 2024", "2024 Q3", or
// the reporting period's dates. A month or quarter clipped by the
// reporting period says from/to which day.
func periodLabel(r metrics.Row) string {
	s, e := r.PeriodStart, r.PeriodEnd
	switch r.Grain {
	case metrics.GrainMonth:
		l := s.Format("Jan 2006")
		if s.Day() != 1 || e.AddDate(0, 0, 1).Day() != 1 {
			l += fmt.Sprintf(" (%s–%s)", s.Format("2 Jan"), e.Format("2 Jan"))
		}
		return l
	case metrics.GrainQuarter:
		l := fmt.Sprintf("%d Q%d", s.Year(), (int(s.Month())-1)/3+1)
		if s.Day() != 1 || (int(s.Month())-1)%3 != 0 || e.AddDate(0, 0, 1).Day() != 1 || int(e.Month())%3 != 0 {
			l += fmt.Sprintf(" (%s–%s)", s.Format("2 Jan"), e.Format("2 Jan"))
		}
		return l
	}
	return isoDate(s) + " to " + isoDate(e)
}

// grainLabel is the grain as a column value.
func grainLabel(g string) string {
	switch g {
	case metrics.GrainMonth:
		return "Month"
	case metrics.GrainQuarter:
		return "Quarter"
	case metrics.GrainPeriod:
		return "Whole period"
	}
	return g
}

// unitLabel explains a unit in words.
func unitLabel(unit string) string {
	switch unit {
	case metrics.UnitRatio:
		return "ratio (shown as %)"
	case metrics.UnitPer1000:
		return "per 1,000 member months"
	case metrics.UnitCount:
		return "count"
	case metrics.UnitDays:
		return "days"
	case metrics.UnitUSD:
		return "US dollars"
	case metrics.UnitScore:
		return "score (scale of the instrument)"
	}
	return unit
}
