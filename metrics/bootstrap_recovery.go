package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/peerstat/peerstat/config"
)

// scaleIntervals computes the 95% percentile bootstrap interval of every
// summed scale's mean change (METRICS.md "Recovery outcomes": resampling
// paired episodes, as for outcomes): for each <instrument>_mean_change row
// of recovery__metrics it adds _ci_low and _ci_high rows, value only, with
// the base row's contributors, so that suppression treats them as it
// treats the base row. Each row's paired episodes (recovery__paired_scores,
// in participant_id and episode order) are resampled bootstrap_reps times
// from a PCG generator seeded with (seed, 0), the draws of intervals() in
// bootstrap.go; a resample's statistic is its mean change, defined for any
// non-empty sample, so no replicate is dropped.
func scaleIntervals(ctx context.Context, conn *sql.Conn, cfg config.Config) ([]Row, error) {
	type cell struct {
		metric, program string
		start, end      time.Time
	}
	bases := map[cell]int64{}
	var order []cell
	rs, err := conn.QueryContext(ctx, `SELECT metric, program, period_start, period_end, coalesce(contributors, -1)::BIGINT
		FROM recovery__metrics WHERE metric LIKE '%\_mean\_change' ESCAPE '\' ORDER BY metric, program, period_start`)
	if err != nil {
		return nil, fmt.Errorf("read recovery metrics for the bootstrap: %w", err)
	}
	for rs.Next() {
		var c cell
		var contributors int64
		if err := rs.Scan(&c.metric, &c.program, &c.start, &c.end, &contributors); err != nil {
			rs.Close()
			return nil, fmt.Errorf("read recovery metrics for the bootstrap: %w", err)
		}
		c.start, c.end = dateOnly(c.start), dateOnly(c.end)
		bases[c] = contributors
		order = append(order, c)
	}
	if err := rs.Close(); err != nil {
		return nil, err
	}
	changes := map[cell][]int64{}
	rs, err = conn.QueryContext(ctx, `SELECT instrument || '_mean_change', program, period_start, period_end, score_change
		FROM recovery__paired_scores ORDER BY instrument, program, period_start, participant_id, episode_seq`)
	if err != nil {
		return nil, fmt.Errorf("read paired scores for the bootstrap: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var c cell
		var change int64
		if err := rs.Scan(&c.metric, &c.program, &c.start, &c.end, &change); err != nil {
			return nil, fmt.Errorf("read paired scores for the bootstrap: %w", err)
		}
		c.start, c.end = dateOnly(c.start), dateOnly(c.end)
		changes[c] = append(changes[c], change)
	}
	if err := rs.Err(); err != nil {
		return nil, err
	}
	// Each row's interval has a generator of its own, so the rows are
	// resampled side by side on the free cores, the largest first.
	bounds := make([][2]*float64, len(order))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(order)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				lo, hi := meanChangeInterval(cfg.Seed, cfg.BootstrapReps, changes[order[i]])
				bounds[i] = [2]*float64{lo, hi}
			}
		}()
	}
	bySize := make([]int, len(order))
	for i := range bySize {
		bySize[i] = i
	}
	slices.SortStableFunc(bySize, func(a, b int) int { return len(changes[order[b]]) - len(changes[order[a]]) })
	for _, i := range bySize {
		next <- i
	}
	close(next)
	wg.Wait()
	var rows []Row
	for i, c := range order {
		for b, suffix := range []string{"_ci_low", "_ci_high"} {
			rows = append(rows, Row{
				Metric: c.metric + suffix, Program: c.program, Grain: GrainPeriod,
				PeriodStart: c.start, PeriodEnd: c.end, Value: bounds[i][b],
				Contributors: bases[c], GroupMin: -1,
			})
		}
	}
	return rows, nil
}

// meanChangeInterval is the percentile bootstrap interval of the mean of
// changes: reps resamples of len(changes) draws with replacement, each
// draw rand.New(rand.NewPCG(seed, 0)).IntN(n); nil bounds when there are
// no changes.
//
// A resample's sum depends only on how often each value of change is
// drawn, and a score's changes take few values (BARC-10's from −40 to
// 40): a draw counts the drawn person's value, and the sum reads those
// few counts, not one per person. The same integer sums, so the same
// means.
func meanChangeInterval(seed int64, reps int, changes []int64) (lo, hi *float64) {
	n := uint64(len(changes))
	if n == 0 {
		return nil, nil
	}
	values, of := distinctChanges(changes)
	src := newPCG(seed)
	means := make([]float64, reps)
	counts := make([]uint32, len(values))
	for r := range means {
		clear(counts)
		countDraws(&src, counts, of, n)
		var sum int64
		for k, c := range counts {
			sum += int64(c) * values[k]
		}
		means[r] = float64(sum) / float64(n)
	}
	return percentileBounds(means)
}

// distinctChanges are the values changes take, in order of first
// appearance, and each change's index among them; of is nil (each change
// its own value) when most changes differ.
func distinctChanges(changes []int64) (values []int64, of []uint32) {
	values, of = profilesOf(len(changes), func(i int) int64 { return changes[i] })
	if of == nil {
		return changes, nil
	}
	return values, of
}
