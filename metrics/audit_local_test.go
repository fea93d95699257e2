package metrics

import (
	"math/big"
	"math/rand/v2"
	"sort"
	"testing"
)

// eliminate reduces equations (rows, in order, consumed) to reduced row
// echelon form as exactlyFixed does: in int64 rationals or, when they
// overflow, in big.Rat.
func eliminate(rows []ratRow) map[int]ratRow {
	if pivot, ok := eliminateSmall(rows); ok {
		return pivot
	}
	return eliminateBig(rows)
}

// eliminateSmall is eliminateFrac over rows in big.Rat (integers), its
// answer in big.Rat; ok is false when a coefficient outgrew int64.
func eliminateSmall(rows []ratRow) (map[int]ratRow, bool) {
	n := 0
	in := make([]fracRow, 0, len(rows))
	for _, r := range rows {
		var row fracRow
		for j, x := range r {
			if !x.IsInt() || !x.Num().IsInt64() {
				return nil, false
			}
			row = append(row, fracTerm{j, frac{x.Num().Int64(), 1}})
			n = max(n, j+1)
		}
		sort.Slice(row, func(a, b int) bool { return row[a].v < row[b].v })
		in = append(in, row)
	}
	reduced, ok := eliminateFrac(in, n)
	if !ok {
		return nil, false
	}
	return ratRows(reduced), true
}

// chainedCore builds a component of 3 + 45 unknowns: a core where v = x0
// and a = x1, b = x2 hold v + a = total and v + b = total (two shown sums
// of total over hidden cells) and a + b >= least (a distinct count's
// lower bound: −a − b + least <= 0), and a chain tying a to 45 more
// unknowns, a + c1 = 30, c1 + c2 = 40, c2 + c3 = 40, …: each c moves with
// a (c1 = 30 − a, c2 = 10 + a, c3 = 30 − a, …) and stays above 0 while a
// runs from 0 to 30, so the chain leaves the core's bounds as they are
// and only makes the component larger than maxRelaxed.
func chainedCore(total, least int64) (*auditProblem, []int64) {
	v, a := int64(5), total-5
	values := []int64{v, a, a}
	rows := []constraint{
		{vars: []int{0, 1}, coefs: []int64{1, 1}, constant: -total, eq: true},
		{vars: []int{0, 2}, coefs: []int64{1, 1}, constant: -total, eq: true},
		{vars: []int{1, 2}, coefs: []int64{-1, -1}, constant: least},
	}
	values, rows = withChain(values, rows, 1)
	return rawProblem(11, values, rows), values
}

// withChain appends a chain of 45 shown sums from unknown from: the first
// link from + c = 30, each next one c + c' = 40, every new unknown at the
// value its sum gives. It only makes the component larger than
// maxRelaxed (and maxExact when a test lowers it to maxRelaxed).
func withChain(values []int64, rows []constraint, from int) ([]int64, []constraint) {
	prev, prevValue, sum := from, values[from], int64(30)
	for i := 0; i < 45; i++ {
		c := len(values)
		values = append(values, sum-prevValue)
		rows = append(rows, constraint{vars: []int{prev, c}, coefs: []int64{1, 1}, constant: -sum, eq: true})
		prev, prevValue, sum = c, sum-prevValue, 40
	}
	return values, rows
}

// largeComponent is p's one component, which must be above maxExact.
func largeComponent(t *testing.T, p *auditProblem, name string) []int {
	t.Helper()
	comp := p.components()
	if len(comp) != 1 || len(comp[0]) <= maxExact {
		t.Fatalf("%swant one component above %d unknowns, got %d components (first %d)", name, maxExact, len(comp), len(comp[0]))
	}
	return comp[0]
}

