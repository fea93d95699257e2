package metrics

import (
	"fmt"

	"github.com/peerstat/peerstat/internal/trace"
	"math"
	"slices"
	"sort"
	"time"
)

// suppress applies small-cell suppression to one table as if it were the
// whole release (a release with no payers).
func suppress(rows []Row, registry []Definition, minCell int) error {
	rel := Release{Board: Result{Rows: rows}}
	_, err := suppressRelease(&rel, registry, minCell)
	return err
}

// suppressRelease applies small-cell suppression (METRICS.md) to every
// table of the release together. With k = minCell (0 turns it off):
//
//  1. primary: a protected row is hidden when a tested count (numerator,
//     denominator, denominator − numerator, contributing participants, an
//     outcome group, an exclusion difference) is from 1 to k − 1;
//  2. complements: in every relation the release publishes (programs sum
//     to ALL, months to quarters, quarters to the period, payers and the
//     no-payer group to the board, a count two metrics share), the hidden
//     rows are made none, or at least two whose counts and contributors
//     each total 0 or at least k, adding rows in the complement order;
//     figures computed from a hidden row are hidden; repeated until
//     nothing changes;
//  3. the audit solves the published relations for the hidden counts; a
//     disclosed one gets a further complement and 2 and 3 run again, or,
//     when none can protect it, the run fails naming it.
//
// Hidden rows then lose numerator, denominator and value, and each
// payer's rows of agency-wide metrics become the board's.
func suppressRelease(rel *Release, registry []Definition, minCell int) (AuditSummary, error) {
	var sum AuditSummary
	scopes := rel.scopes()
	if minCell <= 0 {
		shareAgencyWide(scopes, registry)
		return sum, nil
	}
	t := newTables(scopes, registry, int64(minCell))
	t.primary()
	for {
		began := time.Now()
		t.complementAll()
		trace.Step(began, "complements, round %d", sum.Rounds+1)
		began = time.Now()
		sum.Rounds++
		disclosed, comps := t.audit()
		trace.Step(began, "audit round %d: %d components, %d cells disclosed", sum.Rounds, comps, len(disclosed))
		sum.Components = comps
		if len(disclosed) == 0 {
			break
		}
		if err := t.protect(disclosed); err != nil {
			return sum, err
		}
	}
	for i, c := range t.cells {
		if t.state[i] == shown {
			continue
		}
		c.row.Suppressed = true
		sum.Suppressed++
		if t.state[i] == complement {
			sum.Complements++
			scopes[c.scope].Complements++
		}
	}
	for _, s := range scopes {
		for i := range s.Rows {
			if s.Rows[i].Suppressed {
				s.Rows[i].Numerator, s.Rows[i].Denominator, s.Rows[i].Value = nil, nil, nil
			}
		}
	}
	shareAgencyWide(scopes, registry)
	return sum, nil
}

// shareAgencyWide gives every payer's table the board's rows of the
// agency-wide metrics (surveys: anonymous responses have no payer).
func shareAgencyWide(scopes []*Result, registry []Definition) {
	wide := map[string]bool{}
	for _, d := range registry {
		wide[d.ID] = d.AgencyWide
	}
	var board []Row
	for _, r := range scopes[0].Rows {
		if wide[r.Metric] {
			board = append(board, r)
		}
	}
	for _, s := range scopes[1:] {
		if s.Scope.NoPayer {
			continue
		}
		rows := append([]Row(nil), board...)
		for _, r := range s.Rows {
			if !wide[r.Metric] {
				rows = append(rows, r)
			}
		}
		s.Rows = rows
		sortRows(s.Rows)
	}
}

func small(x, k int64) bool { return x >= 1 && x <= k-1 }

// Why a cell is hidden.
type cellState uint8

const (
	shown cellState = iota
	primary
	complement
	derived
)

// A tableCell is one protected row of one scope of the release.
type tableCell struct {
	scope int
	row   *Row
	def   *Definition
	// true counts, read before any figure is blanked
	num, den, gap, people  int64
	hasNum, hasDen, hasGap bool
}

