package ingest

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// ValueMap turns a vendor's codes into peerstat's values, e.g. an EHR's
// encounter class or a claim's DRG into an encounter setting. Each target
// value lists patterns:
//
//   - "inpatient"  an exact value (case and surrounding spaces ignored)
//   - "880-887"    a whole-number range, both ends included
//   - "H00*"       a prefix (case ignored); "*" alone matches anything
//
// An exact value wins over a range, a range over a prefix, and a longer
// prefix over a shorter one. A value no pattern matches takes the default,
// or, without one, is not mapped (the row is rejected).
type ValueMap struct {
	exact      map[string]string
	ranges     []codeRange
	prefixes   []codePrefix
	def        string
	hasDefault bool
}

type codeRange struct {
	lo, hi uint64
	target string
}

type codePrefix struct {
	prefix string // lower case
	target string
}

// NewValueMap builds a map from target value -> patterns. def is the value
// for codes no pattern matches; pass hasDefault false to reject them.
// Two targets claiming the same code (the same exact value or prefix, or
// overlapping ranges) is an error.
func NewValueMap(patterns map[string][]string, def string, hasDefault bool) (ValueMap, error) {
	m := ValueMap{exact: map[string]string{}, def: def, hasDefault: hasDefault}
	targets := make([]string, 0, len(patterns))
	for t := range patterns {
		targets = append(targets, t)
	}
	sort.Strings(targets)
	prefixOwner := map[string]string{}
	for _, target := range targets {
		for _, p := range patterns[target] {
			p = strings.TrimSpace(p)
			switch {
			case strings.HasSuffix(p, "*"):
				key := strings.ToLower(strings.TrimSuffix(p, "*"))
				if other, dup := prefixOwner[key]; dup && other != target {
					return ValueMap{}, fmt.Errorf("prefix %q is mapped to both %q and %q", p, other, target)
				}
				prefixOwner[key] = target
				m.prefixes = append(m.prefixes, codePrefix{key, target})
			case isRange(p):
				lo, hi, err := parseRange(p)
				if err != nil {
					return ValueMap{}, err
				}
				for _, r := range m.ranges {
					if lo <= r.hi && r.lo <= hi && r.target != target {
						return ValueMap{}, fmt.Errorf("range %q overlaps %d-%d, which is mapped to %q", p, r.lo, r.hi, r.target)
					}
				}
				m.ranges = append(m.ranges, codeRange{lo, hi, target})
			default:
				key := strings.ToLower(p)
				if other, dup := m.exact[key]; dup && other != target {
					return ValueMap{}, fmt.Errorf("value %q is mapped to both %q and %q", p, other, target)
				}
				m.exact[key] = target
			}
		}
	}
	sort.SliceStable(m.prefixes, func(i, j int) bool { return len(m.prefixes[i].prefix) > len(m.prefixes[j].prefix) })
	return m, nil
}

// isRange reports whether p has the form digits-digits.
func isRange(p string) bool {
	lo, hi, ok := strings.Cut(p, "-")
	return ok && allDigits(lo) && allDigits(hi)
}

func parseRange(p string) (uint64, uint64, error) {
	loText, hiText, _ := strings.Cut(p, "-")
	lo, err1 := strconv.ParseUint(loText, 10, 64)
	hi, err2 := strconv.ParseUint(hiText, 10, 64)
	if err1 != nil || err2 != nil || lo > hi {
		return 0, 0, fmt.Errorf("range %q: write it low-high with whole numbers, e.g. 880-887", p)
	}
	return lo, hi, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Map gives the target for a vendor code. ok is false when nothing matches
// and the map has no default.
func (m ValueMap) Map(code string) (target string, ok bool) {
	code = strings.TrimSpace(code)
	lower := strings.ToLower(code)
	if t, found := m.exact[lower]; found {
		return t, true
	}
	if allDigits(code) {
		if n, err := strconv.ParseUint(code, 10, 64); err == nil {
			for _, r := range m.ranges {
				if n >= r.lo && n <= r.hi {
					return r.target, true
				}
			}
		}
	}
	for _, p := range m.prefixes {
		if strings.HasPrefix(lower, p.prefix) {
			return p.target, true
		}
	}
	return m.def, m.hasDefault
}

// Targets lists every value the map can produce, the default included.
func (m ValueMap) Targets() []string {
	seen := map[string]bool{}
	add := func(t string) { seen[t] = true }
	for _, t := range m.exact {
		add(t)
	}
	for _, r := range m.ranges {
		add(r.target)
	}
	for _, p := range m.prefixes {
		add(p.target)
	}
	if m.hasDefault {
		add(m.def)
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
