package ingest

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/peerstat/peerstat/config"
)

// Profile is a mapping profile: how a vendor's export becomes peerstat's
// sources without editing the files. It has one section per source, or
// several ([[staff]] repeated), each reading the files its patterns match;
// see PROFILES.md for the format.
type Profile struct {
	sections map[string][]*section
}

// section is one part of a profile: how some files of one source are read.
type section struct {
	source   string
	number   int      // 1, 2, … among the source's sections, in the profile's order
	files    []string // name patterns; nil = the source's files no other section matches
	optional bool
	encoding string      // "" = UTF-8 (see encodingName)
	quotes   quoteLimits // how far a quoted field may run (zero: the defaults)
	dates    *Layout     // format of every date column without its own
	stamps   *Layout     // format of every timestamp column without its own
	columns  map[string]columnSpec
}

// String names the section for messages: [staff] with files = ["hr*.csv"].
func (s *section) String() string {
	if s.files == nil {
		return "[" + s.source + "] without files"
	}
	quoted := make([]string, len(s.files))
	for i, f := range s.files {
		quoted[i] = strconv.Quote(f)
	}
	return fmt.Sprintf("[%s] with files = [%s]", s.source, strings.Join(quoted, ", "))
}

// matches reports whether the section's patterns take a file name.
func (s *section) matches(name string) bool {
	lower := strings.ToLower(name)
	for _, pat := range s.files {
		if ok, _ := path.Match(strings.ToLower(pat), lower); ok {
			return true
		}
	}
	return false
}

// columnSpec says where one canonical column comes from.
type columnSpec struct {
	from      []string // vendor columns as written in the profile; several are joined
	separator string
	constant  *string
	values    *ValueMap
	layout    *Layout
	scale     *big.Rat // a number is multiplied by this (divide = 1/x)
}

// renameOnly reports whether the spec only picks a differently named column.
func (c columnSpec) renameOnly() bool {
	return c.constant == nil && len(c.from) == 1 && c.values == nil && c.layout == nil && c.scale == nil
}

// ParseProfile reads profile text. Unknown sections, columns and keys are
// errors that name them, so a typo never silently loads nothing.
func ParseProfile(data []byte) (*Profile, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		return nil, err
	}
	p := &Profile{sections: map[string][]*section{}}
	for _, name := range sortedKeys(raw) {
		src, ok := sourceByName(name)
		if !ok {
			return nil, fmt.Errorf("[%s] is not a source; sections are %s", name, strings.Join(sourceNames(), ", "))
		}
		var tables []map[string]any
		switch v := raw[name].(type) {
		case map[string]any:
			tables = []map[string]any{v}
		case []map[string]any:
			tables = v
		default:
			return nil, fmt.Errorf("%s must be a section: write [%s], or [[%s]] for each of several", name, name, name)
		}
		var unpatterned *section
		for i, table := range tables {
			where := "[" + name + "]"
			if len(tables) > 1 {
				where = fmt.Sprintf("[[%s]] number %d", name, i+1)
			}
			sec, err := parseSection(src, table, where)
			if err != nil {
				return nil, err
			}
			sec.number = i + 1
			if sec.files == nil {
				if unpatterned != nil {
					return nil, fmt.Errorf("[[%s]] numbers %d and %d both have no files; a section without files reads the %s files no other section matches, so only one may leave files out", name, unpatterned.number, sec.number, name)
				}
				unpatterned = sec
			}
			p.sections[name] = append(p.sections[name], sec)
		}
	}
	return p, nil
}