// weight is the largest count a cell holds: 0 means hiding it protects
// nothing (a shown 0 is never a complement).
func (c *tableCell) weight() int64 {
	w := c.people
	if c.hasNum && c.num > w {
		w = c.num
	}
	if c.hasDen && c.den > w {
		w = c.den
	}
	if c.hasGap && c.gap > w {
		w = c.gap
	}
	return w
}

// count returns the cell's value of a counted part.
func (c *tableCell) count(part string) (int64, bool) {
	switch part {
	case PartNumerator:
		return c.num, c.hasNum
	case PartRest:
		return c.gap, c.hasGap
	}
	return c.den, c.hasDen
}

// restExpanded writes each term of a proportion's denominator −
// numerator (PartRest) as its two counts, so the audit's unknowns stay the
// numerators and denominators: coef·rest = coef·denominator −
// coef·numerator.
func restExpanded(cells []int, parts []string, coefs []int64) ([]int, []string, []int64) {
	if !slices.Contains(parts, PartRest) {
		return cells, parts, coefs
	}
	var oc []int
	var op []string
	var of []int64
	for i, part := range parts {
		if part != PartRest {
			oc, op, of = append(oc, cells[i]), append(op, part), append(of, coefs[i])
			continue
		}
		oc = append(oc, cells[i], cells[i])
		op = append(op, PartDenominator, PartNumerator)
		of = append(of, coefs[i], -coefs[i])
	}
	return oc, op, of
}

// A relation ties cells together: total = Σ parts (distinct: part <= total
// <= Σ parts), or, with no total, one count every member publishes.
type relation struct {
	total    int // -1 for a shared count
	parts    []int
	distinct bool
	shared   []string // for a shared count: each member's part
	// part, when set, is the one count the relation sums (a total across
	// metrics: intakes assessed = follow-ups done + open + missed).
	part string
	// all is total and parts, as members lists them
	all []int
}

// members lists the relation's cells, its total first (not to be
// changed: relate keeps one list per relation).
func (r *relation) members() []int {
	if r.total < 0 {
		return r.parts
	}
	if r.all != nil {
		return r.all
	}
	return append([]int{r.total}, r.parts...)
}

type cellKey struct {
	scope         int
	metric, grain string
	program       string
	start, end    time.Time
}

type tables struct {
	k         int64
	scopes    []*Result
	defs      map[string]*Definition
	ids       []string // the registry's metric ids, in its order
	cells     []*tableCell
	state     []cellState
	index     map[cellKey]int
	relations []relation
	of        [][]int // relations of each cell
	follows   [][]int // cells each cell is computed from
	excluded  [][]int // cells each cell is a wider or narrower count of
	// leftOut is, for a count narrower than a total of other metrics'
	// counts, the people the rule left out (the total less the count).
	leftOut  map[int]int64
	accepted map[int]bool // complements found out that nothing more can hide
	zeroOnly map[int]bool // disclosed cells the audit found out only through a hidden 0
	// auditCache holds each component's findings by its signature: a
	// component no complement touched is not solved again.
	auditCache map[[32]byte][]finding
	// auditHeld marks the neighbourhood programs (by their signature in
	// auditCache) that hold their count at most its value.
	auditHeld map[[32]byte]bool
	// the last audit's unknowns and relations, to size the next one's
	lastVars, lastRows int
	// wider: each cell's widerCounts, once needed.
	wider [][]widerCount
	// free holds the hidden counts of large components an audit proved
	// free (by a point of the region), for the later rounds.
	free  map[unknown]bool
	order []int // cells in the complement order
	rank  []int // each cell's place in order
}

