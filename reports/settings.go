package reports

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/peerstat/peerstat/config"
)

// setting is one config key with the value in force, as a reader sees it.
type setting struct {
	Key, Value string
}

// moneyKeys are settings in dollars; a nil one reads "not configured".
var moneyKeys = map[string]bool{
	"rday_daily_rate": true, "inpatient_per_diem": true, "er_visit_cost": true, "program_cost": true,
}

// costAssumptions are the settings the dollar figures rest on, printed next
// to them.
var costAssumptions = []string{"inpatient_per_diem", "er_visit_cost", "program_cost", "fringe_rate", "rday_daily_rate", "rday_federal_share"}

// settings lists every top-level key of the config in declaration order
// with its value (instruments are listed separately).
func settings(cfg config.Config) []setting {
	v := reflect.ValueOf(cfg)
	t := v.Type()
	var out []setting
	for i := 0; i < t.NumField(); i++ {
		key := tomlKey(t.Field(i))
		if key == "" || key == "instruments" || key == "targets" || key == "benchmarks" {
			continue // listed in tables of their own
		}
		out = append(out, setting{key, settingText(key, v.Field(i))})
	}
	return out
}

// settingValue is the value in force of one key, or "" when the config has
// no such key.
func settingValue(cfg config.Config, key string) (string, bool) {
	v := reflect.ValueOf(cfg)
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if tomlKey(t.Field(i)) == key {
			return settingText(key, v.Field(i)), true
		}
	}
	return "", false
}

func tomlKey(f reflect.StructField) string {
	tag := f.Tag.Get("toml")
	if tag == "" || tag == "-" {
		return ""
	}
	return strings.Split(tag, ",")[0]
}

func settingText(key string, v reflect.Value) string {
	if d, ok := v.Interface().(config.Date); ok {
		if d.IsZero() {
			return "not set"
		}
		return d.String()
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return "not configured"
		}
		return settingText(key, v.Elem())
	case reflect.Float64:
		f := v.Float()
		s := strconv.FormatFloat(f, 'f', -1, 64)
		if moneyKeys[key] {
			return fmt.Sprintf("%s ($%s)", s, thousands(strconv.FormatFloat(f, 'f', 2, 64)))
		}
		return s
	case reflect.Slice:
		if v.Len() == 0 {
			return "none"
		}
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = settingText(key, v.Index(i))
		}
		return strings.Join(parts, ", ")
	case reflect.String:
		if v.String() == "" {
			return "not set"
		}
		return v.String()
	}
	return fmt.Sprint(v.Interface())
}

// keyValues is "key = value; key = value" for the given keys.
func keyValues(cfg config.Config, keys []string) string {
	var parts []string
	for _, k := range keys {
		if val, ok := settingValue(cfg, k); ok {
			parts = append(parts, k+" = "+val)
		} else {
			parts = append(parts, k)
		}
	}
	return strings.Join(parts, "; ")
}

// instrumentRows describe each survey instrument in force, by name.
func instrumentRows(cfg config.Config) [][]cell {
	names := make([]string, 0, len(cfg.Instruments))
	for n := range cfg.Instruments {
		names = append(names, n)
	}
	sort.Strings(names)
	var rows [][]cell
	for _, n := range names {
		in := cfg.Instruments[n]
		scale := ""
		if len(in.Scale) == 2 {
			scale = fmt.Sprintf("%d to %d", in.Scale[0], in.Scale[1])
		}
		agree := "top of the scale = strongly agree"
		cut := ""
		if in.Summed() {
			agree = "summed scale: the score is the sum of every item, only when all are answered"
			cut = "high when the score is at least " + strconv.FormatFloat(in.Cutoff(), 'f', -1, 64)
			rows = append(rows, []cell{
				textCell(n), textCell(scale), textCell(agree), textCell(cut),
				textCell(orNone(codeList(in.NA))), textCell(orNone(intList(in.Reverse))),
				textCell(fmt.Sprintf("score: q1-q%d", in.ItemCount)),
			})
			continue
		}
		if in.Agree == "low" {
			agree = "1 = strongly agree"
			if in.PositiveBelow != nil {
				cut = "positive when the domain score is below " + strconv.FormatFloat(*in.PositiveBelow, 'f', -1, 64)
			}
		} else if in.PositiveAbove != nil {
			cut = "positive when the domain score is above " + strconv.FormatFloat(*in.PositiveAbove, 'f', -1, 64)
		}
		var domains []string
		for _, d := range in.DomainNames() {
			domains = append(domains, fmt.Sprintf("%s: %s", d, intList(in.Domains[d])))
		}
		rows = append(rows, []cell{
			textCell(n), textCell(scale), textCell(agree), textCell(cut),
			textCell(orNone(codeList(in.NA))), textCell(orNone(intList(in.Reverse))),
			textCell(strings.Join(domains, "; ")),
		})
	}
	return rows
}

func intList(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = "q" + strconv.Itoa(x)
	}
	return strings.Join(parts, ", ")
}

func codeList(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
