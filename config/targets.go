package config

import (
	"fmt"
	"sort"
	"strings"
)

// Benchmark is one value a published benchmark gives a metric: a single
// number, or a median with the 25th and 75th percentile values (as the CMS
// Medicaid Core Set and NCQA publish them).
type Benchmark struct {
	Name, Source string // the [benchmarks.NAME] table and its source
	Metric       string
	Value        *float64 // a single number
	Median       *float64 // or a median with quartiles
	Bottom, Top  *float64 // bottom_quartile (25th) and top_quartile (75th percentile)
}

// Quartiles reports whether the benchmark is a median with quartiles.
func (b Benchmark) Quartiles() bool { return b.Median != nil }

// number reads a TOML number (integer or float).
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// Target is the config's target for metric in a packet: the payer's
// [targets."<payer>"] value when set, else the agency's [targets] value.
func (c Config) Target(metric, payer string) (float64, bool) {
	if payer != "" {
		if t, ok := c.Targets[payer].(map[string]any); ok {
			if v, ok := number(t[metric]); ok {
				return v, true
			}
		}
	}
	return number(c.Targets[metric])
}

// TargetMetrics lists every metric id a target names (agency or payer),
// and TargetPayers the payers with a table of their own.
func (c Config) TargetMetrics() (metrics, payers []string) {
	seen := map[string]bool{}
	for k, v := range c.Targets {
		if t, ok := v.(map[string]any); ok {
			payers = append(payers, k)
			for m := range t {
				if !seen[m] {
					seen[m] = true
					metrics = append(metrics, m)
				}
			}
			continue
		}
		if !seen[k] {
			seen[k] = true
			metrics = append(metrics, k)
		}
	}
	sort.Strings(metrics)
	sort.Strings(payers)
	return metrics, payers
}

// BenchmarksFor lists the benchmarks of metric, by benchmark name.
func (c Config) BenchmarksFor(metric string) []Benchmark {
	var out []Benchmark
	for _, b := range c.BenchmarkList() {
		if b.Metric == metric {
			out = append(out, b)
		}
	}
	return out
}

// BenchmarkList is every benchmark value of the config, by name then
// metric. The shapes were checked by Validate.
func (c Config) BenchmarkList() []Benchmark {
	names := make([]string, 0, len(c.Benchmarks))
	for n := range c.Benchmarks {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []Benchmark
	for _, n := range names {
		table := c.Benchmarks[n]
		source, _ := table["source"].(string)
		var ids []string
		for k := range table {
			if k != "source" {
				ids = append(ids, k)
			}
		}
		sort.Strings(ids)
		for _, id := range ids {
			b := Benchmark{Name: n, Source: source, Metric: id}
			if v, ok := number(table[id]); ok {
				b.Value = &v
			} else if q, ok := table[id].(map[string]any); ok {
				get := func(k string) *float64 {
					if v, ok := number(q[k]); ok {
						return &v
					}
					return nil
				}
				b.Median, b.Bottom, b.Top = get("median"), get("bottom_quartile"), get("top_quartile")
			}
			out = append(out, b)
		}
	}
	return out
}

// validateTargets checks the shapes of [targets] and [benchmarks.NAME]:
// numbers, a payer's table of numbers, a benchmark's required source, and
// quartiles in order. Whether each key is a metric (and one with a
// direction) is checked against the registry by the metrics package.
func (c Config) validateTargets() []error {
	var errs []error
	keys := make([]string, 0, len(c.Targets))
	for k := range c.Targets {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch v := c.Targets[k].(type) {
		case map[string]any:
			inner := make([]string, 0, len(v))
			for m := range v {
				inner = append(inner, m)
			}
			sort.Strings(inner)
			for _, m := range inner {
				if _, ok := number(v[m]); !ok {
					errs = append(errs, fmt.Errorf("[targets.%q] %s = %v: a target is a number in the metric's own unit (0.5 for 50%%)", k, m, v[m]))
				}
			}
		default:
			if _, ok := number(v); !ok {
				errs = append(errs, fmt.Errorf("[targets] %s = %v: a target is a number in the metric's own unit (0.5 for 50%%), or a table of them for one payer ([targets.\"Blue Cross\"])", k, v))
			}
		}
	}
	names := make([]string, 0, len(c.Benchmarks))
	for n := range c.Benchmarks {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		table := c.Benchmarks[n]
		if s, ok := table["source"].(string); !ok || strings.TrimSpace(s) == "" {
			errs = append(errs, fmt.Errorf("[benchmarks.%q] has no source: add source = \"who published it, which year\"", n))
		}
		ids := make([]string, 0, len(table))
		for k := range table {
			if k != "source" {
				ids = append(ids, k)
			}
		}
		sort.Strings(ids)
		for _, id := range ids {
			if _, ok := number(table[id]); ok {
				continue
			}
			q, ok := table[id].(map[string]any)
			if !ok {
				errs = append(errs, fmt.Errorf("[benchmarks.%q] %s = %v: give a number, or { median = …, bottom_quartile = …, top_quartile = … }", n, id, table[id]))
				continue
			}
			var vals [3]float64
			for i, k := range []string{"bottom_quartile", "median", "top_quartile"} {
				v, ok := number(q[k])
				if !ok {
					errs = append(errs, fmt.Errorf("[benchmarks.%q] %s: %s is missing or not a number (a quartile benchmark needs median, bottom_quartile and top_quartile)", n, id, k))
					continue
				}
				vals[i] = v
			}
			for k := range q {
				if k != "median" && k != "bottom_quartile" && k != "top_quartile" {
					errs = append(errs, fmt.Errorf("[benchmarks.%q] %s: unknown key %s (use median, bottom_quartile, top_quartile)", n, id, k))
				}
			}
			if vals[0] > vals[1] || vals[1] > vals[2] {
				errs = append(errs, fmt.Errorf("[benchmarks.%q] %s: the quartiles are out of order: bottom_quartile %v <= median %v <= top_quartile %v must hold (the 25th and 75th percentile values as published)", n, id, vals[0], vals[1], vals[2]))
			}
		}
	}
	return errs
}
