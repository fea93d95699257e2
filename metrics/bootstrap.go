package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/peerstat/peerstat/config"
)

// personWindows is one eligible cohort member's hospital use before and
// after their index date (a row of outcomes__person_windows). The counts
// are int32 (a window's days bound them; reading a larger one fails):
// resampling picks people at random, and a cohort half the size in memory
// stays in the processor's cache twice as long as cohorts grow.
type personWindows struct {
	preBedDays, postBedDays       int32
	preInpatient, postInpatient   int32 // 1 with any bed day in the window, else 0
	preERVisits, postERVisits     int32
	preOutpatient, postOutpatient int32
	prePaid, postPaid             [paidClasses]int64 // cents: the total, then each class of setting
}

// paidClasses are the paid-amount totals a person carries: the total, then
// inpatient, crisis, emergency and outpatient (outcomes__person_windows).
const paidClasses = 5

// paidClassNames name the classes in metric ids ("" = the total).
var paidClassNames = [paidClasses]string{"", "inpatient", "crisis", "emergency", "outpatient"}

// The figures a statistic sums, as indexes into figures(): each
// measure's pre window figure, then its post window figure at the next
// index.
const (
	bedDays    = 0
	inpatient  = 2
	erVisits   = 4
	outVisits  = 6
	paidTotal  = 8 // the paid cents of class c at paidTotal + 2c
	figureKind = paidTotal + 2*paidClasses
)

// figures are a person's windows as the numbers the statistics sum.
func (p personWindows) figures() [figureKind]int64 {
	f := [figureKind]int64{
		bedDays: int64(p.preBedDays), bedDays + 1: int64(p.postBedDays),
		inpatient: int64(p.preInpatient), inpatient + 1: int64(p.postInpatient),
		erVisits: int64(p.preERVisits), erVisits + 1: int64(p.postERVisits),
		outVisits: int64(p.preOutpatient), outVisits + 1: int64(p.postOutpatient),
	}
	for c := range paidClasses {
		f[paidTotal+2*c], f[paidTotal+2*c+1] = p.prePaid[c], p.postPaid[c]
	}
	return f
}

// groupTotals are the sums over a group of people (or a resample of one):
// its members and each figure's total.
type groupTotals struct {
	members int64
	sums    [figureKind]int64
}

// addTimes adds p as many times as given.
func (t *groupTotals) addTimes(p personWindows, times int64) {
	t.members += times
	for i, v := range p.figures() {
		t.sums[i] += v * times
	}
}

// change is (post − pre) / pre, undefined when pre is 0. It is the same
// arithmetic as outcomes__metrics.sql, so a resample equal to the sample
// gives the point value exactly.
func change(pre, post int64) (float64, bool) {
	if pre == 0 {
		return 0, false
	}
	return float64(post-pre) / float64(pre), true
}

// did is the peer group's mean change per person minus the comparison
// group's in the figure measure (its pre index), undefined when either
// group is empty.
func did(peer, comparison groupTotals, measure int) (float64, bool) {
	if peer.members == 0 || comparison.members == 0 {
		return 0, false
	}
	return float64(peer.sums[measure+1]-peer.sums[measure])/float64(peer.members) -
		float64(comparison.sums[measure+1]-comparison.sums[measure])/float64(comparison.members), true
}

// statistic computes one interval metric from the totals of the groups of
// one resample (groups[0] the peer group, groups[1] the comparison group);
// measure is the pre index of the figures it reads, in each group it reads.
type statistic struct {
	metric  string
	measure int
	of      func(groups []groupTotals) (float64, bool)
}

// paidDidOf is the DiD of paid amounts in dollars: the per-person cents
// divided by 100 last, as outcomes__metrics.sql does.
func paidDidOf(class int) statistic {
	id := "paid_did"
	if class > 0 {
		id = "paid_" + paidClassNames[class] + "_did"
	}
	measure := paidTotal + 2*class
	return statistic{id, measure, func(g []groupTotals) (float64, bool) {
		v, ok := did(g[0], g[1], measure)
		return v / 100, ok
	}}
}

func changeOf(metric string, group int, measure int) statistic {
	return statistic{metric, measure, func(g []groupTotals) (float64, bool) {
		return change(g[group].sums[measure], g[group].sums[measure+1])
	}}
}

func didOf(metric string, measure int) statistic {
	return statistic{metric, measure, func(g []groupTotals) (float64, bool) {
		return did(g[0], g[1], measure)
	}}
}

