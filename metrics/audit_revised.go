package metrics

import (
	"errors"
	"math"
	"sort"
)

// revised is a large component's linear-programming relaxation for the
// bounded-variable primal revised simplex (METRICS.md "Small-cell
// suppression", Audit (ii)). Unlike the tableau of audit_simplex.go, which
// keeps every row of the basis inverse and fills in as it pivots, it keeps
// the basis as a sparse factorisation in product form (eta vectors, one
// per pivot), rebuilt from scratch every refactorEvery pivots with a
// Markowitz-style choice of pivots (sparse columns first, each on the row
// fewest other columns hold), so a pivot costs about the factors' size.
//
// Columns: the component's unknowns (0..n−1, >= 0) and one per relation
// (n+i for row i): the slack of an inequality (>= 0) or an artificial
// fixed at 0 for an equation. Row i reads Σ a_ij·x_j + (its column) =
// b_i, with b_i from the true values where the data bend the relation, as
// for the other programs, so the true values (every unknown at its value,
// each slack at its room, each artificial at 0) are a point of the region
// and the identity of the relations' columns its first basis: no phase 1.
// A nonbasic unknown may rest between its bounds (at its true value, or
// where an unbounded step left it); it can then move either way.
type revised struct {
	m, n int
	// the unknowns are columns 0..nVars−1, their capped twins the rest of
	// 0..n−1 (upper bound k)
	nVars int
	k     float64
	// the unknowns' columns, compressed: column j's entries are
	// colRow/colVal[colPtr[j]:colPtr[j+1]]
	colPtr []int
	colRow []int
	colVal []float64
	b      []float64
	fixed  []bool    // column n+i is an equation's artificial
	x      []float64 // every column's value
	head   []int     // basis position (a row) -> its column
	where  []int     // column -> basis position, −1 when nonbasic
	etas   []eta
	// the etas' entries (pushEta)
	etaIdx []int
	etaVal []float64
	// pivots since the last refactorisation
	since int
	// broken: a factorisation failed, and the program with it
	broken bool
	// one program's steps, and the most it may take
	steps, limit int
	// pivots and refactorisations over the program's life, for the run log
	pivots, factors int
	// work vectors of length m
	work, y []float64
	mark    []bool
	nz      []int
	// pool: where the arrays come from (nil: allocated)
	pool *revPool
	// useLU: factorise the basis as L·U (luFactor) with the etas only for
	// the pivots since, and take the Harris ratio test; lu is the current
	// factorisation (nil: the product form alone)
	useLU bool
	lu    *luFactors
}

// eta is one factor of the basis in product form: the basis column that
// entered at position r, expressed in the basis before it (alpha, its
// pivot piv = alpha_r and the other nonzeros).
type eta struct {
	r   int
	piv float64
	idx []int
	val []float64
}

// refactorEvery is how many pivots the product form grows by before the
// basis is factorised afresh (fewer, sparser etas; less rounding).
const refactorEvery = 64

// luRefactorEvery is how many pivots the etas on top of an L·U
// factorisation grow by before the basis is factorised afresh. Each eta
// is the entering column in the basis (B⁻¹a, about half the rows on
// sample_data's large components), so the etas outgrow the factors
// within ten pivots; but a factorisation costs as much as some tens of
// pivots' solves. Measured on sample_data's component of 2,554 unknowns:
// every 8 pivots (when the etas outgrew the factors) 1,017 pivots a
// second, every 25–64 pivots 1,400–1,700 (docs/AUDIT-FINDINGS.md).
const luRefactorEvery = 40

// Tolerances: the relations' coefficients are small integers and the
// basis inverse's entries small rationals, so a true pivot is far above
// revPivotTol; a reduced cost or value within revTol of 0 is rounding.
const (
	revTol      = 1e-9
	revPivotTol = 1e-7
)

var errSingular = errors.New("the basis is singular")

// newRevised builds the program of a component (vars, in order) from the
// relations rows; every unknown of those relations is in vars.
//
// caps (places in vars) each get a twin column t >= 0 capped at k, with
// the relation t − x <= 0: maximising Σ t over some counts maximises Σ
// min(x, k), the program that takes as many of them to k as it can at
// once. The twins come after the unknowns (columns vars..n−1), their
// relations after rows.
func (p *auditProblem) newRevised(vars []int, rows []int, caps []int) *revised {
	return p.newRevisedFrom(nil, vars, rows, caps)
}