func newTables(scopes []*Result, registry []Definition, k int64) *tables {
	t := &tables{k: k, scopes: scopes, defs: map[string]*Definition{}, index: map[cellKey]int{}, accepted: map[int]bool{}, leftOut: map[int]int64{}}
	for i := range registry {
		t.defs[registry[i].ID] = &registry[i]
		t.ids = append(t.ids, registry[i].ID)
	}
	for s, res := range scopes {
		for i := range res.Rows {
			r := &res.Rows[i]
			d := t.defs[r.Metric]
			if d == nil || !d.Protected || (s > 0 && (d.AgencyWide || d.BoardOnly)) {
				continue
			}
			c := &tableCell{scope: s, row: r, def: d, people: contributors(*r)}
			if r.Numerator != nil && d.NumeratorCounted {
				c.num, c.hasNum = int64(math.Round(*r.Numerator)), true
			}
			if r.Denominator != nil && d.DenominatorCounted {
				c.den, c.hasDen = int64(math.Round(*r.Denominator)), true
			}
			if d.Proportion && r.Numerator != nil && r.Denominator != nil {
				c.gap, c.hasGap = int64(math.Round(*r.Denominator-*r.Numerator)), true
			}
			t.index[keyOf(s, r)] = len(t.cells)
			t.cells = append(t.cells, c)
		}
	}
	t.state = make([]cellState, len(t.cells))
	t.of = make([][]int, len(t.cells))
	t.follows = make([][]int, len(t.cells))
	t.excluded = make([][]int, len(t.cells))
	t.order = make([]int, len(t.cells))
	for i := range t.order {
		t.order[i] = i
	}
	sort.SliceStable(t.order, func(a, b int) bool { return t.before(t.order[a], t.order[b]) })
	t.rank = make([]int, len(t.cells))
	for place, i := range t.order {
		t.rank[i] = place
	}
	t.relate()
	return t
}

func keyOf(scope int, r *Row) cellKey {
	return cellKey{scope, r.Metric, r.Grain, r.Program, r.PeriodStart, r.PeriodEnd}
}

// before is the complement order: fewest contributing participants, then
// metric, program, grain, period_start, payer (board first, no payer last).
func (t *tables) before(a, b int) bool {
	ca, cb := t.cells[a], t.cells[b]
	ra, rb := ca.row, cb.row
	switch {
	case ca.people != cb.people:
		return ca.people < cb.people
	case ra.Metric != rb.Metric:
		return ra.Metric < rb.Metric
	case ra.Program != rb.Program:
		return ra.Program < rb.Program
	case ra.Grain != rb.Grain:
		return ra.Grain < rb.Grain
	case !ra.PeriodStart.Equal(rb.PeriodStart):
		return ra.PeriodStart.Before(rb.PeriodStart)
	case !ra.PeriodEnd.Equal(rb.PeriodEnd):
		return ra.PeriodEnd.Before(rb.PeriodEnd)
	}
	return ca.scope < cb.scope
}

// summed reports whether a metric's rows enter the sum relations: it has
// a numerator (value-only figures are derived, hidden with what they come
// from).
func summed(d *Definition) bool { return d.Numerator != "" }