// peerStatistics are computed for every program's peer group and ALL;
// agencyStatistics only for ALL, where the comparison group is resampled too.
var (
	peerStatistics = []statistic{
		changeOf("bed_days_change_peer", 0, bedDays),
		changeOf("any_inpatient_change_peer", 0, inpatient),
		changeOf("er_visits_change_peer", 0, erVisits),
		changeOf("outpatient_visits_change_peer", 0, outVisits),
		changeOf("paid_change_peer", 0, paidTotal),
	}
	agencyStatistics = append(slices.Clone(peerStatistics),
		changeOf("bed_days_change_comparison", 1, bedDays),
		changeOf("any_inpatient_change_comparison", 1, inpatient),
		changeOf("er_visits_change_comparison", 1, erVisits),
		changeOf("outpatient_visits_change_comparison", 1, outVisits),
		changeOf("paid_change_comparison", 1, paidTotal),
		didOf("bed_days_did", bedDays),
		didOf("er_visits_did", erVisits),
		didOf("outpatient_visits_did", outVisits),
		paidDidOf(0), paidDidOf(1), paidDidOf(2), paidDidOf(3), paidDidOf(4),
	)
)

// present keeps the statistics whose metric has rows (paid figures are
// absent when no encounter has a paid_amount).
func present(stats []statistic, has map[string]bool) []statistic {
	if has == nil {
		return stats
	}
	var out []statistic
	for _, s := range stats {
		if has[s.metric] {
			out = append(out, s)
		}
	}
	return out
}

// bootstrapIntervals computes the 95% percentile bootstrap intervals of the
// outcome change and DiD metrics (METRICS.md "Outcomes"): for each row of
// those metrics among rows (the reporting period's and each kept earlier
// period's, each period from its own cohort) it adds <metric>_ci_low and
// <metric>_ci_high rows with the base row's group_min, so suppression
// matches. It returns, per interval (metric id for ALL, "metric (program)"
// for a program's peer group, each followed by ", earlier period START to
// END" for an earlier period), how many replicates were dropped because
// the statistic was undefined (a pre total of 0).
func bootstrapIntervals(ctx context.Context, conn *sql.Conn, cfg config.Config, rows []Row) ([]Row, map[string]int, error) {
	bases := intervalBases(rows)
	dropped := map[string]int{}
	if len(bases) == 0 {
		return nil, dropped, nil
	}
	cohorts, err := readPersonWindows(ctx, conn)
	if err != nil {
		return nil, dropped, err
	}
	type periodBases struct {
		start, end time.Time
		bases      []intervalBase
	}
	var periods []*periodBases
	for _, b := range bases {
		if len(periods) == 0 || !periods[len(periods)-1].start.Equal(b.start) {
			periods = append(periods, &periodBases{start: b.start, end: b.end})
		}
		p := periods[len(periods)-1]
		p.bases = append(p.bases, b)
	}
	var out []Row
	for _, p := range periods {
		var programs []string
		has := map[string]bool{}
		for _, b := range p.bases {
			has[b.metric] = true
			if b.program != AllPrograms && !slices.Contains(programs, b.program) {
				programs = append(programs, b.program)
			}
		}
		c := cohorts[p.start]
		if c == nil {
			c = &cohort{peers: map[string][]personWindows{}} // the groups are empty
		}
		bounds, periodDropped := intervalsOf(cfg.Seed, cfg.BootstrapReps, c.peers, c.comparison, programs, has)
		for label, n := range periodDropped {
			if p.start.Before(cfg.PeriodStart.Time) {
				label += fmt.Sprintf(", earlier period %s to %s", p.start.Format(time.DateOnly), p.end.Format(time.DateOnly))
			}
			dropped[label] = n
		}
		for _, b := range p.bases {
			v := bounds[intervalKey{b.metric, b.program}]
			for i, suffix := range []string{"_ci_low", "_ci_high"} {
				out = append(out, Row{
					Metric: b.metric + suffix, Program: b.program, Grain: GrainPeriod,
					PeriodStart: b.start, PeriodEnd: b.end, Value: v[i],
					Contributors: -1, GroupMin: b.groupMin,
				})
			}
		}
	}
	return out, dropped, nil
}

// intervals bootstraps every interval: ALL (the peer group then the
// comparison group in each resample) and each program's peer group, each
// scope from its own generator seeded with (seed, 0). It returns the
// bounds (nil when the group is empty or every replicate was dropped) and
// the dropped replicates per interval (metric id for ALL, "metric
// (program)" for a program), for scopes whose groups are not empty.
func intervals(seed int64, reps int, peers map[string][]personWindows, comparison []personWindows, programs []string) (map[intervalKey][2]*float64, map[string]int) {
	return intervalsOf(seed, reps, peers, comparison, programs, nil)
}

