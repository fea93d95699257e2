package metrics

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// size is the factors' entry count (diagonal included).
func (f *luFactors) size() int { return len(f.diag) + len(f.lIdx) + len(f.uIdx) }

// etaEntries is the update etas' entry count.
func (lp *revised) etaEntries() int { return len(lp.etaIdx) + len(lp.etas) }

// luProgram is the revised program of three relations over x0, x1, x2
// with the given basis (columns 0–2 the unknowns, 3+i the own column of
// relation i), factorised as L·U:
//
//	relation 0: x0 + x1       (an equation)
//	relation 1:      x1 + 2x2 (an inequality)
//	relation 2: x0      − x2  (an equation)
func luProgram(t *testing.T, basis []int) *revised {
	t.Helper()
	rows := []constraint{
		{vars: []int{0, 1}, coefs: []int64{1, 1}, constant: -3, eq: true},
		{vars: []int{1, 2}, coefs: []int64{1, 2}, constant: -5},
		{vars: []int{0, 2}, coefs: []int64{1, -1}, eq: true},
	}
	p := rawProblem(11, []int64{2, 1, 2}, rows)
	lp := p.newRevised([]int{0, 1, 2}, []int{0, 1, 2}, nil)
	lp.useLU = true
	for j := range lp.where {
		lp.where[j] = -1
	}
	copy(lp.head, basis)
	for r, j := range lp.head {
		lp.where[j] = r
	}
	if err := lp.luFactor(); err != nil {
		t.Fatal(err)
	}
	return lp
}

// solve is B·x = b by the factors, x by column.
func (lp *revised) solve(b []float64) map[int]float64 {
	lp.clearWork()
	for i, v := range b {
		lp.setWork(i, v)
	}
	lp.ftran()
	x := map[int]float64{}
	for r, j := range lp.head {
		x[j] = lp.work[r]
	}
	lp.clearWork()
	return x
}

// solveT is yᵀ·B = cᵀ by the factors (c by column), y by relation.
func (lp *revised) solveT(c map[int]float64) []float64 {
	y := make([]float64, lp.m)
	for j, v := range c {
		y[lp.where[j]] = v
	}
	lp.btran(y)
	return y
}

// Worked by hand. With the three unknowns basic, B is the relations'
// matrix [[1,1,0],[0,1,2],[1,0,−1]] (determinant 1). B·x = (3, 5, 0):
// x0 = x2 from the last row, then x1 = 3 − x2 and 3 − x2 + 2x2 = 5, so
// x2 = 2, x1 = 1, x0 = 2. yᵀB = (1, 0, 0): y0 + y2 = 1, y0 + y1 = 0,
// 2y1 − y2 = 0, so y2 = 2y1, y0 = −y1 and y1 = 1: y = (−1, 1, 2).
// With x2's column swapped for relation 1's own column (a slack, the
// unit column e1): x0 + x1 = 3, x1 + s1 = 5, x0 = 0 give x0 = 0, x1 = 3,
// s1 = 2; and yᵀB = (0, 0, 1) (a cost on the slack): y1 = 1 from e1,
// then y0 + y2 = 0 and y0 + y1 = 0 give y0 = −1, y2 = 1.
func TestLUSolvesHandWorked(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
	lp := luProgram(t, []int{0, 1, 2})
	x := lp.solve([]float64{3, 5, 0})
	if !near(x[0], 2) || !near(x[1], 1) || !near(x[2], 2) {
		t.Errorf("B x = (3, 5, 0): got x = (%v, %v, %v), want (2, 1, 2)", x[0], x[1], x[2])
	}
	y := lp.solveT(map[int]float64{0: 1, 1: 0, 2: 0})
	if !near(y[0], -1) || !near(y[1], 1) || !near(y[2], 2) {
		t.Errorf("yᵀB = (1, 0, 0): got y = %v, want (−1, 1, 2)", y)
	}
	lp = luProgram(t, []int{0, 1, 4})
	x = lp.solve([]float64{3, 5, 0})
	if !near(x[0], 0) || !near(x[1], 3) || !near(x[4], 2) {
		t.Errorf("with the slack basic, B x = (3, 5, 0): got x0 %v, x1 %v, s1 %v, want 0, 3, 2", x[0], x[1], x[4])
	}
	y = lp.solveT(map[int]float64{0: 0, 1: 0, 4: 1})
	if !near(y[0], -1) || !near(y[1], 1) || !near(y[2], 1) {
		t.Errorf("with the slack basic, yᵀB = (0, 0, 1): got y = %v, want (−1, 1, 1)", y)
	}
	// x0's column (1, 0, 1) is e0 + e2: the basis x0, e0, e2 is singular.
	p := luProgram(t, []int{0, 1, 2})
	for j := range p.where {
		p.where[j] = -1
	}
	copy(p.head, []int{0, 3, 5})
	for r, j := range p.head {
		p.where[j] = r
	}
	if err := p.luFactor(); err == nil {
		t.Errorf("the columns x0, e0, e2 (x0 = e0 + e2) factorised without error")
	}
}

