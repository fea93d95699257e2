package metrics

import (
	"math"
	"math/big"
	"sort"
)

// luFactors is a basis B factorised as L·U by Markowitz elimination, with
// L and U kept apart and sparse. The product form (the etas of pivotIn)
// stores each basis column transformed by every earlier pivot, so its
// entries grow with B⁻¹'s; L and U grow only with the elimination's
// fill-in, which the Markowitz choice keeps small: on sample_data's
// components of 2,500–3,300 unknowns the product form of a basis holds
// 100,000 to over a million entries, its LU a few tens of thousands
// (docs/AUDIT-FINDINGS.md).
//
// Pivot k is on row row[k], with value diag[k]. After factorising, the
// basis column pivoted on row r sits at basis position r (revised.head),
// so B x = b and yᵀB = cᵀ are solved in place on row-indexed vectors.
// L's column k holds, for each row i eliminated by pivot k, the
// multiplier l (row i −= l · row row[k]); U's column k holds the entries
// of the column pivoted k-th on rows pivoted before it.
type luFactors struct {
	row  []int
	diag []float64
	lPtr []int
	lIdx []int
	lVal []float64
	uPtr []int
	uIdx []int
	uVal []float64
}

// markowitzThreshold: a pivot must be at least this share of its column's
// largest active entry (stability), among which the fewest (r−1)(c−1)
// wins (sparsity).
const markowitzThreshold = 0.1

// luDrop: an entry the elimination leaves within this of 0 is a
// cancellation (the relations' coefficients are small integers) and is
// dropped rather than carried as fill.
const luDrop = 1e-12

// countLists keeps items (rows or columns) in doubly linked lists by
// their count of active entries, so the Markowitz search can look at the
// sparsest first and counts can change in constant time.
type countLists struct {
	head       []int // count -> first item, −1 when none
	next, prev []int
	count      []int
	in         []bool
}

func newCountLists(items, most int) *countLists {
	c := &countLists{head: make([]int, most+1), next: make([]int, items), prev: make([]int, items), count: make([]int, items), in: make([]bool, items)}
	for i := range c.head {
		c.head[i] = -1
	}
	return c
}

func (c *countLists) add(i, n int) {
	if n >= len(c.head) {
		grown := make([]int, 2*n+1)
		copy(grown, c.head)
		for k := len(c.head); k < len(grown); k++ {
			grown[k] = -1
		}
		c.head = grown
	}
	c.count[i], c.in[i] = n, true
	c.prev[i], c.next[i] = -1, c.head[n]
	if c.head[n] >= 0 {
		c.prev[c.head[n]] = i
	}
	c.head[n] = i
}

func (c *countLists) remove(i int) {
	if !c.in[i] {
		return
	}
	c.in[i] = false
	if c.prev[i] >= 0 {
		c.next[c.prev[i]] = c.next[i]
	} else {
		c.head[c.count[i]] = c.next[i]
	}
	if c.next[i] >= 0 {
		c.prev[c.next[i]] = c.prev[i]
	}
}

func (c *countLists) set(i, n int) {
	if c.in[i] && c.count[i] == n {
		return
	}
	c.remove(i)
	c.add(i, n)
}

