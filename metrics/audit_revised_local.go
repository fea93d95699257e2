package metrics

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"runtime"
	"sync"
)

// revisedState is what one audit keeps of its neighbourhood programs
// (relaxedFoundOut): the questions asked, those answered from an earlier
// round and the counts found out; the answers worked out ahead
// (prepareRelaxed), by unknown, and the components (by root) so prepared.
type revisedState struct {
	relaxedAsked, relaxedCached, relaxedOut int
	// widerAsked and widerOut count the questions asked at widerRadius
	// (of the counts the nearer program holds at most their value) and
	// the counts those found out.
	widerAsked, widerOut int
	local                localScratch
	answers              map[int]localResult
	prepared             map[int]bool
}

// relaxedFoundOut is the question meant for a count of a component too
// large for the audit's programs, before the intervals answer: a count of
// 0 or of k or more that the relations within two relations of it
// already pin is disclosed (localFoundOut). Only those counts, and only
// those in an inequality with no room, are asked: every count found so
// on sample_data and at 1M services was one (engagement and
// first-service denominators of 11 to 20, see docs/AUDIT-FINDINGS.md).
// bounded asks it where the intervals would otherwise call the count free.
//
// A count of k or more that the program at radius 2 holds at most its
// value (its maximum is its value, its minimum lower) is asked again at
// widerRadius: at 1M services 108 of the 109 counts so held in the
// audit's rounds were pinned there, among them the Peer Bridger
// denominators the whole program found out, against 10 of the 269 held
// at least their value (docs/AUDIT-FINDINGS.md). Knowing that needs no
// more than the question already asks (its maximum is sought first), and
// few counts are so held (0 to 31 a round), so the wider programs (some
// 300 unknowns) stay few. A count held only from below is not asked
// wider: the known limit.
func (p *auditProblem) relaxedFoundOut(v int, few bool) bool {
	if !p.asked(v, few) {
		return false
	}
	if p.rev.answers == nil {
		p.rev.answers = map[int]localResult{}
		p.rev.prepared = map[int]bool{}
	}
	if r := p.find(v); !p.rev.prepared[r] {
		p.rev.prepared[r] = true
		p.prepareRelaxed(r)
	}
	var out bool
	if a, ok := p.rev.answers[v]; ok {
		delete(p.rev.answers, v)
		if p.t.auditCache == nil {
			p.t.auditCache = map[[32]byte][]finding{}
		}
		p.rev.relaxedAsked++
		if a.cached {
			p.rev.relaxedCached++
		} else {
			p.remember(v, a.sig, a.out, a.held)
		}
		out = a.out
		if a.held {
			p.rev.widerAsked++
			if a.wider.cached {
				p.rev.relaxedCached++
			} else {
				p.remember(v, a.wider.sig, a.wider.out, false)
			}
			out = a.wider.out
			if out {
				p.rev.widerOut++
			}
		}
	} else {
		var held bool
		out, held = p.localFoundOut(v, few, 2)
		if held {
			p.rev.widerAsked++
			out, _ = p.localFoundOut(v, few, widerRadius)
			if out {
				p.rev.widerOut++
			}
		}
	}
	if out {
		p.rev.relaxedOut++
	}
	return out
}

// localResult is a question's answer worked out ahead (prepareRelaxed):
// at radius 2, and at widerRadius when held.
type localResult struct {
	sig               [32]byte
	out, held, cached bool
	wider             *localResult
}

// widerRadius is the radius a count held at most its value at radius 2 is
// asked again at (relaxedFoundOut).
const widerRadius = 3