func parseSection(src source, table map[string]any, where string) (*section, error) {
	sec := &section{source: src.name, columns: map[string]columnSpec{}}
	for _, key := range sortedKeys(table) {
		v := table[key]
		switch key {
		case "files":
			list, err := stringList(v)
			if err != nil || len(list) == 0 {
				return nil, fmt.Errorf("%s files: give a list of file name patterns, e.g. files = [\"patients.csv\"]", where)
			}
			for _, pat := range list {
				if _, err := path.Match(pat, ""); err != nil {
					return nil, fmt.Errorf("%s files: %q is not a file name pattern", where, pat)
				}
			}
			sec.files = list
		case "encoding":
			name, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("%s encoding: write the name as a string, e.g. encoding = \"windows-1252\"", where)
			}
			canonical, err := encodingName(name)
			if err != nil {
				return nil, fmt.Errorf("%s encoding: %v", where, err)
			}
			sec.encoding = canonical
		case "max_quoted_lines", "max_quoted_chars":
			n, ok := v.(int64)
			if !ok || n < 1 || n > 1_000_000_000 {
				return nil, fmt.Errorf("%s %s: write a whole number above 0, e.g. %s = 50", where, key, key)
			}
			if key == "max_quoted_lines" {
				sec.quotes.lines = int(n)
			} else {
				sec.quotes.chars = int(n)
			}
		case "optional":
			b, ok := v.(bool)
			if !ok {
				return nil, fmt.Errorf("%s optional: write true or false", where)
			}
			sec.optional = b
		case "date_format", "timestamp_format":
			s, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("%s %s: write the format as a string, e.g. \"YYYYMMDD\"", where, key)
			}
			l, err := ParseLayout(s)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %v", where, key, err)
			}
			if !l.HasDate() {
				return nil, fmt.Errorf("%s %s: %q has no date; a time-only format goes on a clock_in or clock_out column", where, key, s)
			}
			if key == "date_format" {
				sec.dates = &l
			} else {
				sec.stamps = &l
			}
		case "columns":
			cols, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s columns must be a table: write [%s.columns]", where, src.name)
			}
			colWhere := "[" + src.name + ".columns]"
			if strings.HasPrefix(where, "[[") {
				colWhere = where + " columns"
			}
			for _, name := range sortedKeys(cols) {
				col, ok := src.column(name)
				if !ok {
					return nil, fmt.Errorf("%s %s: %s has no column %s; its columns are %s", colWhere, name, src.name, name, strings.Join(src.columnNames(), ", "))
				}
				spec, err := parseColumnSpec(src, col, cols[name])
				if err != nil {
					return nil, fmt.Errorf("%s %s: %v", colWhere, name, err)
				}
				sec.columns[name] = spec
			}
		default:
			return nil, fmt.Errorf("%s %s is not a profile key; keys are files, optional, encoding, max_quoted_lines, max_quoted_chars, date_format, timestamp_format and columns", where, key)
		}
	}
	return sec, nil
}