// intervalsOf is intervals for the statistics whose metric has rows (has;
// nil = every statistic).
func intervalsOf(seed int64, reps int, peers map[string][]personWindows, comparison []personWindows, programs []string, has map[string]bool) (map[intervalKey][2]*float64, map[string]int) {
	bounds := map[intervalKey][2]*float64{}
	dropped := map[string]int{}
	type job struct {
		program    string
		groups     [][]personWindows
		stats      []statistic
		replicates [][]float64
		// drawn is the groups as the runs draw from them, prepared once
		// by the first run of the scope and read by all of them.
		drawn func() []drawGroup
	}
	newJob := func(program string, groups [][]personWindows, stats []statistic) *job {
		return &job{program: program, groups: groups, stats: stats,
			drawn: sync.OnceValue(func() []drawGroup { return drawGroups(groups, stats) })}
	}
	jobs := []*job{newJob(AllPrograms, [][]personWindows{peers[AllPrograms], comparison}, present(agencyStatistics, has))}
	for _, program := range programs {
		jobs = append(jobs, newJob(program, [][]personWindows{peers[program]}, present(peerStatistics, has)))
	}
	// Each scope's resamples are cut into runs of consecutive resamples,
	// each run starting from the generator's state after the draws of the
	// resamples before it (skipAhead), so that the runs of every scope
	// share the free cores evenly; their values are then put together in
	// resample order, the same values as one run through all of them.
	type run struct {
		job      *job
		from, to int
		values   [][]float64
		exact    bool
	}
	workers := runtime.GOMAXPROCS(0)
	draws := func(j *job) int {
		n := 0
		for _, g := range j.groups {
			n += len(g)
		}
		return n
	}
	total := 0
	for _, j := range jobs {
		total += draws(j) * reps
	}
	var runs []*run
	for _, j := range jobs {
		parts := 1
		if total > 0 {
			parts = min(reps, max(1, (4*workers*draws(j)*reps+total/2)/total))
		}
		for p := range parts {
			runs = append(runs, &run{job: j, from: reps * p / parts, to: reps * (p + 1) / parts})
		}
	}
	work := make(chan *run)
	var wg sync.WaitGroup
	for range min(workers, len(runs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range work {
				r.values, r.exact = resampleRun(seed, r.from, r.to, r.job.drawn(), r.job.stats)
			}
		}()
	}
	for _, r := range runs {
		work <- r
	}
	close(work)
	wg.Wait()
	// A run starts where the one before it ended only if that one drew a
	// single number per person. IntN draws again when a number would bias
	// the pick (a chance below n in 2^64 for a group of n), which shifts
	// the runs after it: a scope where that happened is resampled again in
	// one run.
	redo := map[*job]bool{}
	for _, r := range runs {
		j := r.job
		if j.replicates == nil {
			j.replicates = make([][]float64, len(j.stats))
		}
		for s := range j.stats {
			j.replicates[s] = append(j.replicates[s], r.values[s]...)
		}
		if !r.exact {
			redo[j] = true
		}
	}
	for j := range redo {
		j.replicates = resample(seed, reps, j.groups, j.stats)
	}
	for _, j := range jobs {
		program, groups, stats, replicates := j.program, j.groups, j.stats, j.replicates
		for i, s := range stats {
			if groupEmpty(groups, s) {
				continue // the rows exist with blank values
			}
			lo, hi := percentileBounds(replicates[i])
			bounds[intervalKey{s.metric, program}] = [2]*float64{lo, hi}
			label := s.metric
			if program != AllPrograms {
				label = fmt.Sprintf("%s (%s)", s.metric, program)
			}
			dropped[label] = reps - len(replicates[i])
		}
	}
	return bounds, dropped
}

// groupEmpty reports whether a group the statistic reads has no members:
// then the interval is blank and no replicate counts as dropped.
func groupEmpty(groups [][]personWindows, s statistic) bool {
	uses := []int{0}
	switch {
	case strings.HasSuffix(s.metric, "_comparison"):
		uses = []int{1}
	case strings.HasSuffix(s.metric, "_did"):
		uses = []int{0, 1}
	}
	for _, g := range uses {
		if len(groups[g]) == 0 {
			return true
		}
	}
	return false
}

// resample draws reps resamples with replacement within each group (each
// group drawn in turn, its people in the order given, from
// rand.New(rand.NewPCG(seed, 0)).IntN) and returns, per statistic, the
// values of the replicates where it is defined.
func resample(seed int64, reps int, groups [][]personWindows, stats []statistic) [][]float64 {
	values, _ := resampleRun(seed, 0, reps, drawGroups(groups, stats), stats)
	return values
}