// prepareRelaxed answers ahead, on two cores, the questions the audit
// will ask relaxedFoundOut of the component whose root is r, when it is
// larger than maxExact: every count of 0 or of k or more, in an
// inequality with no room, that no point has freed (as in an earlier
// round or in this one: above maxExact no program seeks points, so none
// frees it later) and whose interval does not pin it. Each answer
// depends on the published relations alone, so the audit's decisions
// are those of asking one question at a time, in its order; the answers
// go into the cache in that order too (relaxedFoundOut).
func (p *auditProblem) prepareRelaxed(r int) {
	var asks []int
	var fews []bool
	size := 0
	for u := range p.vars {
		if p.find(u) != r {
			continue
		}
		size++
		few := small(p.value[u], p.t.k)
		if !p.active[u] || p.t.free[p.vars[u]] || p.certified(u, few) || !p.asked(u, few) {
			continue
		}
		if p.intervals != nil && (p.intervals[u][1]-p.intervals[u][0] < 1e-9 || few && p.intervals[u][1] < float64(p.t.k)) {
			continue
		}
		asks = append(asks, u)
		fews = append(fews, few)
	}
	if size <= maxExact || len(asks) == 0 {
		return
	}
	if p.t.auditCache == nil {
		p.t.auditCache = map[[32]byte][]finding{}
	}
	results := make([]localResult, len(asks))
	workers := min(runtime.NumCPU(), 2)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := &localScratch{}
			for i := w; i < len(asks); i += workers {
				a := &results[i]
				a.sig, a.out, a.held, a.cached = p.localAnswer(sc, asks[i], fews[i], 2)
				if a.held {
					wide := &localResult{}
					wide.sig, wide.out, _, wide.cached = p.localAnswer(sc, asks[i], fews[i], widerRadius)
					a.wider = wide
				}
			}
		}()
	}
	wg.Wait()
	for i, u := range asks {
		p.rev.answers[u] = results[i]
	}
}

// asked reports whether relaxedFoundOut asks its question of v: a count
// of 0 or of k or more in an inequality with no room (tight), or a count
// from 1 to k − 1 whose interval reaches k but stays below fewTop·k.
// Every count found out at 1M services was one: the engagement and
// first-service denominators (tight), and readmission numerators of the
// payer packets from 1 to 5 whose intervals reached 15 to 27 while the
// program keeps them below k (docs/AUDIT-FINDINGS.md); the small counts
// with wider intervals are five times as many and none was found out.
func (p *auditProblem) asked(v int, few bool) bool {
	if !few {
		return p.tight(v)
	}
	if p.intervals == nil {
		p.propagate()
	}
	return p.intervals[v][1] < fewTop*float64(p.t.k)
}

// fewTop: see asked.
const fewTop = 4

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
//
// held reports that v is of k or more, not found out, and that the
// program's maximum is its value (relaxedFoundOut asks it again wider).
func (p *auditProblem) localFoundOut(v int, few bool, radius int) (out, held bool) {
	if p.t.auditCache == nil {
		p.t.auditCache = map[[32]byte][]finding{}
	}
	sig, out, held, cached := p.localAnswer(&p.rev.local, v, few, radius)
	if radius != widerRadius {
		p.rev.relaxedAsked++ // the wider questions are counted apart
	}
	if cached {
		p.rev.relaxedCached++
		return out, held
	}
	p.remember(v, sig, out, held)
	return out, held
}

// remember keeps a local program's answer for later rounds.
func (p *auditProblem) remember(v int, sig [32]byte, out, held bool) {
	f := []finding{}
	if out {
		f = append(f, finding{p.vars[v], p.value[v] == 0})
	}
	p.t.auditCache[sig] = f
	if held {
		if p.t.auditHeld == nil {
			p.t.auditHeld = map[[32]byte]bool{}
		}
		p.t.auditHeld[sig] = true
	}
}

