package ingest

import (
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"
)

// fileLayout is how one file's columns become its source's columns: for
// each staging column (the source's columns, then any q1…qN answers) where
// its text comes from. It is worked out once per file from the header and
// the profile section, and used both by the SQL reader (which only picks
// columns) and by the Go reader (which also converts values).
type fileLayout struct {
	src     source
	section *section
	stage   []string      // staging column names
	fields  []fieldSource // one per staging column
	// inFile names each staging column as the file names it, for rejects.
	inFile map[string]string
	// hits counts, for each field with a value map, the cells each pattern
	// decided (the last slot: the default); a pattern that matched a cell
	// another decided counts too, for mapWarnings.
	hits [][]int64
	// billableUnknown: the profile says this timesheet file's billable is
	// "unknown" (a punch clock); the column is staged blank.
	billableUnknown bool
}

// present lists the staging columns the file gives a value (a file column
// or a constant).
func (fl *fileLayout) present() []string {
	out := []string{}
	for i, f := range fl.fields {
		if len(f.index) > 0 || (f.spec != nil && f.spec.constant != nil) {
			out = append(out, fl.stage[i])
		}
	}
	return out
}

// fieldSource: where one staging column's text comes from.
type fieldSource struct {
	col      column
	index    []int // file columns (one, or several joined); nil = absent or constant
	spec     *columnSpec
	layout   *Layout // vendor date/time format, or nil for the canonical one
	serials  bool    // a spreadsheet number here is a date serial
	location *time.Location
}

