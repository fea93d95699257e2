package ingest

import (
	"regexp"
	"slices"
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

// source is one of the inputs: its columns, the columns that must be
// present in every file, its key and what a newer file replaces. This is
// the one description of each source: the shared SQL steps (duplicates,
// replace, spells, set aside in sql/common.sql) are filled in from it.
type source struct {
	name     string
	required bool
	columns  []column
	// key is unique within a file (DATA.md "Keys"): a repeat rejects the
	// later rows, "duplicate key", named in key[0]'s column. nil: the
	// source has no key within a file (timesheets).
	key []string
	// unit is what a newer file replaces: every stored row with the
	// unit's values of a row the file loads. A unit of several rows (a
	// person's spells, a staff-day's entries) is replaced only when all
	// of the file's rows for it load.
	unit []string
	// unitName is the unit as a reject names it.
	unitName string
	// entryKey, for a source without a key, is the column that identifies
	// a row across files when given (timesheets: entry_id): rows of files
	// read by different profile sections merge on it (see mergeKey).
	entryKey string
	// refersTo are the sources its rows are checked against: when one of
	// them changes, this source's rows are derived again.
	refersTo []string
	// spells: the source is one row per spell of a person, id unit[0],
	// which may not overlap (participants, staff).
	spells *spellColumns
	// needed lists column sets of which a file must hold at least one in
	// full, beyond the required columns (services: minutes, or start_time
	// and end_time).
	needed [][]string
	// answers: the source has q1..qN item columns (surveys, assessments).
	answers bool
}

// sources in load order: participants and staff first, because the others
// are checked against them.
var sources = []source{
	{name: "participants", required: true,
		key: []string{"participant_id", "enrolled_on"}, unit: []string{"participant_id"}, unitName: "participant",
		spells: &spellColumns{start: "enrolled_on", end: "discharged_on", who: "participant"}, columns: []column{
			{"participant_id", kindText, true},
			{"program", kindText, true},
			{"enrolled_on", kindDate, true},
			{"discharged_on", kindDate, false},
			{"birth_year", kindWhole, false},
			{"payer", kindText, false},
		}},
	{name: "staff", required: true,
		key: []string{"staff_id", "hire_date"}, unit: []string{"staff_id"}, unitName: "staff member",
		spells: &spellColumns{start: "hire_date", end: "termination_date", who: "staff member"}, columns: []column{
			{"staff_id", kindText, true},
			{"role", kindText, true},
			{"program", kindText, true},
			{"hire_date", kindDate, true},
			{"termination_date", kindDate, false},
			{"termination_type", kindText, false},
			{"fte", kindNumber, false},
			{"hourly_wage", kindNumber, false},
		}},
	{name: "services", required: true, key: []string{"service_id"}, unit: []string{"service_id"}, unitName: "service_id",
		refersTo: []string{"participants", "staff"}, columns: []column{
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
	{name: "encounters", key: []string{"encounter_id"}, unit: []string{"encounter_id"}, unitName: "encounter_id",
		refersTo: []string{"participants"}, columns: []column{
			{"encounter_id", kindText, true},
			{"participant_id", kindText, true},
			{"setting", kindText, true},
			{"admit_date", kindDate, true},
			{"discharge_date", kindDate, false},
			{"involuntary", kindBool, false},
			{"planned", kindBool, false},
			{"paid_amount", kindNumber, false},
		}},
	{name: "timesheets", required: true, unit: []string{"staff_id", "work_date"}, unitName: "staff-day", entryKey: "entry_id",
		refersTo: []string{"staff"}, columns: []column{
			{"staff_id", kindText, true},
			{"work_date", kindDate, true},
			{"activity", kindText, true},
			{"minutes", kindWhole, false},
			{"hours", kindNumber, false},
			{"clock_in", kindClock, false},
			{"clock_out", kindClock, false},
			{"billable", kindBool, true},
			{"miles", kindNumber, false},
			{"entry_id", kindText, false},
		}, needed: [][]string{{"minutes"}, {"hours"}, {"clock_in", "clock_out"}}},
	{name: "surveys", answers: true, key: []string{"response_id"}, unit: []string{"response_id"}, unitName: "response_id", columns: []column{
		{"response_id", kindText, true},
		{"instrument", kindText, true},
		{"program", kindText, true},
		{"survey_date", kindDate, true},
		{"participant_id", kindText, false},
	}},
	{name: "assessments", answers: true, key: []string{"assessment_id"}, unit: []string{"assessment_id"}, unitName: "assessment_id",
		refersTo: []string{"participants"}, columns: []column{
			{"assessment_id", kindText, true},
			{"participant_id", kindText, true},
			{"assessment_date", kindDate, true},
			{"kind", kindText, true},
			{"housing", kindText, false},
			{"employment", kindText, false},
			{"instrument", kindText, false},
		}},
}

// spellColumns are a spell source's start and end dates and whose spells
// they are, as a reject says it.
type spellColumns struct{ start, end, who string }

// answerTable is the table of a source's item answers in long form
// (surveys: survey_answers; assessments: assessment_answers).
func (s source) answerTable() string { return strings.TrimSuffix(s.name, "s") + "_answers" }

// unitRows reports whether a unit may hold several rows of one file.
func (s source) unitRows() bool { return strings.Join(s.unit, ",") != strings.Join(s.key, ",") }

// mergeKey is what rows of files read by different profile sections merge
// on (DATA.md, Loading and bad input): the source's key, or its entry key
// (timesheets' entry_id; entries without one are replaced by staff-day).
func (s source) mergeKey() []string {
	if len(s.key) > 0 {
		return s.key
	}
	if s.entryKey != "" {
		return []string{s.entryKey}
	}
	return nil
}

// mergeColumns are the columns a merged row takes from the other
// section's row where its own cell is blank: every column but the merge
// key and the columns a row's minutes come from (services' minutes or
// start_time and end_time, timesheets' minutes, hours or clock times),
// which a row that loads always has, so its own stand together.
func (s source) mergeColumns() []string {
	var out []string
	for _, c := range s.columns {
		derived := false
		for _, set := range s.needed {
			derived = derived || slices.Contains(set, c.name)
		}
		if !derived && !slices.Contains(s.mergeKey(), c.name) {
			out = append(out, c.name)
		}
	}
	return out
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
