package metrics

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"math"
	"math/big"
	"sort"
	"time"

	"github.com/peerstat/peerstat/internal/trace"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// The audit (METRICS.md "Small-cell suppression"): a reader holding every
// file of the release knows each relation between its figures. Its
// unknowns are the counts of hidden cells (numerators and denominators
// that count people or events, integers >= 0; a count two metrics share is
// one unknown). Each sum relation is an equation over them, with the shown
// figures as constants; distinct-person counts give part <= ALL <= Σ
// parts, a proportion numerator <= denominator, an exclusion narrower <=
// wider. In each connected component of unknowns a hidden count is
// disclosed when (i) its unit vector lies in the row space of the
// equations (exact rational elimination), or (ii) the linear-programming
// relaxation (unknowns >= 0) gives it a minimum equal to its maximum, or a
// maximum below k while its value is from 1 to k − 1. Integer bounds
// tighter than the relaxation's are not sought.

// unknown is one hidden count: a cell's numerator or denominator.
type unknown struct {
	cell int
	part string
}

// constraint is Σ coef·x + constant = 0 (eq) or <= 0.
type constraint struct {
	vars     []int
	coefs    []int64
	constant int64
	eq       bool
}

type auditProblem struct {
	t    *tables
	vars []unknown
	// varOf is each cell's unknowns: its numerator's at 2·cell, its
	// denominator's at 2·cell + 1; −1 while it has none.
	varOf []int32
	// scratch for add: one row's terms, and the blocks rows' terms are
	// cut from
	termVars, varBlock   []int
	termCoefs, coefBlock []int64
	// directionSmall's rates along a direction, by unknown, valid where
	// dirMark holds the current dirStep
	dirAt   []frac
	dirMark []int
	dirStep int
	value   []int64 // each unknown's true value
	rows    []constraint
	parent  []int // union-find of unknowns: one component
	// active marks the unknowns of the components this audit solves.
	active []bool
	// rowsOfVar lists the constraints each unknown is in; ineqsOfVar the
	// inequalities among them, once needed (inequalityRows, which marks
	// the rows it has listed with listing in listed).
	rowsOfVar, ineqsOfVar [][]int
	listed                []int
	listing               int
	// reduced holds the reduced equations in frac, by pivot unknown (nil
	// for the others; nil when they outgrew int64); pivot the same in
	// big.Rat, once needed (ratPivot).
	reduced []fracRow
	pivot   map[int]ratRow
	// moves and reach say what the feasible points found so far show of
	// each unknown: one moves it away from its value; reach is the highest
	// value one gives it.
	moves []bool
	reach []float64
	// intervals bound each unknown (propagate), once needed.
	intervals [][2]float64
	// solved holds each component's whole linear program, once built;
	// sparse the same for components above maxRelaxed unknowns.
	solved map[int]*componentProgram
	sparse map[int]*sparseComponent
	large  map[int]*largeProgram
	// what the bounds took, for the run log
	nPrograms, nRebuilt, nFallback, nIntervals int
	// the large components' programs (audit_local.go): tableaux built,
	// points checked exactly, points that failed the check, counts no
	// point freed (disclosed); counts the intervals disclosed
	nLocal, nChecked, nCheckFailed, nUnproven, nPinned int
	work                                               int
	// the large components' revised simplex (audit_revised*.go)
	rev revisedState
}

