package metrics

import (
	"math"
	"math/big"
	"sync"
)

// revisedWhole is what the whole-component path below keeps for one
// audit: each large component's program (by its root) and what they took.
// The path is measured too slow for the run (docs/AUDIT-FINDINGS.md, third
// session on the large groups); its tests keep the revised simplex, which
// the run's neighbourhood programs use, in agreement with gonum's dense
// simplex.
type revisedWhole struct {
	programs      map[int]*revisedProgram
	built, pivots int
	// batch: start each component with revisedBatch (measured too slow
	// with the product-form basis); each batch program's counts open,
	// counts it freed, steps
	batch   bool
	batches [][3]int
	// findOnly (a measurement of what finding out alone would cost): a
	// point is learnt from unchecked, so only the optimum's findings
	// stand; never how the audit may free a count
	findOnly bool
	// lu: the programs factorise their bases as L·U (luFactor) and take
	// the Harris ratio test; else the product form alone
	lu bool
	// points whose exact vertex could not be solved, or lay outside
	singular, outside int
	// points whose vertex had to be solved exactly (no small denominators)
	vertices, bigVertices int
}

var (
	wholeMu    sync.Mutex
	wholeState = map[*auditProblem]*revisedWhole{}
)

// whole is p's revisedWhole, made on first use.
func (p *auditProblem) whole() *revisedWhole {
	wholeMu.Lock()
	defer wholeMu.Unlock()
	w := wholeState[p]
	if w == nil {
		w = &revisedWhole{}
		wholeState[p] = w
	}
	return w
}

// revisedProgram is a large component's program for the revised simplex:
// one region for all its counts' questions, each program starting from
// the basis and point the last one left.
type revisedProgram struct {
	lp     *revised
	vars   []int
	rows   []int
	in     map[int]int
	failed bool
}

// revisedFree answers bounded's question for unknown v of a component too
// large for the tableau: free when a point of the region, rounded to
// rationals and checked exactly against every relation of the component,
// moves v from its value and, when few, takes it to k or more (every
// unknown of the component learns from that point, so one program often
// settles many counts); disclosed (not free) when the program's optimum
// cannot. decided is false when neither is shown (a program ran past its
// step limit, the basis could not be factorised, or no point passed the
// check): the caller then falls back as before.
func (p *auditProblem) revisedFree(v int, few bool, component []int) (free, decided bool) {
	root := p.find(v)
	if p.whole().programs == nil {
		p.whole().programs = map[int]*revisedProgram{}
	}
	g := p.whole().programs[root]
	if g == nil {
		g = &revisedProgram{vars: component, in: make(map[int]int, len(component))}
		for i, u := range component {
			g.in[u] = i
		}
		g.rows = p.componentRows(component)
		var caps []int
		for i, u := range component {
			if p.whole().batch && small(p.value[u], p.t.k) && !p.certified(u, true) {
				caps = append(caps, i)
			}
		}
		g.lp = p.newRevised(component, g.rows, caps)
		g.lp.useLU = p.whole().lu
		p.whole().programs[root] = g
		p.whole().built++
		if err := g.lp.crash(); err != nil {
			g.failed = true
		} else if p.whole().batch {
			p.revisedBatch(g, caps)
		}
	}
	if g.failed {
		return false, false
	}
	if p.certified(v, few) {
		return true, true
	}
	lp := g.lp
	before := lp.pivots
	defer func() { p.whole().pivots += lp.pivots - before }()
	i := g.in[v]
	k := float64(p.t.k)
	value := float64(p.value[v])
	const eps = lpTolerance
	// check: the program's point, checked exactly; whether it frees v.
	check := func() (frees, checked bool) {
		if p.whole().findOnly {
			// measurement: learn from the float point unchecked (moves
			// and reach as a checked point would give them)
			for j, u := range g.vars {
				x := lp.x[j]
				if math.Abs(x-float64(p.value[u])) > eps {
					p.moves[u] = true
				}
				if x > p.reach[u] {
					p.reach[u] = x
				}
			}
			return p.certified(v, few), true
		}
		if !p.checkRevised(g) {
			p.nCheckFailed++
			return false, false
		}
		p.nChecked++
		return p.certified(v, few), true
	}
	defer func() {
		if lp.broken {
			g.failed = true
		}
	}()
	if few {
		st := lp.maximize(map[int]float64{i: 1}, func() bool { return lp.x[i] >= k-eps })
		switch st {
		case revStopped, revUnbounded:
			frees, checked := check()
			return frees, checked
		case revOptimal:
			return false, true
		}
		return false, false
	}
	if math.Abs(lp.x[i]-value) > eps {
		if frees, _ := check(); frees {
			return true, true
		}
	}
	for _, sign := range []float64{1, -1} {
		st := lp.maximize(map[int]float64{i: sign}, func() bool { return math.Abs(lp.x[i]-value) > eps })
		switch st {
		case revStopped, revUnbounded:
			frees, checked := check()
			if frees || !checked {
				return frees, checked
			}
		case revOptimal:
			continue
		default:
			return false, false
		}
	}
	// an optimum either way at v's value (or points that moved it failed
	// to free it, which cannot happen when they passed the check)
	return false, true
}