// luFactor factorises the current basis (lp.head) as L·U, moves each basis
// column to the position of the row it was pivoted on, drops the update
// etas and recomputes the basic values.
func (lp *revised) luFactor() error {
	m := lp.m
	// the active submatrix by columns (basis positions) with values, and
	// by rows (positions only)
	colR := make([][]int, m)
	colV := make([][]float64, m)
	rowC := make([][]int, m)
	for p, j := range lp.head {
		if j >= lp.n {
			i := j - lp.n
			colR[p], colV[p] = []int{i}, []float64{1}
			rowC[i] = append(rowC[i], p)
			continue
		}
		k0, k1 := lp.colPtr[j], lp.colPtr[j+1]
		colR[p] = append(make([]int, 0, k1-k0), lp.colRow[k0:k1]...)
		colV[p] = append(make([]float64, 0, k1-k0), lp.colVal[k0:k1]...)
		for _, i := range colR[p] {
			rowC[i] = append(rowC[i], p)
		}
	}
	cols := newCountLists(m, 8)
	rows := newCountLists(m, 8)
	for p := m - 1; p >= 0; p-- {
		cols.add(p, len(colR[p]))
	}
	for i := m - 1; i >= 0; i-- {
		rows.add(i, len(rowC[i]))
	}
	// U's columns as they grow (by position), then in pivot order
	uR := make([][]int, m)
	uV := make([][]float64, m)
	f := &luFactors{row: make([]int, 0, m), diag: make([]float64, 0, m), lPtr: make([]int, 1, m+1), uPtr: make([]int, 1, m+1)}
	posCol := make([]int, m) // the position pivoted k-th
	at := make([]int, m)     // row -> place in the column being updated, +1 (0: absent)
	var lRows []int
	var lMult []float64
	colMax := func(p int) float64 {
		big := 0.0
		for _, v := range colV[p] {
			big = max(big, math.Abs(v))
		}
		return big
	}
	valueAt := func(i, p int) float64 {
		for k, r := range colR[p] {
			if r == i {
				return colV[p][k]
			}
		}
		return 0
	}
	removeFrom := func(list []int, x int) []int {
		for k, y := range list {
			if y == x {
				last := len(list) - 1
				list[k] = list[last]
				return list[:last]
			}
		}
		return list
	}
	for step := 0; step < m; step++ {
		if cols.head[0] >= 0 {
			return errSingular // a column with no active entry left
		}
		// Markowitz search, sparsest columns and rows first; stop once a
		// candidate costs no more than the count being searched allows,
		// or after a few candidates (Suhl and Suhl).
		pr, pc, best := -1, -1, math.MaxInt
		searched := 0
		consider := func(i, p, cost int) {
			if cost < best || (cost == best && (p < pc || (p == pc && i < pr))) {
				pr, pc, best = i, p, cost
			}
		}
		for cnt := 1; cnt < len(cols.head) || cnt < len(rows.head); cnt++ {
			if cnt < len(cols.head) {
				for p := cols.head[cnt]; p >= 0; p = cols.next[p] {
					big := colMax(p)
					for k, i := range colR[p] {
						if math.Abs(colV[p][k]) >= markowitzThreshold*big {
							consider(i, p, (rows.count[i]-1)*(cnt-1))
						}
					}
					searched++
					if pc >= 0 && (best <= (cnt-1)*(cnt-1) || searched >= 4) {
						break
					}
				}
			}
			if pc >= 0 && (best <= (cnt-1)*(cnt-1) || searched >= 4) {
				break
			}
			if cnt < len(rows.head) {
				for i := rows.head[cnt]; i >= 0; i = rows.next[i] {
					for _, p := range rowC[i] {
						if v := valueAt(i, p); math.Abs(v) >= markowitzThreshold*colMax(p) {
							consider(i, p, (cnt-1)*(cols.count[p]-1))
						}
					}
					searched++
					if pc >= 0 && (best <= cnt*(cnt-1) || searched >= 4) {
						break
					}
				}
			}
			if pc >= 0 && (best <= cnt*(cnt-1) || searched >= 4) {
				break
			}
		}
		if pc < 0 {
			return errSingular
		}
		piv := valueAt(pr, pc)
		if math.Abs(piv) < revPivotTol {
			return errSingular
		}
		// L: the multipliers of the pivot column's other rows; the column
		// leaves the active submatrix.
		lRows, lMult = lRows[:0], lMult[:0]
		for k, i := range colR[pc] {
			rowC[i] = removeFrom(rowC[i], pc)
			if i != pr {
				lRows = append(lRows, i)
				lMult = append(lMult, colV[pc][k]/piv)
			}
		}
		cols.remove(pc)
		colR[pc], colV[pc] = nil, nil
		// each other column of the pivot row: its entry there goes to U,
		// and the rows of L are updated by it (fill where they had none)
		for _, p := range rowC[pr] {
			var a float64
			for k, i := range colR[p] {
				if i == pr {
					a = colV[p][k]
					last := len(colR[p]) - 1
					colR[p][k], colV[p][k] = colR[p][last], colV[p][last]
					colR[p], colV[p] = colR[p][:last], colV[p][:last]
					break
				}
			}
			uR[p] = append(uR[p], pr)
			uV[p] = append(uV[p], a)
			if len(lRows) > 0 {
				for k, i := range colR[p] {
					at[i] = k + 1
				}
				for t, i := range lRows {
					d := lMult[t] * a
					if k := at[i] - 1; k >= 0 {
						colV[p][k] -= d
					} else {
						colR[p] = append(colR[p], i)
						colV[p] = append(colV[p], -d)
						rowC[i] = append(rowC[i], p)
						at[i] = len(colR[p])
					}
				}
				// cancellations leave the column
				w := 0
				for k, i := range colR[p] {
					at[i] = 0
					if math.Abs(colV[p][k]) <= luDrop {
						rowC[i] = removeFrom(rowC[i], p)
						continue
					}
					colR[p][w], colV[p][w] = i, colV[p][k]
					w++
				}
				colR[p], colV[p] = colR[p][:w], colV[p][:w]
			}
			cols.set(p, len(colR[p]))
		}
		rowC[pr] = nil
		rows.remove(pr)
		for _, i := range lRows {
			rows.set(i, len(rowC[i]))
		}
		// rows whose count fell to 0 are left for the end (singular)
		f.row = append(f.row, pr)
		f.diag = append(f.diag, piv)
		f.lIdx = append(f.lIdx, lRows...)
		f.lVal = append(f.lVal, lMult...)
		f.lPtr = append(f.lPtr, len(f.lIdx))
		posCol[step] = pc
	}
	for k := range f.row {
		p := posCol[k]
		f.uIdx = append(f.uIdx, uR[p]...)
		f.uVal = append(f.uVal, uV[p]...)
		f.uPtr = append(f.uPtr, len(f.uIdx))
	}
	newHead := make([]int, m)
	for k, r := range f.row {
		newHead[r] = lp.head[posCol[k]]
	}
	copy(lp.head, newHead)
	for r, j := range lp.head {
		lp.where[j] = r
	}
	lp.lu = f
	lp.etas = lp.etas[:0]
	lp.etaIdx, lp.etaVal = lp.etaIdx[:0], lp.etaVal[:0]
	lp.since = 0
	lp.factors++
	lp.recompute()
	return nil
}