// drawGroups are groups as resampleRun draws from them for stats.
func drawGroups(groups [][]personWindows, stats []statistic) []drawGroup {
	var read [figureKind]bool
	for _, s := range stats {
		read[s.measure], read[s.measure+1] = true, true
	}
	drawn := make([]drawGroup, len(groups))
	for g, people := range groups {
		drawn[g] = newDrawGroup(people, read)
	}
	return drawn
}

// resampleRun draws resamples from through to−1 of resample's sequence:
// the generator starts at the state after from resamples of one number
// per person each. exact reports that no number was rejected (drawn again
// for an unbiased pick), so that the state after to resamples is where
// the next run starts.
//
// A resample's counts are bytes when every profile is one person's
// (narrowCounts): a cohort's counts then take a quarter of the memory,
// so that a resample's random increments stay in the processor's own
// cache (170,000 people: 170 KB, where 680 KB did not), and the totals
// read a quarter as much. A person is drawn about once a resample; a
// count that passes 255 all the same is seen, and the run is drawn again
// with 32-bit counts: the same numbers, so the same values.
func resampleRun(seed int64, from, to int, drawn []drawGroup, stats []statistic) (values [][]float64, exact bool) {
	if narrowCounts(drawn) {
		values, exact, whole := resampleCounts[uint8](seed, from, to, drawn, stats)
		if whole {
			return values, exact
		}
	}
	values, exact, _ = resampleCounts[uint32](seed, from, to, drawn, stats)
	return values, exact
}

// drawCount is a resample's count of draws of one profile.
type drawCount interface{ uint8 | uint32 }

// narrowCounts reports whether byte counts suit the groups: each person is
// a profile of their own, so a count above 255 would take 256 draws of
// one person among a resample's draws of as many people.
func narrowCounts(drawn []drawGroup) bool {
	for _, d := range drawn {
		if d.of != nil {
			return false
		}
	}
	return true
}

// resampleCounts is resampleRun with counts of type C; whole is false
// when a count passed C's largest value (its values are then wrong).
func resampleCounts[C drawCount](seed int64, from, to int, drawn []drawGroup, stats []statistic) (values [][]float64, exact, whole bool) {
	src := newPCG(seed)
	perResample := uint64(0)
	for _, d := range drawn {
		perResample += uint64(d.people)
	}
	src.skip(uint64(from) * perResample)
	values = make([][]float64, len(stats))
	for i := range values {
		values[i] = make([]float64, 0, to-from)
	}
	// The resamples are drawn a batch at a time, each into counts of its
	// own, and the batch's totals then read each figure column once for
	// all of them: the columns, not the draws, are most of the memory a
	// resample reads.
	counts := make([][resampleBatch][]C, len(drawn))
	for g, d := range drawn {
		for b := range resampleBatch {
			counts[g][b] = make([]C, d.kinds)
		}
	}
	totals := make([][resampleBatch]groupTotals, len(drawn))
	groups := make([]groupTotals, len(drawn))
	exact, whole = true, true
	for first := from; first < to; first += resampleBatch {
		batch := min(resampleBatch, to-first)
		for b := range batch {
			for g, d := range drawn {
				c := counts[g][b]
				clear(c)
				e, w := countDraws(&src, c, d.of, uint64(d.people))
				exact, whole = exact && e, whole && w
			}
		}
		if !whole {
			return nil, exact, false
		}
		for g, d := range drawn {
			if batch == resampleBatch {
				totals[g] = batchTotals(d, &counts[g])
				continue
			}
			for b := range batch {
				totals[g][b] = totalsOf(d, counts[g][b])
			}
		}
		for b := range batch {
			for g := range drawn {
				groups[g] = totals[g][b]
			}
			for i, s := range stats {
				if v, ok := s.of(groups); ok {
					values[i] = append(values[i], v)
				}
			}
		}
	}
	return values, exact, whole
}

// drawGroup is a group as resampleRun draws from it. A draw only counts
// the drawn person's profile (their figures the statistics read), and a
// resample's totals are each profile's count times its figures: the same
// integer sums as adding up every drawn person. of[i] is the index of
// person i's profile, or nil when nearly every person has a profile of
// their own (then a person is their profile, and the lookup is spared).
// The figures are kept by column, each column one figure, or several side
// by side in its bits, of every profile (or, where most are 0, only the
// profiles where it is not), so that a
// resample's totals read a few compact arrays in order instead of every
// profile's whole row: at hundreds of thousands of people those reads,
// not the draws, were most of the time.
type drawGroup struct {
	people, kinds int
	of            []uint32
	columns       []figureColumn
	// derivedTotal: the paid total's sums are the classes' (newDrawGroup).
	derivedTotal bool
}