// A hidden count of 5 in a component above maxRelaxed whose linear
// program's maximum is below k although its interval reaches k: v + a =
// 12 and v + b = 12 give a = b = 12 − v, and a + b >= 10 then gives 24 −
// 2v >= 10, v <= 7 (the program's maximum, at a = b = 5). Interval
// propagation takes one relation at a time: a and b each lie in [0, 12],
// a + b >= 10 narrows neither (each is >= 10 − 12 < 0), so v's interval
// stays [0, 12], which reaches 11: the audit before this change called v
// free. It is disclosed by Audit (ii) (a value from 1 to 10 whose maximum
// is below 11).
func TestAuditLargeComponentDisclosesBelowK(t *testing.T) {
	p, values := chainedCore(12, 10)
	comp := p.components()
	if len(comp) != 1 || len(comp[0]) <= maxRelaxed || len(comp[0]) > maxExact {
		t.Fatalf("want one component of %d to %d unknowns, got %d components (first %d)", maxRelaxed+1, maxExact, len(comp), len(comp[0]))
	}
	p.propagate()
	if lo, hi := p.intervals[0][0], p.intervals[0][1]; hi < 11 || hi-lo < 1e-9 {
		t.Fatalf("v's interval is [%v, %v]: the case needs one that reaches k and pins nothing", lo, hi)
	}
	// Above maxExact the neighbourhood's program answers first: v's
	// interval [0, 12] is below 4k, so it is asked, and the three core
	// relations (all within two of v) keep v at most 7: disclosed, where
	// the intervals alone called it free (unproven).
	saved := maxExact
	maxExact = maxRelaxed
	free, unproven := p.bounded(0, small(values[0], 11), comp[0])
	maxExact = saved
	if free || unproven || p.rev.relaxedOut != 1 {
		t.Fatalf("above maxExact: free %v, unproven %v, found out by the neighbourhood %d; want disclosed by it", free, unproven, p.rev.relaxedOut)
	}
	p, values = chainedCore(12, 10)
	free, unproven = p.bounded(0, small(values[0], 11), p.components()[0])
	if free || unproven {
		t.Fatalf("with the component's program: free %v, unproven %v; want disclosed (its maximum is 7)", free, unproven)
	}
	if p.nUnproven != 0 {
		t.Errorf("%d counts disclosed without proof; want the program's optimum", p.nUnproven)
	}
}

// The same component with v + a = v + b = 20 and a + b >= 10: v <= 15,
// which reaches 11, so v (5) is free, and the audit must say so with a
// point checked exactly (v = 11 or more, a = b = 20 − v >= 5, the chain
// following a).
func TestAuditLargeComponentFreeByCheckedPoint(t *testing.T) {
	p, values := chainedCore(20, 10)
	free, unproven := p.bounded(0, small(values[0], 11), p.components()[0])
	if !free || unproven {
		t.Fatalf("free %v, unproven %v; want free, proven by a point", free, unproven)
	}
	if p.nChecked == 0 || p.nCheckFailed != 0 {
		t.Errorf("points checked exactly: %d, failed: %d; want at least one, none failed", p.nChecked, p.nCheckFailed)
	}
	if p.reach[0] < 11 {
		t.Errorf("the point takes v to %v; want 11 or more", p.reach[0])
	}
}

// A point is a certificate only if it holds every relation exactly: one
// a rounding off (v = 11, a = 9.0000001) fails; the exact one (v = 11, a
// = 9, b = 9, the chain from a) passes.
func TestExactPointChecksEveryRelation(t *testing.T) {
	p, values := chainedCore(20, 10)
	vars := p.components()[0]
	in := map[int]int{}
	for i, u := range vars {
		in[u] = i
	}
	rows := p.componentRows(vars)
	x := make([]float64, len(vars))
	// v = 11: a = b = 9, c1 = 30 − 9 = 21, c2 = 40 − 21 = 19, c3 = 21, …
	exact := []int64{11, 9, 9}
	prev, sum := int64(9), int64(30)
	for i := 3; i < len(values); i++ {
		exact = append(exact, sum-prev)
		prev, sum = sum-prev, 40
	}
	for i, u := range vars {
		x[i] = float64(exact[u])
	}
	if _, ok := p.exactPoint(vars, rows, in, x); !ok {
		t.Fatal("the exact point v = 11, a = b = 9 failed the check")
	}
	x[in[1]] = 9.0001
	if _, ok := p.exactPoint(vars, rows, in, x); ok {
		t.Fatal("a point with a = 9.0001 (v + a = 20.0001) passed the check")
	}
	x[in[1]] = 9
	x[in[2]] = 4 // a + b = 13 >= 10 holds, but v + b = 15, not 20
	if _, ok := p.exactPoint(vars, rows, in, x); ok {
		t.Fatal("a point off v + b = 20 passed the check")
	}
}

