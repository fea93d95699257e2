package metrics

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
)

// relaxedFoundOut is the question meant for a count of a component too
// large for the audit's programs, before the intervals answer: a count of
// 0 or of k or more that the relations within two relations of it
// already pin is disclosed (localFoundOut). Only those counts, and only
// those in an inequality with no room, are asked: every count found so
// on sample_data and at 1M services was one (engagement and
// first-service denominators of 11 to 20, see docs/AUDIT-FINDINGS.md).
// bounded asks it where the intervals would otherwise call the count free.
func (p *auditProblem) relaxedFoundOut(v int, few bool) bool {
	if few || !p.tight(v) || !p.localFoundOut(v, few, 2) {
		return false
	}
	p.rev.relaxedOut++
	return true
}

// tight reports whether v is in an inequality its true values meet with
// no room: a count all of whose inequalities have room moves along the
// equations unless something further away stops it, and none of the
// counts found out here was such (sample_data, 1M services); asking only
// the tight ones halves the questions at 1M.
func (p *auditProblem) tight(v int) bool {
	for _, ri := range p.rowsOfVar[v] {
		if c := p.rows[ri]; !c.eq && p.slack(c) <= 0 {
			return true
		}
	}
	return false
}

// localFoundOut decides, for a count of a large component, whether a
// relaxation of the component's program already finds it out: the
// relations wholly among the unknowns within radius relations of v. Any
// subset of the relations bounds a larger region (the component's points,
// restricted to those unknowns, satisfy every relation kept), so when the
// smaller program pins v, or keeps a small v below k, the whole one does
// too: a disclosure, proven. The converse proves nothing (the kept
// relations may leave v free where the others do not), and the caller
// keeps its answer. The program is the revised simplex's, on a component
// of about a hundred unknowns at radius 2, run in floating point as the
// other programs that find counts out.
func (p *auditProblem) localFoundOut(v int, few bool, radius int) bool {
	in := map[int]int{v: 0}
	vars := []int{v}
	frontier := []int{v}
	for r := 0; r < radius; r++ {
		var next []int
		for _, u := range frontier {
			for _, ri := range p.rowsOfVar[u] {
				for _, w := range p.rows[ri].vars {
					if _, ok := in[w]; !ok {
						in[w] = len(vars)
						vars = append(vars, w)
						next = append(next, w)
					}
				}
			}
		}
		frontier = next
	}
	sub := &auditProblem{t: p.t}
	seen := map[int]bool{}
	for _, u := range vars {
		for _, ri := range p.rowsOfVar[u] {
			if seen[ri] {
				continue
			}
			seen[ri] = true
			c := p.rows[ri]
			kept := constraint{eq: c.eq, constant: c.constant}
			for j, w := range c.vars {
				i, ok := in[w]
				if !ok {
					kept.vars = nil
					break
				}
				kept.vars = append(kept.vars, i)
				kept.coefs = append(kept.coefs, c.coefs[j])
			}
			if kept.vars != nil {
				sub.rows = append(sub.rows, kept)
			}
		}
	}
	// The same relations around the same count (shown figures, hidden
	// counts and their values) are the same program: a later audit round
	// takes its answer from the tables' cache, under a key no component's
	// signature shares.
	sig := p.localSignature(v, few, radius, vars, sub.rows)
	if p.t.auditCache == nil {
		p.t.auditCache = map[[32]byte][]finding{}
	}
	p.rev.relaxedAsked++
	if f, ok := p.t.auditCache[sig]; ok {
		p.rev.relaxedCached++
		return len(f) > 0
	}
	n := len(vars)
	sub.value = make([]int64, n)
	sub.parent = make([]int, n)
	sub.rowsOfVar = make([][]int, n)
	sub.moves = make([]bool, n)
	sub.reach = make([]float64, n)
	for i, u := range vars {
		sub.value[i] = p.value[u]
		sub.parent[i] = i
		sub.reach[i] = float64(p.value[u])
	}
	for ri, c := range sub.rows {
		for _, w := range c.vars {
			sub.union(c.vars[0], w)
			sub.rowsOfVar[w] = append(sub.rowsOfVar[w], ri)
		}
	}
	var comp, rows []int
	for i := range vars {
		if sub.find(i) == sub.find(0) {
			comp = append(comp, i)
		}
	}
	for ri, c := range sub.rows {
		if sub.find(c.vars[0]) == sub.find(0) {
			rows = append(rows, ri)
		}
	}
	// Only the optimum speaks here (a point that frees v in the
	// relaxation need not be a point of the whole program), so no point
	// is checked: v is found out when its program's optimum cannot move
	// it (or, when few, take it to k) either way.
	lp := sub.newRevised(comp, rows, nil)
	out := lp.crash() == nil
	value, k := float64(sub.value[0]), float64(p.t.k)
	const eps = lpTolerance
	for _, sign := range []float64{1, -1} {
		if !out {
			break
		}
		var enough func() bool
		if few {
			if sign < 0 {
				break
			}
			enough = func() bool { return lp.x[0] >= k-eps }
		} else {
			enough = func() bool { return math.Abs(lp.x[0]-value) > eps }
		}
		out = lp.maximize(map[int]float64{0: sign}, enough) == revOptimal
	}
	f := []finding{}
	if out {
		f = append(f, finding{p.vars[v], p.value[v] == 0})
	}
	p.t.auditCache[sig] = f
	return out
}

// localSignature identifies localFoundOut's program: the question, then
// each unknown (its cell, part and value) and each relation kept (kind,
// constant, terms by place).
func (p *auditProblem) localSignature(v int, few bool, radius int, vars []int, rows []constraint) [32]byte {
	h := sha256.New()
	buf := make([]byte, 0, 64*len(rows)+32*len(vars)+32)
	put := func(x int64) { buf = binary.LittleEndian.AppendUint64(buf, uint64(x)) }
	buf = append(buf, "local relaxation"...)
	put(int64(radius))
	if few {
		put(1)
	} else {
		put(0)
	}
	put(int64(len(vars)))
	for _, u := range vars {
		put(int64(p.vars[u].cell))
		buf = append(buf, p.vars[u].part...)
		put(p.value[u])
	}
	for _, c := range rows {
		if c.eq {
			put(1)
		} else {
			put(0)
		}
		put(c.constant)
		put(int64(len(c.vars)))
		for j, w := range c.vars {
			put(int64(w))
			put(c.coefs[j])
		}
	}
	h.Write(buf)
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}
