package metrics

import (
	"math/rand/v2"
	"testing"
)

// A later round's neighbourhood whose relation changed must be asked
// again, not answered from the cache. k = 11; v = 15, a = 0, b = 0 with
//
//	v + a = 15   (a shown total over two hidden cells)
//	a − b <= 0   (a <= b)
//	b <= S       (a shown bound; the true b = 0)
//
// With S = 0: b >= 0 gives b = 0, so a = 0 and v = 15 at its minimum and
// maximum: found out. With S = 4: a <= b <= 4, so v = 15 − a runs from
// 11 to 15: not found out. All three relations are within two relations
// of v (v, a, b), so the radius-2 program is the whole one. The rounds
// share one tables' cache, as the audit's rounds do; only S differs, so
// an answer reused under a key that left out relation constants would be
// wrong in the second round either way round.
func TestLocalCacheAsksAgainWhenAConstantChanges(t *testing.T) {
	shared := &tables{k: 11}
	round := func(s int64) *auditProblem {
		p := rawProblem(11, []int64{15, 0, 0}, []constraint{
			{vars: []int{0, 1}, coefs: []int64{1, 1}, constant: -15, eq: true},
			{vars: []int{1, 2}, coefs: []int64{1, -1}},
			{vars: []int{2}, coefs: []int64{1}, constant: -s},
		})
		p.t = shared
		return p
	}
	for i, tc := range []struct {
		s      int64
		out    bool
		cached int
	}{
		{4, false, 0},
		{0, true, 0},  // the constant changed: asked again
		{0, true, 1},  // the same program: from the cache
		{4, false, 1}, // the first round's program, kept
	} {
		p := round(tc.s)
		if got, _ := p.localFoundOut(0, false, 2); got != tc.out {
			t.Errorf("round %d, b <= %d: found out %v, want %v", i+1, tc.s, got, tc.out)
		}
		if p.rev.relaxedCached != tc.cached {
			t.Errorf("round %d, b <= %d: %d answers from the cache, want %d", i+1, tc.s, p.rev.relaxedCached, tc.cached)
		}
	}
}

// A program built from a pool that served larger and smaller programs
// before computes exactly what one built from fresh arrays does: the same
// status and the same point, bit for bit, maximising and minimising each
// unknown in turn (random releases, as TestRevisedAgreesWithDense).
func TestPooledRevisedMatchesFresh(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 2026))
	const k = 11
	pool := &revPool{}
	programs := 0
	for cases := 0; cases < 200; {
		values, rows := randomRelease(r, k)
		if len(values) == 0 {
			continue
		}
		cases++
		p := rawProblem(k, values, rows)
		for _, comp := range p.components() {
			if len(comp) > maxRelaxed {
				continue
			}
			crows := p.componentRows(comp)
			for j := range comp {
				for _, sign := range []float64{1, -1} {
					fresh := p.newRevised(comp, crows, nil)
					pooled := p.newRevisedFrom(pool, comp, crows, nil)
					ef, ep := fresh.crash(), pooled.crash()
					if (ef == nil) != (ep == nil) {
						t.Fatalf("case %d: crash %v fresh, %v pooled", cases, ef, ep)
					}
					if ef == nil {
						sf := fresh.maximize(map[int]float64{j: sign}, nil)
						sp := pooled.maximize(map[int]float64{j: sign}, nil)
						if sf != sp {
							t.Fatalf("case %d, column %d, sign %v: status %d fresh, %d pooled", cases, j, sign, sf, sp)
						}
						for c := range fresh.x {
							if fresh.x[c] != pooled.x[c] {
								t.Fatalf("case %d, column %d, sign %v: x[%d] = %v fresh, %v pooled", cases, j, sign, c, fresh.x[c], pooled.x[c])
							}
						}
						programs++
					}
					pooled.release()
				}
			}
		}
	}
	if programs < 100 {
		t.Fatalf("only %d programs compared", programs)
	}
	t.Logf("%d programs alike", programs)
}
