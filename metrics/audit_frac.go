package metrics

import (
	"math"
	"math/big"
	"math/bits"
	"sort"
)

// frac is an exact rational n/d with d > 0, in lowest terms, kept in
// int64: the elimination's coefficients are small (sums of counts with
// coefficients ±1), so it rarely needs big.Rat; any operation whose result
// does not fit gives up (ok false), and the elimination is done again in
// big.Rat.
type frac struct{ n, d int64 }

// limit keeps every magnitude below 2^62, so sums of two never overflow.
const fracLimit = 1 << 62

func gcd64(a, b int64) int64 {
	if a < 0 {
		a = -a
	}
	if b < 0 {
		b = -b
	}
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func mul64(a, b int64) (int64, bool) {
	neg := (a < 0) != (b < 0)
	ua, ub := uint64(a), uint64(b)
	if a < 0 {
		ua = uint64(-a)
	}
	if b < 0 {
		ub = uint64(-b)
	}
	hi, lo := bits.Mul64(ua, ub)
	if hi != 0 || lo >= fracLimit {
		return 0, false
	}
	if neg {
		return -int64(lo), true
	}
	return int64(lo), true
}

func fracOf(n, d int64) (frac, bool) {
	if d < 0 {
		n, d = -n, -d
	}
	if n == 0 {
		return frac{0, 1}, true
	}
	g := gcd64(n, d)
	n, d = n/g, d/g
	if n >= fracLimit || n <= -fracLimit || d >= fracLimit {
		return frac{}, false
	}
	return frac{n, d}, true
}

func (a frac) mul(b frac) (frac, bool) {
	if a.d == 1 && b.d == 1 {
		n, ok := mul64(a.n, b.n)
		return frac{n, 1}, ok
	}
	g1, g2 := gcd64(a.n, b.d), gcd64(b.n, a.d)
	if g1 == 0 || g2 == 0 {
		return frac{0, 1}, true // a.n or b.n is 0
	}
	n, ok1 := mul64(a.n/g1, b.n/g2)
	d, ok2 := mul64(a.d/g2, b.d/g1)
	if !ok1 || !ok2 {
		return frac{}, false
	}
	return fracOf(n, d)
}

func (a frac) sub(b frac) (frac, bool) {
	if a.d == 1 && b.d == 1 {
		// |a.n|, |b.n| < 2^62: the difference fits in int64.
		x := a.n - b.n
		if x >= fracLimit || x <= -fracLimit {
			return frac{}, false
		}
		return frac{x, 1}, true
	}
	g := gcd64(a.d, b.d)
	x, ok1 := mul64(a.n, b.d/g)
	y, ok2 := mul64(b.n, a.d/g)
	d, ok3 := mul64(a.d, b.d/g)
	if !ok1 || !ok2 || !ok3 {
		return frac{}, false
	}
	return fracOf(x-y, d)
}

func (a frac) inv() (frac, bool) { return fracOf(a.d, a.n) }

// fracTerm is one unknown's coefficient in a fracRow.
type fracTerm struct {
	v int
	x frac
}

// fracRow is a sparse equation in frac arithmetic, its terms in the
// unknowns' order, none 0.
type fracRow []fracTerm

// at is the row's coefficient of unknown v (0 when it holds none).
func (r fracRow) at(v int) frac {
	i := sort.Search(len(r), func(i int) bool { return r[i].v >= v })
	if i < len(r) && r[i].v == v {
		return r[i].x
	}
	return frac{0, 1}
}

// ratRows is the reduced rows of eliminateFrac in big.Rat, by pivot.
func ratRows(reduced []fracRow) map[int]ratRow {
	out := map[int]ratRow{}
	for q, row := range reduced {
		if row != nil {
			out[q] = row.rat()
		}
	}
	return out
}

func (r fracRow) rat() ratRow {
	out := make(ratRow, len(r))
	for _, t := range r {
		out[t.v] = big.NewRat(t.x.n, t.x.d)
	}
	return out
}

// eliminateFrac reduces equations over unknowns 0 to n − 1 (rows, left
// as they are; an unknown may appear twice in one) to reduced row
// echelon form in frac arithmetic and returns each pivot unknown's row,
// by unknown (nil for the others); ok is false when a number outgrew
// int64. A row's pivot is its least unknown once the earlier pivots are
// eliminated from it, and each new pivot is eliminated from the earlier
// rows: the reduced rows are the unique reduced row echelon form of the
// equations with the unknowns in their order, whatever the order of the
// arithmetic, so they are eliminateBig's exactly.
//
// The rows stay reduced against each other at every step (a pivot row
// holds no other pivot), so reducing a new row by the pivots it holds
// brings in no pivot; it is summed in a dense accumulator.
func eliminateFrac(rows []fracRow, n int) ([]fracRow, bool) {
	pivot := make([]fracRow, n)
	// holders[j]: pivots whose rows held j when last written (some may
	// have lost it since; each is checked).
	holders := make([][]int32, n)
	acc := make([]frac, n)
	held := make([]bool, n)
	var touched []int
	var merged fracRow
	for _, in := range rows {
		touched = touched[:0]
		for _, t := range in {
			if !held[t.v] {
				held[t.v] = true
				acc[t.v] = frac{0, 1}
				touched = append(touched, t.v)
			}
			var ok bool
			if acc[t.v], ok = acc[t.v].add(t.x); !ok {
				return nil, false
			}
		}
		for _, j := range touched[:len(touched):len(touched)] {
			prow := pivot[j]
			f := acc[j]
			if prow == nil || f.n == 0 {
				continue
			}
			for _, t := range prow {
				if !held[t.v] {
					held[t.v] = true
					acc[t.v] = frac{0, 1}
					touched = append(touched, t.v)
				}
				fx, ok1 := f.mul(t.x)
				z, ok2 := acc[t.v].sub(fx)
				if !ok1 || !ok2 {
					return nil, false
				}
				acc[t.v] = z
			}
		}
		sort.Ints(touched)
		row := make(fracRow, 0, len(touched))
		for _, j := range touched {
			held[j] = false
			if acc[j].n != 0 {
				row = append(row, fracTerm{j, acc[j]})
			}
		}
		if len(row) == 0 {
			continue
		}
		pc := row[0].v
		inv, ok := row[0].x.inv()
		if !ok {
			return nil, false
		}
		for i := range row {
			if row[i].x, ok = row[i].x.mul(inv); !ok {
				return nil, false
			}
		}
		for _, q := range holders[pc] {
			qrow := pivot[q]
			f := qrow.at(pc)
			if f.n == 0 {
				continue
			}
			var ok bool
			if merged, ok = subtractScaled(merged, qrow, row, f, func(v int) {
				holders[v] = append(holders[v], int32(q))
			}); !ok {
				return nil, false
			}
			// No other row shares qrow's array: it takes the result when
			// it has room.
			pivot[q] = append(qrow[:0], merged...)
		}
		holders[pc] = nil
		for _, t := range row[1:] {
			holders[t.v] = append(holders[t.v], int32(pc))
		}
		pivot[pc] = row
	}
	return pivot, true
}

func (a frac) add(b frac) (frac, bool) { return a.sub(frac{-b.n, b.d}) }

func (a frac) sign() int {
	switch {
	case a.n > 0:
		return 1
	case a.n < 0:
		return -1
	}
	return 0
}

func (a frac) abs() frac {
	if a.n < 0 {
		a.n = -a.n
	}
	return a
}

// cmp compares a and b; ok is false on overflow.
func (a frac) cmp(b frac) (int, bool) {
	x, ok1 := mul64(a.n, b.d)
	y, ok2 := mul64(b.n, a.d)
	if !ok1 || !ok2 {
		return 0, false
	}
	switch {
	case x < y:
		return -1, true
	case x > y:
		return 1, true
	}
	return 0, true
}

func fracOfRat(x *big.Rat) (frac, bool) {
	if !x.Num().IsInt64() || !x.Denom().IsInt64() {
		return frac{}, false
	}
	return fracOf(x.Num().Int64(), x.Denom().Int64())
}

// directionsInFrac lets a test compare directionSmall with the big.Rat
// steps.
var directionsInFrac = true

// directionSmall is one step of directions (the null-space direction of
// free unknown f, whose pivots holding it are hs) in frac arithmetic. It
// returns false, having recorded nothing, when a number outgrows int64:
// directions then takes the step in big.Rat.
func (p *auditProblem) directionSmall(f int, hs []int) bool {
	type entry struct {
		v int
		c frac
	}
	d := make([]entry, 0, len(hs)+1)
	// at: each unknown's rate along d, where it moves (marked with the
	// current dirStep in dirMark)
	if p.dirAt == nil {
		p.dirAt = make([]frac, len(p.vars))
		p.dirMark = make([]int, len(p.vars))
	}
	p.dirStep++
	at := func(v int) (frac, bool) { return p.dirAt[v], p.dirMark[v] == p.dirStep }
	set := func(v int, x frac) { p.dirAt[v], p.dirMark[v] = x, p.dirStep }
	d = append(d, entry{f, frac{1, 1}})
	set(f, frac{1, 1})
	for _, q := range hs {
		c, ok := p.pivotCoef(q, f)
		if !ok {
			return false
		}
		c.n = -c.n
		d = append(d, entry{q, c})
		set(q, c)
	}
	ineqs := p.inequalityRows(append([]int{f}, hs...))
	// rates: each inequality's rate along d (sign +1), computed once.
	rates := make([]frac, len(ineqs))
	for i, ri := range ineqs {
		c := p.rows[ri]
		rate := frac{0, 1}
		for j, w := range c.vars {
			x, ok := at(w)
			if !ok {
				continue
			}
			term, ok1 := x.mul(frac{c.coefs[j], 1})
			sum, ok2 := rate.sub(frac{-term.n, term.d})
			if !ok1 || !ok2 {
				return false
			}
			rate = sum
		}
		rates[i] = rate
	}
	type result struct {
		blocked, bounded bool
		t                frac
	}
	var res [2]result
	for si, sign := range []int{1, -1} {
		r := &res[si]
		fail := false
		limit := func(room int64, rate frac) {
			// room >= 0 shrinks by rate > 0 per unit step.
			if room == 0 {
				r.blocked = true
				return
			}
			q, ok := frac{room, 1}.mul(frac{rate.d, rate.n})
			if !ok {
				fail = true
				return
			}
			if !r.bounded {
				r.t, r.bounded = q, true
				return
			}
			c, ok := q.cmp(r.t)
			if !ok {
				fail = true
				return
			}
			if c < 0 {
				r.t = q
			}
		}
		for _, e := range d {
			if e.c.sign()*sign < 0 {
				limit(p.value[e.v], e.c.abs())
			}
		}
		for i, ri := range ineqs {
			rate := rates[i]
			if sign < 0 {
				rate.n = -rate.n
			}
			if rate.sign() > 0 {
				slack := p.slack(p.rows[ri])
				if slack < 0 {
					slack = 0
				}
				limit(slack, rate)
			}
			if r.blocked {
				break
			}
		}
		if fail {
			return false
		}
	}
	// Both steps computed without overflow: compute the reach before
	// recording anything, so a late overflow leaves nothing half done.
	type reachAt struct {
		v int
		x float64
	}
	var reached []reachAt
	for si, sign := range []int{1, -1} {
		r := res[si]
		if r.blocked {
			continue
		}
		for _, e := range d {
			if e.c.sign()*sign <= 0 {
				continue
			}
			if !r.bounded {
				reached = append(reached, reachAt{e.v, math.Inf(1)})
				continue
			}
			x, ok := r.t.mul(e.c.abs())
			if !ok {
				return false
			}
			y, ok := x.sub(frac{-p.value[e.v], 1})
			if !ok {
				return false
			}
			reached = append(reached, reachAt{e.v, p.reachOfFrac(y)})
		}
	}
	for si := range res {
		if res[si].blocked {
			continue
		}
		for _, e := range d {
			p.moves[e.v] = true
		}
	}
	for _, r := range reached {
		if r.x > p.reach[r.v] {
			p.reach[r.v] = r.x
		}
	}
	return true
}

// reachOfFrac is reachOf for a frac: a float64 that is at least k only
// when x is. Both its terms exact in float64, their quotient is the
// nearest float64 to x, as big.Rat's Float64 gives it.
func (p *auditProblem) reachOfFrac(x frac) float64 {
	const exact = 1 << 53
	if x.n > exact || x.n < -exact || x.d > exact {
		return p.reachOf(big.NewRat(x.n, x.d))
	}
	f := float64(x.n) / float64(x.d)
	if k := float64(p.t.k); f >= k {
		c, ok := x.cmp(frac{p.t.k, 1})
		if !ok {
			return p.reachOf(big.NewRat(x.n, x.d))
		}
		if c < 0 {
			f = math.Nextafter(k, 0)
		}
	}
	return f
}

// subtractScaled writes qrow − f·row into merged[:0] and returns it; both
// rows are sorted by unknown, and so is the result (a term that cancels is
// left out). fresh is told each unknown the result holds that qrow did
// not, for the callers' lists of which rows hold an unknown. ok is false
// when a value overflows int64 (the caller then works in big.Rat).
func subtractScaled(merged, qrow, row fracRow, f frac, fresh func(v int)) (fracRow, bool) {
	merged = merged[:0]
	a, b := 0, 0
	for a < len(qrow) || b < len(row) {
		switch {
		case b == len(row) || (a < len(qrow) && qrow[a].v < row[b].v):
			merged = append(merged, qrow[a])
			a++
		case a == len(qrow) || row[b].v < qrow[a].v:
			fx, ok := f.mul(row[b].x)
			if !ok {
				return merged, false
			}
			merged = append(merged, fracTerm{row[b].v, frac{-fx.n, fx.d}})
			fresh(row[b].v)
			b++
		default:
			fx, ok1 := f.mul(row[b].x)
			z, ok2 := qrow[a].x.sub(fx)
			if !ok1 || !ok2 {
				return merged, false
			}
			if z.n != 0 {
				merged = append(merged, fracTerm{qrow[a].v, z})
			}
			a++
			b++
		}
	}
	return merged, true
}