// snap recovers a rational of small denominator from its rounding.
func TestSnap(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want *big.Rat
	}{
		{2.0 / 3.0, big.NewRat(2, 3)},
		{11 - 1e-12, big.NewRat(11, 1)},
		{1e-12, big.NewRat(0, 1)},
		{-7.0 / 4.0, big.NewRat(-7, 4)},
	} {
		if got := snap(c.x); got.Cmp(c.want) != 0 {
			t.Errorf("snap(%v) = %v, want %v", c.x, got, c.want)
		}
	}
}

// The int64 elimination gives the same reduced rows as the big.Rat one on
// many random releases, and gives up (for big.Rat to take over) when a
// coefficient outgrows int64.
func TestEliminateSmallAgreesWithBig(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 2026))
	compared := 0
	for cases := 0; cases < 300; cases++ {
		_, rows := randomRelease(r, 11)
		build := func() []ratRow {
			var out []ratRow
			for _, c := range rows {
				if c.eq {
					out = append(out, ratRowOf(c, nil))
				}
			}
			return out
		}
		small, ok := eliminateSmall(build())
		if !ok {
			continue
		}
		big := eliminateBig(build())
		if len(small) != len(big) {
			t.Fatalf("case %d: %d pivots in int64, %d in big.Rat", cases, len(small), len(big))
		}
		for q, row := range big {
			srow := small[q]
			if len(srow) != len(row) {
				t.Fatalf("case %d, pivot %d: rows differ: %v and %v", cases, q, srow, row)
			}
			for j, x := range row {
				if srow[j] == nil || srow[j].Cmp(x) != 0 {
					t.Fatalf("case %d, pivot %d, unknown %d: %v in int64, %v in big.Rat", cases, q, j, srow[j], x)
				}
			}
		}
		compared++
	}
	if compared < 250 {
		t.Fatalf("only %d of 300 releases compared", compared)
	}
	// x0 + 2^40·x1 = 0 and x1 + 2^40·x2 = 0: reducing the first by the
	// second gives x0 − 2^80·x2, beyond int64.
	rows := []ratRow{{0: big.NewRat(1, 1), 1: big.NewRat(1<<40, 1)}, {1: big.NewRat(1, 1), 2: big.NewRat(1<<40, 1)}}
	if _, ok := eliminateSmall(rows); ok {
		t.Fatal("a coefficient of 2^80 passed in int64")
	}
	got := eliminate(rows)
	want := new(big.Rat).Mul(big.NewRat(1<<40, 1), big.NewRat(-(1<<40), 1))
	if x := got[0][2]; x == nil || x.Cmp(want) != 0 {
		t.Fatalf("x0's row holds %v for x2, want −2^80 = %v", x, want)
	}
}

// The directions' steps in int64 rationals find the same moves and reaches
// as in big.Rat on many random releases.
func TestDirectionsSmallAgreesWithBig(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 2026))
	moved := 0
	for cases := 0; cases < 300; cases++ {
		values, rows := randomRelease(r, 11)
		if len(values) == 0 {
			continue
		}
		small := rawProblem(11, values, rows)
		small.directions()
		directionsInFrac = false
		big := rawProblem(11, values, rows)
		big.directions()
		directionsInFrac = true
		for v := range values {
			if small.moves[v] != big.moves[v] || small.reach[v] != big.reach[v] {
				t.Fatalf("case %d, unknown %d: moves %v reach %v in int64; moves %v reach %v in big.Rat\n%s", cases, v, small.moves[v], small.reach[v], big.moves[v], big.reach[v], describeProblem(values, rows))
			}
			if big.moves[v] {
				moved++
			}
		}
	}
	if moved == 0 {
		t.Fatal("no unknown moved: the comparison tests nothing")
	}
}