// planFile resolves the header of a file against its source and profile
// section. Problems that make the file unreadable as its source come back
// as sentences that name the file, the column and the fix.
func planFile(name string, src source, sec *section, header, headerRaw []string, loc *time.Location, spreadsheet bool) (*fileLayout, error) {
	index := map[string]int{}
	for i, h := range header {
		if h == "" {
			continue
		}
		if _, dup := index[h]; dup {
			return nil, fmt.Errorf("%s: the column %s appears twice; remove or rename one", name, headerRaw[i])
		}
		index[h] = i
	}
	fl := &fileLayout{src: src, section: sec, inFile: map[string]string{}}
	// Vendor columns the profile reads, so an answer-like name among
	// them is not taken as an answer too.
	claimed := map[string]bool{}
	if sec != nil {
		for _, spec := range sec.columns {
			for _, f := range spec.from {
				claimed[normalizeHeader(f)] = true
			}
		}
	}
	cols := append([]column{}, src.columns...)
	if src.answers {
		seen := map[string]bool{}
		var answers []string
		for _, h := range header {
			if isAnswerColumn(h) && !claimed[h] && !seen[h] {
				seen[h] = true
				answers = append(answers, h)
			}
		}
		if sec != nil {
			for c := range sec.columns {
				if isAnswerColumn(c) && !seen[c] {
					seen[c] = true
					answers = append(answers, c)
				}
			}
		}
		sort.Slice(answers, func(i, j int) bool { return answerItem(answers[i]) < answerItem(answers[j]) })
		for _, a := range answers {
			cols = append(cols, column{name: a, kind: kindWhole})
		}
	}
	present := map[string]bool{}
	for _, col := range cols {
		dated := col.kind == kindDate || col.kind == kindTimestamp || col.kind == kindClock
		f := fieldSource{col: col, serials: spreadsheet && dated, location: loc}
		var spec *columnSpec
		if sec != nil {
			if s, ok := sec.columns[col.name]; ok {
				spec = &s
			}
		}
		switch {
		case spec != nil && spec.constant != nil && src.name == "timesheets" && col.name == "billable" && strings.EqualFold(*spec.constant, billableUnknown):
			blank := ""
			f.spec = &columnSpec{constant: &blank}
			fl.billableUnknown = true
			present[col.name] = true
		case spec != nil && spec.constant != nil:
			f.spec = spec
			present[col.name] = true
		case spec != nil:
			f.spec = spec
			for _, from := range spec.from {
				i, ok := index[normalizeHeader(from)]
				if !ok {
					return nil, fmt.Errorf("%s has no column %s, which the profile reads %s from; check the name in [%s.columns]", name, from, col.name, src.name)
				}
				f.index = append(f.index, i)
			}
			present[col.name] = true
			if len(f.index) == 1 {
				fl.inFile[col.name] = headerRaw[f.index[0]]
			}
		default:
			if i, ok := index[col.name]; ok {
				f.index = []int{i}
				present[col.name] = true
				fl.inFile[col.name] = headerRaw[i]
			}
		}
		if spec != nil && spec.layout != nil {
			f.layout = spec.layout
		} else if sec != nil && (spec == nil || spec.constant == nil) {
			switch col.kind {
			case kindDate:
				f.layout = sec.dates
			case kindTimestamp, kindClock:
				f.layout = sec.stamps
			}
		}
		if f.layout != nil {
			f.serials = false
			if f.layout.HasOffset() && loc == nil {
				return nil, fmt.Errorf("%s: %s is read with the format %s, which has a UTC offset, but no timezone is set; set timezone in peerstat.toml (e.g. timezone = \"America/Chicago\") so times can be converted to local time", name, col.name, f.layout)
			}
		}
		fl.stage = append(fl.stage, col.name)
		fl.fields = append(fl.fields, f)
	}
	var missing []string
	for _, col := range src.columns {
		if col.required && !present[col.name] {
			missing = append(missing, col.name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s has no column %s, which %s requires; add it, or map a column to it with a profile ([%s.columns] %s = \"YOUR COLUMN\"); the file's columns are %s",
			name, strings.Join(missing, ", "), src.name, src.name, missing[0], strings.Join(headerRaw, ", "))
	}
	if len(src.needed) > 0 {
		ok := false
		var alternatives []string
		for _, set := range src.needed {
			all := true
			for _, c := range set {
				all = all && present[c]
			}
			ok = ok || all
			alternatives = append(alternatives, strings.Join(set, " and "))
		}
		if !ok {
			return nil, fmt.Errorf("%s has no column %s; %s needs one of them to know each row's minutes", name, strings.Join(alternatives, ", or "), src.name)
		}
	}
	return fl, nil
}

func answerItem(q string) int {
	n := 0
	for _, c := range q[1:] {
		n = n*10 + int(c-'0')
		if n > 1e6 {
			break
		}
	}
	return n
}

// plainColumns reports whether every staging column is a file column taken
// as written (or absent), so SQL alone can read the file.
func (fl *fileLayout) plainColumns() bool {
	for _, f := range fl.fields {
		if f.layout != nil || f.serials || (f.spec != nil && !f.spec.renameOnly()) {
			return false
		}
	}
	return true
}

// fileColumns are the file's columns the layout reads, ascending.
func (fl *fileLayout) fileColumns() []int {
	used := map[int]bool{}
	var cols []int
	for _, f := range fl.fields {
		for _, i := range f.index {
			if !used[i] {
				used[i] = true
				cols = append(cols, i)
			}
		}
	}
	sort.Ints(cols)
	return cols
}

// problem is the first thing wrong with a row found while converting it.
type problem struct {
	column, value, reason string
	at                    int // the file column it is in
}

// convert turns one file row (cells as text) into staging text: "" for a
// blank. Of the values it cannot convert, it reports the one in the
// file's first column (the row's first problem as a person reads it).
func (fl *fileLayout) convert(row []string, out []string) *problem {
	var first *problem
	for i, f := range fl.fields {
		v, p := fl.value(i, row)
		if p != nil {
			if name, ok := fl.inFile[f.col.name]; ok {
				p.column = name
			}
			p.at = f.at()
			if first == nil || p.at < first.at {
				first = p
			}
			continue
		}
		out[i] = v
	}
	return first
}

// at is the field's place in the file: its first file column (-1 for a
// constant or absent column, which has no problems of its own).
func (f fieldSource) at() int {
	at := -1
	for _, i := range f.index {
		if at < 0 || i < at {
			at = i
		}
	}
	return at
}

// rewritten lists the fields whose file text a profile format or
// divide/multiply rewrites, so a reject can quote the file's own text.
func (fl *fileLayout) rewritten() []int {
	var out []int
	for i, f := range fl.fields {
		if len(f.index) > 0 && (f.layout != nil || (f.spec != nil && f.spec.scale != nil)) {
			out = append(out, i)
		}
	}
	return out
}

// columnAt gives each staging column read from the file its place there.
func (fl *fileLayout) columnAt() map[string]int {
	out := map[string]int{}
	for i, f := range fl.fields {
		if at := f.at(); at >= 0 {
			out[fl.stage[i]] = at
		}
	}
	return out
}

// value is field i's staging text for a row, counting which map pattern
// decided it.
func (fl *fileLayout) value(i int, row []string) (string, *problem) {
	f := fl.fields[i]
	if f.spec == nil || f.spec.values == nil {
		return f.value(row)
	}
	v, blank := f.text(row)
	if blank {
		return "", nil
	}
	m := f.spec.values
	code := strings.TrimSpace(v)
	lower := strings.ToLower(code)
	best, rival := m.lookup(code, lower)
	if fl.hits == nil {
		fl.hits = make([][]int64, len(fl.fields))
	}
	if fl.hits[i] == nil {
		fl.hits[i] = make([]int64, len(m.patterns)+1)
	}
	// A pattern outranked by another still matched the value: only those
	// that have matched nothing yet are tried.
	for j := range m.patterns {
		if fl.hits[i][j] == 0 && j != best && j != rival && m.matches(j, code, lower) {
			fl.hits[i][j]++
		}
	}
	switch {
	case rival >= 0:
		fl.hits[i][best]++
		fl.hits[i][rival]++
		return "", &problem{column: f.col.name, value: v, reason: fmt.Sprintf("matches %s and %s equally well; make one pattern more specific", m.pattern(best), m.pattern(rival))}
	case best == matchNone:
		return "", &problem{column: f.col.name, value: v, reason: "not in the profile's value map"}
	case best == matchDefault:
		fl.hits[i][len(m.patterns)]++
		return m.def, nil
	}
	fl.hits[i][best]++
	return m.patterns[best].target, nil
}

// mapWarnings names, for a file, each value-map pattern that matched no
// cell, or the whole map when none of its patterns did.
func (fl *fileLayout) mapWarnings(file string) []string {
	var out []string
	for i, f := range fl.fields {
		if f.spec == nil || f.spec.values == nil {
			continue
		}
		m := f.spec.values
		var hits []int64
		if fl.hits != nil && fl.hits[i] != nil {
			hits = fl.hits[i]
		} else {
			hits = make([]int64, len(m.patterns)+1)
		}
		where := fmt.Sprintf("%s, column %s (%s)", file, strings.Join(f.spec.from, "+"), f.col.name)
		var unused []string
		matched := false
		for j := range m.patterns {
			if hits[j] == 0 {
				unused = append(unused, m.pattern(j))
			} else {
				matched = true
			}
		}
		switch {
		case !matched && len(m.patterns) > 0:
			out = append(out, fmt.Sprintf("%s: no pattern of the profile's map matched any value; check the column and the patterns", where))
		default:
			for _, u := range unused {
				out = append(out, fmt.Sprintf("%s: the profile's map pattern %s matched no value", where, u))
			}
		}
	}
	return out
}

// text is the field's cell text before any map: "" and blank true for a
// blank (a joined value with a blank part is blank).
func (f fieldSource) text(row []string) (string, bool) {
	if len(f.index) == 0 {
		return "", true
	}
	v := cell(row, f.index[0])
	if len(f.index) > 1 {
		parts := make([]string, len(f.index))
		for i, idx := range f.index {
			parts[i] = cell(row, idx)
			if parts[i] == "" {
				return "", true
			}
		}
		v = strings.Join(parts, f.spec.separator)
	}
	return v, v == ""
}

func (f fieldSource) value(row []string) (string, *problem) {
	if f.spec != nil && f.spec.constant != nil {
		return *f.spec.constant, nil
	}
	v, blank := f.text(row)
	if blank {
		return "", nil
	}
	if f.spec != nil && f.spec.values != nil {
		mapped, ok := f.spec.values.Map(v)
		if !ok {
			return "", &problem{column: f.col.name, value: v, reason: "not in the profile's value map"}
		}
		return mapped, nil
	}
	if f.spec != nil && f.spec.scale != nil {
		return scaled(v, f.spec.scale, f.col.kind == kindWhole), nil
	}
	if f.layout != nil {
		return f.readLayout(v)
	}
	if f.serials {
		return f.readSerial(v), nil
	}
	return v, nil
}

// cell is a row's trimmed text at i ("" past the end of a short row).
func cell(row []string, i int) string {
	if i >= len(row) {
		return ""
	}
	return strings.Trim(row[i], " \t\r\n\u00a0")
}

// readLayout reads a vendor-format date or time into the canonical text.
func (f fieldSource) readLayout(v string) (string, *problem) {
	m, err := f.layout.Parse(v)
	if err != nil {
		what := "date"
		switch {
		case f.col.kind == kindTimestamp:
			what = "timestamp"
		case f.col.kind == kindClock:
			what = "time"
		}
		return "", &problem{column: f.col.name, value: v, reason: fmt.Sprintf("not a %s (expected %s)", what, f.layout)}
	}
	if !f.layout.HasDate() {
		return fmt.Sprintf("%02d:%02d:%02d", m.Hour, m.Minute, m.Second), nil
	}
	t := m.In(f.location)
	switch {
	case f.col.name == "birth_year":
		return fmt.Sprint(t.Year()), nil
	case f.col.kind == kindDate:
		return isoDate(t), nil
	}
	return isoTimestamp(t), nil
}

// readSerial reads a spreadsheet's date serial in a date or time column;
// any other text is left for the SQL checks.
func (f fieldSource) readSerial(v string) string {
	t, ok := excelSerial(v)
	if !ok {
		return v
	}
	switch f.col.kind {
	case kindDate:
		return isoDate(t)
	case kindClock:
		if t.Before(excelEpoch.AddDate(0, 0, 1)) {
			return t.Format("15:04:05")
		}
	}
	return isoTimestamp(t)
}

// scaled multiplies a number cell by r exactly (a big.Rat), and writes the
// float64 nearest the exact result in the fewest digits that give it
// back, so 62506 / 2080 is 30.050961538461537 and not a rounded figure. A
// leading $ and thousands commas are accepted, as HR systems write
// salaries. Text that is not a number is passed on as it is, for the
// column's own check to reject with the file's value.
func scaled(v string, r *big.Rat, whole bool) string {
	text := strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(v), "$"), ",", "")
	n, ok := new(big.Rat).SetString(text)
	if !ok || strings.ContainsAny(text, "/eE") {
		return v
	}
	n.Mul(n, r)
	if whole && n.IsInt() {
		return n.Num().String()
	}
	f, _ := n.Float64()
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// inFileOrder puts the checks of a source's check block in the file's
// column order, so a row's reject names its first problem as the file
// lays it out (DATA.md: "in the file's column order"), whatever order
// DATA.md gives the columns. The block marks each column's checks with a
// line "-- in file order: COLUMN …" (several columns when one value comes
// from them: minutes, or start_time and end_time); a group runs to the
// next mark, or to "-- then", after which come the rules between columns
// (terminated before hired), which stay last. Groups are ordered by the
// first of their columns in the file (at: each staging column's file
// column); a group with none of its columns in the file keeps its place
// after those that have. Only the text changes: the checks cost the same.
func inFileOrder(text string, at map[string]int) string {
	const mark, then = "-- in file order:", "-- then"
	lines := strings.SplitAfter(text, "\n")
	type group struct {
		first int // file column of its first column; len(at)+n if none
		lines []string
	}
	var out []string
	var groups []group
	flush := func() {
		sort.SliceStable(groups, func(i, j int) bool { return groups[i].first < groups[j].first })
		for _, g := range groups {
			out = append(out, g.lines...)
		}
		groups = nil
	}
	inGroups := false
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(trimmed, mark); ok {
			first := math.MaxInt32
			for _, c := range strings.Fields(rest) {
				if i, ok := at[c]; ok && i < first {
					first = i
				}
			}
			groups = append(groups, group{first: first, lines: []string{line}})
			inGroups = true
			continue
		}
		if inGroups && (trimmed == then || strings.HasPrefix(trimmed, "END")) {
			flush()
			inGroups = false
		}
		if inGroups {
			groups[len(groups)-1].lines = append(groups[len(groups)-1].lines, line)
			continue
		}
		out = append(out, line)
	}
	flush()
	return strings.Join(out, "")
}