// newRevisedFrom is newRevised with its arrays from pool (nil: allocated).
func (p *auditProblem) newRevisedFrom(pool *revPool, vars []int, rows []int, caps []int) *revised {
	// each unknown's column (0 for an unknown not in vars, as a missing
	// key would read)
	in := pool.intsN(slotIn, len(p.value))
	for i, u := range vars {
		in[u] = i
	}
	nv := len(vars)
	n, m := nv+len(caps), len(rows)+len(caps)
	k := float64(p.t.k)
	lp := &revised{m: m, n: n, nVars: nv, k: k, b: pool.floatsN(slotB, m), fixed: pool.boolsN(slotFixed, m), x: pool.floatsN(slotX, n+m), pool: pool}
	if pool != nil {
		lp.etas, lp.etaIdx, lp.etaVal, lp.nz = pool.etas[:0], pool.etaIdx[:0], pool.etaVal[:0], pool.nz[:0]
	}
	// every coefficient as (row, column, value), in the order each
	// column lists its rows
	type entry = revEntry
	size := 2 * len(caps)
	for _, ri := range rows {
		size += len(p.rows[ri].vars)
	}
	entries := pool.entriesN(size)
	type term struct {
		col  int
		coef int64
	}
	var terms []term
	for i, ri := range rows {
		c := p.rows[ri]
		var truth int64
		// the relation's terms by column, a column written twice summed,
		// a sum of 0 dropped
		terms = terms[:0]
		for j, w := range c.vars {
			truth += c.coefs[j] * p.value[w]
			terms = append(terms, term{in[w], c.coefs[j]})
		}
		for a := 1; a < len(terms); a++ {
			for b := a; b > 0 && terms[b].col < terms[b-1].col; b-- {
				terms[b], terms[b-1] = terms[b-1], terms[b]
			}
		}
		for a := 0; a < len(terms); {
			col, sum := terms[a].col, int64(0)
			for ; a < len(terms) && terms[a].col == col; a++ {
				sum += terms[a].coef
			}
			if sum != 0 {
				entries = append(entries, entry{i, col, float64(sum)})
			}
		}
		if c.eq {
			lp.b[i] = float64(truth)
			lp.fixed[i] = true
			continue
		}
		limit := -c.constant
		if truth > limit {
			limit = truth
		}
		lp.b[i] = float64(limit)
		lp.x[n+i] = float64(limit - truth)
	}
	for c, u := range caps {
		i := len(rows) + c
		entries = append(entries, entry{i, u, -1}, entry{i, nv + c, 1})
		t := min(float64(p.value[vars[u]]), k)
		lp.x[nv+c] = t
		lp.x[n+i] = float64(p.value[vars[u]]) - t
	}
	if pool != nil {
		pool.entries = entries
	}
	lp.colPtr = pool.intsN(slotColPtr, n+1)
	for _, e := range entries {
		lp.colPtr[e.col+1]++
	}
	for j := 0; j < n; j++ {
		lp.colPtr[j+1] += lp.colPtr[j]
	}
	lp.colRow = pool.intsN(slotColRow, len(entries))
	lp.colVal = pool.floatsN(slotColVal, len(entries))
	next := pool.intsN(slotNext, n)
	copy(next, lp.colPtr[:n])
	for _, e := range entries {
		at := next[e.col]
		lp.colRow[at], lp.colVal[at] = e.row, e.val
		next[e.col]++
	}
	for j, u := range vars {
		lp.x[j] = float64(p.value[u])
	}
	lp.head = pool.intsN(slotHead, m)
	lp.where = pool.intsN(slotWhere, n+m)
	for j := range lp.where {
		lp.where[j] = -1
	}
	for i := range lp.head {
		lp.head[i] = n + i
		lp.where[n+i] = i
	}
	lp.work = pool.floatsN(slotWork, m)
	lp.y = pool.floatsN(slotY, m)
	lp.mark = pool.boolsN(slotMark, m)
	lp.limit = programSteps
	return lp
}