// profilesOf numbers the distinct keys of n items in the order they first
// appear: item i's key is profiles[of[i]]. Both are nil when most items'
// keys differ (more than three in four profiles): a look-up would then
// spare nothing, and each item is its own profile (the caller lists them).
func profilesOf[K comparable](n int, key func(i int) K) (profiles []K, of []uint32) {
	index := map[K]uint32{}
	of = make([]uint32, n)
	for i := range n {
		k := key(i)
		p, ok := index[k]
		if !ok {
			p = uint32(len(profiles))
			index[k] = p
			profiles = append(profiles, k)
		}
		of[i] = p
	}
	if 4*len(profiles) > 3*n {
		return nil, nil
	}
	return profiles, of
}

// figureColumn holds the values of its fields' figures (newDrawGroup):
// for every profile when at is nil, else its nonzero values and the
// profiles (at) they belong to.
type figureColumn struct {
	fields []field
	at     []uint32
	values []int64
	// blocks[b] is the first entry of a sparse column whose profile is in
	// block b or later (totalsBlock profiles a block), blocks[last] the
	// column's length.
	blocks []int
}

func newDrawGroup(people []personWindows, read [figureKind]bool) drawGroup {
	d := drawGroup{people: len(people)}
	kinds, of := profilesOf(len(people), func(i int) [figureKind]int64 {
		f := people[i].figures()
		for k, r := range read {
			if !r {
				f[k] = 0
			}
		}
		return f
	})
	if of == nil {
		for _, p := range people {
			kinds = append(kinds, p.figures())
		}
	}
	d.kinds, d.of = len(kinds), of
	// The paid total is the sum of the classes for every person when no
	// encounter has a setting outside them: its resample sums are then
	// the classes' sums added up (integers, so exactly the same), and its
	// columns are not summed.
	derive := true
	for m := paidTotal; m < paidTotal+2*paidClasses; m++ {
		derive = derive && read[m]
	}
	for _, k := range kinds {
		if !derive {
			break
		}
		for w := range 2 {
			var classes int64
			for c := 1; c < paidClasses; c++ {
				classes += k[paidTotal+2*c+w]
			}
			derive = derive && classes == k[paidTotal+w]
		}
	}
	d.derivedTotal = derive
	// Figures share a column when their values are never negative: each
	// gets the bits its sum over a resample needs (at most the group's
	// size times its largest value), placed side by side below bit 63, so
	// one multiplication sums them all without one reaching another's
	// bits. The figures most profiles have share columns among themselves
	// and the rest among themselves (a column is summed over every
	// profile, or over only those with a value, as most of its values
	// are or are not 0); a figure that can be negative, or whose sum
	// could reach bit 63, has a column of its own.
	n := uint64(max(len(people), 1))
	var common, rare []field
	for f := range figureKind {
		if !read[f] || (derive && (f == paidTotal || f == paidTotal+1)) {
			continue
		}
		nonzero, most, negative := 0, int64(0), false
		for _, k := range kinds {
			v := k[f]
			if v != 0 {
				nonzero++
			}
			negative = negative || v < 0
			most = max(most, v)
		}
		switch {
		case nonzero == 0:
			// no column: the figure's sums are 0
		case negative || uint64(most) >= (1<<62)/n:
			d.addColumn(kinds, []field{{figure: f}})
		case 3*nonzero < len(kinds):
			rare = append(rare, field{figure: f, width: bits.Len64(uint64(most) * n)})
		default:
			common = append(common, field{figure: f, width: bits.Len64(uint64(most) * n)})
		}
	}
	for _, fields := range [][]field{common, rare} {
		for _, column := range packFields(fields) {
			d.addColumn(kinds, column)
		}
	}
	return d
}

// field is a figure's place in a column's values: width bits from bit
// shift, or, when width is 0, the whole value (the column's only field).
type field struct{ figure, shift, width int }

// packFields places the fields, widest first, each in the first column
// with room for it below bit 63, else in a new column.
func packFields(fields []field) [][]field {
	slices.SortStableFunc(fields, func(a, b field) int { return b.width - a.width })
	var columns [][]field
	for _, f := range fields {
		placed := false
		for i, column := range columns {
			last := column[len(column)-1]
			if f.shift = last.shift + last.width; f.shift+f.width <= 63 {
				columns[i], placed = append(column, f), true
				break
			}
		}
		if !placed {
			f.shift = 0
			columns = append(columns, []field{f})
		}
	}
	return columns
}