// audit returns the hidden cells the published relations disclose, in the
// complement order, and how many components it solved.
func (t *tables) audit() ([]int, int) {
	p := &auditProblem{t: t, solved: map[int]*componentProgram{}, sparse: map[int]*sparseComponent{}, large: map[int]*largeProgram{}}
	p.build()
	p.rowsOfVar = make([][]int, len(p.vars))
	for i, c := range p.rows {
		for _, v := range c.vars {
			p.rowsOfVar[v] = append(p.rowsOfVar[v], i)
		}
	}
	comps := map[int][]int{}
	for v := range p.vars {
		r := p.find(v)
		comps[r] = append(comps[r], v)
	}
	interior := map[int]bool{}
	for r, vars := range comps {
		in := true
		for _, v := range vars {
			in = in && p.value[v] > 0
			for _, ri := range p.rowsOfVar[v] {
				if c := p.rows[ri]; !c.eq {
					in = in && p.slack(c) > 0
				}
			}
		}
		interior[r] = in
	}
	// A component whose relations are the same as in an earlier audit
	// (same hidden counts, same shown constants) has the same answer: only
	// the others are solved again.
	rowsOf := map[int][]int{}
	for i, c := range p.rows {
		r := p.find(c.vars[0])
		rowsOf[r] = append(rowsOf[r], i)
	}
	if t.auditCache == nil {
		t.auditCache = map[[32]byte][]finding{}
	}
	p.active = make([]bool, len(p.vars))
	var findings []finding
	signature := map[int][32]byte{}
	reused := 0
	for r, vars := range comps {
		sig := p.signature(vars, rowsOf[r])
		if f, ok := t.auditCache[sig]; ok {
			findings = append(findings, f...)
			reused++
			continue
		}
		signature[r] = sig
		for _, v := range vars {
			p.active[v] = true
		}
	}
	t0 := time.Now()
	fixed := p.exactlyFixed()
	trace.Step(t0, "audit elimination: %d hidden counts, %d relations; %d of %d components as in the last audit", len(p.vars), len(p.rows), reused, len(comps))
	t0 = time.Now()
	p.directions()
	trace.Step(t0, "audit directions: %d of %d hidden counts move along the equations' null space", count(p.moves), count(p.active))
	t0 = time.Now()
	nFixed, nLP, nFew, nKnown := 0, 0, 0, 0
	if t.free == nil {
		t.free = map[unknown]bool{}
	}
	defer func() {
		trace.Step(t0, "audit bounds: %d fixed exactly, %d bounded (%d of them below k); %d components solved by linear programs (%d counts settled by the sparse tableau where the dense simplex failed, %d of its programs run again on a fresh tableau); %d counts pinned or held below k by intervals; large components: %d tableaux built, %d points checked exactly (%d failed the check), %d counts no point freed (disclosed); %d counts free as in an earlier round; %d counts found out by their neighbourhood's program (%d asked, %d as in an earlier round; %d held at most their value asked again at radius 3, %d of them found out); %d counts bounded by intervals (not proven free by a program); work %d", nFixed, nLP, nFew, p.nPrograms, p.nFallback, p.nRebuilt, p.nPinned, p.nLocal, p.nChecked, p.nCheckFailed, p.nUnproven, nKnown, p.rev.relaxedOut, p.rev.relaxedAsked, p.rev.relaxedCached, p.rev.widerAsked, p.rev.widerOut, p.nIntervals, p.work)
	}()
	fresh := map[int][]finding{}
	for v := range p.vars {
		// A hidden 0 counts as any value: the spec names no exception, and
		// a hidden cell whose 0 the others fix is no complement. Every
		// unknown is asked (not only a cell's first), so that a
		// component's answer stands on its own.
		if !p.active[v] {
			continue
		}
		r := p.find(v)
		// A count some point freed in an earlier round is free still:
		// hiding more cells only turns constants into unknowns, and that
		// point, with the new unknowns at their values, is a point of the
		// new region.
		if t.free[p.vars[v]] {
			nKnown++
			continue
		}
		if fixed[v] {
			nFixed++
			fresh[r] = append(fresh[r], finding{p.vars[v], p.value[v] == 0})
			continue
		}
		few := small(p.value[v], t.k)
		if interior[r] && !few {
			continue
		}
		free, unproven := p.bounded(v, few, comps[r])
		if !free {
			nLP++
			if few {
				nFew++
			}
			fresh[r] = append(fresh[r], finding{p.vars[v], p.value[v] == 0})
		} else if len(comps[r]) > maxRelaxed && !unproven {
			t.free[p.vars[v]] = true
		}
	}
	for r, sig := range signature {
		t.auditCache[sig] = fresh[r]
		findings = append(findings, fresh[r]...)
	}
	disclosed := map[int]bool{}
	// zeroOnly: disclosed only through hidden counts of 0 (protect).
	t.zeroOnly = map[int]bool{}
	for _, f := range findings {
		c := f.u.cell
		if t.accepted[c] {
			continue
		}
		if !disclosed[c] {
			disclosed[c] = true
			t.zeroOnly[c] = f.zero
		} else if !f.zero {
			t.zeroOnly[c] = false
		}
	}
	var out []int
	for c := range disclosed {
		out = append(out, c)
	}
	sort.Slice(out, func(a, b int) bool { return t.rank[out[a]] < t.rank[out[b]] })
	return out, len(comps)
}

// finding is a hidden count an audit found disclosed; zero when its value
// is 0.
type finding struct {
	u    unknown
	zero bool
}

// signature identifies a component by its relations (rows, in order): each
// one's kind, constant and terms, an unknown named by its cell and part.
// The true values belong to the cells, so equal signatures are equal
// programs.
func (p *auditProblem) signature(vars []int, rows []int) [32]byte {
	h := sha256.New()
	var chunk [4096]byte
	b := chunk[:0]
	put := func(x int64) { b = binary.LittleEndian.AppendUint64(b, uint64(x)) }
	put(int64(len(vars)))
	for _, ri := range rows {
		c := p.rows[ri]
		if c.eq {
			put(1)
		} else {
			put(0)
		}
		put(c.constant)
		put(int64(len(c.vars)))
		for j, v := range c.vars {
			u := p.vars[v]
			put(int64(u.cell))
			b = append(b, u.part...)
			put(c.coefs[j])
		}
		if len(b) > len(chunk)/2 {
			h.Write(b)
			b = chunk[:0]
		}
	}
	h.Write(b)
	var out [32]byte
	h.Sum(out[:0])
	return out
}

func (p *auditProblem) find(v int) int {
	for p.parent[v] != v {
		p.parent[v] = p.parent[p.parent[v]]
		v = p.parent[v]
	}
	return v
}

func (p *auditProblem) union(a, b int) {
	ra, rb := p.find(a), p.find(b)
	if ra < rb {
		p.parent[rb] = ra
	} else if rb < ra {
		p.parent[ra] = rb
	}
}

// term is a cell's count in a constraint: an unknown when the cell is
// hidden, else a constant.
func (p *auditProblem) term(cell int, part string) (v int, value int64, ok bool) {
	c := p.t.cells[cell]
	value, ok = c.count(part)
	if !ok {
		return -1, 0, false
	}
	if p.t.state[cell] == shown {
		return -1, value, true
	}
	slot := 2 * cell
	if part != PartNumerator {
		slot++
	}
	if v := p.varOf[slot]; v >= 0 {
		return int(v), value, true
	}
	v = len(p.vars)
	p.vars = append(p.vars, unknown{cell, part})
	p.value = append(p.value, value)
	p.parent = append(p.parent, v)
	p.varOf[slot] = int32(v)
	return v, value, true
}

