package metrics

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// sequentialResample is the bootstrap drawn the plain way: one generator,
// rand.New(rand.NewPCG(seed, 0)).IntN for each person of each group of each
// resample in turn. The runs of resampleRun must give the same values.
func sequentialResample(seed int64, reps int, groups [][]personWindows, stats []statistic) [][]float64 {
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	values := make([][]float64, len(stats))
	totals := make([]groupTotals, len(groups))
	for range reps {
		for g, people := range groups {
			var t groupTotals
			for range people {
				t.addTimes(people[rng.IntN(len(people))], 1)
			}
			totals[g] = t
		}
		for i, s := range stats {
			if v, ok := s.of(totals); ok {
				values[i] = append(values[i], v)
			}
		}
	}
	return values
}

func TestSkipAhead(t *testing.T) {
	for _, steps := range []uint64{0, 1, 2, 3, 64, 1000, 12345} {
		want := rand.NewPCG(9, 0)
		for range steps {
			want.Uint64()
		}
		got := newPCG(9)
		got.skip(steps)
		if a, b := got.next(), want.Uint64(); a != b {
			t.Errorf("skip %d: got next number %d, want %d", steps, a, b)
		}
	}
}

func TestPCGMatchesRand(t *testing.T) {
	// n of 1, a power of two, small odd sizes and 5·2^60, where 2^64 mod n
	// is 2^60, so that about one number in 16 is rejected and drawn again.
	for _, n := range []uint64{1, 2, 64, 3, 7, 170_000, 5 << 60} {
		want := rand.New(rand.NewPCG(4, 0))
		got := newPCG(4)
		rejected := false
		for i := range 2000 {
			v, lo := pick(got.next(), n)
			if lo < n {
				var ok bool
				v, ok = got.unbiased(n, v, lo)
				rejected = rejected || !ok
			}
			if w := uint64(want.IntN(int(n))); v != w {
				t.Fatalf("n = %d, draw %d: got %d, want %d", n, i, v, w)
			}
		}
		if n == 5<<60 && !rejected {
			t.Errorf("n = %d: no number rejected in 2000 draws, want about 125", n)
		}
	}
}

func TestResampleRunsMatchOneSequence(t *testing.T) {
	// Group sizes of 1, a power of two and others (IntN masks for powers
	// of two and multiplies otherwise).
	for _, sizes := range [][2]int{{60, 45}, {1, 7}, {64, 3}, {0, 13}, {250, 0}} {
		groups := [][]personWindows{variedCohort(sizes[0], 0), variedCohort(sizes[1], 3)}
		const reps = 300
		want := sequentialResample(5, reps, groups, agencyStatistics)
		if got := resample(5, reps, groups, agencyStatistics); !equalValues(got, want) {
			t.Errorf("groups of %v: resample differs from one plain sequence", sizes)
		}
		var joined [][]float64
		for _, cut := range [][2]int{{0, 1}, {1, 120}, {120, 121}, {121, reps}} {
			part, exact := resampleRun(5, cut[0], cut[1], drawGroups(groups, agencyStatistics), agencyStatistics)
			if !exact {
				t.Fatalf("groups of %v: a number was rejected, want none at this size", sizes)
			}
			if joined == nil {
				joined = part
				continue
			}
			for i := range joined {
				joined[i] = append(joined[i], part[i]...)
			}
		}
		if !equalValues(joined, want) {
			t.Errorf("groups of %v: runs 0-1, 1-120, 120-121, 121-300 differ from one plain sequence", sizes)
		}
	}
}

