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

// eliminateSmall is eliminate in frac arithmetic: the same steps in the
// same order, so the same reduced rows; ok is false when a coefficient
// outgrew int64 (rows are left as they were).
func eliminateSmall(rows []ratRow) (map[int]ratRow, bool) {
	type sparse = map[int]frac
	pivot := map[int]sparse{}
	holders := map[int]map[int]bool{}
	hold := func(q int, row sparse) {
		for j := range row {
			if holders[j] == nil {
				holders[j] = map[int]bool{}
			}
			holders[j][q] = true
		}
	}
	sub := func(row sparse, f frac, other sparse, q int) bool {
		for j, x := range other {
			y, ok := row[j]
			if !ok {
				y = frac{0, 1}
			}
			fx, ok1 := f.mul(x)
			z, ok2 := y.sub(fx)
			if !ok1 || !ok2 {
				return false
			}
			if z.n == 0 {
				delete(row, j)
				if q >= 0 {
					delete(holders[j], q)
				}
				continue
			}
			row[j] = z
			if q >= 0 {
				if holders[j] == nil {
					holders[j] = map[int]bool{}
				}
				holders[j][q] = true
			}
		}
		return true
	}
	for _, in := range rows {
		row := make(sparse, len(in))
		for j, x := range in {
			if !x.IsInt() || !x.Num().IsInt64() {
				return nil, false
			}
			row[j] = frac{x.Num().Int64(), 1}
		}
		var cols []int
		for j := range row {
			cols = append(cols, j)
		}
		sort.Ints(cols)
		for _, j := range cols {
			if prow, ok := pivot[j]; ok {
				if f, ok := row[j]; ok {
					if !sub(row, f, prow, -1) {
						return nil, false
					}
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
		inv, ok := row[pc].inv()
		if !ok {
			return nil, false
		}
		for j, x := range row {
			y, ok := x.mul(inv)
			if !ok {
				return nil, false
			}
			row[j] = y
		}
		var others []int
		for q := range holders[pc] {
			others = append(others, q)
		}
		sort.Ints(others)
		for _, q := range others {
			qrow := pivot[q]
			if f, ok := qrow[pc]; ok {
				if !sub(qrow, f, row, q) {
					return nil, false
				}
			}
		}
		pivot[pc] = row
		hold(pc, row)
	}
	out := make(map[int]ratRow, len(pivot))
	for q, row := range pivot {
		r := make(ratRow, len(row))
		for j, x := range row {
			r[j] = big.NewRat(x.n, x.d)
		}
		out[q] = r
	}
	return out, true
}

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
	at := make(map[int]frac, len(hs)+1)
	d = append(d, entry{f, frac{1, 1}})
	at[f] = frac{1, 1}
	for _, q := range hs {
		c, ok := fracOfRat(p.pivot[q][f])
		if !ok {
			return false
		}
		c.n = -c.n
		d = append(d, entry{q, c})
		at[q] = c
	}
	ineqs := p.inequalityRows(append([]int{f}, hs...))
	// rates: each inequality's rate along d (sign +1), computed once.
	rates := make([]frac, len(ineqs))
	for i, ri := range ineqs {
		c := p.rows[ri]
		rate := frac{0, 1}
		for j, w := range c.vars {
			x, ok := at[w]
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
			reached = append(reached, reachAt{e.v, p.reachOf(big.NewRat(y.n, y.d))})
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