// add records Σ coef·count(cell, part) (= or <=) 0 when it holds an
// unknown, merging the unknowns' components.
func (p *auditProblem) add(cells []int, parts []string, coefs []int64, eq bool) {
	cells, parts, coefs = restExpanded(cells, parts, coefs)
	for i, cell := range cells {
		if _, ok := p.t.cells[cell].count(parts[i]); !ok {
			return
		}
	}
	var c constraint
	c.eq = eq
	vars, cs := p.termVars[:0], p.termCoefs[:0]
	for i, cell := range cells {
		v, value, ok := p.term(cell, parts[i])
		if !ok {
			return
		}
		if v < 0 {
			c.constant += coefs[i] * value
			continue
		}
		vars = append(vars, v)
		cs = append(cs, coefs[i])
	}
	p.termVars, p.termCoefs = vars, cs
	if len(vars) == 0 {
		return
	}
	// The rows' terms are cut from shared blocks: a build makes tens of
	// thousands of short rows.
	n := len(vars)
	if len(p.varBlock)+n > cap(p.varBlock) {
		p.varBlock = make([]int, 0, max(n, 1<<14))
		p.coefBlock = make([]int64, 0, max(n, 1<<14))
	}
	at := len(p.varBlock)
	p.varBlock = append(p.varBlock, vars...)
	p.coefBlock = append(p.coefBlock, cs...)
	c.vars = p.varBlock[at : at+n : at+n]
	c.coefs = p.coefBlock[at : at+n : at+n]
	for _, v := range c.vars[1:] {
		p.union(c.vars[0], v)
	}
	p.rows = append(p.rows, c)
}

func (p *auditProblem) build() {
	t := p.t
	p.varOf = make([]int32, 2*len(t.cells))
	for i := range p.varOf {
		p.varOf[i] = -1
	}
	// The last audit's size: each audit hides more, so as much again.
	p.vars = make([]unknown, 0, t.lastVars)
	p.value = make([]int64, 0, t.lastVars)
	p.parent = make([]int, 0, t.lastVars)
	p.rows = make([]constraint, 0, t.lastRows)
	defer func() { t.lastVars, t.lastRows = len(p.vars), len(p.rows) }()
	// one relation's terms, for add (which keeps none of them)
	var cells []int
	var parts []string
	var coefs []int64
	pair := func(a, b int, pa, pb string, eq bool) {
		cells = append(cells[:0], a, b)
		parts = append(parts[:0], pa, pb)
		coefs = append(coefs[:0], 1, -1)
		p.add(cells, parts, coefs, eq)
	}
	countedParts := func(d *Definition) []string {
		switch {
		case d.NumeratorCounted && d.DenominatorCounted:
			return []string{PartNumerator, PartDenominator}
		case d.NumeratorCounted:
			return []string{PartNumerator}
		case d.DenominatorCounted:
			return []string{PartDenominator}
		}
		return nil
	}
	// A shared count is one unknown: its members' unknowns are tied by
	// equations a − b = 0, which the elimination resolves exactly.
	for _, r := range t.relations {
		if r.total >= 0 {
			continue
		}
		for i := 1; i < len(r.parts); i++ {
			pair(r.parts[0], r.parts[i], r.shared[0], r.shared[i], true)
		}
	}
	for _, r := range t.relations {
		if r.total < 0 {
			continue
		}
		hidden := t.state[r.total] != shown
		for _, c := range r.parts {
			hidden = hidden || t.state[c] != shown
		}
		if !hidden {
			continue
		}
		for _, part := range countedParts(t.cells[r.total].def) {
			// Σ: the total less its parts, = 0 or (distinct) <= 0.
			sum := func(eq bool) {
				cells = append(append(cells[:0], r.total), r.parts...)
				parts, coefs = parts[:0], coefs[:0]
				for range cells {
					parts = append(parts, part)
					coefs = append(coefs, -1)
				}
				coefs[0] = 1
				p.add(cells, parts, coefs, eq)
			}
			if !r.distinct {
				sum(true)
				continue
			}
			// part <= ALL for each part; ALL <= Σ parts.
			for _, c := range r.parts {
				pair(c, r.total, part, part, false)
			}
			sum(false)
		}
	}
	for i, c := range t.cells {
		if t.state[i] == shown {
			continue
		}
		if c.def.Proportion {
			pair(i, i, PartNumerator, PartDenominator, false)
		}
		for _, w := range t.widerCounts(i) {
			pair(i, w.cell, w.narrow, w.wide, false)
		}
	}
}

// exactlyFixed reports, for each unknown, whether the equations fix it:
// whether its unit vector lies in their row space. It reduces the
// equations to reduced row echelon form in exact rational arithmetic, row
// by row and sparse (each relation holds few unknowns), in int64 (frac)
// and, when a number outgrows it, again in big.Rat; an unknown is fixed
// when it is a pivot whose row holds nothing else.
func (p *auditProblem) exactlyFixed() []bool {
	var rows []fracRow
	var block fracRow // the rows' terms, in one array
	for _, c := range p.rows {
		if c.eq && p.active[c.vars[0]] {
			for j, v := range c.vars {
				block = append(block, fracTerm{v, frac{c.coefs[j], 1}})
			}
		}
	}
	at := 0
	for _, c := range p.rows {
		if c.eq && p.active[c.vars[0]] {
			rows = append(rows, block[at:at+len(c.vars):at+len(c.vars)])
			at += len(c.vars)
		}
	}
	fixed := make([]bool, len(p.vars))
	p.pivot = nil
	if reduced, ok := eliminateFrac(rows, len(p.vars)); ok {
		p.reduced = reduced
		for q, row := range reduced {
			fixed[q] = len(row) == 1
		}
		return fixed
	}
	var wide []ratRow
	for _, c := range p.rows {
		if c.eq && p.active[c.vars[0]] {
			wide = append(wide, ratRowOf(c, nil))
		}
	}
	p.reduced = nil
	p.pivot = eliminateBig(wide)
	for q, row := range p.pivot {
		fixed[q] = len(row) == 1
	}
	return fixed
}