// revisedBatch frees many small counts at once: it maximises Σ min(x, k)
// over the small counts no point has freed yet (their capped twins), checks
// the optimum exactly (each count it takes to k is free), and repeats over
// the counts still open while a program frees more.
func (p *auditProblem) revisedBatch(g *revisedProgram, caps []int) {
	lp := g.lp
	before := lp.pivots
	defer func() { p.whole().pivots += lp.pivots - before }()
	for round := 0; round < 20; round++ {
		c := map[int]float64{}
		open := 0
		for t, i := range caps {
			if !p.certified(g.vars[i], true) {
				c[lp.nVars+t] = 1
				open++
			}
		}
		if open == 0 {
			return
		}
		// A program past its step limit still ends on a point of the
		// region, worth checking.
		lp.limit = batchSteps
		st := lp.maximize(c, nil)
		lp.limit = programSteps
		if st == revFailed {
			return
		}
		if !p.checkRevised(g) {
			p.nCheckFailed++
			return
		}
		p.nChecked++
		still := 0
		for _, i := range caps {
			if !p.certified(g.vars[i], true) {
				still++
			}
		}
		p.whole().batches = append(p.whole().batches, [3]int{open, open - still, lp.steps})
		if still == open {
			return
		}
	}
}

// batchSteps bounds one batch program (its point is checked whether or
// not it reached the optimum).
const batchSteps = 1500

// checkRevised rounds the program's point to rationals of small
// denominator and checks it exactly against every relation of the
// component; when it holds, every unknown learns from it (moves, reach).
func (p *auditProblem) checkRevised(g *revisedProgram) bool {
	if lp := g.lp; lp.useLU && lp.since > 0 {
		// a fresh factorisation first: the basic values from it, not
		// from the updates' rounding, and the exact vertex in its order
		if err := lp.factor(); err != nil {
			lp.broken = true
			return false
		}
	}
	x := g.lp.x[:len(g.vars)]
	// Whole numbers first: most points are, and int64 checks them fast.
	whole := make([]int64, len(x))
	integral := true
	for j, f := range x {
		r := math.Round(f)
		if math.Abs(f-r) > 1e-9*(1+math.Abs(f)) || r < 0 || math.Abs(r) > 1<<40 {
			integral = false
			break
		}
		whole[j] = int64(r)
	}
	if integral {
		if !p.holdsWhole(g, whole) {
			return false
		}
		for j, u := range g.vars {
			if whole[j] != p.value[u] {
				p.moves[u] = true
			}
			if f := float64(whole[j]); f > p.reach[u] {
				p.reach[u] = f
			}
		}
		return true
	}
	// Rationals of small denominator next, as the tableau's points.
	pt := make([]*big.Rat, len(x))
	for j, f := range x {
		pt[j] = snap(f)
	}
	if !p.holdsExact(g, pt) {
		var ok bool
		p.whole().vertices++
		if fx, fok := g.lp.exactVertex(); fok {
			pt = make([]*big.Rat, len(fx))
			for j, f := range fx {
				pt[j] = big.NewRat(f.n, f.d)
			}
			ok = true
		} else {
			p.whole().bigVertices++
			if pt, ok = g.lp.exactVertexBig(); !ok && !g.lp.useLU {
				pt, ok = p.exactVertex(g)
			}
		}
		if !ok {
			p.whole().singular++
			return false
		}
		if !p.holdsExact(g, pt) {
			p.whole().outside++
			return false
		}
	}
	for j, u := range g.vars {
		if pt[j].Cmp(big.NewRat(p.value[u], 1)) != 0 {
			p.moves[u] = true
		}
		if f := p.reachOf(pt[j]); f > p.reach[u] {
			p.reach[u] = f
		}
	}
	return true
}

