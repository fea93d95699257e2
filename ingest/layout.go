package ingest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Layout is a date or timestamp format from a mapping profile, written with
// the tokens spreadsheet users know: YYYY (year), MM or M (month), DD or D
// (day), HH or H (hour 0-23), hh or h (hour 1-12, with A), mm (minute), ss
// (second, optionally followed by a fraction), A (AM or PM) and Z (a UTC
// offset: Z, +05:30, -0600 or -06). Any other character must appear as
// written. The zero Layout is not usable; make one with ParseLayout.
type Layout struct {
	format string
	tokens []layoutToken
	// hasDate is true when the layout reads a calendar date (else it is a
	// time of day), hasOffset when it reads a UTC offset (Z).
	hasDate, hasOffset bool
}

type layoutToken struct {
	kind    string // "YYYY", "MM", "M", ... or "" for a literal
	literal string
}

// Moment is what a Layout reads from a value: a calendar date, perhaps a
// time of day, perhaps a UTC offset.
type Moment struct {
	Year, Month, Day     int
	Hour, Minute, Second int
	Nanosecond           int
	HasOffset            bool
	Offset               int // seconds east of UTC, when HasOffset
}

var layoutTokens = []string{"YYYY", "MM", "M", "DD", "D", "HH", "H", "hh", "h", "mm", "ss", "A", "Z"}

// ParseLayout compiles a profile format such as "YYYYMMDD", "M/D/YYYY" or
// "YYYY-MM-DDTHH:mm:ssZ".
func ParseLayout(format string) (Layout, error) {
	l := Layout{format: format}
	seen := map[string]bool{}
	twelve := false
	for i := 0; i < len(format); {
		matched := ""
		for _, tok := range layoutTokens {
			if strings.HasPrefix(format[i:], tok) {
				matched = tok
				break
			}
		}
		if matched == "" {
			n := len(l.tokens)
			if n > 0 && l.tokens[n-1].kind == "" {
				l.tokens[n-1].literal += format[i : i+1]
			} else {
				l.tokens = append(l.tokens, layoutToken{literal: format[i : i+1]})
			}
			i++
			continue
		}
		field := fieldOf(matched)
		if seen[field] {
			return Layout{}, fmt.Errorf("format %q gives the %s twice", format, field)
		}
		seen[field] = true
		twelve = twelve || matched == "hh" || matched == "h"
		l.tokens = append(l.tokens, layoutToken{kind: matched})
		i += len(matched)
	}
	dateParts := 0
	for _, need := range []string{"year", "month", "day"} {
		if seen[need] {
			dateParts++
		}
	}
	switch {
	case dateParts == 3:
		l.hasDate = true
	case dateParts > 0 || !seen["hour"]:
		return Layout{}, fmt.Errorf("format %q needs a year, month and day (YYYY, MM, DD), or only a time of day (HH:mm)", format)
	}
	if twelve != seen["AM/PM"] {
		return Layout{}, fmt.Errorf("format %q: a 12-hour clock (hh or h) goes with A (AM/PM), a 24-hour clock (HH or H) without it", format)
	}
	if seen["minute"] && !seen["hour"] || seen["second"] && !seen["minute"] {
		return Layout{}, fmt.Errorf("format %q has minutes or seconds without the hour and minute before them", format)
	}
	l.hasOffset = seen["offset"]
	return l, nil
}

func fieldOf(tok string) string {
	switch tok {
	case "YYYY":
		return "year"
	case "MM", "M":
		return "month"
	case "DD", "D":
		return "day"
	case "HH", "H", "hh", "h":
		return "hour"
	case "mm":
		return "minute"
	case "ss":
		return "second"
	case "A":
		return "AM/PM"
	}
	return "offset"
}

// String is the format as the profile wrote it.
func (l Layout) String() string { return l.format }

// HasDate reports whether the layout reads a calendar date; one that does
// not reads a time of day.
func (l Layout) HasDate() bool { return l.hasDate }

// HasOffset reports whether values in this layout carry a UTC offset, so
// reading them needs the agency's time zone.
func (l Layout) HasOffset() bool { return l.hasOffset }

var errLayout = errors.New("value does not match the format")