// addColumn adds the column of the fields' figures, sparse where most
// values are 0, none when all are.
func (d *drawGroup) addColumn(kinds [][figureKind]int64, fields []field) {
	value := func(k *[figureKind]int64) int64 {
		var v int64
		for _, f := range fields {
			v |= k[f.figure] << f.shift
		}
		return v
	}
	nonzero := 0
	for i := range kinds {
		if value(&kinds[i]) != 0 {
			nonzero++
		}
	}
	c := figureColumn{fields: fields}
	switch {
	case nonzero == 0:
		return
	case 3*nonzero < len(kinds):
		for i := range kinds {
			if i%totalsBlock == 0 {
				c.blocks = append(c.blocks, len(c.at))
			}
			if v := value(&kinds[i]); v != 0 {
				c.at = append(c.at, uint32(i))
				c.values = append(c.values, v)
			}
		}
		c.blocks = append(c.blocks, len(c.at))
	default:
		c.values = make([]int64, len(kinds))
		for i := range kinds {
			c.values[i] = value(&kinds[i])
		}
	}
	d.columns = append(d.columns, c)
}

// totalsOf sums the figures of d in a resample whose profile counts are c.
func totalsOf[C drawCount](d drawGroup, c []C) groupTotals {
	t := groupTotals{members: int64(d.people)}
	for _, col := range d.columns {
		var sum int64
		if col.at == nil {
			counts := c[:len(col.values)]
			for i, v := range col.values {
				sum += int64(counts[i]) * v
			}
		} else {
			values := col.values[:len(col.at)]
			for j, k := range col.at {
				sum += int64(c[k]) * values[j]
			}
		}
		t.store(col, sum)
	}
	d.derive(&t)
	return t
}

// store puts a column's sum into its figures.
func (t *groupTotals) store(col figureColumn, sum int64) {
	for _, f := range col.fields {
		if f.width == 0 {
			t.sums[f.figure] = sum
			continue
		}
		t.sums[f.figure] = sum >> f.shift & (1<<f.width - 1)
	}
}

// derive fills the paid total from its classes when the group reads no
// total column of its own.
func (d drawGroup) derive(t *groupTotals) {
	if !d.derivedTotal {
		return
	}
	for c := 1; c < paidClasses; c++ {
		t.sums[paidTotal] += t.sums[paidTotal+2*c]
		t.sums[paidTotal+1] += t.sums[paidTotal+2*c+1]
	}
}

// resampleBatch is how many resamples' totals batchTotals sums together.
const resampleBatch = 8

// totalsBlock is how many profiles batchTotals sums at a time: the
// batch's counts of a block (resampleBatch × 4 bytes each) stay in the
// processor's nearest cache while every column reads them.
const totalsBlock = 1024

// batchTotals is totals of each of resampleBatch resamples, reading each
// column once and the counts once from memory: profiles are summed a
// block at a time, every column over the block before the next block.
// Integer sums in another order, so the same sums as totals.
func batchTotals[C drawCount](d drawGroup, c *[resampleBatch][]C) [resampleBatch]groupTotals {
	var sums [figureKind][resampleBatch]int64 // by column; a group has at most figureKind columns
	for block, lo := 0, 0; lo < d.kinds; block, lo = block+1, lo+totalsBlock {
		hi := min(lo+totalsBlock, d.kinds)
		for i, col := range d.columns {
			if col.at == nil {
				sumDense(&sums[i], col.values[lo:hi], c, lo)
				continue
			}
			from, to := col.blocks[block], col.blocks[block+1]
			sumSparse(&sums[i], col.at[from:to], col.values[from:to], c)
		}
	}
	var t [resampleBatch]groupTotals
	for b := range t {
		t[b].members = int64(d.people)
		for i, col := range d.columns {
			t[b].store(col, sums[i][b])
		}
		d.derive(&t[b])
	}
	return t
}

// sumDense adds count × value over profiles lo, lo+1, … (values[0] is
// profile lo's) for each resample of the batch.
func sumDense[C drawCount](sums *[resampleBatch]int64, values []int64, c *[resampleBatch][]C, lo int) {
	n := len(values)
	c0, c1, c2, c3 := c[0][lo:lo+n], c[1][lo:lo+n], c[2][lo:lo+n], c[3][lo:lo+n]
	c4, c5, c6, c7 := c[4][lo:lo+n], c[5][lo:lo+n], c[6][lo:lo+n], c[7][lo:lo+n]
	var s0, s1, s2, s3, s4, s5, s6, s7 int64
	for i, v := range values {
		s0 += int64(c0[i]) * v
		s1 += int64(c1[i]) * v
		s2 += int64(c2[i]) * v
		s3 += int64(c3[i]) * v
		s4 += int64(c4[i]) * v
		s5 += int64(c5[i]) * v
		s6 += int64(c6[i]) * v
		s7 += int64(c7[i]) * v
	}
	for b, s := range [resampleBatch]int64{s0, s1, s2, s3, s4, s5, s6, s7} {
		sums[b] += s
	}
}