// relate lists every relation the release publishes between cells.
func (t *tables) relate() {
	add := func(r relation) {
		if r.total >= 0 {
			r.all = append([]int{r.total}, r.parts...)
		}
		for _, c := range r.members() {
			t.of[c] = append(t.of[c], len(t.relations))
		}
		t.relations = append(t.relations, r)
	}
	// Programs sum to ALL; payers and the no-payer group to the board.
	type windowKey struct {
		scope         int
		metric, grain string
		start, end    time.Time
	}
	programs := map[windowKey][]int{}
	var windows []windowKey
	for i, c := range t.cells {
		if !summed(c.def) {
			continue
		}
		w := windowKey{c.scope, c.row.Metric, c.row.Grain, c.row.PeriodStart, c.row.PeriodEnd}
		if _, ok := programs[w]; !ok {
			windows = append(windows, w)
		}
		programs[w] = append(programs[w], i)
		if c.scope == 0 && !c.def.AgencyWide && !c.def.BoardOnly && len(t.scopes) > 1 {
			// A scope with no row for the figure has none of its people
			// (an earlier period's cohort with no one of that payer): the
			// others still sum to the board.
			r := relation{total: i, distinct: c.def.DistinctPeople}
			for s := 1; s < len(t.scopes); s++ {
				k := keyOf(0, c.row)
				k.scope = s
				if p, ok := t.index[k]; ok {
					r.parts = append(r.parts, p)
				}
			}
			if len(r.parts) > 0 {
				add(r)
			}
		}
	}
	for _, w := range windows {
		cells := programs[w]
		total := -1
		var parts []int
		for _, i := range cells {
			if t.cells[i].row.Program == AllPrograms {
				total = i
			} else {
				parts = append(parts, i)
			}
		}
		if total >= 0 && len(parts) > 0 {
			add(relation{total: total, parts: parts, distinct: t.cells[total].def.DistinctPeople})
		}
	}
	// Months sum to their quarter, quarters to the period they tile.
	type seriesKey struct {
		scope           int
		metric, program string
	}
	series := map[seriesKey]map[string][]int{}
	var keys []seriesKey
	for i, c := range t.cells {
		if !summed(c.def) || c.def.DistinctPeople {
			continue
		}
		sk := seriesKey{c.scope, c.row.Metric, c.row.Program}
		if series[sk] == nil {
			series[sk] = map[string][]int{}
			keys = append(keys, sk)
		}
		series[sk][c.row.Grain] = append(series[sk][c.row.Grain], i)
	}
	for _, sk := range keys {
		g := series[sk]
		for _, pair := range [][2]string{{GrainQuarter, GrainMonth}, {GrainPeriod, GrainQuarter}} {
			for _, total := range g[pair[0]] {
				if r, ok := t.tiling(total, g[pair[1]]); ok {
					add(r)
				}
			}
		}
	}
	// A count two metrics publish: one number.
	type shareKey struct {
		scope         int
		name, program string
		grain         string
		start, end    time.Time
	}
	shares := map[shareKey]*relation{}
	var shareKeys []shareKey
	for i, c := range t.cells {
		for _, sc := range c.def.Shares {
			if sc.AllOnly && c.row.Program != AllPrograms {
				continue
			}
			sk := shareKey{c.scope, sc.Name, c.row.Program, c.row.Grain, c.row.PeriodStart, c.row.PeriodEnd}
			if shares[sk] == nil {
				shares[sk] = &relation{total: -1}
				shareKeys = append(shareKeys, sk)
			}
			shares[sk].parts = append(shares[sk].parts, i)
			shares[sk].shared = append(shares[sk].shared, sc.Part)
		}
	}
	for _, sk := range shareKeys {
		if r := shares[sk]; len(r.parts) > 1 {
			add(*r)
		}
	}
	// A count less the people a rule left out, and the wider count.
	for i, c := range t.cells {
		for _, ex := range c.def.Excludes {
			for _, id := range t.ids {
				for _, sc := range t.defs[id].Shares {
					if sc.Name != ex.From {
						continue
					}
					k := keyOf(c.scope, c.row)
					k.metric = id
					if j, ok := t.index[k]; ok && j != i {
						t.excluded[i] = append(t.excluded[i], j)
						t.excluded[j] = append(t.excluded[j], i)
					}
				}
			}
		}
	}
	// A count that is the sum of other metrics' counts: a relation where
	// the two agree; where a rule leaves people out of the count, the
	// difference is tested like a cell and the cells are neighbours, as
	// an exclusion's.
	for i, c := range t.cells {
		for _, tot := range c.def.Totals {
			count, ok := c.count(tot.Part)
			if !ok {
				continue
			}
			var terms []int
			var sum int64
			for _, id := range tot.Metrics {
				k := keyOf(c.scope, c.row)
				k.metric = id
				j, ok := t.index[k]
				if !ok || !t.cells[j].hasNum {
					terms = nil
					break
				}
				terms = append(terms, j)
				sum += t.cells[j].num
			}
			switch {
			case len(terms) == 0:
			case !tot.Narrower || sum == count:
				add(relation{total: i, parts: terms, part: tot.Part})
			default:
				t.leftOut[i] = sum - count
				for _, j := range terms {
					t.excluded[i] = append(t.excluded[i], j)
					t.excluded[j] = append(t.excluded[j], i)
				}
			}
		}
	}
	// Figures computed from others.
	for i, c := range t.cells {
		for _, f := range c.def.Follows {
			k := keyOf(c.scope, c.row)
			k.metric = f.Metric
			if f.AllPrograms {
				k.program = AllPrograms
			}
			if j, ok := t.index[k]; ok {
				t.follows[i] = append(t.follows[i], j)
			}
		}
	}
}

