package metrics

import (
	"math"
	"sort"
)

// tableau is one component's linear-programming relaxation as a sparse
// simplex tableau (METRICS.md "Small-cell suppression", Audit (ii)). Its
// columns are the component's unknowns, then one slack per inequality,
// all >= 0. Each basic column is written as a sparse combination of the
// nonbasic ones: when nonbasic column j moves by δ, basic column b moves
// by rows[b][j]·δ. The first basis comes from the exact elimination (its
// pivots) and the inequalities' slacks; the other unknowns start nonbasic
// at their true values, which need not be a bound: the simplex moves such
// a column either way until it enters the basis or reaches 0. The point
// is always feasible (it starts at the true values, with right-hand sides
// taken from them, as for the dense programs), so there is no phase 1,
// and every objective starts from the basis and point the last one left:
// the region never changes, only the objective.
//
// The relations' coefficients are small integers and the eliminated rows
// short, so each pivot touches few rows; the tableau stays sparse.
type tableau struct {
	value []float64
	rows  []map[int]float64 // basic column -> its row; nil when nonbasic
	cols  []map[int]bool    // nonbasic column -> the basic columns whose rows hold it
	// steps counts one program's pivots and bound moves, to stop one that
	// runs too long (it is then not solved).
	steps, limit int
	// work counts the coefficients pivots have updated, for a budget
	// (deterministic, unlike a clock).
	work int
}

// simplexTolerance is below any difference the decisions look at
// (lpTolerance) and above the rounding a few thousand pivots of small
// rationals leave.
const simplexTolerance = 1e-9

// pivotTolerance is the least coefficient the simplex prices or pivots on.
// The relations' coefficients are small integers and their eliminated
// forms small rationals, so a true coefficient is far above it; one below
// it is what cancellation left of a 0, and pivoting on it would scale the
// tableau by its inverse.
const pivotTolerance = 1e-5

// dropTolerance: a tableau coefficient below it is cancellation's residue
// of a 0 and is dropped, so it neither spreads nor grows.
const dropTolerance = 1e-9

// newTableau builds the program over vars (a component) from the exact
// elimination's rows and the component's inequalities.
func (p *auditProblem) newTableau(vars []int, ineqs []int) *tableau {
	cs := make([]constraint, len(ineqs))
	for i, ri := range ineqs {
		cs[i] = p.rows[ri]
	}
	pivot := make(map[int]ratRow)
	for _, v := range vars {
		switch {
		case p.reduced != nil && p.reduced[v] != nil:
			pivot[v] = p.reduced[v].rat()
		case p.reduced == nil && p.pivot[v] != nil:
			pivot[v] = p.pivot[v]
		}
	}
	return p.tableauOf(vars, pivot, cs)
}

// tableauOf builds the program over vars from the reduced equations
// (pivot: each pivot unknown's row, every unknown in vars) and
// inequalities over vars (an unknown outside vars counted in the
// constant at its value).
func (p *auditProblem) tableauOf(vars []int, pivot map[int]ratRow, ineqs []constraint) *tableau {
	n := len(vars)
	local := make(map[int]int, n)
	for i, v := range vars {
		local[v] = i
	}
	width := n + len(ineqs)
	tb := &tableau{value: make([]float64, width), rows: make([]map[int]float64, width), cols: make([]map[int]bool, width)}
	for i, v := range vars {
		tb.value[i] = float64(p.value[v])
	}
	for i, v := range vars {
		prow, ok := pivot[v]
		if !ok {
			continue
		}
		// x_q + Σ R[q][f]·x_f = constant: x_q moves by −R[q][f] per unit of f.
		row := map[int]float64{}
		for f, r := range prow {
			if f == v {
				continue
			}
			x, _ := r.Float64()
			row[local[f]] = -x
		}
		tb.rows[i] = row
	}
	for s, c := range ineqs {
		// slack = −constant − Σ a·x >= 0, each basic unknown written in the
		// nonbasic ones.
		col := n + s
		row := map[int]float64{}
		slack := p.slack(c)
		for j, w := range c.vars {
			a := float64(c.coefs[j])
			i := local[w]
			if tb.rows[i] == nil {
				row[i] -= a
				continue
			}
			for f, x := range tb.rows[i] {
				row[f] -= a * x
			}
		}
		for f, x := range row {
			if math.Abs(x) < simplexTolerance {
				delete(row, f)
			}
		}
		if slack < 0 {
			slack = 0 // the data bend it: the true values define the region
		}
		tb.value[col] = float64(slack)
		tb.rows[col] = row
	}
	for b, row := range tb.rows {
		for j := range row {
			if tb.cols[j] == nil {
				tb.cols[j] = map[int]bool{}
			}
			tb.cols[j][b] = true
		}
	}
	tb.limit = 50 * width
	if tb.limit < 5000 {
		tb.limit = 5000
	}
	return tb
}