func parseColumnSpec(src source, col column, v any) (columnSpec, error) {
	if s, ok := v.(string); ok {
		if src.name == "timesheets" && col.name == "billable" && strings.EqualFold(strings.TrimSpace(s), billableUnknown) {
			// DATA.md's own words for a punch clock: billable = "unknown"
			// is the constant, not a column named unknown.
			unknown := billableUnknown
			return columnSpec{constant: &unknown}, nil
		}
		return columnSpec{from: []string{s}}, nil
	}
	t, ok := v.(map[string]any)
	if !ok {
		return columnSpec{}, fmt.Errorf("write the vendor column name as a string, or a table such as { column = \"CODE\", map = { … } }")
	}
	var spec columnSpec
	var patterns map[string][]string
	var def *string
	sources := 0
	for _, key := range sortedKeys(t) {
		val := t[key]
		switch key {
		case "column":
			s, ok := val.(string)
			if !ok {
				return spec, fmt.Errorf("column: write the vendor column name as a string")
			}
			spec.from = []string{s}
			sources++
		case "columns":
			list, err := stringList(val)
			if err != nil || len(list) < 2 {
				return spec, fmt.Errorf("columns: give two or more vendor column names to join, e.g. [\"CLM_ID\", \"SEGMENT\"]")
			}
			spec.from = list
			sources++
		case "separator":
			s, ok := val.(string)
			if !ok {
				return spec, fmt.Errorf("separator: write it as a string, e.g. \"-\"")
			}
			spec.separator = s
		case "value":
			s, err := constantText(val)
			if err != nil {
				return spec, err
			}
			spec.constant = &s
			sources++
		case "map":
			m, ok := val.(map[string]any)
			if !ok {
				return spec, fmt.Errorf("map: write a table of value = [patterns], e.g. map = { emergency = [\"emergency\", \"urgentcare\"] }")
			}
			patterns = map[string][]string{}
			for target, pv := range m {
				list, err := stringList(pv)
				if err != nil {
					return spec, fmt.Errorf("map %s: give a pattern or a list of patterns as strings", target)
				}
				patterns[strings.TrimSpace(target)] = append(patterns[strings.TrimSpace(target)], list...)
			}
		case "default":
			s, err := constantText(val)
			if err != nil {
				return spec, err
			}
			def = &s
		case "format":
			s, ok := val.(string)
			if !ok {
				return spec, fmt.Errorf("format: write it as a string, e.g. \"M/D/YYYY\"")
			}
			l, err := ParseLayout(s)
			if err != nil {
				return spec, err
			}
			if col.kind != kindDate && col.kind != kindTimestamp && col.kind != kindClock && col.name != "birth_year" {
				return spec, fmt.Errorf("format applies to dates and timestamps (and birth_year, read as the year of a date); %s is not one", col.name)
			}
			if !l.HasDate() && col.kind != kindClock {
				return spec, fmt.Errorf("format %q has no date; only clock_in and clock_out take a time of day", s)
			}
			spec.layout = &l
		case "divide", "multiply":
			if col.kind != kindNumber && col.kind != kindWhole {
				return spec, fmt.Errorf("%s applies to numbers; %s is not one", key, col.name)
			}
			if spec.scale != nil {
				return spec, fmt.Errorf("use divide or multiply, not both")
			}
			r, err := scaleFactor(val)
			if err != nil {
				return spec, fmt.Errorf("%s: %v", key, err)
			}
			if key == "divide" {
				r.Inv(r)
			}
			spec.scale = r
		default:
			return spec, fmt.Errorf("%s is not a column key; keys are column, columns, separator, value, map, default, format, divide and multiply", key)
		}
	}
	if sources != 1 {
		return spec, fmt.Errorf("give exactly one of column (a vendor column), columns (several, joined) or value (the same value on every row)")
	}
	if spec.separator != "" && len(spec.from) < 2 {
		return spec, fmt.Errorf("separator goes with columns = [ … ]")
	}
	if def != nil && patterns == nil {
		return spec, fmt.Errorf("default goes with map")
	}
	if spec.constant != nil && (patterns != nil || spec.layout != nil || spec.scale != nil) {
		return spec, fmt.Errorf("a value is used as written: it takes no map, format, divide or multiply")
	}
	if spec.constant != nil {
		if err := checkTarget(src, col, *spec.constant, true); err != nil {
			return spec, fmt.Errorf("value: %v", err)
		}
	}
	if patterns != nil {
		if spec.layout != nil {
			return spec, fmt.Errorf("use map or format, not both")
		}
		if spec.scale != nil {
			return spec, fmt.Errorf("use map or %s, not both", map[bool]string{true: "divide", false: "multiply"}[spec.scale.Cmp(big.NewRat(1, 1)) < 0])
		}
		vm, err := NewValueMap(patterns, deref(def), def != nil)
		if err != nil {
			return spec, fmt.Errorf("map: %v", err)
		}
		for _, target := range vm.Targets() {
			if err := checkTarget(src, col, target, false); err != nil {
				if _, listed := patterns[target]; def != nil && target == *def && !listed {
					return spec, fmt.Errorf("default: %v", err)
				}
				return spec, fmt.Errorf("map: %v", err)
			}
		}
		spec.values = &vm
	}
	return spec, nil
}