// widerCount is a count (wide, of cell) that a cell's count (narrow) is
// narrower than: the cell's count is it less the people a rule left out.
type widerCount struct {
	cell         int
	narrow, wide string
}

// widerCounts lists the counts cell i's exclusions are narrower than, in
// the order of its exclusions and the registry (worked out once).
func (t *tables) widerCounts(i int) []widerCount {
	if t.wider == nil {
		t.wider = make([][]widerCount, len(t.cells))
		for i, c := range t.cells {
			for _, ex := range c.def.Excludes {
				for _, id := range t.ids {
					d := t.defs[id]
					for _, sc := range d.Shares {
						if sc.Name != ex.From {
							continue
						}
						k := keyOf(c.scope, c.row)
						k.metric = d.ID
						if j, ok := t.index[k]; ok {
							t.wider[i] = append(t.wider[i], widerCount{j, ex.Part, sc.Part})
						}
					}
				}
			}
		}
	}
	return t.wider[i]
}

// tiling relates total to the cells among candidates inside its window
// when they cover it exactly, day after day.
func (t *tables) tiling(total int, candidates []int) (relation, bool) {
	tr := t.cells[total].row
	var inside []int
	for _, i := range candidates {
		r := t.cells[i].row
		if !r.PeriodStart.Before(tr.PeriodStart) && !r.PeriodEnd.After(tr.PeriodEnd) {
			inside = append(inside, i)
		}
	}
	if len(inside) == 0 {
		return relation{}, false
	}
	sort.Slice(inside, func(a, b int) bool {
		return t.cells[inside[a]].row.PeriodStart.Before(t.cells[inside[b]].row.PeriodStart)
	})
	next := tr.PeriodStart
	for _, i := range inside {
		r := t.cells[i].row
		if !r.PeriodStart.Equal(next) {
			return relation{}, false
		}
		next = r.PeriodEnd.AddDate(0, 0, 1)
	}
	if !next.Equal(tr.PeriodEnd.AddDate(0, 0, 1)) {
		return relation{}, false
	}
	return relation{total: total, parts: inside}, true
}

// primary hides the cells a tested count of their own puts from 1 to k − 1.
func (t *tables) primary() {
	for i, c := range t.cells {
		if primarySmall(*c.row, *c.def, t.k) || t.excludedFew(i) || small(t.leftOut[i], t.k) {
			t.state[i] = primary
		}
	}
}

// excludedFew: the people a rule left out of the cell's count (the wider
// count, published by another metric, minus this one) are from 1 to k − 1.
func (t *tables) excludedFew(i int) bool {
	c := t.cells[i]
	for _, w := range t.widerCounts(i) {
		narrow, ok := c.count(w.narrow)
		if !ok {
			continue
		}
		if wide, ok := t.cells[w.cell].count(w.wide); ok && small(wide-narrow, t.k) {
			return true
		}
	}
	return false
}

// primarySmall applies the tests of METRICS.md to one row.
func primarySmall(r Row, d Definition, k int64) bool {
	count := func(f *float64) (int64, bool) {
		if f == nil {
			return 0, false
		}
		return int64(math.Round(*f)), true
	}
	num, hasNum := count(r.Numerator)
	den, hasDen := count(r.Denominator)
	switch {
	case !d.Protected:
		return false
	case d.NumeratorCounted && hasNum && small(num, k):
		return true
	case d.DenominatorCounted && hasDen && small(den, k):
		return true
	case d.Proportion && hasNum && hasDen && small(den-num, k):
		return true
	case r.Contributors >= 0 && small(r.Contributors, k):
		return true
	case d.GroupTested && r.GroupMin >= 0 && small(r.GroupMin, k):
		return true
	}
	return false
}

