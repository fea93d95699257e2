package synth

import (
	"strconv"
	"time"

	_ "time/tzdata" // America/Chicago without the system's zoneinfo, so every machine writes the same offsets
)

// day is a calendar date counted in days since 1970-01-01. The generator
// works in days; only the writers turn them into text.
type day int32

// noEnd marks a spell that is still open (blank end date in the files).
const noEnd day = 1 << 30

func dayOf(year int, month time.Month, dayOfMonth int) day {
	return day(time.Date(year, month, dayOfMonth, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func (d day) time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

func (d day) weekday() time.Weekday { return time.Weekday((int(d) + 4) % 7) } // 1970-01-01 was a Thursday

func (d day) year() int { return d.time().Year() }

func (d day) isWeekend() bool {
	wd := d.weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// The fixed calendar of the synthetic agency. Dates never come from the
// clock, so the same seed writes the same files on any day.
var (
	historyFrom    = dayOf(2023, time.January, 1) // services, timesheets and encounter history start here (data_from)
	dataThrough    = dayOf(2025, time.August, 31) // the exports were pulled after this day
	periodStart    = dayOf(2024, time.July, 1)    // reporting period: fiscal year 2025
	periodEnd      = dayOf(2025, time.June, 30)
	earliestHire   = dayOf(2012, time.January, 1)   // tenure of the staff on the roster when history starts
	earliestEnroll = dayOf(2021, time.July, 1)      // the oldest enrollment still open when history starts
	calendarEnd    = dayOf(2025, time.December, 31) // holidays are listed through this day (note deadlines run past data_through)
)

// historyYears are the calendar years of services and timesheets; each gets
// its own file.
func historyYears() []int {
	var years []int
	for y := historyFrom.year(); y <= dataThrough.year(); y++ {
		years = append(years, y)
	}
	return years
}

// isoDates caches the text of every date the generator can write.
var isoDates = func() [][]byte {
	from, to := dayOf(2010, time.January, 1), dayOf(2027, time.December, 31)
	dates := make([][]byte, to-from+1)
	for d := from; d <= to; d++ {
		dates[d-from] = []byte(d.time().Format(time.DateOnly))
	}
	return dates
}()

var isoDatesFrom = dayOf(2010, time.January, 1)

func appendDate(b []byte, d day) []byte {
	if i := int(d - isoDatesFrom); i >= 0 && i < len(isoDates) {
		return append(b, isoDates[i]...)
	}
	return d.time().AppendFormat(b, time.DateOnly)
}

func (d day) String() string { return string(appendDate(nil, d)) }

// federalHolidays are the US federal holidays (observed dates: a Saturday
// holiday is kept the Friday before, a Sunday one the Monday after) from
// history start through calendarEnd.
func federalHolidays() []day {
	var days []day
	for y := historyFrom.year(); y <= calendarEnd.year(); y++ {
		fixed := func(m time.Month, d int) day {
			h := dayOf(y, m, d)
			switch h.weekday() {
			case time.Saturday:
				return h - 1
			case time.Sunday:
				return h + 1
			}
			return h
		}
		nth := func(m time.Month, wd time.Weekday, n int) day {
			h := dayOf(y, m, 1)
			for h.weekday() != wd {
				h++
			}
			return h + day(7*(n-1))
		}
		last := func(m time.Month, wd time.Weekday) day {
			h := dayOf(y, m+1, 1) - 1
			for h.weekday() != wd {
				h--
			}
			return h
		}
		for _, h := range []day{
			fixed(time.January, 1),
			nth(time.January, time.Monday, 3),  // Martin Luther King Jr. Day
			nth(time.February, time.Monday, 3), // Washington's Birthday
			last(time.May, time.Monday),        // Memorial Day
			fixed(time.June, 19),               // Juneteenth
			fixed(time.July, 4),
			nth(time.September, time.Monday, 1),  // Labor Day
			nth(time.October, time.Monday, 2),    // Columbus Day
			fixed(time.November, 11),             // Veterans Day
			nth(time.November, time.Thursday, 4), // Thanksgiving
			fixed(time.December, 25),
		} {
			if h >= historyFrom && h <= calendarEnd {
				days = append(days, h)
			}
		}
	}
	return days
}

var chicago = func() *time.Location {
	loc, err := time.LoadLocation("America/Chicago")
	if err != nil {
		panic("synth: time zone America/Chicago is missing: " + err.Error())
	}
	return loc
}()

// appendLocalTimestamp writes a wall-clock time in the agency's time zone,
// in one of the forms EHR exports use: without offset, with the UTC offset
// in force that day (2025-03-04T14:05:00-06:00), or space-separated
// without seconds.
func appendLocalTimestamp(b []byte, d day, hour, minute int, form timestampForm) []byte {
	b = appendDate(b, d)
	if form == stampSpace {
		b = append(b, ' ')
		b = append2(b, hour)
		b = append(b, ':')
		return append2(b, minute)
	}
	b = append(b, 'T')
	b = append2(b, hour)
	b = append(b, ':')
	b = append2(b, minute)
	b = append(b, ":00"...)
	if form == stampOffset {
		t := d.time()
		local := time.Date(t.Year(), t.Month(), t.Day(), hour, minute, 0, 0, chicago)
		b = local.AppendFormat(b, "-07:00")
	}
	return b
}

type timestampForm uint8

const (
	stampLocal  timestampForm = iota // 2025-03-04T14:05:00
	stampOffset                      // 2025-03-04T14:05:00-06:00
	stampSpace                       // 2025-03-04 14:05
)

func append2(b []byte, n int) []byte {
	if n < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}
