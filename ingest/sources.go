package ingest

import (
	"regexp"
	"strings"
)

// kind is how a column's text is read.
type kind int

const (
	kindText      kind = iota
	kindDate           // YYYY-MM-DD
	kindTimestamp      // ISO 8601, optional UTC offset
	kindClock          // a time of day or a timestamp (timesheet clock_in/clock_out)
	kindWhole          // whole number
	kindNumber         // decimal number
	kindBool
)

// column is one column of a source as DATA.md lists it.
type column struct {
	name     string
	kind     kind
	required bool
}

// source is one of the six inputs: its columns, the columns that must be
// present in every file, and its key.
type source struct {
	name     string
	required bool
	columns  []column
	// needed lists column sets of which a file must hold at least one in
	// full, beyond the required columns (services: minutes, or start_time
	// and end_time).
	needed [][]string
	// answers: the source has q1..qN item columns (surveys).
	answers bool
}

// sources in load order: participants and staff first, because the others
// are checked against them.
var sources = []source{
	{name: "participants", required: true, columns: []column{
		{"participant_id", kindText, true},
		{"program", kindText, true},
		{"enrolled_on", kindDate, true},
		{"discharged_on", kindDate, false},
		{"birth_year", kindWhole, false},
		{"payer", kindText, false},
	}},
	{name: "staff", required: true, columns: []column{
		{"staff_id", kindText, true},
		{"role", kindText, true},
		{"program", kindText, true},
		{"hire_date", kindDate, true},
		{"termination_date", kindDate, false},
		{"termination_type", kindText, false},
		{"fte", kindNumber, false},
		{"hourly_wage", kindNumber, false},
	}},
	{name: "services", required: true, columns: []column{
		{"service_id", kindText, true},
		{"participant_id", kindText, true},
		{"staff_id", kindText, true},
		{"service_date", kindDate, true},
		{"minutes", kindWhole, false},
		{"start_time", kindTimestamp, false},
		{"end_time", kindTimestamp, false},
		{"service_code", kindText, false},
		{"billable", kindBool, true},
		{"goal_id", kindText, false},
		{"note_signed_at", kindTimestamp, false},
	}, needed: [][]string{{"minutes"}, {"start_time", "end_time"}}},
	{name: "encounters", columns: []column{
		{"encounter_id", kindText, true},
		{"participant_id", kindText, true},
		{"setting", kindText, true},
		{"admit_date", kindDate, true},
		{"discharge_date", kindDate, false},
		{"involuntary", kindBool, false},
		{"planned", kindBool, false},
		{"paid_amount", kindNumber, false},
	}},
	{name: "timesheets", required: true, columns: []column{
		{"staff_id", kindText, true},
		{"work_date", kindDate, true},
		{"activity", kindText, true},
		{"minutes", kindWhole, false},
		{"hours", kindNumber, false},
		{"clock_in", kindClock, false},
		{"clock_out", kindClock, false},
		{"billable", kindBool, true},
		{"miles", kindNumber, false},
	}, needed: [][]string{{"minutes"}, {"hours"}, {"clock_in", "clock_out"}}},
	{name: "surveys", answers: true, columns: []column{
		{"response_id", kindText, true},
		{"instrument", kindText, true},
		{"program", kindText, true},
		{"survey_date", kindDate, true},
		{"participant_id", kindText, false},
	}},
}

// termination types a staff spell may end with (DATA.md).
var terminationTypes = []string{"voluntary", "involuntary", "other"}

func sourceByName(name string) (source, bool) {
	for _, s := range sources {
		if s.name == name {
			return s, true
		}
	}
	return source{}, false
}

func (s source) column(name string) (column, bool) {
	for _, c := range s.columns {
		if c.name == name {
			return c, true
		}
	}
	if s.answers && isAnswerColumn(name) {
		return column{name: name, kind: kindWhole}, true
	}
	return column{}, false
}

func (s source) columnNames() []string {
	names := make([]string, len(s.columns))
	for i, c := range s.columns {
		names[i] = c.name
	}
	if s.answers {
		names = append(names, "q1 … qN")
	}
	return names
}

var answerColumn = regexp.MustCompile(`^q[1-9][0-9]*$`)

// isAnswerColumn reports whether a (normalised) column name is a survey
// item answer, q1, q2, ….
func isAnswerColumn(name string) bool { return answerColumn.MatchString(name) }

// normalizeHeader is how a file's column names are matched: a UTF-8
// byte-order mark dropped, spaces trimmed, lower case.
func normalizeHeader(name string) string {
	name = strings.TrimPrefix(name, "\uFEFF")
	return strings.ToLower(strings.TrimSpace(name))
}
