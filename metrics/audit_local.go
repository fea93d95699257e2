package metrics

import (
	"math"
	"math/big"
)

// The audit's question for one hidden count v of a large component
// (METRICS.md "Small-cell suppression", Audit (ii)): does the linear
// program's region (unknowns >= 0, the equations, the distinct-count and
// other inequalities) hold a point that moves v from its value and, when
// its value is from 1 to k − 1, one that takes it to k or more? All of a
// component's programs share that one region, and the true values are a
// point of it, so one such point proves v free; no optimum is needed.
//
// The component's sparse tableau (audit_simplex.go), built once from the
// exact elimination at the true values, moves v up (or, when v is not
// small, down) until a point settles the question; each program starts
// from the point the last one left (the region never changes), and the
// tableau starts again from the true values when its pivots have filled
// it in. The simplex runs in floating point, so the point it ends on is
// rounded to the nearby rationals of small denominator (a vertex of these
// relations has such coordinates) and checked exactly against every
// relation of the component before it counts: a point that fails the
// check proves nothing. A program that ends at its optimum below k (or
// at v's value both ways) discloses v; one that cannot be settled
// (its step limit, or no point passes the check) is disclosed too, and
// the run log counts it.

// largeFree answers bounded's question for unknown v of a component too
// large for the dense simplex. free: a point checked exactly frees v.
// proven: when not free, the program ended at its optimum.
func (p *auditProblem) largeFree(v int, few bool, component []int) (free, proven bool) {
	root := p.find(v)
	g := p.large[root]
	if g == nil {
		g = p.newLargeProgram(component)
		p.large[root] = g
	}
	if g.tb == nil || g.tb.nnz() > 2*g.baseNNZ {
		g.tb = g.base.clone()
		p.nLocal++
	}
	before := g.tb.work
	defer func() { p.work += g.tb.work - before }()
	free, solved := p.decideOn(g, v, few)
	if free || solved {
		return free, solved
	}
	// Rounding grows with the pivots a tableau has taken: once more from
	// the true values.
	p.work += g.tb.work - before
	g.tb = g.base.clone()
	before = 0
	p.nLocal++
	return p.decideOn(g, v, few)
}

// largeProgram is a large component's program: its tableau as first built
// (base, kept to start again from) and as the last program left it.
type largeProgram struct {
	base, tb *tableau
	baseNNZ  int
	vars     []int
	in       map[int]int
	rows     []int
}

func (p *auditProblem) newLargeProgram(component []int) *largeProgram {
	g := &largeProgram{vars: component, in: make(map[int]int, len(component))}
	for i, u := range component {
		g.in[u] = i
	}
	g.rows = p.componentRows(component)
	var ineqs []int
	for _, ri := range g.rows {
		if !p.rows[ri].eq {
			ineqs = append(ineqs, ri)
		}
	}
	g.base = p.newTableau(component, ineqs)
	g.base.limit = 20 * len(g.base.value)
	if g.base.limit < 2000 {
		g.base.limit = 2000
	}
	g.baseNNZ = g.base.nnz()
	return g
}

// nnz is how many coefficients the tableau's rows hold.
func (tb *tableau) nnz() int {
	n := 0
	for _, r := range tb.rows {
		n += len(r)
	}
	return n
}

// clone is a deep copy of the tableau.
func (tb *tableau) clone() *tableau {
	out := &tableau{value: append([]float64(nil), tb.value...), rows: make([]map[int]float64, len(tb.rows)), cols: make([]map[int]bool, len(tb.cols)), limit: tb.limit}
	for i, r := range tb.rows {
		if r == nil {
			continue
		}
		c := make(map[int]float64, len(r))
		for j, x := range r {
			c[j] = x
		}
		out.rows[i] = c
	}
	for i, r := range tb.cols {
		if r == nil {
			continue
		}
		c := make(map[int]bool, len(r))
		for j := range r {
			c[j] = true
		}
		out.cols[i] = c
	}
	return out
}

// decideOn runs v's programs on the component's tableau as it stands.
// free: an exactly checked point frees v; solved: when not free, the
// programs ended at their optimum (not at the step limit, and no point
// failed its check).
func (p *auditProblem) decideOn(g *largeProgram, v int, few bool) (free, solved bool) {
	tb, vars, rows, in := g.tb, g.vars, g.rows, g.in
	k := float64(p.t.k)
	value := float64(p.value[v])
	i := in[v]
	const eps = lpTolerance
	// check: the point the tableau ended on, checked exactly; true when it
	// frees v (then every unknown of vars learns from it).
	check := func() (frees, checked bool) {
		if x, holds, decided := p.exactPointFrac(vars, rows, in, tb.value[:len(vars)]); decided {
			if !holds {
				p.nCheckFailed++
				return false, false
			}
			p.nChecked++
			for j, u := range vars {
				if x[j] != (frac{p.value[u], 1}) {
					p.moves[u] = true
				}
				if f := p.reachOfFrac(x[j]); f > p.reach[u] {
					p.reach[u] = f
				}
			}
			return p.certified(v, few), true
		}
		x, ok := p.exactPoint(vars, rows, in, tb.value[:len(vars)])
		if !ok {
			p.nCheckFailed++
			return false, false
		}
		p.nChecked++
		for j, u := range vars {
			if x[j].Cmp(big.NewRat(p.value[u], 1)) != 0 {
				p.moves[u] = true
			}
			if f := p.reachOf(x[j]); f > p.reach[u] {
				p.reach[u] = f
			}
		}
		return p.certified(v, few), true
	}
	if few {
		hi, ok := tb.optimize(i, 1, func(x float64) bool { return x >= k-eps })
		if hi >= k-eps {
			frees, checked := check()
			return frees, checked && ok
		}
		return false, ok
	}
	cur := tb.value[i]
	if cur > value+eps || cur < value-eps {
		if frees, _ := check(); frees {
			return true, true
		}
	}
	hi, ok := tb.optimize(i, 1, func(x float64) bool { return x > value+eps })
	if hi > value+eps {
		if frees, checked := check(); frees || !checked {
			return frees, false
		}
	}
	if !ok {
		return false, false
	}
	lo, ok := tb.optimize(i, -1, func(x float64) bool { return x < value-eps })
	if lo < value-eps {
		frees, checked := check()
		return frees, checked && ok
	}
	return false, ok
}