// The L·U factors and the product form (pivotIn) of the same bases solve
// alike: on the first bases of many random releases, every column of the
// program and a random right-hand side, forward and transposed.
func TestLUAgreesWithProductForm(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 2026))
	const k = 11
	bases, solves := 0, 0
	for bases < 300 {
		values, rows := randomRelease(r, k)
		if len(values) == 0 {
			continue
		}
		p := rawProblem(k, values, rows)
		for _, comp := range p.components() {
			rs := p.componentRows(comp)
			pf := p.newRevised(comp, rs, nil)
			lu := p.newRevised(comp, rs, nil)
			lu.useLU = true
			if err := pf.crash(); err != nil {
				continue
			}
			if err := lu.crash(); err != nil {
				t.Fatalf("release %d: the L·U factors failed where the product form did not: %v", bases, err)
			}
			bases++
			for j := 0; j < pf.n+pf.m; j++ {
				if pf.where[j] >= 0 != (lu.where[j] >= 0) {
					t.Fatalf("release %d: column %d basic in one basis only", bases, j)
				}
				if math.Abs(pf.x[j]-lu.x[j]) > 1e-9 {
					t.Fatalf("release %d: column %d at %v by the product form, %v by L·U", bases, j, pf.x[j], lu.x[j])
				}
			}
			b := make([]float64, pf.m)
			c := map[int]float64{}
			for i := range b {
				b[i] = float64(r.IntN(21) - 10)
			}
			for _, j := range pf.head {
				c[j] = float64(r.IntN(21) - 10)
			}
			xa, xb := pf.solve(b), lu.solve(b)
			for j, v := range xa {
				if math.Abs(v-xb[j]) > 1e-8*(1+math.Abs(v)) {
					t.Fatalf("release %d: B x = b gives column %d %v by the product form, %v by L·U", bases, j, v, xb[j])
				}
			}
			ya, yb := pf.solveT(c), lu.solveT(c)
			for i := range ya {
				if math.Abs(ya[i]-yb[i]) > 1e-8*(1+math.Abs(ya[i])) {
					t.Fatalf("release %d: yᵀB = c gives y%d %v by the product form, %v by L·U", bases, i, ya[i], yb[i])
				}
			}
			solves += 2
		}
	}
	t.Logf("%d bases, %d solves alike", bases, solves)
}

// The exact vertex of a fractional optimum, worked by hand: x0 + 3x1 <= 7
// and 3x0 + x1 <= 5, true values (1, 2) (both met with no room).
// Maximising x0: x1 = 0 and 3x0 <= 5 bind first (x0 + 3x1 <= 7 would
// allow 7), so the vertex is x0 = 5/3, x1 = 0, with the first relation's
// slack 7 − 5/3 = 16/3. Solved in the factors' pivot order, in int64
// rationals and in big.Rat, both give exactly 5/3 and 0.
func TestLUExactVertex(t *testing.T) {
	rows := []constraint{
		{vars: []int{0, 1}, coefs: []int64{1, 3}, constant: -7},
		{vars: []int{0, 1}, coefs: []int64{3, 1}, constant: -5},
	}
	p := rawProblem(11, []int64{1, 2}, rows)
	comp := p.components()[0]
	lp := p.newRevised(comp, p.componentRows(comp), nil)
	lp.useLU = true
	if err := lp.crash(); err != nil {
		t.Fatal(err)
	}
	if st := lp.maximize(map[int]float64{0: 1}, nil); st != revOptimal {
		t.Fatalf("max x0: status %d, want the optimum", st)
	}
	if err := lp.factor(); err != nil {
		t.Fatal(err)
	}
	x, ok := lp.exactVertex()
	if !ok || x[0] != (frac{5, 3}) || x[1] != (frac{0, 1}) {
		t.Errorf("exact vertex in int64 rationals: %v (ok %v), want 5/3 and 0", x, ok)
	}
	xb, ok := lp.exactVertexBig()
	if !ok || xb[0].Cmp(big.NewRat(5, 3)) != 0 || xb[1].Sign() != 0 {
		t.Errorf("exact vertex in big.Rat: %v (ok %v), want 5/3 and 0", xb, ok)
	}
}
