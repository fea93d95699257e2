package metrics

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
)

// rawProblem builds an audit problem straight from unknowns (their true
// values) and constraints, as build does from the tables.
func rawProblem(k int64, values []int64, rows []constraint) *auditProblem {
	p := &auditProblem{t: &tables{k: k}, solved: map[int]*componentProgram{}, sparse: map[int]*sparseComponent{}, large: map[int]*largeProgram{}}
	for v, x := range values {
		p.vars = append(p.vars, unknown{cell: v, part: PartNumerator})
		p.value = append(p.value, x)
		p.parent = append(p.parent, v)
	}
	p.rowsOfVar = make([][]int, len(values))
	for i, c := range rows {
		p.rows = append(p.rows, c)
		for _, v := range c.vars[1:] {
			p.union(c.vars[0], v)
		}
		for _, v := range c.vars {
			p.rowsOfVar[v] = append(p.rowsOfVar[v], i)
		}
	}
	p.active = make([]bool, len(values))
	for v := range p.active {
		p.active[v] = true
	}
	p.exactlyFixed()
	p.moves = make([]bool, len(values))
	p.reach = make([]float64, len(values))
	return p
}

func (p *auditProblem) components() [][]int {
	comps := map[int][]int{}
	for v := range p.vars {
		comps[p.find(v)] = append(comps[p.find(v)], v)
	}
	var out [][]int
	for _, c := range comps {
		out = append(out, c)
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}

// A hand-worked component: x0 + x1 = 12 (a shown quarter of 12 over two
// hidden months), x1 + x2 = 5 (a shown payer total of 5 over the second
// month's two payers), x0 <= x3 (a numerator below its hidden
// denominator), x3 + x4 = 9 (the denominators' shown sum). True values x
// = (8, 4, 1, 9, 0). The linear program: x1 = 12 − x0 and x2 = 5 − x1 =
// x0 − 7, so x0 >= 7 (x2 >= 0) and x0 <= 12 (x1 >= 0); x0 <= x3 <= 9
// (x4 >= 0): x0 runs from 7 to 9, x1 from 3 to 5, x2 from 0 to 2 and x3
// from 7 to 9 (x3 >= x0 >= 7), x4 from 0 to 2. With k = 11 every count
// from 1 to 10 has a maximum below 11: x0 (8), x1 (4), x2 (1) and x3 (9)
// are disclosed by Audit (ii) though none is fixed; x4 = 0 is free
// (minimum 0, maximum 2). With k = 3, x0 and x3 are no longer small, and
// move; x1 reaches 5 >= 3; x2 = 1 reaches only 2 < 3: disclosed.
func TestSparseSimplexHandWorked(t *testing.T) {
	values := []int64{8, 4, 1, 9, 0}
	rows := []constraint{
		{vars: []int{0, 1}, coefs: []int64{1, 1}, constant: -12, eq: true},
		{vars: []int{1, 2}, coefs: []int64{1, 1}, constant: -5, eq: true},
		{vars: []int{0, 3}, coefs: []int64{1, -1}},
		{vars: []int{3, 4}, coefs: []int64{1, 1}, constant: -9, eq: true},
	}
	for _, tc := range []struct {
		k    int64
		free []bool
	}{
		{11, []bool{false, false, false, false, true}},
		{3, []bool{true, true, false, true, true}},
	} {
		p := rawProblem(tc.k, values, rows)
		comp := p.components()
		if len(comp) != 1 {
			t.Fatalf("components: got %d, want 1", len(comp))
		}
		for v := range values {
			few := small(values[v], tc.k)
			free, solved := p.sparseFree(v, few, comp[0])
			if !solved || free != tc.free[v] {
				t.Errorf("k = %d, x%d: free %v (solved %v), want %v", tc.k, v, free, solved, tc.free[v])
			}
		}
		// The optimum itself: x0's maximum is 9 and minimum 7.
		st := p.sparse[p.find(0)]
		if hi, ok := st.tb.optimize(st.col[0], 1, func(float64) bool { return false }); !ok || hi < 9-1e-9 || hi > 9+1e-9 {
			t.Errorf("k = %d: max x0 = %v (ok %v), want 9", tc.k, hi, ok)
		}
		if lo, ok := st.tb.optimize(st.col[0], -1, func(float64) bool { return false }); !ok || lo < 7-1e-9 || lo > 7+1e-9 {
			t.Errorf("k = %d: min x0 = %v (ok %v), want 7", tc.k, lo, ok)
		}
	}
}

// randomRelease builds the audit problem of a random small release shaped
// like the real ones: payers (and the board, their sum) × programs (and
// ALL, their sum) × three months (and their quarter, their sum), each cell
// a numerator and a denominator (numerator <= denominator), some cells
// hidden. Hidden counts are unknowns; each sum with a hidden member is an
// equation, each hidden cell's numerator <= denominator an inequality.
func randomRelease(r *rand.Rand, k int64) ([]int64, []constraint) {
	return release(r, k, 2+r.IntN(2), 1+r.IntN(2), 3)
}

func bigRelease(r *rand.Rand, k int64) ([]int64, []constraint) {
	return release(r, k, 3, 5, 12)
}

func release(r *rand.Rand, k int64, payers, programs, months int) ([]int64, []constraint) {
	nScope, nProg, nTime := payers+1, programs+1, months+1
	type key struct{ s, g, m int }
	num, den := map[key]int64{}, map[key]int64{}
	maxDen := 3 + r.IntN(20)
	for s := 1; s < nScope; s++ {
		for g := 1; g < nProg; g++ {
			for m := 1; m < nTime; m++ {
				d := int64(r.IntN(maxDen))
				if r.IntN(4) == 0 {
					d = 0
				}
				n := int64(0)
				if d > 0 && r.IntN(3) > 0 {
					n = int64(r.IntN(int(d) + 1))
				}
				for _, s2 := range []int{0, s} {
					for _, g2 := range []int{0, g} {
						for _, m2 := range []int{0, m} {
							num[key{s2, g2, m2}] += n
							den[key{s2, g2, m2}] += d
						}
					}
				}
			}
		}
	}
	hidden := map[key]bool{}
	pHide := 0.2 + 0.5*r.Float64()
	for s := 0; s < nScope; s++ {
		for g := 0; g < nProg; g++ {
			for m := 0; m < nTime; m++ {
				c := key{s, g, m}
				hidden[c] = small(num[c], k) || small(den[c], k) || small(den[c]-num[c], k) || r.Float64() < pHide
			}
		}
	}
	var values []int64
	varOf := map[[2]int]int{}
	idx := func(c key) int { return (c.s*nProg+c.g)*nTime + c.m }
	term := func(c key, part int, coef int64, row *constraint) {
		x := num[c]
		if part == 1 {
			x = den[c]
		}
		if !hidden[c] {
			row.constant += coef * x
			return
		}
		id := [2]int{idx(c), part}
		v, ok := varOf[id]
		if !ok {
			v = len(values)
			values = append(values, x)
			varOf[id] = v
		}
		row.vars = append(row.vars, v)
		row.coefs = append(row.coefs, coef)
	}
	var rows []constraint
	sum := func(total key, parts []key) {
		for part := 0; part < 2; part++ {
			var row constraint
			row.eq = true
			term(total, part, 1, &row)
			for _, c := range parts {
				term(c, part, -1, &row)
			}
			if len(row.vars) > 0 {
				rows = append(rows, row)
			}
		}
	}
	for s := 0; s < nScope; s++ {
		for g := 0; g < nProg; g++ {
			for m := 0; m < nTime; m++ {
				if s == 0 {
					var parts []key
					for s2 := 1; s2 < nScope; s2++ {
						parts = append(parts, key{s2, g, m})
					}
					sum(key{0, g, m}, parts)
				}
				if g == 0 {
					var parts []key
					for g2 := 1; g2 < nProg; g2++ {
						parts = append(parts, key{s, g2, m})
					}
					sum(key{s, 0, m}, parts)
				}
				if m == 0 {
					var parts []key
					for m2 := 1; m2 < nTime; m2++ {
						parts = append(parts, key{s, g, m2})
					}
					sum(key{s, g, 0}, parts)
				}
				if c := (key{s, g, m}); hidden[c] {
					var row constraint
					term(c, 0, 1, &row)
					term(c, 1, -1, &row)
					rows = append(rows, row)
				}
			}
		}
	}
	return values, rows
}

// The sparse tableau and gonum's dense simplex decide every hidden count
// of many random releases alike: free or disclosed, for the same reason.
func TestSparseSimplexAgreesWithDense(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 2026))
	const k = 11
	cases, decided, disclosed := 0, 0, 0
	for cases < 200 {
		values, rows := randomRelease(r, k)
		if len(values) == 0 {
			continue
		}
		cases++
		dense := rawProblem(k, values, rows)
		sparse := rawProblem(k, values, rows)
		fixed := dense.fixedSet()
		for _, comp := range dense.components() {
			if len(comp) > maxRelaxed {
				continue // the dense simplex's size, as in the audit
			}
			for _, v := range comp {
				if fixed[v] {
					continue
				}
				few := small(values[v], k)
				df, dok := dense.denseFree(v, few, comp)
				sf, sok := sparse.sparseFree(v, few, comp)
				if !dok {
					continue // the dense simplex failed: nothing to compare
				}
				decided++
				if !df {
					disclosed++
				}
				if !sok || df != sf {
					t.Fatalf("case %d, unknown %d (value %d, few %v) of %d in its component: dense free %v, sparse free %v (solved %v)\n%s", cases, v, values[v], few, len(comp), df, sf, sok, describeProblem(values, rows))
				}
			}
		}
	}
	if disclosed == 0 || disclosed == decided {
		t.Fatalf("the random releases test one side only: %d of %d counts disclosed", disclosed, decided)
	}
	t.Logf("%d releases, %d counts decided alike, %d of them disclosed", cases, decided, disclosed)
}

// fixedSet is exactlyFixed's answer from the reduced rows already built.
func (p *auditProblem) fixedSet() []bool {
	fixed := make([]bool, len(p.vars))
	for q, row := range p.ratPivot() {
		fixed[q] = len(row) == 1
	}
	return fixed
}

func describeProblem(values []int64, rows []constraint) string {
	s := fmt.Sprintf("values %v\n", values)
	for _, c := range rows {
		s += fmt.Sprintf("%v·%v + %d %s 0\n", c.coefs, c.vars, c.constant, map[bool]string{true: "=", false: "<="}[c.eq])
	}
	return s
}