// ratPivot is the reduced equations in big.Rat: pivot unknown -> its row.
func (p *auditProblem) ratPivot() map[int]ratRow {
	if p.pivot == nil {
		p.pivot = ratRows(p.reduced)
	}
	return p.pivot
}

// pivotCoef is R[q][f], the coefficient of unknown f in pivot q's reduced
// row, in frac; ok is false when it does not fit.
func (p *auditProblem) pivotCoef(q, f int) (frac, bool) {
	if p.reduced != nil {
		return p.reduced[q].at(f), true
	}
	return fracOfRat(p.pivot[q][f])
}

// ratRowOf is an equation's terms as a sparse rational row; when in is not
// nil, only the unknowns it holds (the others keep their values and leave
// the row).
func ratRowOf(c constraint, in map[int]int) ratRow {
	row := ratRow{}
	for j, v := range c.vars {
		if in != nil {
			if _, ok := in[v]; !ok {
				continue
			}
		}
		if row[v] == nil {
			row[v] = new(big.Rat)
		}
		row[v].Add(row[v], big.NewRat(c.coefs[j], 1))
		if row[v].Sign() == 0 {
			delete(row, v)
		}
	}
	return row
}

// eliminateBig reduces equations (rows, in order) to reduced row echelon
// form in big.Rat arithmetic, row by row and sparse (each relation holds
// few unknowns), and returns each pivot unknown's row. A row's pivot is
// its least unknown once the earlier pivots are eliminated from it. The
// rows are consumed. eliminateFrac does the same in int64 rationals.
func eliminateBig(rows []ratRow) map[int]ratRow {
	type sparse = ratRow
	pivot := map[int]sparse{}         // pivot unknown -> its row
	holders := map[int]map[int]bool{} // unknown -> pivots whose rows hold it
	hold := func(q int, row sparse) {
		for j := range row {
			if holders[j] == nil {
				holders[j] = map[int]bool{}
			}
			holders[j][q] = true
		}
	}
	// sub sets row -= f·other, keeping holders of pivot q's row current.
	tmp := new(big.Rat)
	sub := func(row sparse, f *big.Rat, other sparse, q int) {
		for j, x := range other {
			y, ok := row[j]
			if !ok {
				y = new(big.Rat)
				row[j] = y
			}
			y.Sub(y, tmp.Mul(f, x))
			if y.Sign() == 0 {
				delete(row, j)
				if q >= 0 {
					delete(holders[j], q)
				}
			} else if q >= 0 {
				if holders[j] == nil {
					holders[j] = map[int]bool{}
				}
				holders[j][q] = true
			}
		}
	}
	for _, row := range rows {
		var cols []int
		for j := range row {
			cols = append(cols, j)
		}
		sort.Ints(cols)
		for _, j := range cols {
			if prow, ok := pivot[j]; ok {
				if f, ok := row[j]; ok {
					sub(row, new(big.Rat).Set(f), prow, -1)
				}
			}
		}
		if len(row) == 0 {
			continue
		}
		pc := -1
		for j := range row {
			if pc < 0 || j < pc {
				pc = j
			}
		}
		inv := new(big.Rat).Inv(row[pc])
		for _, x := range row {
			x.Mul(x, inv)
		}
		var others []int
		for q := range holders[pc] {
			others = append(others, q)
		}
		sort.Ints(others)
		for _, q := range others {
			qrow := pivot[q]
			if f, ok := qrow[pc]; ok {
				sub(qrow, new(big.Rat).Set(f), row, q)
			}
		}
		pivot[pc] = row
		hold(pc, row)
	}
	return pivot
}

// ratRow is one sparse equation: unknown -> its coefficient.
type ratRow = map[int]*big.Rat

// bounded reports whether the linear-programming relaxation leaves
// unknown v free: its minimum below its maximum and, when its value is
// from 1 to k − 1 (few), its maximum at least k. A feasible point that
// moves v (and, when few, takes it to k) proves it free without a
// program: the steps along the null space of the equations (directions)
// give such points, and so does every program solved. Otherwise a
// component of up to maxRelaxed unknowns is solved whole with the dense
// simplex of gonum; when that fails numerically, the sparse tableau
// (audit_simplex.go) answers instead. In a larger component, v's interval
// from propagating every relation to a fixed point (the shuttle method)
// is looked at first: those bounds hold for every solution, so an
// interval that pins v, or stays below k, discloses it. An interval that
// does not proves nothing (it can be wider than the program's bounds):
// in a component of up to maxExact unknowns a point is then sought with
// the component's sparse tableau and checked exactly (largeFree); a
// count nothing proves free is disclosed. Above maxExact a count the
// program of its neighbourhood pins is disclosed (relaxedFoundOut); for
// the others the interval is still the answer (the known limit: the run
// log counts those counts,
// free by their intervals but not proven free by a point). unproven
// reports that case.
func (p *auditProblem) bounded(v int, few bool, component []int) (free, unproven bool) {
	if p.certified(v, few) {
		return true, false
	}
	if len(component) <= maxRelaxed {
		if free, solved := p.denseFree(v, few, component); solved {
			return free, false
		}
		if free, solved := p.sparseFree(v, few, component); solved {
			p.nFallback++
			return free, false
		}
	}
	if p.intervals == nil {
		p.propagate()
	}
	lo, hi := p.intervals[v][0], p.intervals[v][1]
	if hi-lo < 1e-9 || (few && hi < float64(p.t.k)) {
		p.nPinned++
		return false, false
	}
	if len(component) <= maxRelaxed {
		p.nUnproven++
		return false, false
	}
	if len(component) > maxExact || p.work > workBudget {
		if p.relaxedFoundOut(v, few) {
			return false, false
		}
		p.nIntervals++
		return true, true
	}
	free, proven := p.largeFree(v, few, component)
	if !free && !proven {
		p.nUnproven++
	}
	return free, false
}