// ftranLU solves B₀·x = work in place (B₀ the factorised basis), keeping
// the work vector's list of nonzeros: a position is visited only when
// its value is nonzero, so a sparse right-hand side costs about the
// factors' entries it reaches plus one pass over the pivots.
func (lp *revised) ftranLU() {
	f := lp.lu
	for k, r := range f.row {
		t := lp.work[r]
		if t == 0 {
			continue
		}
		lp.subtractFromWork(f.lIdx[f.lPtr[k]:f.lPtr[k+1]], f.lVal[f.lPtr[k]:f.lPtr[k+1]], t)
	}
	for k := len(f.row) - 1; k >= 0; k-- {
		r := f.row[k]
		t := lp.work[r]
		if t == 0 {
			continue
		}
		t /= f.diag[k]
		lp.work[r] = t
		lp.subtractFromWork(f.uIdx[f.uPtr[k]:f.uPtr[k+1]], f.uVal[f.uPtr[k]:f.uPtr[k+1]], t)
	}
}

// subtractFromWork takes t times a factor's column (positions idx, values
// val) from the work vector, adding each position it makes nonzero to the
// list of nonzeros.
func (lp *revised) subtractFromWork(idx []int, val []float64, t float64) {
	for e, i := range idx {
		if !lp.mark[i] {
			lp.mark[i] = true
			lp.nz = append(lp.nz, i)
		}
		lp.work[i] -= val[e] * t
	}
}

// btranLU solves yᵀ·B₀ = cᵀ in place on y: Uᵀ forward, then Lᵀ backward.
func (lp *revised) btranLU(y []float64) {
	f := lp.lu
	for k, r := range f.row {
		s := y[r]
		for e := f.uPtr[k]; e < f.uPtr[k+1]; e++ {
			s -= f.uVal[e] * y[f.uIdx[e]]
		}
		y[r] = s / f.diag[k]
	}
	for k := len(f.row) - 1; k >= 0; k-- {
		s := y[f.row[k]]
		for e := f.lPtr[k]; e < f.lPtr[k+1]; e++ {
			s -= f.lVal[e] * y[f.lIdx[e]]
		}
		y[f.row[k]] = s
	}
}

// harrisTol is how far the Harris ratio test lets a basic value pass its
// bound in its first pass (the second then picks, among the rows that
// bind within that step, the largest pivot).
const harrisTol = 1e-9