func TestResampleColumnsMatchOneSequence(t *testing.T) {
	// Cohorts whose paid total is the sum of the classes (summed from
	// them) and whose small figures share a column, and one whose large
	// and negative figures cannot: each must give the plain sequence's
	// values.
	huge := largeCohort(200, 3)
	for i := range huge {
		huge[i].postBedDays = int32(i%3) << 29      // too large to share a column at 200 people
		huge[i].preERVisits = int32(i%2)*2 - 1      // negative
		huge[i].prePaid[1] = int64(i%5) * (1 << 40) // no longer the total's part
	}
	for _, groups := range [][][]personWindows{
		{largeCohort(500, 1), largeCohort(300, 2)},
		{huge, largeCohort(50, 4)},
	} {
		for _, stats := range [][]statistic{agencyStatistics, peerStatistics} {
			want := sequentialResample(5, 60, groups, stats)
			if got := resample(5, 60, groups, stats); !equalValues(got, want) {
				t.Errorf("groups of %d and %d, %d statistics: resample differs from one plain sequence", len(groups[0]), len(groups[1]), len(stats))
			}
		}
	}
}

func TestIntervalsMatchOneSequencePerScope(t *testing.T) {
	peers := map[string][]personWindows{"ALL": variedCohort(90, 0), "Bridge": variedCohort(50, 1), "Clinic": variedCohort(40, 2)}
	comparison := variedCohort(70, 3)
	const reps = 400
	bounds, dropped := intervals(3, reps, peers, comparison, []string{"Bridge", "Clinic"})
	check := func(program string, groups [][]personWindows, stats []statistic) {
		values := sequentialResample(3, reps, groups, stats)
		for i, s := range stats {
			lo, hi := percentileBounds(values[i])
			got := bounds[intervalKey{s.metric, program}]
			if *got[0] != *lo || *got[1] != *hi {
				t.Errorf("%s (%s): got [%v, %v], want [%v, %v]", s.metric, program, *got[0], *got[1], *lo, *hi)
			}
			label := s.metric
			if program != AllPrograms {
				label += " (" + program + ")"
			}
			if dropped[label] != reps-len(values[i]) {
				t.Errorf("%s dropped: got %d, want %d", label, dropped[label], reps-len(values[i]))
			}
		}
	}
	check(AllPrograms, [][]personWindows{peers["ALL"], comparison}, agencyStatistics)
	check("Bridge", [][]personWindows{peers["Bridge"]}, peerStatistics)
	check("Clinic", [][]personWindows{peers["Clinic"]}, peerStatistics)
}

func equalValues(a, b [][]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !slices.Equal(a[i], b[i]) && !(len(a[i]) == 0 && len(b[i]) == 0) {
			return false
		}
	}
	return true
}

// largeCohort is n people shaped like a generated agency's cohort at 10M
// services: about half with bed days, most with outpatient visits and
// nearly all with paid amounts, so nearly every person's figures are
// their own (a fixed pseudo-random pattern from seed).
func largeCohort(n int, seed uint64) []personWindows {
	rng := rand.New(rand.NewPCG(seed, 7))
	out := make([]personWindows, n)
	for i := range out {
		p := &out[i]
		if rng.IntN(100) < 45 {
			p.preBedDays, p.postBedDays = int32(rng.IntN(20)), int32(rng.IntN(15))
		}
		p.preInpatient, p.postInpatient = min(p.preBedDays, 1), min(p.postBedDays, 1)
		p.preERVisits, p.postERVisits = int32(rng.IntN(3)), int32(rng.IntN(3))
		if rng.IntN(100) < 88 {
			p.preOutpatient, p.postOutpatient = int32(rng.IntN(12)), int32(rng.IntN(12))
		}
		for c := 1; c < paidClasses; c++ {
			if rng.IntN(100) < 70 {
				p.prePaid[c], p.postPaid[c] = int64(rng.IntN(5_000_000)), int64(rng.IntN(5_000_000))
			}
			p.prePaid[0] += p.prePaid[c]
			p.postPaid[0] += p.postPaid[c]
		}
	}
	return out
}