// maxExact is the most unknowns a component may hold for largeFree to
// seek its points (the sparse tableau's pivots fill in as they go: on
// sample_data's components of 2,500 unknowns and more a round takes
// minutes); larger components keep the intervals' answer.
var maxExact = 400

// workBudget bounds the coefficients one audit's large-component pivots
// may update (tableau.work; about a microsecond each): past it, as above
// maxExact, the intervals answer and the run log counts the counts so
// decided. sample_data's components of up to maxExact unknowns take about
// 10 million in the first audit.
var workBudget = 50_000_000

// componentRows lists, in order, the relations that hold any of a
// component's unknowns.
func (p *auditProblem) componentRows(component []int) []int {
	var rows []int
	seen := map[int]bool{}
	for _, u := range component {
		for _, ri := range p.rowsOfVar[u] {
			if !seen[ri] {
				seen[ri] = true
				rows = append(rows, ri)
			}
		}
	}
	sort.Ints(rows)
	return rows
}

// inequalityRows lists, in order, the inequalities that hold any of vars:
// the relations a move of those unknowns can run into.
func (p *auditProblem) inequalityRows(vars []int) []int {
	if p.ineqsOfVar == nil {
		p.ineqsOfVar = make([][]int, len(p.rowsOfVar))
		for v, rows := range p.rowsOfVar {
			for _, ri := range rows {
				if !p.rows[ri].eq {
					p.ineqsOfVar[v] = append(p.ineqsOfVar[v], ri)
				}
			}
		}
		p.listed = make([]int, len(p.rows))
	}
	p.listing++
	var out []int
	for _, u := range vars {
		for _, ri := range p.ineqsOfVar[u] {
			if p.listed[ri] != p.listing {
				p.listed[ri] = p.listing
				out = append(out, ri)
			}
		}
	}
	sort.Ints(out)
	return out
}

// denseFree answers bounded's question with the component's whole linear
// program for gonum's dense simplex (built once).
func (p *auditProblem) denseFree(v int, few bool, component []int) (free, solved bool) {
	root := p.find(v)
	whole := p.solved[root]
	if whole == nil {
		rows := p.componentRows(component)
		p.nPrograms++
		whole = p.program(component, rows)
		p.solved[root] = whole
	}
	free, solved = whole.free(v, few, float64(p.t.k))
	p.learn(component, whole)
	return free, solved
}

// sparseFree answers bounded's question for an unknown with the
// component's sparse simplex tableau (built once, each program starting
// from where the last one ended). A program stops as soon as its point
// settles the question (v moved from its value; when few, v at k or
// more); only a disclosure needs the optimum. A point that frees v is
// checked against every relation of the component before it is believed
// (and recorded for the other unknowns). Rounding grows with the pivots a
// tableau has taken, so when a point fails the check, or a program runs
// past its step limit, the tableau is built afresh from the true values
// and the program run once more; solved is false when that fails too.
func (p *auditProblem) sparseFree(v int, few bool, component []int) (free, solved bool) {
	root := p.find(v)
	st := p.sparse[root]
	if st == nil {
		rows := p.componentRows(component)
		var ineqs []int
		for _, ri := range rows {
			if !p.rows[ri].eq {
				ineqs = append(ineqs, ri)
			}
		}
		st = &sparseComponent{tb: p.newTableau(component, ineqs), col: map[int]int{}, vars: component, rows: rows, ineqs: ineqs}
		for i, u := range component {
			st.col[u] = i
		}
		p.sparse[root] = st
		p.nPrograms++
	}
	if free, solved = p.sparseDecide(st, v, few); solved {
		return free, solved
	}
	st.tb = p.newTableau(st.vars, st.ineqs)
	p.nRebuilt++
	return p.sparseDecide(st, v, few)
}

// sparseDecide runs sparseFree's programs on the tableau as it stands.
func (p *auditProblem) sparseDecide(st *sparseComponent, v int, few bool) (free, solved bool) {
	k := float64(p.t.k)
	i := st.col[v]
	value := float64(p.value[v])
	const eps = lpTolerance
	// settled: the program ended (ok) and, when its point frees v, the
	// point holds every relation.
	settled := func(ok, frees bool) bool {
		if !ok {
			return false
		}
		if !frees {
			return true
		}
		if !p.feasible(st) {
			return false
		}
		p.learnPoint(st)
		return true
	}
	if few {
		hi, ok := st.tb.optimize(i, 1, func(x float64) bool { return x >= k-eps })
		if !settled(ok, hi >= k-eps) {
			return false, false
		}
		return hi >= k-eps, true
	}
	hi, ok := st.tb.optimize(i, 1, func(x float64) bool { return x > value+eps })
	if !settled(ok, hi > value+eps) {
		return false, false
	}
	if hi > value+eps {
		return true, true
	}
	lo, ok := st.tb.optimize(i, -1, func(x float64) bool { return x < value-eps })
	if !settled(ok, lo < value-eps) {
		return false, false
	}
	return lo < value-eps, true
}