// harris is the two-pass ratio test of Harris for the entering column in
// the work vector, moving in direction dir, which its own bound lets move
// by step (+Inf when none): the first pass finds the longest step no
// basic value passes its bound by more than harrisTol; the second picks,
// among the rows whose exact step is within it, the largest |alpha| (a
// small pivot is what lets rounding grow), the lowest column on a tie or
// under Bland's rule. It returns the step (never negative) and the leaving
// position (−1: the entering column reaches its own bound first).
func (lp *revised) harris(dir, step float64, bland bool) (float64, int) {
	relaxed := step
	for _, r := range lp.nz {
		if _, room, ok := lp.room(r, dir, harrisTol); ok {
			relaxed = min(relaxed, room)
		}
	}
	if math.IsInf(relaxed, 1) {
		return relaxed, -1
	}
	if step <= relaxed {
		return step, -1
	}
	leave, bestA, bestRoom := -1, 0.0, 0.0
	for _, r := range lp.nz {
		a, room, ok := lp.room(r, dir, 0)
		if !ok || room > relaxed {
			continue
		}
		j := lp.head[r]
		better := leave < 0
		if !better {
			if bland {
				better = j < lp.head[leave]
			} else {
				better = math.Abs(a) > bestA || math.Abs(a) == bestA && j < lp.head[leave]
			}
		}
		if better {
			leave, bestA, bestRoom = r, math.Abs(a), room
		}
	}
	return bestRoom, leave
}

// exactVertex is the program's point in exact arithmetic (frac) when the
// basis is freshly factorised (no etas): the nonbasic columns at their
// values rounded to rationals of small denominator (they rest at 0, at
// true values, at k, or a ray's whole step from one), the basic unknowns
// solved from the relations whose own column is nonbasic, by elimination
// in the float factorisation's pivot order (sparse: its fill is the LU's).
// ok is false when a number outgrows int64, a nonbasic value has no small
// rational, or an exact pivot is 0 (the float basis was nearly
// singular); the caller then solves in big.Rat.
func (lp *revised) exactVertex() ([]frac, bool) {
	if lp.lu == nil || len(lp.etas) > 0 {
		return nil, false
	}
	n, m := lp.n, lp.m
	x := make([]frac, n+m)
	for j := 0; j < n+m; j++ {
		if lp.where[j] < 0 {
			f, ok := snapFrac(lp.x[j])
			if !ok {
				return nil, false
			}
			x[j] = f
		}
	}
	// the rows whose own column is nonbasic: their basic unknowns' terms
	// and right-hand side b − N·x_N
	rows := make([]fracRow, m)
	rhs := make([]frac, m)
	active := make([]bool, m)
	for i := 0; i < m; i++ {
		if lp.where[n+i] < 0 {
			active[i] = true
			f, ok := fracOf(int64(lp.b[i]), 1)
			if !ok {
				return nil, false
			}
			if rhs[i], ok = f.sub(x[n+i]); !ok {
				return nil, false
			}
		}
	}
	holders := make([][]int, n)
	for j := 0; j < n; j++ {
		basic := lp.where[j] >= 0
		for k := lp.colPtr[j]; k < lp.colPtr[j+1]; k++ {
			i := lp.colRow[k]
			if !active[i] {
				continue
			}
			a := frac{int64(lp.colVal[k]), 1}
			if basic {
				rows[i] = append(rows[i], fracTerm{j, a}) // j ascending
				holders[j] = append(holders[j], i)
				continue
			}
			ax, ok1 := a.mul(x[j])
			r, ok2 := rhs[i].sub(ax)
			if !ok1 || !ok2 {
				return nil, false
			}
			rhs[i] = r
		}
	}
	// eliminate in the LU's order: pivot k is on row lu.row[k], its
	// column the basic column now at that position
	type pivot struct{ r, c int }
	var order []pivot
	for _, r := range lp.lu.row {
		if c := lp.head[r]; c < n {
			if !active[r] {
				return nil, false
			}
			order = append(order, pivot{r, c})
		}
	}
	done := make([]bool, m)
	var merged fracRow
	for _, pv := range order {
		prow := rows[pv.r]
		piv := prow.at(pv.c)
		if piv.n == 0 {
			return nil, false
		}
		for _, i := range holders[pv.c] {
			if i == pv.r || done[i] {
				continue
			}
			f := rows[i].at(pv.c)
			if f.n == 0 {
				continue
			}
			inv, ok1 := piv.inv()
			mult, ok2 := f.mul(inv)
			if !ok1 || !ok2 {
				return nil, false
			}
			qrow := rows[i]
			var ok bool
			if merged, ok = subtractScaled(merged, qrow, prow, mult, func(v int) {
				holders[v] = append(holders[v], i)
			}); !ok {
				return nil, false
			}
			rows[i] = append(qrow[:0:0], merged...)
			fx, ok1 := mult.mul(rhs[pv.r])
			z, ok2 := rhs[i].sub(fx)
			if !ok1 || !ok2 {
				return nil, false
			}
			rhs[i] = z
		}
		done[pv.r] = true
	}
	// back substitution, last pivot first
	for k := len(order) - 1; k >= 0; k-- {
		pv := order[k]
		s := rhs[pv.r]
		var piv frac
		for _, t := range rows[pv.r] {
			if t.v == pv.c {
				piv = t.x
				continue
			}
			tx, ok1 := t.x.mul(x[t.v])
			z, ok2 := s.sub(tx)
			if !ok1 || !ok2 {
				return nil, false
			}
			s = z
		}
		inv, ok := piv.inv()
		if !ok {
			return nil, false
		}
		if x[pv.c], ok = s.mul(inv); !ok {
			return nil, false
		}
	}
	return x[:n], true
}

