package metrics

import (
	"sort"
	"time"
)

// suppress applies small-cell suppression (METRICS.md) to the protected
// metrics' rows in place. With k = minCell (0 turns it off) a row is
// suppressed when a tested count lies from 1 to k−1; then complementary
// suppression hides further programs beside a shown ALL, and further months
// beside a shown quarter, fewest contributing participants first, until the
// hidden cells together hold 0 or at least k participants. Suppressed rows
// lose numerator, denominator and value.
func suppress(rows []Row, registry []Definition, minCell int) {
	if minCell <= 0 {
		return
	}
	k := int64(minCell)
	defs := map[string]Definition{}
	for _, d := range registry {
		defs[d.ID] = d
	}
	for i := range rows {
		if d, ok := defs[rows[i].Metric]; ok && d.Protected && primarySmall(rows[i], d, k) {
			rows[i].Suppressed = true
		}
	}
	for {
		changed := complementPrograms(rows, defs, k)
		if complementMonths(rows, defs, k) {
			changed = true
		}
		if !changed {
			break
		}
	}
	for i := range rows {
		if rows[i].Suppressed {
			rows[i].Numerator, rows[i].Denominator, rows[i].Value = nil, nil, nil
		}
	}
}

func small(x, k int64) bool { return x >= 1 && x <= k-1 }

// primarySmall applies the tests of METRICS.md to one row.
func primarySmall(r Row, d Definition, k int64) bool {
	count := func(f *float64) (int64, bool) {
		if f == nil {
			return 0, false
		}
		return int64(*f), true
	}
	num, hasNum := count(r.Numerator)
	den, hasDen := count(r.Denominator)
	switch {
	case d.NumeratorCounted && hasNum && small(num, k):
		return true
	case d.DenominatorCounted && hasDen && small(den, k):
		return true
	case d.Proportion && hasNum && hasDen && small(den-num, k):
		return true
	case r.Contributors >= 0 && small(r.Contributors, k):
		return true
	case d.GroupTested && r.GroupMin >= 0 && small(r.GroupMin, k):
		return true
	}
	return false
}

type cellKey struct {
	metric, grain string
	start, end    time.Time
}

// complementPrograms: within one metric and window, when ALL is shown and
// some programs are hidden, hide more programs until the hidden ones hold 0
// or at least k participants.
func complementPrograms(rows []Row, defs map[string]Definition, k int64) bool {
	groups := map[cellKey][]int{}
	var keys []cellKey
	for i, r := range rows {
		if !defs[r.Metric].Protected {
			continue
		}
		key := cellKey{r.Metric, r.Grain, r.PeriodStart, r.PeriodEnd}
		if _, ok := groups[key]; !ok {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], i)
	}
	changed := false
	for _, key := range keys {
		idx := groups[key]
		allShown := false
		var programs []int
		for _, i := range idx {
			if rows[i].Program == AllPrograms {
				allShown = !rows[i].Suppressed
			} else {
				programs = append(programs, i)
			}
		}
		if !allShown {
			continue
		}
		sort.Slice(programs, func(a, b int) bool {
			ra, rb := rows[programs[a]], rows[programs[b]]
			if contributors(ra) != contributors(rb) {
				return contributors(ra) < contributors(rb)
			}
			return ra.Program < rb.Program
		})
		if complement(rows, programs, k) {
			changed = true
		}
	}
	return changed
}

// complementMonths: within one metric, program and shown quarter, hide more
// months until the hidden months hold 0 or at least k participants.
func complementMonths(rows []Row, defs map[string]Definition, k int64) bool {
	type progKey struct{ metric, program string }
	quarters := map[progKey][]int{}
	months := map[progKey][]int{}
	var keys []progKey
	for i, r := range rows {
		if !defs[r.Metric].Protected {
			continue
		}
		key := progKey{r.Metric, r.Program}
		switch r.Grain {
		case GrainQuarter:
			if _, ok := quarters[key]; !ok {
				keys = append(keys, key)
			}
			quarters[key] = append(quarters[key], i)
		case GrainMonth:
			months[key] = append(months[key], i)
		}
	}
	changed := false
	for _, key := range keys {
		for _, q := range quarters[key] {
			if rows[q].Suppressed {
				continue
			}
			var inQuarter []int
			for _, m := range months[key] {
				if !rows[m].PeriodStart.Before(rows[q].PeriodStart) && !rows[m].PeriodEnd.After(rows[q].PeriodEnd) {
					inQuarter = append(inQuarter, m)
				}
			}
			sort.Slice(inQuarter, func(a, b int) bool {
				ra, rb := rows[inQuarter[a]], rows[inQuarter[b]]
				if contributors(ra) != contributors(rb) {
					return contributors(ra) < contributors(rb)
				}
				return ra.PeriodStart.Before(rb.PeriodStart)
			})
			if complement(rows, inQuarter, k) {
				changed = true
			}
		}
	}
	return changed
}

// complement hides cells of candidates (already in the order to hide them)
// while the hidden ones together hold from 1 to k−1 participants.
func complement(rows []Row, candidates []int, k int64) bool {
	var hidden int64
	for _, i := range candidates {
		if rows[i].Suppressed {
			hidden += contributors(rows[i])
		}
	}
	changed := false
	for _, i := range candidates {
		if !small(hidden, k) {
			break
		}
		if rows[i].Suppressed {
			continue
		}
		rows[i].Suppressed = true
		hidden += contributors(rows[i])
		changed = true
	}
	return changed
}

// contributors is the number of participants behind a row's numerator: the
// counted contributors where the model gave them, else the numerator when
// it counts people or events.
func contributors(r Row) int64 {
	if r.Contributors >= 0 {
		return r.Contributors
	}
	if r.GroupMin >= 0 {
		return r.GroupMin
	}
	if r.Numerator != nil {
		return int64(*r.Numerator)
	}
	return 0
}