// Parse reads s (already trimmed) in the layout. It checks that the date
// exists (no 31 April) and the time is a real time of day.
func (l Layout) Parse(s string) (Moment, error) {
	var m Moment
	pm, twelve := false, false
	rest := s
	for _, tok := range l.tokens {
		var ok bool
		switch tok.kind {
		case "":
			if !strings.HasPrefix(rest, tok.literal) {
				return Moment{}, errLayout
			}
			rest = rest[len(tok.literal):]
			ok = true
		case "YYYY":
			m.Year, rest, ok = digits(rest, 4, 4)
		case "MM", "DD", "HH", "hh", "mm":
			var v int
			v, rest, ok = digits(rest, 2, 2)
			m.set(tok.kind, v)
		case "M", "D", "H", "h":
			var v int
			v, rest, ok = digits(rest, 1, 2)
			m.set(tok.kind, v)
		case "ss":
			m.Second, rest, ok = digits(rest, 2, 2)
			if ok && strings.HasPrefix(rest, ".") {
				var frac string
				frac, rest = leadingDigits(rest[1:])
				if frac == "" || len(frac) > 9 {
					return Moment{}, errLayout
				}
				m.Nanosecond, _ = strconv.Atoi(frac + strings.Repeat("0", 9-len(frac)))
			}
		case "A":
			switch {
			case len(rest) >= 2 && strings.EqualFold(rest[:2], "AM"):
			case len(rest) >= 2 && strings.EqualFold(rest[:2], "PM"):
				pm = true
			default:
				return Moment{}, errLayout
			}
			twelve, rest, ok = true, rest[2:], true
		case "Z":
			m.Offset, rest, ok = offset(rest)
			m.HasOffset = true
		}
		if !ok {
			return Moment{}, errLayout
		}
	}
	if rest != "" {
		return Moment{}, errLayout
	}
	if twelve {
		if m.Hour < 1 || m.Hour > 12 {
			return Moment{}, errLayout
		}
		m.Hour %= 12
		if pm {
			m.Hour += 12
		}
	}
	if m.Hour > 23 || m.Minute > 59 || m.Second > 59 {
		return Moment{}, errLayout
	}
	if !l.hasDate {
		return m, nil
	}
	if m.Month < 1 || m.Month > 12 || m.Day < 1 {
		return Moment{}, errLayout
	}
	if d := time.Date(m.Year, time.Month(m.Month), m.Day, 0, 0, 0, 0, time.UTC); d.Day() != m.Day {
		return Moment{}, errLayout
	}
	return m, nil
}

func (m *Moment) set(tok string, v int) {
	switch tok {
	case "MM", "M":
		m.Month = v
	case "DD", "D":
		m.Day = v
	case "HH", "H", "hh", "h":
		m.Hour = v
	case "mm":
		m.Minute = v
	}
}

// digits reads between min and max ASCII digits from the front of s.
func digits(s string, min, max int) (int, string, bool) {
	n := 0
	for n < len(s) && n < max && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n < min {
		return 0, s, false
	}
	v, _ := strconv.Atoi(s[:n])
	return v, s[n:], true
}

func leadingDigits(s string) (string, string) {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return s[:n], s[n:]
}

// offset reads Z, ±HH, ±HHMM or ±HH:MM.
func offset(s string) (int, string, bool) {
	if strings.HasPrefix(s, "Z") || strings.HasPrefix(s, "z") {
		return 0, s[1:], true
	}
	if s == "" || (s[0] != '+' && s[0] != '-') {
		return 0, s, false
	}
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	h, rest, ok := digits(s[1:], 2, 2)
	if !ok || h > 23 {
		return 0, s, false
	}
	min := 0
	switch {
	case strings.HasPrefix(rest, ":"):
		if min, rest, ok = digits(rest[1:], 2, 2); !ok {
			return 0, s, false
		}
	case len(rest) >= 2 && rest[0] >= '0' && rest[0] <= '9':
		if min, rest, ok = digits(rest, 2, 2); !ok {
			return 0, s, false
		}
	}
	if min > 59 {
		return 0, s, false
	}
	return sign * (h*3600 + min*60), rest, true
}

// In gives the wall-clock time of m in loc: a moment with a UTC offset is
// converted; one without is taken as already local. loc may be nil only
// for a moment without an offset.
func (m Moment) In(loc *time.Location) time.Time {
	if !m.HasOffset {
		return time.Date(m.Year, time.Month(m.Month), m.Day, m.Hour, m.Minute, m.Second, m.Nanosecond, time.UTC)
	}
	t := time.Date(m.Year, time.Month(m.Month), m.Day, m.Hour, m.Minute, m.Second, m.Nanosecond, time.FixedZone("", m.Offset)).In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// isoDate and isoTimestamp are the canonical text forms the validation
// SQL reads.
func isoDate(t time.Time) string { return t.Format("2006-01-02") }

func isoTimestamp(t time.Time) string {
	if t.Nanosecond() != 0 {
		return t.Format("2006-01-02T15:04:05.999999999")
	}
	return t.Format("2006-01-02T15:04:05")
}

// excelEpoch is day 0 of Excel's 1900 date system (30 December 1899, which
// absorbs Excel's phantom 29 February 1900 for every date after it).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelSerial reads a spreadsheet cell's raw number as a date and time: the
// whole part counts days, the fraction is the time of day. ok is false for
// anything that is not a plain non-negative number below year 10000.
func excelSerial(raw string) (time.Time, bool) {
	if raw == "" || strings.ContainsAny(raw, "eE+-") {
		return time.Time{}, false
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || f < 0 || f >= 2958466 {
		return time.Time{}, false
	}
	whole := int(f)
	ms := int64((f-float64(whole))*86400000 + 0.5)
	return excelEpoch.AddDate(0, 0, whole).Add(time.Duration(ms) * time.Millisecond).Truncate(time.Second), true
}