// exactVertexBig is exactVertex in big.Rat, for when its numbers outgrow
// int64: the same elimination in the LU's order. ok is false only when
// a nonbasic value is not a finite number or an exact pivot is 0.
func (lp *revised) exactVertexBig() ([]*big.Rat, bool) {
	if lp.lu == nil || len(lp.etas) > 0 {
		return nil, false
	}
	n, m := lp.n, lp.m
	x := make([]*big.Rat, n+m)
	for j := 0; j < n+m; j++ {
		if lp.where[j] < 0 {
			if math.IsInf(lp.x[j], 0) || math.IsNaN(lp.x[j]) {
				return nil, false
			}
			x[j] = snap(lp.x[j])
		}
	}
	type term struct {
		v int
		x *big.Rat
	}
	rows := make([]map[int]*big.Rat, m)
	rhs := make([]*big.Rat, m)
	for i := 0; i < m; i++ {
		if lp.where[n+i] < 0 {
			rows[i] = map[int]*big.Rat{}
			rhs[i] = new(big.Rat).SetInt64(int64(lp.b[i]))
			rhs[i].Sub(rhs[i], x[n+i])
		}
	}
	holders := make([][]int, n)
	t := new(big.Rat)
	for j := 0; j < n; j++ {
		basic := lp.where[j] >= 0
		for k := lp.colPtr[j]; k < lp.colPtr[j+1]; k++ {
			i := lp.colRow[k]
			if rows[i] == nil {
				continue
			}
			a := new(big.Rat).SetInt64(int64(lp.colVal[k]))
			if basic {
				rows[i][j] = a
				holders[j] = append(holders[j], i)
				continue
			}
			rhs[i].Sub(rhs[i], t.Mul(a, x[j]))
		}
	}
	type pivot struct{ r, c int }
	var order []pivot
	for _, r := range lp.lu.row {
		if c := lp.head[r]; c < n {
			if rows[r] == nil {
				return nil, false
			}
			order = append(order, pivot{r, c})
		}
	}
	done := make([]bool, m)
	for _, pv := range order {
		prow := rows[pv.r]
		piv, ok := prow[pv.c]
		if !ok || piv.Sign() == 0 {
			return nil, false
		}
		// the pivot row's other columns in order, so the fill's holders
		// are appended the same way every run
		others := make([]int, 0, len(prow))
		for c := range prow {
			if c != pv.c {
				others = append(others, c)
			}
		}
		sort.Ints(others)
		for _, i := range holders[pv.c] {
			if i == pv.r || done[i] {
				continue
			}
			f, ok := rows[i][pv.c]
			if !ok {
				continue
			}
			mult := new(big.Rat).Quo(f, piv)
			delete(rows[i], pv.c)
			for _, c := range others {
				d := new(big.Rat).Mul(mult, prow[c])
				if q, ok := rows[i][c]; ok {
					q.Sub(q, d)
					if q.Sign() == 0 {
						delete(rows[i], c)
					}
				} else {
					rows[i][c] = d.Neg(d)
					holders[c] = append(holders[c], i)
				}
			}
			rhs[i].Sub(rhs[i], t.Mul(mult, rhs[pv.r]))
		}
		done[pv.r] = true
	}
	for k := len(order) - 1; k >= 0; k-- {
		pv := order[k]
		s := new(big.Rat).Set(rhs[pv.r])
		for c, a := range rows[pv.r] {
			if c != pv.c {
				s.Sub(s, t.Mul(a, x[c]))
			}
		}
		x[pv.c] = s.Quo(s, rows[pv.r][pv.c])
	}
	return x[:n], true
}