// feasible checks the tableau's point against the component's relations
// as the programs state them (right-hand sides from the true values): the
// rounding of many pivots must not pass a point outside the region as a
// proof that a count can move. The tolerance is relative to the terms'
// size (float64 keeps about 16 digits; thousands of pivots lose a few),
// far below the least move that counts (lpTolerance, itself far below the
// differences whole counts and small rational coefficients make).
func (p *auditProblem) feasible(st *sparseComponent) bool {
	const tol = 1e-7
	x := func(u int) float64 { return st.tb.value[st.col[u]] }
	for _, u := range st.vars {
		if x(u) < -tol*(1+p.reach[u]) {
			return false
		}
	}
	for _, ri := range st.rows {
		c := p.rows[ri]
		at, truth, scale := 0.0, 0.0, 1.0
		for j, u := range c.vars {
			a := float64(c.coefs[j])
			at += a * x(u)
			truth += a * float64(p.value[u])
			scale += math.Abs(a * x(u))
		}
		if c.eq {
			if math.Abs(at-truth) > tol*scale {
				return false
			}
			continue
		}
		if limit := math.Max(float64(-c.constant), truth); at > limit+tol*scale {
			return false
		}
	}
	return true
}

// sparseComponent is a large component's tableau and where each of its
// unknowns sits in it.
type sparseComponent struct {
	tb    *tableau
	col   map[int]int
	vars  []int
	rows  []int // every relation of the component
	ineqs []int // its inequalities, the tableau's slacks
}

// learnPoint records what the tableau's current point shows of the
// component's unknowns: which it moved from their values, how high it took
// them.
func (p *auditProblem) learnPoint(st *sparseComponent) {
	for i, u := range st.vars {
		x := st.tb.value[i]
		if math.Abs(x-float64(p.value[u])) > lpTolerance {
			p.moves[u] = true
		}
		if x > p.reach[u] {
			p.reach[u] = x
		}
	}
}

// maxRelaxed is the most unknowns a component may hold for the audit to
// solve its linear programs (gonum's dense simplex factorises the basis at
// each iteration, and the sparse tableau fills in as it pivots: on
// sample_data's components of thousands of unknowns either takes minutes
// an audit round); larger components are bounded by interval
// propagation.
const maxRelaxed = 40

// certified reports whether a feasible point already found moves v and,
// when few, takes it to k or more.
func (p *auditProblem) certified(v int, few bool) bool {
	return p.moves[v] && (!few || p.reach[v] >= float64(p.t.k))
}

// learn records what the feasible points of a program say about its
// unknowns (vars, in its columns' order).
func (p *auditProblem) learn(vars []int, cp *componentProgram) {
	for _, pt := range cp.points {
		for i, u := range vars {
			x := cp.at(pt, i)
			if math.Abs(x-cp.value[i]) > lpTolerance {
				p.moves[u] = true
			}
			if x > p.reach[u] {
				p.reach[u] = x
			}
		}
	}
	cp.points = nil
}

// lpTolerance is how far a simplex optimum must lie from a value to count
// as another value. Counts are whole numbers far below 2^53 and the
// programs' coefficients small rationals, so a true difference is at
// least of the order of 1/denominator, far above it; what lies within it
// is rounding.
const lpTolerance = 1e-6

// directions steps from the true values along the null space of the
// reduced equations: each unknown f that is no pivot gives a direction d
// (d_f = 1, and each pivot q whose row holds f moves by −R[q][f]); along d
// and along −d the point stays feasible up to the first unknown that
// reaches 0 or inequality that becomes tight. The steps are exact
// rational arithmetic: a step of 0 (an unknown at 0, or a tight
// inequality, in the way) is no certificate.
func (p *auditProblem) directions() {
	n := len(p.vars)
	p.moves = make([]bool, n)
	p.reach = make([]float64, n)
	for v := range p.reach {
		p.reach[v] = float64(p.value[v])
	}
	isPivot := make([]bool, n)
	holders := make([][]int, n)
	if p.reduced != nil {
		for q, row := range p.reduced {
			if row == nil {
				continue
			}
			isPivot[q] = true
			for _, t := range row {
				if t.v != q {
					holders[t.v] = append(holders[t.v], q)
				}
			}
		}
	} else {
		var pivots []int
		for q := range p.pivot {
			pivots = append(pivots, q)
		}
		sort.Ints(pivots)
		for _, q := range pivots {
			isPivot[q] = true
			for j := range p.pivot[q] {
				if j != q {
					holders[j] = append(holders[j], q)
				}
			}
		}
	}
	type entry struct {
		v int
		c *big.Rat
	}
	var d []entry
	at := map[int]*big.Rat{}
	for f := 0; f < n; f++ {
		if isPivot[f] || !p.active[f] {
			continue
		}
		if directionsInFrac && p.directionSmall(f, holders[f]) {
			continue
		}
		d = d[:0]
		clear(at)
		one := big.NewRat(1, 1)
		d = append(d, entry{f, one})
		at[f] = one
		for _, q := range holders[f] {
			c := new(big.Rat).Neg(p.ratPivot()[q][f])
			d = append(d, entry{q, c})
			at[q] = c
		}
		ineqs := p.inequalityRows(append([]int{f}, holders[f]...))
		for _, sign := range []int{1, -1} {
			// t is the longest step; nil while nothing bounds it.
			var t *big.Rat
			blocked := false
			limit := func(room, rate *big.Rat) {
				// room >= 0 shrinks by rate > 0 per unit step.
				if room.Sign() == 0 {
					blocked = true
					return
				}
				r := new(big.Rat).Quo(room, rate)
				if t == nil || r.Cmp(t) < 0 {
					t = r
				}
			}
			for _, e := range d {
				if e.c.Sign()*sign < 0 {
					limit(big.NewRat(p.value[e.v], 1), new(big.Rat).Abs(e.c))
				}
			}
			for _, ri := range ineqs {
				c := p.rows[ri]
				rate := new(big.Rat)
				for j, w := range c.vars {
					if x, ok := at[w]; ok {
						switch c.coefs[j] {
						case 1:
							rate.Add(rate, x)
						case -1:
							rate.Sub(rate, x)
						default:
							rate.Add(rate, new(big.Rat).Mul(big.NewRat(c.coefs[j], 1), x))
						}
					}
				}
				if sign < 0 {
					rate.Neg(rate)
				}
				if rate.Sign() > 0 {
					slack := p.slack(c)
					if slack < 0 {
						slack = 0
					}
					limit(big.NewRat(slack, 1), rate)
				}
				if blocked {
					break
				}
			}
			if blocked {
				continue
			}
			for _, e := range d {
				p.moves[e.v] = true
				if e.c.Sign()*sign <= 0 {
					continue
				}
				if t == nil {
					p.reach[e.v] = math.Inf(1)
					continue
				}
				x := new(big.Rat).Mul(t, e.c)
				x.Abs(x)
				x.Add(x, big.NewRat(p.value[e.v], 1))
				if f := p.reachOf(x); f > p.reach[e.v] {
					p.reach[e.v] = f
				}
			}
		}
	}
}

