package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
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
	preBedDays, postBedDays     int32
	preInpatient, postInpatient int32 // 1 with any bed day in the window, else 0
	preERVisits, postERVisits   int32
}

// groupTotals are the sums over a group of people (or a resample of one).
type groupTotals struct {
	members                     int64
	preBedDays, postBedDays     int64
	preInpatient, postInpatient int64
	preERVisits, postERVisits   int64
}

func (t *groupTotals) add(p personWindows) {
	t.members++
	t.preBedDays += int64(p.preBedDays)
	t.postBedDays += int64(p.postBedDays)
	t.preInpatient += int64(p.preInpatient)
	t.postInpatient += int64(p.postInpatient)
	t.preERVisits += int64(p.preERVisits)
	t.postERVisits += int64(p.postERVisits)
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
// group's, undefined when either group is empty.
func did(peer, comparison groupTotals, pre, post func(groupTotals) int64) (float64, bool) {
	if peer.members == 0 || comparison.members == 0 {
		return 0, false
	}
	return float64(post(peer)-pre(peer))/float64(peer.members) -
		float64(post(comparison)-pre(comparison))/float64(comparison.members), true
}

// statistic computes one interval metric from the totals of the groups of
// one resample (groups[0] the peer group, groups[1] the comparison group).
type statistic struct {
	metric string
	of     func(groups []groupTotals) (float64, bool)
}

var (
	bedDays   = [2]func(groupTotals) int64{func(t groupTotals) int64 { return t.preBedDays }, func(t groupTotals) int64 { return t.postBedDays }}
	inpatient = [2]func(groupTotals) int64{func(t groupTotals) int64 { return t.preInpatient }, func(t groupTotals) int64 { return t.postInpatient }}
	erVisits  = [2]func(groupTotals) int64{func(t groupTotals) int64 { return t.preERVisits }, func(t groupTotals) int64 { return t.postERVisits }}
)

func changeOf(metric string, group int, field [2]func(groupTotals) int64) statistic {
	return statistic{metric, func(g []groupTotals) (float64, bool) {
		return change(field[0](g[group]), field[1](g[group]))
	}}
}

func didOf(metric string, field [2]func(groupTotals) int64) statistic {
	return statistic{metric, func(g []groupTotals) (float64, bool) {
		return did(g[0], g[1], field[0], field[1])
	}}
}

// peerStatistics are computed for every program's peer group and ALL;
// agencyStatistics only for ALL, where the comparison group is resampled too.
var (
	peerStatistics = []statistic{
		changeOf("bed_days_change_peer", 0, bedDays),
		changeOf("any_inpatient_change_peer", 0, inpatient),
		changeOf("er_visits_change_peer", 0, erVisits),
	}
	agencyStatistics = append(slices.Clone(peerStatistics),
		changeOf("bed_days_change_comparison", 1, bedDays),
		changeOf("any_inpatient_change_comparison", 1, inpatient),
		changeOf("er_visits_change_comparison", 1, erVisits),
		didOf("bed_days_did", bedDays),
		didOf("er_visits_did", erVisits),
	)
)

// bootstrapIntervals computes the 95% percentile bootstrap intervals of the
// outcome change and DiD metrics (METRICS.md "Outcomes"): for each row of
// those metrics in outcomes__metrics it adds <metric>_ci_low and
// <metric>_ci_high rows with the base row's group_min, so suppression
// matches. It returns, per interval (metric id for ALL, "metric (program)"
// for a program's peer group), how many replicates were dropped because the
// statistic was undefined (a pre total of 0).
func bootstrapIntervals(ctx context.Context, conn *sql.Conn, cfg config.Config) ([]Row, map[string]int, error) {
	bases, err := readIntervalBases(ctx, conn)
	if err != nil || len(bases) == 0 {
		return nil, map[string]int{}, err
	}
	peers, comparison, err := readPersonWindows(ctx, conn)
	if err != nil {
		return nil, map[string]int{}, err
	}
	var programs []string
	for _, b := range bases {
		if b.program != AllPrograms && !slices.Contains(programs, b.program) {
			programs = append(programs, b.program)
		}
	}
	bounds, dropped := intervals(cfg.Seed, cfg.BootstrapReps, peers, comparison, programs)

	var rows []Row
	for _, b := range bases {
		v := bounds[intervalKey{b.metric, b.program}]
		for i, suffix := range []string{"_ci_low", "_ci_high"} {
			rows = append(rows, Row{
				Metric: b.metric + suffix, Program: b.program, Grain: GrainPeriod,
				PeriodStart: b.start, PeriodEnd: b.end, Value: v[i],
				Contributors: -1, GroupMin: b.groupMin,
			})
		}
	}
	return rows, dropped, nil
}

// intervals bootstraps every interval: ALL (the peer group then the
// comparison group in each resample) and each program's peer group, each
// scope from its own generator seeded with (seed, 0). It returns the
// bounds (nil when the group is empty or every replicate was dropped) and
// the dropped replicates per interval (metric id for ALL, "metric
// (program)" for a program), for scopes whose groups are not empty.
func intervals(seed int64, reps int, peers map[string][]personWindows, comparison []personWindows, programs []string) (map[intervalKey][2]*float64, map[string]int) {
	bounds := map[intervalKey][2]*float64{}
	dropped := map[string]int{}
	type job struct {
		program    string
		groups     [][]personWindows
		stats      []statistic
		replicates [][]float64
	}
	jobs := []*job{{program: AllPrograms, groups: [][]personWindows{peers[AllPrograms], comparison}, stats: agencyStatistics}}
	for _, program := range programs {
		jobs = append(jobs, &job{program: program, groups: [][]personWindows{peers[program]}, stats: peerStatistics})
	}
	// Scopes draw from generators of their own, so they resample side by
	// side on the free cores; their results are gathered in a fixed order.
	work := make(chan *job)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				j.replicates = resample(seed, reps, j.groups, j.stats)
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()
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
// group drawn in turn, its people in the order given) and returns, per
// statistic, the values of the replicates where it is defined.
func resample(seed int64, reps int, groups [][]personWindows, stats []statistic) [][]float64 {
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	values := make([][]float64, len(stats))
	for i := range values {
		values[i] = make([]float64, 0, reps)
	}
	totals := make([]groupTotals, len(groups))
	for range reps {
		for g, people := range groups {
			var t groupTotals
			n := len(people)
			for range n {
				t.add(people[rng.IntN(n)])
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

func readIntervalBases(ctx context.Context, conn *sql.Conn) ([]intervalBase, error) {
	quoted := make([]string, len(intervalMetrics))
	for i, m := range intervalMetrics {
		quoted[i] = "'" + m + "'"
	}
	rs, err := conn.QueryContext(ctx, `SELECT metric, program, period_start, period_end, coalesce(group_min, -1)::BIGINT
		FROM outcomes__metrics WHERE metric IN (`+strings.Join(quoted, ", ")+`)
		ORDER BY metric, program`)
	if err != nil {
		return nil, fmt.Errorf("read outcome metrics for the bootstrap: %w", err)
	}
	defer rs.Close()
	var out []intervalBase
	for rs.Next() {
		var b intervalBase
		if err := rs.Scan(&b.metric, &b.program, &b.start, &b.end, &b.groupMin); err != nil {
			return nil, fmt.Errorf("read outcome metrics for the bootstrap: %w", err)
		}
		b.start, b.end = dateOnly(b.start), dateOnly(b.end)
		out = append(out, b)
	}
	return out, rs.Err()
}

// readPersonWindows reads the eligible cohort in participant_id order: the
// peer group by program (and ALL) and the comparison group.
func readPersonWindows(ctx context.Context, conn *sql.Conn) (peers map[string][]personWindows, comparison []personWindows, err error) {
	rs, err := conn.QueryContext(ctx, `SELECT peer_flag, program,
		pre_bed_days, post_bed_days, pre_inpatient_flag::BIGINT, post_inpatient_flag::BIGINT,
		pre_er_visits, post_er_visits
		FROM outcomes__person_windows ORDER BY participant_id`)
	if err != nil {
		return nil, nil, fmt.Errorf("read outcome cohort for the bootstrap: %w", err)
	}
	defer rs.Close()
	peers = map[string][]personWindows{}
	for rs.Next() {
		var p personWindows
		var peer bool
		var program string
		if err := rs.Scan(&peer, &program, &p.preBedDays, &p.postBedDays, &p.preInpatient, &p.postInpatient,
			&p.preERVisits, &p.postERVisits); err != nil {
			return nil, nil, fmt.Errorf("read outcome cohort for the bootstrap: %w", err)
		}
		if peer {
			peers[program] = append(peers[program], p)
			peers[AllPrograms] = append(peers[AllPrograms], p)
		} else {
			comparison = append(comparison, p)
		}
	}
	return peers, comparison, rs.Err()
}