// programSteps bounds one program's pivots.
const programSteps = 20000

// upper is column j's upper bound: 0 for an artificial, k for a twin,
// else none.
func (lp *revised) upper(j int) float64 {
	if j >= lp.n && lp.fixed[j-lp.n] {
		return 0
	}
	if j >= lp.nVars && j < lp.n {
		return lp.k
	}
	return math.Inf(1)
}

// scatter loads column j into the work vector (sparse: lp.nz lists the
// positions it may hold).
func (lp *revised) scatter(j int) {
	lp.clearWork()
	if j >= lp.n {
		lp.setWork(j-lp.n, 1)
		return
	}
	for k := lp.colPtr[j]; k < lp.colPtr[j+1]; k++ {
		lp.setWork(lp.colRow[k], lp.colVal[k])
	}
}

func (lp *revised) setWork(i int, x float64) {
	if !lp.mark[i] {
		lp.mark[i] = true
		lp.nz = append(lp.nz, i)
	}
	lp.work[i] = x
}

func (lp *revised) clearWork() {
	for _, i := range lp.nz {
		lp.work[i] = 0
		lp.mark[i] = false
	}
	lp.nz = lp.nz[:0]
}

// ftran applies the etas to the work vector: work = B⁻¹·work.
func (lp *revised) ftran() {
	if lp.lu != nil {
		lp.ftranLU()
	}
	for e := range lp.etas {
		et := &lp.etas[e]
		t := lp.work[et.r]
		if t == 0 {
			continue
		}
		t /= et.piv
		lp.work[et.r] = t
		for k, i := range et.idx {
			if !lp.mark[i] {
				lp.mark[i] = true
				lp.nz = append(lp.nz, i)
			}
			lp.work[i] -= et.val[k] * t
		}
	}
}

// btran solves yᵀB = cᵀ in place on y (dense).
func (lp *revised) btran(y []float64) {
	for e := len(lp.etas) - 1; e >= 0; e-- {
		et := &lp.etas[e]
		s := y[et.r]
		for k, i := range et.idx {
			s -= et.val[k] * y[i]
		}
		y[et.r] = s / et.piv
	}
	if lp.lu != nil {
		lp.btranLU(y)
	}
}

// pushEta records the work vector (a column in the current basis) as the
// eta of a pivot at position r.
func (lp *revised) pushEta(r int) {
	et := eta{r: r, piv: lp.work[r]}
	// the etas' entries share two arrays, emptied with the etas
	// (pivotIn): one allocation for many pivots
	start := len(lp.etaIdx)
	for _, i := range lp.nz {
		if i == r {
			continue
		}
		if x := lp.work[i]; math.Abs(x) > 1e-12 {
			lp.etaIdx = append(lp.etaIdx, i)
			lp.etaVal = append(lp.etaVal, x)
		}
	}
	end := len(lp.etaIdx)
	et.idx, et.val = lp.etaIdx[start:end:end], lp.etaVal[start:end:end]
	lp.etas = append(lp.etas, et)
}

// factor rebuilds the product form of the current basis from the identity
// and computes the basic values afresh from the nonbasic ones.
func (lp *revised) factor() error {
	if lp.useLU {
		return lp.luFactor()
	}
	taken := lp.pool.boolsN(slotTaken, lp.m)
	structural := lp.pool.intsN(slotStructural, 0)
	for _, j := range lp.head {
		if j >= lp.n {
			taken[j-lp.n] = true
		} else {
			structural = append(structural, j)
		}
	}
	if _, err := lp.pivotIn(taken, structural, false); err != nil {
		return err
	}
	lp.recompute()
	return nil
}

// crash makes a first basis with as many unknowns basic as the equations
// allow (in place of their artificials, which would otherwise each leave
// by a pivot of step 0): the true values stay the point.
func (lp *revised) crash() error {
	taken := lp.pool.boolsN(slotTaken, lp.m)
	for i := range taken {
		taken[i] = !lp.fixed[i]
	}
	all := lp.pool.intsN(slotAll, lp.n)
	for j := range all {
		all[j] = j
	}
	if _, err := lp.pivotIn(taken, all, true); err != nil {
		return err
	}
	if lp.useLU {
		return lp.luFactor()
	}
	lp.recompute()
	return nil
}

