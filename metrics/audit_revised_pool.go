package metrics

// revPool keeps a revised simplex's arrays from one program to the next:
// the audit's neighbourhood programs (localAnswer) are about ten thousand
// small programs at 1M services, and allocating each one's arrays afresh
// cost a third of their time in the allocator and the collector. Every
// array is handed out cleared, as make would, so a program run from a
// pool computes exactly what it computes from fresh arrays. A nil pool
// allocates. One pool serves one program at a time (release hands the
// arrays that grow back before the next program is built).
type revPool struct {
	ints    [revIntSlots][]int
	floats  [revFloatSlots][]float64
	bools   [revBoolSlots][]bool
	buckets [][]int
	entries []revEntry
	etas    []eta
	etaIdx  []int
	etaVal  []float64
	nz      []int
}

// the pool's slots: one per array a program may hold at once
const (
	slotIn = iota
	slotColPtr
	slotColRow
	slotNext
	slotHead
	slotWhere
	slotAll
	slotStructural
	slotRowCount
	slotRowAt
	slotHeld
	slotFill
	slotNewHead
	slotCols
	revIntSlots
)

const (
	slotB = iota
	slotX
	slotColVal
	slotWork
	slotY
	slotCost
	revFloatSlots
)

const (
	slotFixed = iota
	slotMark
	slotTaken
	slotPending
	revBoolSlots
)

// revEntry is a coefficient as newRevised gathers them: row, column,
// value.
type revEntry struct {
	row, col int
	val      float64
}

func (pl *revPool) intsN(slot, n int) []int {
	if pl == nil {
		return make([]int, n)
	}
	s := pl.ints[slot]
	if cap(s) < n {
		s = make([]int, n)
	} else {
		s = s[:n]
		clear(s)
	}
	pl.ints[slot] = s
	return s
}

func (pl *revPool) floatsN(slot, n int) []float64 {
	if pl == nil {
		return make([]float64, n)
	}
	s := pl.floats[slot]
	if cap(s) < n {
		s = make([]float64, n)
	} else {
		s = s[:n]
		clear(s)
	}
	pl.floats[slot] = s
	return s
}

func (pl *revPool) boolsN(slot, n int) []bool {
	if pl == nil {
		return make([]bool, n)
	}
	s := pl.bools[slot]
	if cap(s) < n {
		s = make([]bool, n)
	} else {
		s = s[:n]
		clear(s)
	}
	pl.bools[slot] = s
	return s
}

// bucketsN is n empty lists.
func (pl *revPool) bucketsN(n int) [][]int {
	if pl == nil {
		return make([][]int, n)
	}
	for len(pl.buckets) < n {
		pl.buckets = append(pl.buckets, nil)
	}
	b := pl.buckets[:n]
	for i := range b {
		b[i] = b[i][:0]
	}
	return b
}

// keepBuckets stores the lists back (append may have moved them).
func (pl *revPool) keepBuckets(b [][]int) {
	if pl != nil {
		copy(pl.buckets, b)
	}
}

func (pl *revPool) entriesN(size int) []revEntry {
	if pl == nil || cap(pl.entries) < size {
		return make([]revEntry, 0, size)
	}
	return pl.entries[:0]
}

// release hands the arrays the program grew back to its pool; the
// program must not be used after.
func (lp *revised) release() {
	if pl := lp.pool; pl != nil {
		pl.etas, pl.etaIdx, pl.etaVal, pl.nz = lp.etas[:0], lp.etaIdx[:0], lp.etaVal[:0], lp.nz[:0]
		lp.pool = nil
	}
}