// checkTarget refuses, when the profile is read, a value that a map or a
// constant would put in a column and that the column cannot take, so no
// row is ever rejected for the profile's own words.
func checkTarget(src source, col column, v string, constant bool) error {
	if v == "" {
		if col.required {
			return fmt.Errorf("%s is required, so a map may not make it blank", col.name)
		}
		return nil
	}
	if allowed := allowedValues(col.name); allowed != nil {
		if !contains(allowed, strings.ToLower(v)) {
			return fmt.Errorf("%q is not a %s (use one of %s)", v, col.name, strings.Join(allowed, ", "))
		}
		return nil
	}
	switch col.kind {
	case kindBool:
		if constant && src.name == "timesheets" && col.name == "billable" && strings.EqualFold(v, billableUnknown) {
			return nil
		}
		if _, ok := boolText(v); !ok {
			hint := "true or false (or yes/no, y/n, 1/0)"
			if src.name == "timesheets" && col.name == "billable" {
				hint += `; a punch clock that does not know says value = "unknown"`
			}
			return fmt.Errorf("%q is not a yes/no value for %s: use %s", v, col.name, hint)
		}
	case kindWhole:
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return fmt.Errorf("%q is not a whole number for %s", v, col.name)
		}
	case kindNumber:
		if _, ok := new(big.Rat).SetString(v); !ok {
			return fmt.Errorf("%q is not a number for %s", v, col.name)
		}
	case kindDate:
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return fmt.Errorf("%q is not a date for %s: write it YYYY-MM-DD", v, col.name)
		}
	}
	return nil
}

// billableUnknown is the timesheets billable constant of a punch clock,
// which does not know which minutes are billable (METRICS.md, Workforce).
const billableUnknown = "unknown"

// boolText reads the yes/no values DATA.md allows, in any case.
func boolText(v string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "yes", "y", "1":
		return true, true
	case "false", "no", "n", "0":
		return false, true
	}
	return false, false
}

// scaleFactor reads divide = N / multiply = N: a number above 0.
func scaleFactor(v any) (*big.Rat, error) {
	r := new(big.Rat)
	var ok bool
	switch x := v.(type) {
	case int64:
		r.SetInt64(x)
		ok = true
	case float64:
		_, ok = r.SetString(strconv.FormatFloat(x, 'f', -1, 64))
	case string:
		_, ok = r.SetString(strings.TrimSpace(x))
	}
	if !ok || r.Sign() <= 0 {
		return nil, fmt.Errorf("give a number above 0, e.g. 2080")
	}
	return r, nil
}

// allowedValues lists the values an enumerated column takes, or nil.
func allowedValues(name string) []string {
	switch name {
	case "role":
		return config.Roles
	case "setting":
		return config.Settings
	case "activity":
		return config.Activities
	case "termination_type":
		return terminationTypes
	}
	return nil
}

// constantText turns a TOML value into the canonical text of a column:
// a TOML date becomes YYYY-MM-DD.
func constantText(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case bool, int64, float64:
		return fmt.Sprint(x), nil
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 {
			return x.Format("2006-01-02"), nil
		}
		return x.Format("2006-01-02T15:04:05"), nil
	}
	return "", fmt.Errorf("value %v: write a string, number, true/false or date", v)
}