// pivotIn factorises a basis from the identity: the rows taken keep their
// own (slack or artificial) column; the unknowns' columns cols are
// pivoted in one at a time. The order keeps the etas sparse: a column's
// eta is the column itself when none of its rows was pivoted on before,
// so the next row is the free row fewest pending columns hold (a row
// singleton first), pivoted on its pending column with fewest entries,
// unless that entry is under a tenth of the column's largest on a free
// row (then the largest). A column with no pivot left is skipped when
// skip, else the basis is singular. Free rows left keep their own column.
func (lp *revised) pivotIn(taken []bool, cols []int, skip bool) (int, error) {
	lp.lu = nil
	lp.etas = lp.etas[:0]
	lp.etaIdx, lp.etaVal = lp.etaIdx[:0], lp.etaVal[:0]
	lp.since = 0
	lp.factors++
	pending := lp.pool.boolsN(slotPending, lp.n+lp.m)
	left := 0
	for _, j := range cols {
		if !pending[j] {
			pending[j] = true
			left++
		}
	}
	// each free row's pending columns, in cols' order: row i's are
	// held[rowAt[i]:rowAt[i+1]]
	rowCount := lp.pool.intsN(slotRowCount, lp.m)
	for _, j := range cols {
		for k := lp.colPtr[j]; k < lp.colPtr[j+1]; k++ {
			if i := lp.colRow[k]; !taken[i] {
				rowCount[i]++
			}
		}
	}
	rowAt := lp.pool.intsN(slotRowAt, lp.m+1)
	for i, c := range rowCount {
		rowAt[i+1] = rowAt[i] + c
	}
	held := lp.pool.intsN(slotHeld, rowAt[lp.m])
	fill := lp.pool.intsN(slotFill, lp.m)
	copy(fill, rowAt[:lp.m])
	for _, j := range cols {
		for k := lp.colPtr[j]; k < lp.colPtr[j+1]; k++ {
			if i := lp.colRow[k]; !taken[i] {
				held[fill[i]] = j
				fill[i]++
			}
		}
	}
	most := 0
	for i := range rowCount {
		most = max(most, rowCount[i])
	}
	buckets := lp.pool.bucketsN(most + 1)
	defer func() { lp.pool.keepBuckets(buckets) }()
	for i := lp.m - 1; i >= 0; i-- {
		if !taken[i] && rowCount[i] > 0 {
			buckets[rowCount[i]] = append(buckets[rowCount[i]], i)
		}
	}
	newHead := lp.pool.intsN(slotNewHead, lp.m)
	for i := range newHead {
		newHead[i] = lp.n + i
	}
	placed := 0
	nnz := func(j int) int { return lp.colPtr[j+1] - lp.colPtr[j] }
	drop := func(j int) {
		if pending[j] {
			pending[j] = false
			left--
		}
		for k := lp.colPtr[j]; k < lp.colPtr[j+1]; k++ {
			if i := lp.colRow[k]; !taken[i] && rowCount[i] > 0 {
				rowCount[i]--
				if rowCount[i] > 0 {
					buckets[rowCount[i]] = append(buckets[rowCount[i]], i)
				}
			}
		}
	}
	for left > 0 {
		// the free row fewest pending columns hold
		r := -1
		for cnt := 1; cnt <= most && r < 0; cnt++ {
			b := buckets[cnt]
			for len(b) > 0 && r < 0 {
				i := b[len(b)-1]
				b = b[:len(b)-1]
				if !taken[i] && rowCount[i] == cnt {
					r = i
				}
			}
			buckets[cnt] = b
		}
		j := -1
		if r < 0 {
			// No free row holds a pending column as first written: the
			// pivots so far have filled in; the lowest pending column,
			// on its largest entry.
			for _, c := range cols {
				if pending[c] && (j < 0 || c < j) {
					j = c
				}
			}
		} else {
			for _, c := range held[rowAt[r]:rowAt[r+1]] {
				if pending[c] && (j < 0 || nnz(c) < nnz(j)) {
					j = c
				}
			}
		}
		lp.scatter(j)
		lp.ftran()
		big := 0.0
		for _, i := range lp.nz {
			if !taken[i] && math.Abs(lp.work[i]) > big {
				big = math.Abs(lp.work[i])
			}
		}
		if big < revPivotTol {
			lp.clearWork()
			drop(j)
			if skip {
				continue
			}
			return placed, errSingular
		}
		if r < 0 || math.Abs(lp.work[r]) < 0.1*big {
			r = -1
			for _, i := range lp.nz {
				if taken[i] || math.Abs(lp.work[i]) < 0.1*big {
					continue
				}
				if r < 0 || rowCount[i] < rowCount[r] || (rowCount[i] == rowCount[r] && i < r) {
					r = i
				}
			}
		}
		lp.pushEta(r)
		lp.clearWork()
		taken[r] = true
		newHead[r] = j
		placed++
		drop(j)
	}
	if !skip && placed < len(cols) {
		return placed, errSingular
	}
	copy(lp.head, newHead)
	for j := range lp.where {
		lp.where[j] = -1
	}
	for r, j := range lp.head {
		lp.where[j] = r
	}
	return placed, nil
}