// complementAll repeats the complement rules over every relation, and
// hides derived figures, until nothing changes.
func (t *tables) complementAll() {
	for changed := true; changed; {
		changed = false
		for i := range t.relations {
			if t.complement(&t.relations[i]) {
				changed = true
			}
		}
		for i, from := range t.follows {
			if t.state[i] != shown {
				continue
			}
			for _, j := range from {
				if t.state[j] != shown {
					t.state[i] = derived
					changed = true
					break
				}
			}
		}
	}
}

// complement hides further cells of r, in the complement order, until its
// hidden cells are none, or at least two whose counts and contributors
// each total 0 or at least k. A shared count is hidden everywhere or
// nowhere.
func (t *tables) complement(r *relation) bool {
	hidden := 0
	for _, c := range r.members() {
		if t.state[c] != shown {
			hidden++
		}
	}
	if hidden == 0 {
		return false
	}
	changed := false
	if r.total < 0 {
		for _, c := range r.parts {
			if t.state[c] == shown {
				t.state[c] = complement
				changed = true
			}
		}
		return changed
	}
	var candidates []int
	for _, c := range r.members() {
		if t.state[c] == shown && t.cells[c].weight() > 0 {
			candidates = append(candidates, c)
		}
	}
	sort.Slice(candidates, func(a, b int) bool { return t.rank[candidates[a]] < t.rank[candidates[b]] })
	for _, c := range candidates {
		if t.protected(r) {
			break
		}
		t.state[c] = complement
		changed = true
	}
	return changed
}

// protected reports whether r's hidden cells are none, or at least two
// whose counts (numerator, denominator, denominator − numerator) and
// contributors each total 0 or at least k.
func (t *tables) protected(r *relation) bool {
	var n int
	var num, den, gap, people int64
	for _, c := range r.members() {
		if t.state[c] == shown {
			continue
		}
		n++
		cell := t.cells[c]
		people += cell.people
		if r.part != "" {
			v, _ := cell.count(r.part)
			num += v
			continue
		}
		num += cell.num
		den += cell.den
		gap += cell.gap
	}
	if n == 0 {
		return true
	}
	if n < 2 || small(num, t.k) || small(den, t.k) || small(gap, t.k) || small(people, t.k) {
		return false
	}
	// A reader works the hidden total out from the shown figures: the
	// shown total less the shown parts. Where the data bend a sum (a
	// payer's cohort is not quite the board's), that can differ from the
	// hidden cells' own total, and it too must not be small.
	if r.total < 0 || r.distinct || t.state[r.total] != shown {
		return true
	}
	parts := []string{PartNumerator, PartDenominator, PartRest}
	if r.part != "" {
		parts = []string{r.part}
	}
	for _, part := range parts {
		rest, ok := t.cells[r.total].count(part)
		if !ok {
			continue
		}
		for _, c := range r.parts {
			if t.state[c] == shown {
				v, _ := t.cells[c].count(part)
				rest -= v
			}
		}
		if small(rest, t.k) {
			return false
		}
	}
	return true
}

