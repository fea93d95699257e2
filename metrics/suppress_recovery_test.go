package metrics

import (
	"strings"
	"testing"

	"github.com/peerstat/peerstat/config"
)

// withoutFollowupFacts is the registry less the two relations among the
// follow-up counts (the missed episodes published twice; intakes assessed
// = done + open + missed), as suppression saw it before they were facts.
func withoutFollowupFacts(reg []Definition) []Definition {
	out := make([]Definition, len(reg))
	copy(out, reg)
	for i := range out {
		d := &out[i]
		d.Totals = nil
		var shares []SharedCount
		for _, sc := range d.Shares {
			if sc.Name != missedCount {
				shares = append(shares, sc)
			}
		}
		d.Shares = shares
	}
	return out
}

// published reads a row's numerator, denominator and denominator −
// numerator as a reader of the files would: false when the row is hidden.
func published(rows []Row, metric, program, part string) (float64, bool) {
	for _, r := range rows {
		if r.Metric != metric || r.Program != program || r.Suppressed {
			continue
		}
		switch part {
		case PartNumerator:
			return *r.Numerator, true
		case PartDenominator:
			return *r.Denominator, true
		}
		return *r.Denominator - *r.Numerator, true
	}
	return 0, false
}

// The follow-up status counts and the two rates are tied by relations
// METRICS.md states (done + open + missed = episodes with an intake; missed
// = the GPRA rate's denominator − numerator). Hand-built period rows,
// k = 11; contributors are the numerators.
func TestSuppressFollowupRelations(t *testing.T) {
	reg := Registry(config.Default())
	rate := func(metric, program string, num, den float64) Row {
		return cell(metric, program, "period", period, f(num), f(den), int64(num))
	}
	count := func(metric, program string, n float64) Row {
		return cell(metric, program, "period", period, f(n), nil, int64(n))
	}

	t.Run("intakes assessed = done + open + missed", func(t *testing.T) {
		// A: 40 intakes assessed (of 60 due) = 20 done + 15 open + 5
		// missed; the GPRA rate 20 of 25 (5 without a follow-up). B: 100 of
		// 120 = 50 + 20 + 30; GPRA 50 of 80. ALL: the sums.
		rows := func() []Row {
			return []Row{
				rate("intake_assessed_rate", "ALL", 140, 180), rate("intake_assessed_rate", "A", 40, 60), rate("intake_assessed_rate", "B", 100, 120),
				rate("followup_assessed_rate", "ALL", 70, 105), rate("followup_assessed_rate", "A", 20, 25), rate("followup_assessed_rate", "B", 50, 80),
				count("followup_done", "ALL", 70), count("followup_done", "A", 20), count("followup_done", "B", 50),
				count("followup_open", "ALL", 35), count("followup_open", "A", 15), count("followup_open", "B", 20),
				count("followup_missed", "ALL", 35), count("followup_missed", "A", 5), count("followup_missed", "B", 30),
			}
		}
		// Without the relation: A's 5 missed (and its rate, 25 − 20 = 5)
		// are hidden, with B's as complements beside ALL; A's 40 intakes,
		// 20 done and 15 open stay shown, and 40 − 20 − 15 = 5 gives the
		// hidden count back.
		before := rows()
		if err := suppress(before, withoutFollowupFacts(reg), 11); err != nil {
			t.Fatal(err)
		}
		wantBefore := "followup_assessed_rate A period 01-01; followup_assessed_rate B period 01-01; followup_missed A period 01-01; followup_missed B period 01-01"
		if got := strings.Join(hiddenCells(before), "; "); got != wantBefore {
			t.Fatalf("without the relation: got [%s], want [%s]", got, wantBefore)
		}
		intakes, ok1 := published(before, "intake_assessed_rate", "A", PartNumerator)
		done, ok2 := published(before, "followup_done", "A", PartNumerator)
		open, ok3 := published(before, "followup_open", "A", PartNumerator)
		if !ok1 || !ok2 || !ok3 || intakes-done-open != 5 {
			t.Fatalf("without the relation the reader's subtraction should give A's 5 missed: %v %v %v %g", ok1, ok2, ok3, intakes-done-open)
		}
		// With it: A's relation has one hidden count (5 < 11), so the
		// fewest-people cell of the rest is hidden too: open (15, before
		// done's 20 and the intakes' 40), 5 + 15 = 20. Open beside ALL then
		// takes B's open (20, fewer than ALL's 35): 15 + 20 = 35. B's
		// relation holds 20 open + 30 missed hidden. The audit: with t =
		// A's missed, A's open = 20 − t, B's missed = 35 − t and B's open =
		// 15 + t fit every relation for t from 0 to 20, so nothing is fixed
		// and 5 can be 11 or more.
		after := rows()
		if err := suppress(after, reg, 11); err != nil {
			t.Fatal(err)
		}
		wantAfter := "followup_assessed_rate A period 01-01; followup_assessed_rate B period 01-01; followup_missed A period 01-01; followup_missed B period 01-01; followup_open A period 01-01; followup_open B period 01-01"
		if got := strings.Join(hiddenCells(after), "; "); got != wantAfter {
			t.Errorf("with the relation: got [%s], want [%s]", got, wantAfter)
		}
	})

	t.Run("intakes assessed leave out recent enrollments", func(t *testing.T) {
		// A window ending within 30 days of data_through: A's 48 intakes
		// assessed leave out 2 of its 20 + 15 + 15 = 50 episodes with an
		// intake (enrolled too recently). Those 2 are tested like a cell
		// (1 to 10: A's rate is hidden), and so are ALL's: 148 of 70 + 35 +
		// 45 = 150. A and ALL hidden, 48 + 148 >= 11, protect each other
		// beside B (100 = 50 + 20 + 30, no one left out, shown).
		rows := []Row{
			rate("intake_assessed_rate", "ALL", 148, 180), rate("intake_assessed_rate", "A", 48, 60), rate("intake_assessed_rate", "B", 100, 120),
			count("followup_done", "ALL", 70), count("followup_done", "A", 20), count("followup_done", "B", 50),
			count("followup_open", "ALL", 35), count("followup_open", "A", 15), count("followup_open", "B", 20),
			count("followup_missed", "ALL", 45), count("followup_missed", "A", 15), count("followup_missed", "B", 30),
		}
		if err := suppress(rows, reg, 11); err != nil {
			t.Fatal(err)
		}
		want := "intake_assessed_rate A period 01-01; intake_assessed_rate ALL period 01-01"
		if got := strings.Join(hiddenCells(rows), "; "); got != want {
			t.Errorf("got [%s], want [%s]", got, want)
		}
	})

	t.Run("missed = the GPRA rate's denominator − numerator", func(t *testing.T) {
		// Missed: A 4, B 30, C 15, ALL 49. The GPRA rate: A 20 of 24 (4
		// missed), B 12 of 42 (30), C 50 of 65 (15), ALL 82 of 131 (49).
		rows := func() []Row {
			return []Row{
				rate("followup_assessed_rate", "ALL", 82, 131), rate("followup_assessed_rate", "A", 20, 24),
				rate("followup_assessed_rate", "B", 12, 42), rate("followup_assessed_rate", "C", 50, 65),
				count("followup_missed", "ALL", 49), count("followup_missed", "A", 4), count("followup_missed", "B", 30), count("followup_missed", "C", 15),
			}
		}
		// Without the relation each metric is complemented on its own: the
		// rate's A (4 without a follow-up) takes B (12 people, before C's
		// 50); missed A (4) takes C (15, before B's 30). Then C's rate
		// shows 65 − 50 = 15 missed and B's count shows 30, so A's missed
		// is 49 − 30 − 15 = 4.
		before := rows()
		if err := suppress(before, withoutFollowupFacts(reg), 11); err != nil {
			t.Fatal(err)
		}
		wantBefore := "followup_assessed_rate A period 01-01; followup_assessed_rate B period 01-01; followup_missed A period 01-01; followup_missed C period 01-01"
		if got := strings.Join(hiddenCells(before), "; "); got != wantBefore {
			t.Fatalf("without the relation: got [%s], want [%s]", got, wantBefore)
		}
		all, ok1 := published(before, "followup_missed", "ALL", PartNumerator)
		b, ok2 := published(before, "followup_missed", "B", PartNumerator)
		c, ok3 := published(before, "followup_assessed_rate", "C", PartRest)
		if !ok1 || !ok2 || !ok3 || all-b-c != 4 {
			t.Fatalf("without the relation the reader's subtraction should give A's 4 missed: %v %v %v %g", ok1, ok2, ok3, all-b-c)
		}
		// With it, one count is hidden everywhere or nowhere: the rate's B
		// hides missed B, missed C hides the rate's C, and both metrics
		// show only ALL (49 = A + B + C, three unknowns, one equation).
		after := rows()
		if err := suppress(after, reg, 11); err != nil {
			t.Fatal(err)
		}
		wantAfter := "followup_assessed_rate A period 01-01; followup_assessed_rate B period 01-01; followup_assessed_rate C period 01-01; followup_missed A period 01-01; followup_missed B period 01-01; followup_missed C period 01-01"
		if got := strings.Join(hiddenCells(after), "; "); got != wantAfter {
			t.Errorf("with the relation: got [%s], want [%s]", got, wantAfter)
		}
	})
}