// propagate finds an interval [lo, hi] for every unknown from the
// constraints one at a time, repeated until none narrows (or for at most
// 200 passes, which leaves the intervals wider, never wrong). Counts stay
// far below 2^53, so float64 holds every sum exactly; +Inf is no bound.
func (p *auditProblem) propagate() {
	inf := math.Inf(1)
	p.intervals = make([][2]float64, len(p.vars))
	for v := range p.intervals {
		p.intervals[v] = [2]float64{0, inf}
	}
	// Each constraint's constant as the true values satisfy it, as for the
	// linear programs: where the data bend a relation, the intervals stay
	// around the truth rather than cross.
	constants := make([]float64, len(p.rows))
	for i, c := range p.rows {
		at := float64(c.constant)
		for j, v := range c.vars {
			at += float64(c.coefs[j] * p.value[v])
		}
		constants[i] = float64(c.constant)
		if (c.eq && at != 0) || (!c.eq && at > 0) {
			constants[i] -= at
		}
	}
	for pass := 0; pass < 200; pass++ {
		changed := false
		for ci, c := range p.rows {
			if !p.active[c.vars[0]] {
				continue
			}
			constant := constants[ci]
			// Σ a_j·x_j + constant (= or <=) 0: a_u·x_u <= −constant − Σ
			// others' least a_j·x_j and, for an equation, >= −constant −
			// Σ others' greatest.
			for j, u := range c.vars {
				least, greatest := 0.0, 0.0
				for i, w := range c.vars {
					if i == j {
						continue
					}
					a, iv := float64(c.coefs[i]), p.intervals[w]
					if a > 0 {
						least += a * iv[0]
						greatest += a * iv[1]
					} else {
						least += a * iv[1]
						greatest += a * iv[0]
					}
				}
				a := float64(c.coefs[j])
				upper := (-constant - least) / a // bounds a·x_u from above, divided by a
				iv := &p.intervals[u]
				if a > 0 && upper < iv[1] {
					iv[1], changed = upper, true
				}
				if a < 0 && upper > iv[0] {
					iv[0], changed = upper, true
				}
				if !c.eq {
					continue
				}
				lower := (-constant - greatest) / a
				if a > 0 && lower > iv[0] {
					iv[0], changed = lower, true
				}
				if a < 0 && lower < iv[1] {
					iv[1], changed = lower, true
				}
			}
		}
		if !changed {
			return
		}
	}
}

// componentProgram is the linear program of one component's relations,
// with the feasible points found so far (the true values first): a point
// with the unknown at k or more, or away from its value, settles a
// question without another program.
type componentProgram struct {
	relax  *relaxation
	col    map[int]int // unknown -> its place in the component
	points [][]float64 // feasible points, by the relaxation's columns
	value  []float64   // the true values, by place
}

// program builds the linear program over vars of the given constraints;
// an unknown outside vars that a constraint holds keeps its true value.
func (p *auditProblem) program(vars []int, rows []int) *componentProgram {
	col := map[int]int{}
	for i, u := range vars {
		col[u] = i
	}
	n := len(vars)
	var eqs [][]*big.Rat
	var ineqs []constraint
	for _, ri := range rows {
		c := p.rows[ri]
		if !c.eq {
			var in constraint
			in.constant = c.constant
			for j, w := range c.vars {
				if _, ok := col[w]; ok {
					in.vars = append(in.vars, w)
					in.coefs = append(in.coefs, c.coefs[j])
				} else {
					in.constant += c.coefs[j] * p.value[w]
				}
			}
			if len(in.vars) > 0 {
				ineqs = append(ineqs, in)
			}
			continue
		}
		// The right-hand side comes from the true values (relaxation),
		// so an equation needs only its terms inside.
		row := make([]*big.Rat, n)
		for j := range row {
			row[j] = new(big.Rat)
		}
		for j, w := range c.vars {
			if i, ok := col[w]; ok {
				row[i].Add(row[i], big.NewRat(c.coefs[j], 1))
			}
		}
		eqs = append(eqs, row)
	}
	reduced, _ := rref(eqs, n)
	cp := &componentProgram{relax: p.relaxation(vars, col, reduced, ineqs), col: col}
	cp.value = make([]float64, n)
	for i, u := range vars {
		cp.value[i] = float64(p.value[u])
	}
	return cp
}

