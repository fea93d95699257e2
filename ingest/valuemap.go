package ingest

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ValueMap turns a vendor's codes into peerstat's values, e.g. an EHR's
// encounter class or a claim's DRG into an encounter setting. Each target
// value lists patterns:
//
//   - "inpatient"  an exact value
//   - "880-887"    a whole-number range, both ends included
//   - "*Manager*"  a pattern: * stands for any run of characters, ? for one
//
// Codes and patterns are compared ignoring case and surrounding spaces.
// Which pattern wins does not depend on the order they are written in: an
// exact value beats a range, a range beats a pattern, and a pattern with
// more literal characters beats one with fewer. A code matched equally
// well by patterns of two different targets is ambiguous (see Lookup). A
// code no pattern matches takes the default, or, without one, is not
// mapped. A target may be blank: the code becomes a blank cell.
type ValueMap struct {
	patterns   []mapPattern
	exact      map[string]int // lower-case value -> index in patterns
	ranges     []int          // indexes of range patterns
	globs      []int          // indexes of * / ? patterns, most literal characters first
	def        string
	hasDefault bool
}

// mapPattern is one pattern of a map, as the profile wrote it.
type mapPattern struct {
	text    string // as written, trimmed
	target  string
	lower   string // glob patterns: lower case
	lo, hi  uint64 // ranges
	literal int    // glob patterns: characters other than * and ?
	isRange bool
	// shape of a glob pattern whose only wildcards are a leading or a
	// trailing *, or both: matched without the general matcher.
	shape globShape
	fixed string // the pattern's literal text for such a shape
}

type globShape int

const (
	globGeneral  globShape = iota
	globPrefix             // "H00*"
	globSuffix             // "*Director"
	globContains           // "*Manager*"
)

// shapeOf finds a glob pattern's simple shape, if it has one.
func shapeOf(lower string) (globShape, string) {
	if strings.Contains(lower, "?") {
		return globGeneral, ""
	}
	inner := strings.TrimSuffix(strings.TrimPrefix(lower, "*"), "*")
	if strings.Contains(inner, "*") {
		return globGeneral, ""
	}
	lead, trail := strings.HasPrefix(lower, "*"), strings.HasSuffix(lower, "*") && len(lower) > 1
	switch {
	case lead && trail:
		return globContains, inner
	case lead:
		return globSuffix, inner
	case trail:
		return globPrefix, inner
	}
	return globGeneral, ""
}

// globMatches reports whether a glob pattern matches a lower-case code.
func (p mapPattern) globMatches(lower string) bool {
	switch p.shape {
	case globPrefix:
		return strings.HasPrefix(lower, p.fixed)
	case globSuffix:
		return strings.HasSuffix(lower, p.fixed)
	case globContains:
		return strings.Contains(lower, p.fixed)
	}
	return globMatch(p.lower, lower)
}

// Match outcomes of Lookup besides a pattern index.
const (
	matchDefault = -1 // no pattern matched; the map's default applies
	matchNone    = -2 // no pattern matched and there is no default
)

// NewValueMap builds a map from target value -> patterns. def is the value
// for codes no pattern matches; pass hasDefault false to leave them
// unmapped. A pattern given to two targets (the same value or pattern, or
// overlapping ranges) is an error: every code it matches would be
// ambiguous.
func NewValueMap(patterns map[string][]string, def string, hasDefault bool) (ValueMap, error) {
	m := ValueMap{exact: map[string]int{}, def: def, hasDefault: hasDefault}
	globOwner := map[string]string{}
	for _, target := range sortedKeys(patterns) {
		for _, p := range patterns[target] {
			p = strings.TrimSpace(p)
			mp := mapPattern{text: p, target: target}
			i := len(m.patterns)
			switch {
			case strings.ContainsAny(p, "*?"):
				mp.lower = strings.ToLower(p)
				mp.literal = utf8.RuneCountInString(p) - strings.Count(p, "*") - strings.Count(p, "?")
				mp.shape, mp.fixed = shapeOf(mp.lower)
				if other, dup := globOwner[mp.lower]; dup && other != target {
					return ValueMap{}, fmt.Errorf("pattern %q is mapped to both %s and %s", p, quoteTarget(other), quoteTarget(target))
				}
				globOwner[mp.lower] = target
				m.globs = append(m.globs, i)
			case isRange(p):
				lo, hi, err := parseRange(p)
				if err != nil {
					return ValueMap{}, err
				}
				for _, j := range m.ranges {
					r := m.patterns[j]
					if lo <= r.hi && r.lo <= hi && r.target != target {
						return ValueMap{}, fmt.Errorf("range %q overlaps %d-%d, which is mapped to %s", p, r.lo, r.hi, quoteTarget(r.target))
					}
				}
				mp.lo, mp.hi, mp.isRange = lo, hi, true
				m.ranges = append(m.ranges, i)
			default:
				key := strings.ToLower(p)
				if j, dup := m.exact[key]; dup {
					if other := m.patterns[j].target; other != target {
						return ValueMap{}, fmt.Errorf("value %q is mapped to both %s and %s", p, quoteTarget(other), quoteTarget(target))
					}
					continue
				}
				m.exact[key] = i
			}
			m.patterns = append(m.patterns, mp)
		}
	}
	sort.SliceStable(m.globs, func(a, b int) bool {
		return m.patterns[m.globs[a]].literal > m.patterns[m.globs[b]].literal
	})
	return m, nil
}