// BenchmarkIntervalsLarge: the agency's intervals of one period's cohort
// at 10M services (120,000 peers, 50,000 comparison people) from 200
// resamples, cut into runs as a run cuts them; ns/draw is the time per
// person drawn, preparing the groups included.
func BenchmarkIntervalsLarge(b *testing.B) {
	peers := map[string][]personWindows{AllPrograms: largeCohort(120_000, 1)}
	comparison := largeCohort(50_000, 2)
	const reps = 200
	for b.Loop() {
		intervals(1, reps, peers, comparison, nil)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(reps*170_000), "ns/draw")
}

func TestByteCountsWrapIsSeen(t *testing.T) {
	// A byte count at 255 drawn once more wraps to 0: the draw must say
	// so (whole false), where a 32-bit count goes on to 256.
	src := newPCG(1)
	narrow := []uint8{255}
	if _, whole := countDraws(&src, narrow, nil, 1); whole || narrow[0] != 0 {
		t.Errorf("byte count 255 drawn again: got %d, whole %v; want 0, whole false", narrow[0], whole)
	}
	src = newPCG(1)
	wide := []uint32{255}
	if _, whole := countDraws(&src, wide, nil, 1); !whole || wide[0] != 256 {
		t.Errorf("32-bit count 255 drawn again: got %d, whole %v; want 256, whole true", wide[0], whole)
	}
}

func TestByteCountsMatchWideCounts(t *testing.T) {
	// Every person a profile of their own (largeCohort: paid amounts in
	// cents): the run counts in bytes, and must give the values of 32-bit
	// counts and of one plain sequence. A profile held by many people
	// (400 alike) is drawn many times a resample: 32-bit counts.
	groups := [][]personWindows{largeCohort(700, 4), largeCohort(300, 5)}
	drawn := drawGroups(groups, agencyStatistics)
	if !narrowCounts(drawn) {
		t.Fatal("largeCohort: want byte counts (every person a profile of their own)")
	}
	const reps = 90
	narrow, _, whole := resampleCounts[uint8](5, 0, reps, drawn, agencyStatistics)
	wide, _, _ := resampleCounts[uint32](5, 0, reps, drawn, agencyStatistics)
	if !whole || !equalValues(narrow, wide) {
		t.Errorf("byte counts (whole %v) differ from 32-bit counts", whole)
	}
	if want := sequentialResample(5, reps, groups, agencyStatistics); !equalValues(narrow, want) {
		t.Error("byte counts differ from one plain sequence")
	}
	if narrowCounts(drawGroups([][]personWindows{repeatPerson(person(2, 3, 4, 1), 400)}, agencyStatistics)) {
		t.Error("400 people alike: want 32-bit counts")
	}
}

func TestMeanChangeIntervalMatchesPlainDraws(t *testing.T) {
	// The interval from counts of each value drawn must be the one from
	// adding up every drawn person's change: few values (scores) and all
	// values distinct (each its own count).
	plain := func(seed int64, reps int, changes []int64) (lo, hi *float64) {
		rng := rand.New(rand.NewPCG(uint64(seed), 0))
		means := make([]float64, reps)
		for r := range means {
			var sum int64
			for range changes {
				sum += changes[rng.IntN(len(changes))]
			}
			means[r] = float64(sum) / float64(len(changes))
		}
		return percentileBounds(means)
	}
	few := make([]int64, 300)
	for i := range few {
		few[i] = int64(i*7%9) - 4
	}
	distinct := make([]int64, 120)
	for i := range distinct {
		distinct[i] = int64(i*i) - 3000
	}
	for name, changes := range map[string][]int64{"few values": few, "distinct values": distinct, "one person": {5}} {
		gotLo, gotHi := meanChangeInterval(3, 400, changes)
		wantLo, wantHi := plain(3, 400, changes)
		if *gotLo != *wantLo || *gotHi != *wantHi {
			t.Errorf("%s: got [%v, %v], want [%v, %v]", name, *gotLo, *gotHi, *wantLo, *wantHi)
		}
	}
	if _, of := distinctChanges(few); of == nil {
		t.Error("few values: want the changes counted by value")
	}
}