// sumSparse adds count × value for the profiles at for each resample of
// the batch.
func sumSparse[C drawCount](sums *[resampleBatch]int64, at []uint32, values []int64, c *[resampleBatch][]C) {
	values = values[:len(at)]
	c0, c1, c2, c3, c4, c5, c6, c7 := c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]
	var s0, s1, s2, s3, s4, s5, s6, s7 int64
	for j, k := range at {
		v := values[j]
		s0 += int64(c0[k]) * v
		s1 += int64(c1[k]) * v
		s2 += int64(c2[k]) * v
		s3 += int64(c3[k]) * v
		s4 += int64(c4[k]) * v
		s5 += int64(c5[k]) * v
		s6 += int64(c6[k]) * v
		s7 += int64(c7[k]) * v
	}
	for b, s := range [resampleBatch]int64{s0, s1, s2, s3, s4, s5, s6, s7} {
		sums[b] += s
	}
}

// pcg is math/rand/v2's PCG generator (rand.NewPCG(seed, 0)): a 128-bit
// state stepped by state = state × mul + inc (mod 2^128), each number the
// DXSM mix of the new state. It is kept here as a value so that the draw
// loops hold the state in registers instead of calling through a pointer
// for every person drawn; TestPCGMatchesRand pins it to rand.PCG's numbers.
type pcg struct{ hi, lo uint64 }

// The PCG's multiplier and increment (math/rand/v2) and DXSM's multiplier.
const (
	pcgMulHi = 2549297995355413924
	pcgMulLo = 4865540595714422341
	pcgIncHi = 6364136223846793005
	pcgIncLo = 1442695040888963407
	dxsmMul  = 0xda942042e4dd58b5
)

func newPCG(seed int64) pcg { return pcg{hi: uint64(seed)} }

// next is rand.PCG.Uint64: the state stepped once, then mixed.
func (p *pcg) next() uint64 {
	hi, lo := bits.Mul64(p.lo, pcgMulLo)
	hi += p.hi*pcgMulLo + p.lo*pcgMulHi
	lo, carry := bits.Add64(lo, pcgIncLo, 0)
	hi, _ = bits.Add64(hi, pcgIncHi, carry)
	p.hi, p.lo = hi, lo
	hi ^= hi >> 32
	hi *= dxsmMul
	hi ^= hi >> 48
	return hi * (lo | 1)
}

// pick is rand.Rand.IntN(n)'s pick (math/rand/v2's uint64n, n > 0) from
// x, the number just drawn, unless lo < n: then the pick may be biased,
// and unbiased decides it.
func pick(x, n uint64) (v, lo uint64) {
	if n&(n-1) == 0 {
		return x & (n - 1), n
	}
	return bits.Mul64(x, n)
}

// unbiased is the rest of IntN when pick gave lo < n: while lo is below
// 2^64 mod n the pick would be biased, and another number is drawn. ok is
// false when one was.
func (p *pcg) unbiased(n, v, lo uint64) (_ uint64, ok bool) {
	ok = true
	for thresh := -n % n; lo < thresh; ok = false {
		v, lo = bits.Mul64(p.next(), n)
	}
	return v, ok
}

// countDraws draws n people (IntN(n) each) from p and counts each drawn
// person's profile (of[i], or i when of is nil) in c. exact reports that
// no number was rejected; whole, that no count passed C's largest value.
func countDraws[C drawCount](p *pcg, c []C, of []uint32, n uint64) (exact, whole bool) {
	s := *p // a local copy, so the state stays in registers
	exact, whole = true, true
	for range n {
		i, lo := pick(s.next(), n)
		if lo < n {
			var ok bool
			i, ok = s.unbiased(n, i, lo)
			exact = exact && ok
		}
		if of != nil {
			i = uint64(of[i])
		}
		c[i]++
		if c[i] == 0 {
			whole = false
		}
	}
	*p = s
	return exact, whole
}

// skip moves the generator on by steps numbers, as steps calls of next
// would, in about 128 multiplications: k steps compose into one
// state × M + C, built by squaring.
func (p *pcg) skip(steps uint64) {
	mul := u128{pcgMulHi, pcgMulLo}
	inc := u128{pcgIncHi, pcgIncLo}
	accMul, accInc := u128{0, 1}, u128{0, 0}
	for ; steps > 0; steps >>= 1 {
		if steps&1 == 1 {
			accMul = accMul.times(mul)
			accInc = accInc.times(mul).plus(inc)
		}
		inc = mul.plus(u128{0, 1}).times(inc)
		mul = mul.times(mul)
	}
	state := accMul.times(u128{p.hi, p.lo}).plus(accInc)
	p.hi, p.lo = state.hi, state.lo
}