// localAnswer is localFoundOut's program and its answer, with its
// signature, or the answer an earlier round kept under that signature
// (cached), and whether it holds v at most its value (held, as
// localFoundOut). It changes nothing but sc, so questions with a scratch
// each may run at once.
func (p *auditProblem) localAnswer(sc *localScratch, v int, few bool, radius int) (sig [32]byte, out, held, cached bool) {
	// The walk marks unknowns and relations with a stamp per question in
	// arrays kept across questions (a map per question cost most of the
	// audit's time at 1M services).
	if len(sc.varStamp) != len(p.vars) || len(sc.rowStamp) != len(p.rows) {
		sc.varStamp = make([]uint32, len(p.vars))
		sc.varAt = make([]int32, len(p.vars))
		sc.rowStamp = make([]uint32, len(p.rows))
		sc.stamp = 0
	}
	sc.stamp++
	stamp := sc.stamp
	vars := append(sc.vars[:0], v)
	sc.varStamp[v], sc.varAt[v] = stamp, 0
	lo := 0
	for r := 0; r < radius; r++ {
		hi := len(vars)
		for _, u := range vars[lo:hi] {
			for _, ri := range p.rowsOfVar[u] {
				for _, w := range p.rows[ri].vars {
					if sc.varStamp[w] != stamp {
						sc.varStamp[w], sc.varAt[w] = stamp, int32(len(vars))
						vars = append(vars, w)
					}
				}
			}
		}
		lo = hi
	}
	sc.vars = vars
	sub := &auditProblem{t: p.t}
	terms := sc.terms[:0]
	coefs := sc.coefs[:0]
	spans := sc.spans[:0]
	for _, u := range vars {
		for _, ri := range p.rowsOfVar[u] {
			if sc.rowStamp[ri] == stamp {
				continue
			}
			sc.rowStamp[ri] = stamp
			c := p.rows[ri]
			whole := true
			for _, w := range c.vars {
				if sc.varStamp[w] != stamp {
					whole = false
					break
				}
			}
			if !whole {
				continue
			}
			for j, w := range c.vars {
				terms = append(terms, int(sc.varAt[w]))
				coefs = append(coefs, c.coefs[j])
			}
			spans = append(spans, localSpan{ri, len(c.vars)})
		}
	}
	sc.terms, sc.coefs, sc.spans = terms, coefs, spans
	if cap(sc.subRows) < len(spans) {
		sc.subRows = make([]constraint, len(spans))
	}
	sub.rows = sc.subRows[:len(spans)]
	at := 0
	for i, sp := range spans {
		c := p.rows[sp.at]
		sub.rows[i] = constraint{eq: c.eq, constant: c.constant, vars: terms[at : at+sp.n : at+sp.n], coefs: coefs[at : at+sp.n : at+sp.n]}
		at += sp.n
	}
	// The same relations around the same count (shown figures, hidden
	// counts and their values) are the same program: a later audit round
	// takes its answer from the tables' cache, under a key no component's
	// signature shares.
	sig = p.localSignature(sc, v, few, radius, vars, sub.rows)
	if f, ok := p.t.auditCache[sig]; ok {
		return sig, len(f) > 0, p.t.auditHeld[sig], true
	}
	// the program's unknowns: those the kept relations join to v (the
	// revised simplex reads only the relations, the values and k)
	sub.value = sc.value[:0]
	sub.parent = sc.parent[:0]
	for i, u := range vars {
		sub.value = append(sub.value, p.value[u])
		sub.parent = append(sub.parent, i)
	}
	sc.value, sc.parent = sub.value, sub.parent
	for _, c := range sub.rows {
		for _, w := range c.vars {
			sub.union(c.vars[0], w)
		}
	}
	comp, rows := sc.comp[:0], sc.rows[:0]
	defer func() { sc.comp, sc.rows = comp, rows }()
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
	lp := sub.newRevisedFrom(&sc.pool, comp, rows, nil)
	defer lp.release()
	out = lp.crash() == nil
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
		if sign > 0 && out && !few {
			held = true
		}
	}
	held = held && !out
	return sig, out, held, false
}

// localSignature identifies localFoundOut's program: the question, then
// each unknown (its cell, part and value) and each relation kept (kind,
// constant, terms by place).
func (p *auditProblem) localSignature(sc *localScratch, v int, few bool, radius int, vars []int, rows []constraint) [32]byte {
	buf := sc.sig[:0]
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
	sc.sig = buf
	return sha256.Sum256(buf)
}

// localScratch is what localFoundOut reuses from one question to the
// next: a stamp per unknown and relation (the question's number when
// reached), each unknown's place in the question's program, and the
// buffers the program and its signature are built in.
type localScratch struct {
	varStamp, rowStamp []uint32
	varAt              []int32
	stamp              uint32
	vars, terms        []int
	comp, rows, parent []int
	value              []int64
	coefs              []int64
	spans              []localSpan
	subRows            []constraint
	sig                []byte
	// the revised simplex's arrays
	pool revPool
}

// localSpan is a relation kept: its place in the audit's relations and
// how many terms it holds.
type localSpan struct{ at, n int }