// recompute sets the basic values from the nonbasic ones: x_B = B⁻¹(b −
// N·x_N).
func (lp *revised) recompute() {
	lp.clearWork()
	for i := 0; i < lp.m; i++ {
		lp.setWork(i, lp.b[i])
	}
	for j := 0; j < lp.n; j++ {
		if lp.where[j] >= 0 || lp.x[j] == 0 {
			continue
		}
		for k := lp.colPtr[j]; k < lp.colPtr[j+1]; k++ {
			lp.work[lp.colRow[k]] -= lp.colVal[k] * lp.x[j]
		}
	}
	for i := 0; i < lp.m; i++ {
		if j := lp.n + i; lp.where[j] < 0 && lp.x[j] != 0 {
			lp.work[i] -= lp.x[j]
		}
	}
	lp.ftran()
	for r, j := range lp.head {
		x := lp.work[r]
		if math.Abs(x) < revTol {
			x = 0
		}
		lp.x[j] = x
	}
	lp.clearWork()
}

// status of a program
type revStatus int

const (
	revOptimal   revStatus = iota // no improving column: the optimum
	revStopped                    // enough() held
	revUnbounded                  // a ray: stepped far along it
	revLimit                      // ran past its step limit
	revFailed                     // the basis could not be factorised
)

// maximize moves the point to raise Σ c_j·x_j (c sparse: column -> weight)
// until no column improves it, or enough() holds (checked at every
// point). An unbounded ray is followed for a long finite step, and the
// program ends there (a point to check, not an optimum).
func (lp *revised) maximize(c map[int]float64, enough func() bool) revStatus {
	lp.steps = 0
	degenerate := 0
	cols := lp.pool.intsN(slotCols, 0)
	for j := range c {
		cols = append(cols, j)
	}
	sort.Ints(cols)
	cost := lp.pool.floatsN(slotCost, lp.n)
	for _, j := range cols {
		if j < lp.n {
			cost[j] = c[j]
		}
	}
	for {
		if enough != nil && enough() {
			return revStopped
		}
		if lp.steps >= lp.limit {
			return revLimit
		}
		// duals: yᵀB = c_B
		y := lp.y
		for i := range y {
			y[i] = 0
		}
		for _, j := range cols {
			if r := lp.where[j]; r >= 0 {
				y[r] = c[j]
			}
		}
		lp.btran(y)
		// pricing: d_j = c_j − yᵀa_j
		bland := degenerate > 50
		enter, dir, best := -1, 0.0, 0.0
		consider := func(j int, d float64) {
			var sd float64
			switch {
			case d > revTol && lp.x[j] < lp.upper(j):
				sd = 1
			case d < -revTol && lp.x[j] > 0:
				sd = -1
			default:
				return
			}
			if bland {
				if enter < 0 {
					enter, dir = j, sd
				}
				return
			}
			if math.Abs(d) > best {
				enter, dir, best = j, sd, math.Abs(d)
			}
		}
		for j := 0; j < lp.n && !(bland && enter >= 0); j++ {
			if lp.where[j] >= 0 {
				continue
			}
			d := cost[j]
			for k := lp.colPtr[j]; k < lp.colPtr[j+1]; k++ {
				d -= y[lp.colRow[k]] * lp.colVal[k]
			}
			consider(j, d)
		}
		for i := 0; i < lp.m && !(bland && enter >= 0); i++ {
			j := lp.n + i
			if lp.where[j] >= 0 || lp.fixed[i] {
				continue
			}
			consider(j, -y[i])
		}
		if enter < 0 {
			return revOptimal
		}
		// the entering column in the basis: x_B moves by −alpha·dir per
		// unit step
		lp.scatter(enter)
		lp.ftran()
		step := math.Inf(1)
		if dir < 0 {
			step = lp.x[enter]
		} else if u := lp.upper(enter); !math.IsInf(u, 1) {
			step = max(u-lp.x[enter], 0)
		}
		var leave int
		if lp.useLU {
			step, leave = lp.harris(dir, step, bland)
		} else {
			step, leave = lp.ratio(dir, step, bland)
		}
		ray := false
		if math.IsInf(step, 1) {
			// Nothing bounds the move: a long finite step gives a point.
			step = 1024
			ray = true
		}
		lp.steps++
		if step <= revTol {
			degenerate++
			step = 0
		} else {
			degenerate = 0
		}
		if step > 0 {
			lp.x[enter] += dir * step
			for _, r := range lp.nz {
				j := lp.head[r]
				x := lp.x[j] - lp.work[r]*dir*step
				if math.Abs(x) < revTol {
					x = 0
				}
				lp.x[j] = x
			}
			if math.Abs(lp.x[enter]) < revTol {
				lp.x[enter] = 0
			}
			if u := lp.upper(enter); math.Abs(lp.x[enter]-u) < revTol {
				lp.x[enter] = u
			}
		}
		if leave < 0 {
			lp.clearWork()
			if ray {
				return revUnbounded
			}
			continue // the entering column reached its bound itself: no pivot
		}
		out := lp.head[leave]
		if (out >= lp.n && lp.fixed[out-lp.n]) || lp.x[out] < revTol {
			lp.x[out] = 0
		} else if u := lp.upper(out); lp.x[out] > u-revTol {
			lp.x[out] = u
		}
		lp.pushEta(leave)
		lp.clearWork()
		lp.head[leave] = enter
		lp.where[enter] = leave
		lp.where[out] = -1
		lp.pivots++
		lp.since++
		every := refactorEvery
		if lp.useLU {
			every = luRefactorEvery
		}
		if lp.since >= every {
			if err := lp.factor(); err != nil {
				lp.broken = true
				return revFailed
			}
		}
	}
}