// exactVertex is the program's point in exact rational arithmetic: the
// nonbasic columns' values rounded (whole numbers, or rationals of small
// denominator: they rest at 0, at true values, or a ray's whole step from
// one), the basic unknowns solved from the relations whose own column is
// nonbasic by exact elimination (the basis's determinant can be large, so
// rounding the floating-point basic values would not do).
func (p *auditProblem) exactVertex(g *revisedProgram) ([]*big.Rat, bool) {
	lp := g.lp
	n := lp.n
	pt := make([]*big.Rat, n)
	for j := 0; j < n; j++ {
		if lp.where[j] < 0 {
			pt[j] = snap(lp.x[j])
		}
	}
	type entry struct {
		col int
		val float64
	}
	byRow := make([][]entry, lp.m)
	for j := 0; j < n; j++ {
		for k := lp.colPtr[j]; k < lp.colPtr[j+1]; k++ {
			byRow[lp.colRow[k]] = append(byRow[lp.colRow[k]], entry{j, lp.colVal[k]})
		}
	}
	constCol := n // the right-hand side, as a last column
	var rows []ratRow
	for i := 0; i < lp.m; i++ {
		if lp.where[n+i] >= 0 {
			continue
		}
		rhs := new(big.Rat).SetFloat64(lp.b[i]) // a whole number
		rhs.Sub(rhs, snap(lp.x[n+i]))
		row := ratRow{}
		for _, e := range byRow[i] {
			a := new(big.Rat).SetFloat64(e.val) // a small whole number
			if lp.where[e.col] < 0 {
				rhs.Sub(rhs, a.Mul(a, pt[e.col]))
				continue
			}
			row[e.col] = a
		}
		if rhs.Sign() != 0 {
			row[constCol] = rhs.Neg(rhs)
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
	}
	pivot := eliminateBig(rows)
	for j := 0; j < n; j++ {
		if lp.where[j] < 0 {
			continue
		}
		row, ok := pivot[j]
		if !ok {
			return nil, false
		}
		x := new(big.Rat)
		for c, a := range row {
			switch c {
			case j:
			case constCol:
				x.Neg(a)
			default:
				return nil, false // not fixed by the basis: singular
			}
		}
		pt[j] = x
	}
	return pt[:lp.nVars], true
}

// holdsExact checks a rational point against every relation of the
// component as the programs state them (exactPoint's rule): every unknown
// >= 0, each equation at its value from the true values, each inequality
// within the larger of its shown bound and the true values' level.
func (p *auditProblem) holdsExact(g *revisedProgram, x []*big.Rat) bool {
	for _, r := range x {
		if r.Sign() < 0 {
			return false
		}
	}
	at := new(big.Rat)
	term := new(big.Rat)
	for _, ri := range g.rows {
		c := p.rows[ri]
		at.SetInt64(0)
		var truth int64
		for j, w := range c.vars {
			truth += c.coefs[j] * p.value[w]
			term.SetInt64(c.coefs[j])
			at.Add(at, term.Mul(term, x[g.in[w]]))
		}
		limit := truth
		if !c.eq {
			limit = max(-c.constant, truth)
		}
		cmp := at.Cmp(term.SetInt64(limit))
		if (c.eq && cmp != 0) || cmp > 0 {
			return false
		}
	}
	return true
}

// holdsWhole checks a point of whole numbers against every relation of
// the component as the programs state them (exactPoint's rule).
func (p *auditProblem) holdsWhole(g *revisedProgram, x []int64) bool {
	for _, ri := range g.rows {
		c := p.rows[ri]
		var at, truth int64
		for j, w := range c.vars {
			truth += c.coefs[j] * p.value[w]
			at += c.coefs[j] * x[g.in[w]]
		}
		if c.eq {
			if at != truth {
				return false
			}
			continue
		}
		if at > max(-c.constant, truth) {
			return false
		}
	}
	return true
}