// protect gives each disclosed cell a further complement: the first cell,
// in the complement order, that shares a relation with it (or an
// exclusion: the wider count it is bounded by) and still shows a count
// above 0; failing that, the first such cell one relation further, and so
// on through the relations that reach it.
//
// The cells disclosed in one audit are protected one after another, and a
// complement for one can undo the disclosure of others: a board's shown 0
// pins every payer's hidden 0 beneath it, and through them the cells they
// are summed with; hiding it frees them all. So, in one round, a disclosed
// cell waits for the next audit (which decides whether it is still
// disclosed) when it shares a relation with a cell protected in the round
// or with a complement added in it, or when it is tied to a cell protected
// in the round through disclosed cells pinned at 0 (a chain of disclosed
// cells sharing relations, each link holding a cell found out only as 0).
// Otherwise a cell already freed would climb to the next shown cell, often
// a period total. Disclosed cells not so tied each take their complement
// in the same round, which keeps the rounds few. For the same reason a
// cell left with no complement is only given up on when the round added
// none at all.
func (t *tables) protect(disclosed []int) error {
	added := false
	stuck := -1
	pinned := t.pinnedTogether(disclosed)
	// wait: the cells beside a cell protected, or a complement added, in
	// this round; done: the groups of pinned cells protected in it.
	wait := map[int]bool{}
	done := map[int]bool{}
	for _, c := range disclosed {
		if wait[c] || done[pinned[c]] {
			continue
		}
		best := -1
		near := []int{c}
		seen := map[int]bool{c: true}
		for best < 0 && len(near) > 0 {
			var next []int
			for _, n := range near {
				for _, m := range t.neighbours(n) {
					if seen[m] {
						continue
					}
					seen[m] = true
					next = append(next, m)
					if t.state[m] == shown && t.cells[m].weight() > 0 && (best < 0 || t.rank[m] < t.rank[best]) {
						best = m
					}
				}
			}
			near = next
		}
		switch {
		case best >= 0:
			t.state[best] = complement
			added = true
			done[pinned[c]] = true
			for _, m := range t.neighbours(c) {
				wait[m] = true
			}
			for _, m := range t.neighbours(best) {
				wait[m] = true
			}
		case t.state[c] != primary || t.zeroOnly[c]:
			// Hidden only beside others (its own counts are not small),
			// or found out only as 0 (a sum shown as 0 pins the hidden 0s
			// inside it, and no complement undoes that): it is as good as
			// shown, and the cells it was to protect are audited on their
			// own.
			t.accepted[c] = true
			added = true
		case stuck < 0:
			stuck = c
		}
	}
	if !added && stuck >= 0 {
		return fmt.Errorf("small-cell suppression cannot protect %s: the published figures fix it and no figure beside it can be hidden to prevent that; raise min_cell's rows into larger programs or periods, or report this", t.describe(stuck))
	}
	return nil
}

// pinnedTogether labels each disclosed cell with the first cell of its
// group: disclosed cells sharing a relation are in one group when either
// is found out only as 0 (a shown 0 sum pins them together), directly or
// through other such links.
func (t *tables) pinnedTogether(disclosed []int) map[int]int {
	label := map[int]int{}
	is := map[int]bool{}
	for _, c := range disclosed {
		is[c] = true
	}
	for _, c := range disclosed {
		if _, ok := label[c]; ok {
			continue
		}
		label[c] = c
		queue := []int{c}
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			for _, m := range t.neighbours(n) {
				if _, ok := label[m]; ok || !is[m] || !(t.zeroOnly[n] || t.zeroOnly[m]) {
					continue
				}
				label[m] = c
				queue = append(queue, m)
			}
		}
	}
	return label
}

// neighbours lists the cells that share a relation or an exclusion with c.
func (t *tables) neighbours(c int) []int {
	var out []int
	for _, ri := range t.of[c] {
		out = append(out, t.relations[ri].members()...)
	}
	return append(out, t.excluded[c]...)
}

// describe names a cell: metric, program, grain, period and packet.
func (t *tables) describe(c int) string {
	cell := t.cells[c]
	r := cell.row
	where := "the board's figures"
	if s := t.scopes[cell.scope].Scope; s.Payer != "" {
		where = "payer " + s.Payer + "'s packet"
	} else if s.NoPayer {
		where = "the participants with no payer"
	}
	return fmt.Sprintf("%s, program %s, %s %s to %s (%s)", r.Metric, r.Program, r.Grain,
		r.PeriodStart.Format("2006-01-02"), r.PeriodEnd.Format("2006-01-02"), where)
}

// contributors is the number of participants behind a row's numerator: the
// counted contributors where the model gave them, else the outcome group,
// else the numerator when it counts people or events.
func contributors(r Row) int64 {
	if r.Contributors >= 0 {
		return r.Contributors
	}
	if r.GroupMin >= 0 {
		return r.GroupMin
	}
	if r.Numerator != nil {
		return int64(math.Round(*r.Numerator))
	}
	return 0
}