// room is how far the entering column may move (per unit of step, in
// direction dir) before basic position r's value passes its bound by
// slack: its value over alpha while it falls toward 0, its distance to
// its upper bound while it rises (a value already past the bound counts
// as on it). ok is false when alpha is too small to pivot on or nothing
// bounds the way it moves. alpha is the position's signed rate.
func (lp *revised) room(r int, dir, slack float64) (alpha, room float64, ok bool) {
	a := lp.work[r] * dir
	if math.Abs(a) < revPivotTol {
		return a, 0, false
	}
	j := lp.head[r]
	if a > 0 {
		return a, (max(lp.x[j], 0) + slack) / a, true
	}
	if u := lp.upper(j); !math.IsInf(u, 1) {
		return a, (max(u-lp.x[j], 0) + slack) / -a, true
	}
	return a, 0, false
}

// ratio is the textbook ratio test over the entering column in the basis
// (lp.work over lp.nz): the largest step up to step that keeps every basic
// value within its bounds, and the position that leaves (−1: none), ties
// broken by Bland's rule when bland, else by the larger pivot.
func (lp *revised) ratio(dir, step float64, bland bool) (float64, int) {
	leave := -1
	leaveAlpha := 0.0
	for _, r := range lp.nz {
		a, room, ok := lp.room(r, dir, 0)
		if !ok {
			continue
		}
		j := lp.head[r]
		better := room < step-revTol
		if !better && room <= step+revTol && leave >= 0 {
			if bland {
				better = j < lp.head[leave]
			} else {
				better = math.Abs(a) > leaveAlpha
			}
		}
		if better {
			step, leave, leaveAlpha = room, r, math.Abs(a)
		}
	}
	return step, leave
}