// optimize moves column v up (sign +1) or down (sign −1) as far as the
// region allows, or until enough(value of v) holds. It returns v's value
// at the end and whether the program was solved (false when it ran past
// its step limit); where nothing bounds v's growth, it steps far enough
// for enough to hold (a point to check, not +Inf).
func (tb *tableau) optimize(v int, sign float64, enough func(float64) bool) (float64, bool) {
	degenerate := 0
	tb.steps = 0
	for {
		if enough(tb.value[v]) {
			return tb.value[v], true
		}
		if tb.steps > tb.limit {
			return tb.value[v], false
		}
		// Pricing: the objective sign·x_v changes by d_j per unit of
		// nonbasic j: sign when v is nonbasic, else sign·rows[v][j].
		bland := degenerate > 30
		enter, dir, best := -1, 0.0, 0.0
		consider := func(j int, d float64) {
			var dj float64
			switch {
			case d > pivotTolerance:
				dj = 1
			case d < -pivotTolerance && tb.value[j] > simplexTolerance:
				dj = -1
			default:
				return
			}
			score := math.Abs(d)
			if enter < 0 || (bland && j < enter) || (!bland && (score > best || (score == best && j < enter))) {
				enter, dir, best = j, dj, score
			}
		}
		if tb.rows[v] == nil {
			consider(v, sign)
		} else {
			for j, x := range tb.rows[v] {
				consider(j, sign*x)
			}
		}
		if enter < 0 {
			return tb.value[v], true
		}
		// Ratio test: the entering column's own bound, then each basic
		// column that falls as it moves.
		step := math.Inf(1)
		leave := -1
		if dir < 0 {
			step = tb.value[enter]
		}
		var holders []int
		for b := range tb.cols[enter] {
			holders = append(holders, b)
		}
		sort.Ints(holders)
		for _, b := range holders {
			rate := tb.rows[b][enter] * dir
			if rate >= -pivotTolerance {
				continue
			}
			room := tb.value[b]
			if room < 0 {
				room = 0
			}
			r := room / -rate
			if r < step-simplexTolerance || (leave >= 0 && math.Abs(r-step) <= simplexTolerance && b < leave) {
				step, leave = r, b
			}
		}
		if math.IsInf(step, 1) {
			// Nothing bounds the move: a finite step that takes v well
			// past any value asked about gives a point to check.
			rate := 1.0
			if enter != v {
				rate = math.Abs(tb.rows[v][enter])
			}
			step = (64 + math.Abs(tb.value[v])) / rate
		}
		tb.steps++
		if step <= simplexTolerance {
			degenerate++
		} else {
			degenerate = 0
		}
		tb.value[enter] += dir * step
		for _, b := range holders {
			tb.value[b] += tb.rows[b][enter] * dir * step
			if math.Abs(tb.value[b]) < simplexTolerance {
				tb.value[b] = 0
			}
		}
		if math.Abs(tb.value[enter]) < simplexTolerance {
			tb.value[enter] = 0
		}
		if leave < 0 {
			continue // the entering column reached 0 itself: no pivot
		}
		tb.value[leave] = 0
		tb.pivot(enter, leave)

	}
}

// pivot makes nonbasic column j basic in place of basic column b.
func (tb *tableau) pivot(j, b int) {
	rb := tb.rows[b]
	a := rb[j]
	// x_b = … + a·x_j + Σ r_k·x_k, so x_j = x_b/a − Σ (r_k/a)·x_k.
	row := make(map[int]float64, len(rb))
	for k, x := range rb {
		if k != j {
			row[k] = -x / a
		}
	}
	row[b] = 1 / a
	for k := range rb {
		delete(tb.cols[k], b)
	}
	tb.rows[b] = nil
	var holders []int
	for i := range tb.cols[j] {
		holders = append(holders, i)
	}
	sort.Ints(holders)
	tb.work += len(holders) * len(row)
	for _, i := range holders {
		ri := tb.rows[i]
		f := ri[j]
		delete(ri, j)
		for k, x := range row {
			y := ri[k] + f*x
			if math.Abs(y) < dropTolerance {
				if _, ok := ri[k]; ok {
					delete(ri, k)
					delete(tb.cols[k], i)
				}
				continue
			}
			if _, ok := ri[k]; !ok {
				if tb.cols[k] == nil {
					tb.cols[k] = map[int]bool{}
				}
				tb.cols[k][i] = true
			}
			ri[k] = y
		}
	}
	tb.cols[j] = nil
	tb.rows[j] = row
	for k := range row {
		if tb.cols[k] == nil {
			tb.cols[k] = map[int]bool{}
		}
		tb.cols[k][j] = true
	}
}