// The int64 elimination gives big.Rat's reduced rows on random sparse
// equations with coefficients from −3 to 3 (an unknown may appear twice
// in one, its terms summed), whose reductions take fractions: the rows
// reduce to one form whatever the order of the arithmetic.
func TestEliminateFracAgreesWithBig(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 2026))
	compared, fractional := 0, 0
	for cases := 0; cases < 400; cases++ {
		n := 2 + r.IntN(30)
		var cs []constraint
		for i := 0; i < 1+r.IntN(2*n); i++ {
			var c constraint
			c.eq = true
			for j := 0; j < 1+r.IntN(5); j++ {
				c.vars = append(c.vars, r.IntN(n))
				c.coefs = append(c.coefs, int64(r.IntN(7)-3))
			}
			cs = append(cs, c)
		}
		build := func() []ratRow {
			var out []ratRow
			for _, c := range cs {
				out = append(out, ratRowOf(c, nil))
			}
			return out
		}
		small, ok := eliminateSmall(build())
		if !ok {
			continue
		}
		big := eliminateBig(build())
		if len(small) != len(big) {
			t.Fatalf("case %d: %d pivots in int64, %d in big.Rat", cases, len(small), len(big))
		}
		for q, row := range big {
			srow := small[q]
			if len(srow) != len(row) {
				t.Fatalf("case %d, pivot %d: rows differ: %v and %v", cases, q, srow, row)
			}
			for j, x := range row {
				if srow[j] == nil || srow[j].Cmp(x) != 0 {
					t.Fatalf("case %d, pivot %d, unknown %d: %v in int64, %v in big.Rat", cases, q, j, srow[j], x)
				}
				if !x.IsInt() {
					fractional++
				}
			}
		}
		compared++
	}
	if compared < 350 || fractional == 0 {
		t.Fatalf("%d of 400 systems compared, %d fractional coefficients: the comparison tests too little", compared, fractional)
	}
}

// exactPointFrac decides as exactPoint (big.Rat) does on points near the
// true values of random releases: the true values themselves (which hold),
// small rational moves of them (which mostly break an equation) and
// negative coordinates.
func TestExactPointFracAgreesWithBig(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 2026))
	held, failed := 0, 0
	for cases := 0; cases < 300; cases++ {
		values, rows := randomRelease(r, 11)
		if len(values) == 0 {
			continue
		}
		p := rawProblem(11, values, rows)
		for _, comp := range p.components() {
			in := map[int]int{}
			for i, u := range comp {
				in[u] = i
			}
			crows := p.componentRows(comp)
			for try := 0; try < 4; try++ {
				x := make([]float64, len(comp))
				for i, u := range comp {
					x[i] = float64(values[u])
					if try > 0 && r.IntN(3) == 0 {
						x[i] += float64(r.IntN(7)-3) / float64(1+r.IntN(4))
					}
				}
				fx, holds, decided := p.exactPointFrac(comp, crows, in, x)
				bx, ok := p.exactPoint(comp, crows, in, x)
				if !decided {
					t.Fatalf("case %d: a point of small rationals was left to big.Rat", cases)
				}
				if holds != ok {
					t.Fatalf("case %d: the point %v holds %v in int64, %v in big.Rat\n%s", cases, x, holds, ok, describeProblem(values, rows))
				}
				if !ok {
					failed++
					continue
				}
				held++
				for i := range comp {
					if big.NewRat(fx[i].n, fx[i].d).Cmp(bx[i]) != 0 || p.reachOfFrac(fx[i]) != p.reachOf(bx[i]) {
						t.Fatalf("case %d: coordinate %d is %v in int64, %v in big.Rat", cases, i, fx[i], bx[i])
					}
				}
			}
		}
	}
	if held == 0 || failed == 0 {
		t.Fatalf("%d points held and %d failed: the comparison tests one side only", held, failed)
	}
}

// reachOfFrac gives reachOf's float64 for rationals around k, and for
// ones whose terms are too large for float64 to hold exactly.
func TestReachOfFracAgreesWithBig(t *testing.T) {
	p := rawProblem(11, nil, nil)
	r := rand.New(rand.NewPCG(17, 2026))
	for i := 0; i < 20000; i++ {
		// small denominators; the largest whose n/d near 11 float64
		// still holds exactly (the closest to 11 a quotient gets there);
		// too large for it
		d := int64(1 + r.IntN(1000))
		switch r.IntN(4) {
		case 0:
			d = int64(1)<<53 + int64(r.IntN(1000))
		case 1:
			d = int64(1)<<53/11 - int64(r.IntN(1000))
		}
		n := 11*d + int64(r.IntN(21)) - 10
		x, ok := fracOf(n, d)
		if !ok {
			continue
		}
		if got, want := p.reachOfFrac(x), p.reachOf(big.NewRat(x.n, x.d)); got != want {
			t.Fatalf("%d/%d: %v in int64, %v in big.Rat", x.n, x.d, got, want)
		}
	}
}