// at is unknown place i's value in a point.
func (cp *componentProgram) at(point []float64, i int) float64 {
	c := cp.relax.cols[i]
	if c < 0 {
		return 0
	}
	return point[c]
}

// free reports whether unknown v can move (min < max) and, when few, reach
// k; solved is false when a program could not be solved.
func (cp *componentProgram) free(v int, few bool, k float64) (free, solved bool) {
	i := cp.col[v]
	const eps = lpTolerance
	moves, reaches := false, !few
	for _, pt := range cp.points {
		x := cp.at(pt, i)
		moves = moves || math.Abs(x-cp.value[i]) > eps
		reaches = reaches || x >= k-eps
	}
	if moves && reaches {
		return true, true
	}
	hi, pt, ok := cp.relax.bound(i, false)
	if !ok {
		return false, false
	}
	if pt != nil {
		cp.points = append(cp.points, pt)
	}
	reaches = reaches || hi >= k-eps
	moves = moves || hi > cp.value[i]+eps
	if !reaches {
		return false, true
	}
	if !moves {
		lo, pt, ok := cp.relax.bound(i, true)
		if !ok {
			return false, false
		}
		if pt != nil {
			cp.points = append(cp.points, pt)
		}
		moves = lo < cp.value[i]-eps
	}
	return moves, true
}

// slack is −(Σ coef·x + constant) at the true values (>= 0 when it holds).
func (p *auditProblem) slack(c constraint) int64 {
	s := c.constant
	for j, v := range c.vars {
		s += c.coefs[j] * p.value[v]
	}
	return -s
}

// rref reduces rows (n columns) to reduced row echelon form in exact
// rational arithmetic and returns the nonzero rows and their pivot columns.
func rref(rows [][]*big.Rat, n int) ([][]*big.Rat, []int) {
	var pivots []int
	r := 0
	tmp := new(big.Rat)
	for c := 0; c < n && r < len(rows); c++ {
		p := -1
		for i := r; i < len(rows); i++ {
			if rows[i][c].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		rows[r], rows[p] = rows[p], rows[r]
		inv := new(big.Rat).Inv(rows[r][c])
		for j := c; j < n; j++ {
			rows[r][j].Mul(rows[r][j], inv)
		}
		for i := range rows {
			if i == r || rows[i][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(rows[i][c])
			for j := c; j < n; j++ {
				if rows[r][j].Sign() != 0 {
					rows[i][j].Sub(rows[i][j], tmp.Mul(f, rows[r][j]))
				}
			}
		}
		pivots = append(pivots, c)
		r++
	}
	return rows[:r], pivots
}

// relaxation is a component's linear program in standard form: the
// unknowns and one slack per inequality, all >= 0; the independent
// equations from the elimination and the inequalities with their slacks,
// with right-hand sides from the true values (so the program is feasible
// even where the data bend a relation).
type relaxation struct {
	a    *mat.Dense
	b    []float64
	cols []int // each unknown's column; -1 for one no constraint holds
}

func (p *auditProblem) relaxation(vars []int, col map[int]int, reduced [][]*big.Rat, ineqs []constraint) *relaxation {
	n := len(vars)
	used := make([]bool, n)
	for _, row := range reduced {
		for j, x := range row {
			used[j] = used[j] || x.Sign() != 0
		}
	}
	for _, c := range ineqs {
		for j, v := range c.vars {
			used[col[v]] = used[col[v]] || c.coefs[j] != 0
		}
	}
	cols := make([]int, n)
	width := 0
	for j := range cols {
		cols[j] = -1
		if used[j] {
			cols[j] = width
			width++
		}
	}
	m := len(reduced) + len(ineqs)
	rel := &relaxation{cols: cols}
	if m == 0 || width == 0 {
		return rel
	}
	a := mat.NewDense(m, width+len(ineqs), nil)
	b := make([]float64, m)
	for r, row := range reduced {
		for j, x := range row {
			if x.Sign() != 0 {
				f, _ := x.Float64()
				a.Set(r, cols[j], f)
				b[r] += f * float64(p.value[vars[j]])
			}
		}
	}
	for i, c := range ineqs {
		r := len(reduced) + i
		lhs := int64(0)
		for j, v := range c.vars {
			if cols[col[v]] >= 0 {
				a.Set(r, cols[col[v]], a.At(r, cols[col[v]])+float64(c.coefs[j]))
			}
			lhs += c.coefs[j] * p.value[v]
		}
		a.Set(r, width+i, 1)
		rhs := -c.constant
		if rhs < lhs {
			rhs = lhs
		}
		b[r] = float64(rhs)
	}
	rel.a, rel.b = a, b
	return rel
}

// bound minimises (min) or maximises unknown i and returns the optimum and
// its point; ok is false when the program could not be solved (an
// unbounded maximum is +Inf, ok, with no point).
func (r *relaxation) bound(i int, min bool) (float64, []float64, bool) {
	if r.a == nil || r.cols[i] < 0 {
		if min {
			return 0, nil, true
		}
		return math.Inf(1), nil, true
	}
	_, width := r.a.Dims()
	c := make([]float64, width)
	if min {
		c[r.cols[i]] = 1
	} else {
		c[r.cols[i]] = -1
	}
	opt, x, err := lp.Simplex(c, r.a, r.b, 1e-10, nil)
	switch {
	case err == nil:
		if min {
			return opt, x, true
		}
		return -opt, x, true
	case errors.Is(err, lp.ErrUnbounded) && !min:
		return math.Inf(1), nil, true
	}
	return 0, nil, false
}

func count(b []bool) int {
	n := 0
	for _, x := range b {
		if x {
			n++
		}
	}
	return n
}