// u128 is an unsigned 128-bit number; arithmetic wraps modulo 2^128.
type u128 struct{ hi, lo uint64 }

func (a u128) times(b u128) u128 {
	hi, lo := bits.Mul64(a.lo, b.lo)
	return u128{hi + a.hi*b.lo + a.lo*b.hi, lo}
}

func (a u128) plus(b u128) u128 {
	lo, c := bits.Add64(a.lo, b.lo, 0)
	hi, _ := bits.Add64(a.hi, b.hi, c)
	return u128{hi, lo}
}

// percentileBounds are the ⌈0.025R⌉-th and ⌈0.975R⌉-th smallest of the R
// kept replicates; blank when none was kept.
func percentileBounds(replicates []float64) (lo, hi *float64) {
	r := len(replicates)
	if r == 0 {
		return nil, nil
	}
	sorted := slices.Clone(replicates)
	slices.Sort(sorted)
	l := sorted[(25*r+999)/1000-1]
	h := sorted[(975*r+999)/1000-1]
	return &l, &h
}

type intervalKey struct{ metric, program string }

// intervalBase is a row of an outcome metric that has an interval.
type intervalBase struct {
	metric, program string
	start, end      time.Time
	groupMin        int64
}

// intervalBases are the rows of the metrics with an interval, by period,
// metric and program.
func intervalBases(rows []Row) []intervalBase {
	var out []intervalBase
	for _, r := range rows {
		if r.Grain == GrainPeriod && slices.Contains(intervalMetrics, r.Metric) {
			out = append(out, intervalBase{metric: r.Metric, program: r.Program, start: r.PeriodStart, end: r.PeriodEnd, groupMin: r.GroupMin})
		}
	}
	slices.SortFunc(out, func(a, b intervalBase) int {
		if c := a.start.Compare(b.start); c != 0 {
			return c
		}
		if c := strings.Compare(a.metric, b.metric); c != 0 {
			return c
		}
		return strings.Compare(a.program, b.program)
	})
	return out
}

// cohort is one period's eligible cohort: the peer group by program (and
// ALL) and the comparison group, each in participant_id order.
type cohort struct {
	peers      map[string][]personWindows
	comparison []personWindows
}

// readPersonWindows reads the eligible cohort of each period in
// participant_id order.
func readPersonWindows(ctx context.Context, conn *sql.Conn) (map[time.Time]*cohort, error) {
	rs, err := conn.QueryContext(ctx, `SELECT period_start, peer_flag, program,
		pre_bed_days, post_bed_days, pre_inpatient_flag::BIGINT, post_inpatient_flag::BIGINT,
		pre_er_visits, post_er_visits, pre_outpatient_visits, post_outpatient_visits,
		pre_paid_cents, post_paid_cents,
		pre_paid_inpatient_cents, post_paid_inpatient_cents, pre_paid_crisis_cents, post_paid_crisis_cents,
		pre_paid_emergency_cents, post_paid_emergency_cents, pre_paid_outpatient_cents, post_paid_outpatient_cents
		FROM outcomes__person_windows ORDER BY period_start, participant_id`)
	if err != nil {
		return nil, fmt.Errorf("read outcome cohort for the bootstrap: %w", err)
	}
	defer rs.Close()
	cohorts := map[time.Time]*cohort{}
	for rs.Next() {
		var p personWindows
		var start time.Time
		var peer bool
		var program string
		if err := rs.Scan(&start, &peer, &program, &p.preBedDays, &p.postBedDays, &p.preInpatient, &p.postInpatient,
			&p.preERVisits, &p.postERVisits, &p.preOutpatient, &p.postOutpatient,
			&p.prePaid[0], &p.postPaid[0], &p.prePaid[1], &p.postPaid[1], &p.prePaid[2], &p.postPaid[2],
			&p.prePaid[3], &p.postPaid[3], &p.prePaid[4], &p.postPaid[4]); err != nil {
			return nil, fmt.Errorf("read outcome cohort for the bootstrap: %w", err)
		}
		start = dateOnly(start)
		c := cohorts[start]
		if c == nil {
			c = &cohort{peers: map[string][]personWindows{}}
			cohorts[start] = c
		}
		if peer {
			c.peers[program] = append(c.peers[program], p)
			c.peers[AllPrograms] = append(c.peers[AllPrograms], p)
		} else {
			c.comparison = append(c.comparison, p)
		}
	}
	return cohorts, rs.Err()
}
