package ingest

import (
	"fmt"
	"os"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/peerstat/peerstat/config"
)

// Profile is a mapping profile: how a vendor's export becomes peerstat's
// sources without editing the files. It has one section per source; see
// PROFILES.md for the format.
type Profile struct {
	sections map[string]*section
}

// section is one source's part of a profile.
type section struct {
	source   string
	files    []string // name patterns; nil = names starting with the source name
	optional bool
	dates    *Layout // format of every date column without its own
	stamps   *Layout // format of every timestamp column without its own
	columns  map[string]columnSpec
}

// columnSpec says where one canonical column comes from.
type columnSpec struct {
	from      []string // vendor columns as written in the profile; several are joined
	separator string
	constant  *string
	values    *ValueMap
	layout    *Layout
}

// renameOnly reports whether the spec only picks a differently named column.
func (c columnSpec) renameOnly() bool {
	return c.constant == nil && len(c.from) == 1 && c.values == nil && c.layout == nil
}

// LoadProfile reads and checks a profile file.
func LoadProfile(file string) (*Profile, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read profile: %w", err)
	}
	p, err := ParseProfile(data)
	if err != nil {
		return nil, fmt.Errorf("profile %s: %w", file, err)
	}
	return p, nil
}

// ParseProfile reads profile text. Unknown sections, columns and keys are
// errors that name them, so a typo never silently loads nothing.
func ParseProfile(data []byte) (*Profile, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		return nil, err
	}
	p := &Profile{sections: map[string]*section{}}
	for _, name := range sortedKeys(raw) {
		src, ok := sourceByName(name)
		if !ok {
			return nil, fmt.Errorf("[%s] is not a source; sections are %s", name, strings.Join(sourceNames(), ", "))
		}
		table, ok := raw[name].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s must be a section: write [%s]", name, name)
		}
		sec, err := parseSection(src, table)
		if err != nil {
			return nil, err
		}
		p.sections[name] = sec
	}
	return p, nil
}

func parseSection(src source, table map[string]any) (*section, error) {
	sec := &section{source: src.name, columns: map[string]columnSpec{}}
	where := "[" + src.name + "]"
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
			for _, name := range sortedKeys(cols) {
				col, ok := src.column(name)
				if !ok {
					return nil, fmt.Errorf("[%s.columns] %s: %s has no column %s; its columns are %s", src.name, name, src.name, name, strings.Join(src.columnNames(), ", "))
				}
				spec, err := parseColumnSpec(col, cols[name])
				if err != nil {
					return nil, fmt.Errorf("[%s.columns] %s: %v", src.name, name, err)
				}
				sec.columns[name] = spec
			}
		default:
			return nil, fmt.Errorf("%s %s is not a profile key; keys are files, optional, date_format, timestamp_format and columns", where, key)
		}
	}
	return sec, nil
}

func parseColumnSpec(col column, v any) (columnSpec, error) {
	if s, ok := v.(string); ok {
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
				patterns[target] = list
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
		default:
			return spec, fmt.Errorf("%s is not a column key; keys are column, columns, separator, value, map, default and format", key)
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
	if spec.constant != nil && (patterns != nil || spec.layout != nil) {
		return spec, fmt.Errorf("a value is used as written: it takes no map or format")
	}
	if patterns != nil {
		vm, err := NewValueMap(patterns, deref(def), def != nil)
		if err != nil {
			return spec, fmt.Errorf("map: %v", err)
		}
		if allowed := allowedValues(col.name); allowed != nil {
			for _, target := range vm.Targets() {
				if !contains(allowed, target) {
					return spec, fmt.Errorf("map: %q is not a %s (use one of %s)", target, col.name, strings.Join(allowed, ", "))
				}
			}
		}
		if spec.layout != nil {
			return spec, fmt.Errorf("use map or format, not both")
		}
		spec.values = &vm
	}
	return spec, nil
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

// section returns the profile's section for a source, or nil.
func (p *Profile) section(name string) *section {
	if p == nil {
		return nil
	}
	return p.sections[name]
}