func stringList(v any) ([]string, error) {
	switch x := v.(type) {
	case string:
		return []string{x}, nil
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("not a string: %v", e)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("not a list of strings")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sourceNames() []string {
	names := make([]string, len(sources))
	for i, s := range sources {
		names[i] = s.name
	}
	return names
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// sectionsOf lists the profile's sections for a source, in the profile's
// order.
func (p *Profile) sectionsOf(name string) []*section {
	if p == nil {
		return nil
	}
	return p.sections[name]
}

// optional reports whether the profile marks a source optional.
func (p *Profile) optional(name string) bool {
	for _, s := range p.sectionsOf(name) {
		if s.optional {
			return true
		}
	}
	return false
}

// sectionFor finds the section that reads a file: the one whose patterns
// match its name, else the source's section without files. A file matched
// by the patterns of two sections is a profile error naming both. sec is
// nil when no section reads the file; matched says whether some section's
// patterns matched it (so it belongs to the source whatever its name).
func (p *Profile) sectionFor(src, name string) (sec *section, matched bool, err error) {
	var fallback *section
	for _, s := range p.sectionsOf(src) {
		if s.files == nil {
			fallback = s
			continue
		}
		if !s.matches(name) {
			continue
		}
		if sec != nil {
			return nil, true, fmt.Errorf("%s is matched by two profile sections, %s and %s; narrow their files patterns so one reads it", name, sec, s)
		}
		sec = s
	}
	if sec != nil {
		return sec, true, nil
	}
	return fallback, false, nil
}

// DefaultProfileName is the profile a data folder may hold: ingest uses
// DIR/peerstat-profile.toml when no --profile is given (DATA.md).
const DefaultProfileName = "peerstat-profile.toml"

// chosenProfile is the profile a load reads the folder with, and where it
// came from: --profile, the folder's peerstat-profile.toml, or the one the
// last load stored in the database.
type chosenProfile struct {
	profile *Profile
	text    []byte // the profile's text; nil when the load has none
	path    string // the file it was read from (a stored one: when it was stored)
	stored  bool   // reused from the database: no profile given, none in the folder
}

// chooseProfile settles the load's profile (DATA.md, Command line): the
// one given, else DIR/peerstat-profile.toml, else the one the last load
// stored, which the run log then names (notes). A folder's profile file
// is the folder's truth while it is there; once it is gone, the stored
// copy goes on being used, as for an export folder that never held one,
// and the run log says the file is gone and how to load without a
// profile (an empty peerstat-profile.toml).
func chooseProfile(ctx context.Context, q queryer, opts Options) (chosen chosenProfile, notes []string, err error) {
	read := func(path string) (chosenProfile, error) {
		data, err := os.ReadFile(path)
		if err != nil {
			return chosenProfile{}, fmt.Errorf("read profile: %w", err)
		}
		p, err := ParseProfile(data)
		if err != nil {
			return chosenProfile{}, fmt.Errorf("profile %s: %w", path, err)
		}
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		return chosenProfile{profile: p, text: data, path: path}, nil
	}
	if opts.ProfilePath != "" {
		chosen, err = read(opts.ProfilePath)
		return chosen, nil, err
	}
	inFolder := filepath.Join(opts.DataDir, DefaultProfileName)
	if _, err := os.Stat(inFolder); err == nil {
		chosen, err = read(inFolder)
		return chosen, nil, err
	} else if !errors.Is(err, os.ErrNotExist) {
		return chosen, nil, fmt.Errorf("read profile: %w", err)
	}
	rows, err := q.QueryContext(ctx, "SELECT coalesce(path, ''), toml FROM stored_profile ORDER BY stored_at DESC LIMIT 1")
	if err != nil {
		return chosen, nil, fmt.Errorf("read the stored profile: %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		return chosen, nil, rows.Err()
	}
	var path, text string
	if err := rows.Scan(&path, &text); err != nil {
		return chosen, nil, err
	}
	p, err := ParseProfile([]byte(text))
	if err != nil {
		return chosen, nil, fmt.Errorf("the profile the last load stored (read from %s) no longer reads (%v): give one with --profile, or put %s in %s", path, err, DefaultProfileName, opts.DataDir)
	}
	chosen = chosenProfile{profile: p, text: []byte(text), path: path, stored: true}
	if abs, err := filepath.Abs(inFolder); err == nil && abs == path {
		notes = append(notes, fmt.Sprintf("%s is no longer in %s: the profile stored from it by the last load was used; to load without a profile, put an empty %s in %s", DefaultProfileName, opts.DataDir, DefaultProfileName, opts.DataDir))
	} else {
		notes = append(notes, fmt.Sprintf("no --profile given and no %s in %s: the profile the last load stored (read from %s) was used", DefaultProfileName, opts.DataDir, path))
	}
	return chosen, notes, nil
}