// exactPoint rounds a floating-point point over vars to rationals of
// small denominator and checks it exactly: every unknown >= 0, and each
// relation of rows (the unknowns outside vars at their values) as the
// programs state it, the right-hand side from the true values where the
// data bend it. ok is false when the check fails.
func (p *auditProblem) exactPoint(vars []int, rows []int, in map[int]int, x []float64) ([]*big.Rat, bool) {
	out := make([]*big.Rat, len(vars))
	for j := range vars {
		out[j] = snap(x[j])
		if out[j].Sign() < 0 {
			return nil, false
		}
	}
	at := new(big.Rat)
	term := new(big.Rat)
	for _, ri := range rows {
		c := p.rows[ri]
		at.SetInt64(0)
		var truth int64
		for j, w := range c.vars {
			truth += c.coefs[j] * p.value[w]
			if i, ok := in[w]; ok {
				term.SetInt64(c.coefs[j])
				term.Mul(term, out[i])
				at.Add(at, term)
			} else {
				at.Add(at, term.SetInt64(c.coefs[j]*p.value[w]))
			}
		}
		if c.eq {
			if at.Cmp(term.SetInt64(truth)) != 0 {
				return nil, false
			}
			continue
		}
		limit := -c.constant
		if truth > limit {
			limit = truth
		}
		if at.Cmp(term.SetInt64(limit)) > 0 {
			return nil, false
		}
	}
	return out, true
}

// exactPointFrac is exactPoint in frac arithmetic: holds says whether
// the rounded point passes the check; decided is false when a number
// outgrew int64 (or a coordinate is no small rational), and exactPoint
// must answer.
func (p *auditProblem) exactPointFrac(vars []int, rows []int, in map[int]int, x []float64) (out []frac, holds, decided bool) {
	out = make([]frac, len(vars))
	for j := range vars {
		f, ok := snapFrac(x[j])
		if !ok {
			return nil, false, false
		}
		if f.n < 0 {
			return nil, false, true
		}
		out[j] = f
	}
	for _, ri := range rows {
		c := p.rows[ri]
		at := frac{0, 1}
		var truth int64
		for j, w := range c.vars {
			truth += c.coefs[j] * p.value[w]
			term := frac{c.coefs[j] * p.value[w], 1}
			if i, ok := in[w]; ok {
				var fits bool
				if term, fits = out[i].mul(frac{c.coefs[j], 1}); !fits {
					return nil, false, false
				}
			} else if term.n >= fracLimit || term.n <= -fracLimit {
				return nil, false, false
			}
			var fits bool
			if at, fits = at.add(term); !fits {
				return nil, false, false
			}
		}
		if c.eq {
			if at != (frac{truth, 1}) {
				return nil, false, true
			}
			continue
		}
		limit := -c.constant
		if truth > limit {
			limit = truth
		}
		cmp, fits := at.cmp(frac{limit, 1})
		if !fits {
			return nil, false, false
		}
		if cmp > 0 {
			return nil, false, true
		}
	}
	return out, true, true
}

// snap is the rational of least denominator (up to 2^20) within a
// rounding error of x, found by continued fractions; x itself when there
// is none. The simplex's points are vertices or steps between them, whose
// coordinates here are rationals of small denominator.
func snap(x float64) *big.Rat {
	if n, d, ok := convergent(x); ok {
		return big.NewRat(n, d)
	}
	out := new(big.Rat)
	out.SetFloat64(x)
	return out
}

// snapFrac is snap in frac: ok is false when snap's rational does not fit
// (or snap gives x itself).
func snapFrac(x float64) (frac, bool) {
	n, d, ok := convergent(x)
	if !ok {
		return frac{}, false
	}
	return fracOf(n, d)
}

// convergent is snap's rational n/d of least denominator, when there is
// one (ok).
func convergent(x float64) (n, d int64, ok bool) {
	tol := 1e-9 * (1 + math.Abs(x))
	if math.Abs(x) <= tol {
		return 0, 1, true
	}
	neg := x < 0
	a := math.Abs(x)
	// convergents h/k of a's continued fraction
	h0, h1 := int64(0), int64(1)
	k0, k1 := int64(1), int64(0)
	r := a
	for step := 0; step < 40; step++ {
		fl := math.Floor(r)
		if fl > 1<<40 {
			break
		}
		ai := int64(fl)
		h0, h1 = h1, ai*h1+h0
		k0, k1 = k1, ai*k1+k0
		if k1 > 1<<20 {
			break
		}
		if math.Abs(float64(h1)/float64(k1)-a) <= tol {
			if neg {
				h1 = -h1
			}
			return h1, k1, true
		}
		frac := r - fl
		if frac < 1e-15 {
			break
		}
		r = 1 / frac
	}
	return 0, 0, false
}

// reachOf is x as a float64 that is at least k only when x is: the
// rounding of a rational just below k must not pass for k.
func (p *auditProblem) reachOf(x *big.Rat) float64 {
	f, _ := x.Float64()
	k := float64(p.t.k)
	if f >= k && x.Cmp(big.NewRat(p.t.k, 1)) < 0 {
		f = math.Nextafter(k, 0)
	}
	return f
}