// quoteTarget writes a target for messages: "" reads as blank.
func quoteTarget(t string) string {
	if t == "" {
		return `"" (blank)`
	}
	return strconv.Quote(t)
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
// and the map has no default, or when the code is ambiguous.
func (m ValueMap) Map(code string) (target string, ok bool) {
	i, rival := m.Lookup(code)
	switch {
	case rival >= 0:
		return "", false
	case i == matchNone:
		return "", false
	case i == matchDefault:
		return m.def, true
	}
	return m.patterns[i].target, true
}

// Lookup finds the pattern that decides a code: its index in the map's
// patterns, matchDefault, or matchNone. When the best match is shared by
// patterns of two different targets, rival is the other pattern's index
// (else -1) and the code must not be mapped.
func (m ValueMap) Lookup(code string) (best, rival int) {
	code = strings.TrimSpace(code)
	return m.lookup(code, strings.ToLower(code))
}

// lookup is Lookup of a trimmed code and its lower case.
func (m ValueMap) lookup(code, lower string) (best, rival int) {
	if i, found := m.exact[lower]; found {
		return i, -1
	}
	best, rival = -1, -1
	if len(m.ranges) > 0 && allDigits(code) {
		if n, err := strconv.ParseUint(code, 10, 64); err == nil {
			for _, i := range m.ranges {
				if p := m.patterns[i]; n >= p.lo && n <= p.hi {
					// Overlapping ranges of two targets are refused when
					// the map is built, so the first is the only one.
					return i, -1
				}
			}
		}
	}
	for _, i := range m.globs {
		p := m.patterns[i]
		if best >= 0 && p.literal < m.patterns[best].literal {
			break
		}
		if !p.globMatches(lower) {
			continue
		}
		if best < 0 {
			best = i
		} else if p.target != m.patterns[best].target && rival < 0 {
			rival = i
		}
	}
	if best >= 0 {
		return best, rival
	}
	if m.hasDefault {
		return matchDefault, -1
	}
	return matchNone, -1
}

// matches reports whether pattern i matches a trimmed code (lower: its
// lower case), whether or not it is the pattern that decides it.
func (m ValueMap) matches(i int, code, lower string) bool {
	p := m.patterns[i]
	switch {
	case p.lower != "":
		return p.globMatches(lower)
	case p.isRange:
		if !allDigits(code) {
			return false
		}
		n, err := strconv.ParseUint(code, 10, 64)
		return err == nil && n >= p.lo && n <= p.hi
	}
	return strings.EqualFold(p.text, code)
}

// globMatch reports whether s matches pattern, where * stands for any run
// of characters and ? for one. Both are lower case already.
func globMatch(pattern, s string) bool {
	// The classic backtracking matcher: on a mismatch, let the last * take
	// one more character. Linear in practice for the short codes of a map.
	p, c := 0, 0
	star, mark := -1, 0
	for c < len(s) {
		if p < len(pattern) {
			pr, pw := utf8.DecodeRuneInString(pattern[p:])
			sr, sw := utf8.DecodeRuneInString(s[c:])
			switch {
			case pr == '*':
				star, mark = p, c
				p += pw
				continue
			case pr == '?' || pr == sr:
				p += pw
				c += sw
				continue
			}
		}
		if star < 0 {
			return false
		}
		_, sw := utf8.DecodeRuneInString(s[mark:])
		mark += sw
		p, c = star+1, mark
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// Targets lists every value the map can produce, the default included.
func (m ValueMap) Targets() []string {
	seen := map[string]bool{}
	for _, p := range m.patterns {
		seen[p.target] = true
	}
	if m.hasDefault {
		seen[m.def] = true
	}
	return sortedKeys(seen)
}

// pattern describes pattern i for messages: "*Manager*" (supervisor).
func (m ValueMap) pattern(i int) string {
	p := m.patterns[i]
	target := p.target
	if target == "" {
		target = "blank"
	}
	return fmt.Sprintf("%q (%s)", p.text, target)
}
