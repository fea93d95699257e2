package metrics

import (
	"strings"
	"testing"
)

// A hidden count of 0 that the published figures fix is disclosed like
// any other (METRICS.md "Small-cell suppression", Audit), and gets a
// further complement.
func TestAuditHiddenZeroGetsComplement(t *testing.T) {
	// readmit_rate (readmitted of discharges; contributors = readmitted),
	// k = 11, programs A, B, C over January, February, March and Q1:
	//
	//              Jan     Feb     Mar     Q1
	//   A         20/25   12/40   20/40   52/105
	//   B          0/30    0/30    0/20    0/80
	//   C         20/24   15/40   20/40   55/104
	//   ALL       40/79   27/110  40/100 107/289
	//
	// Primary: A Jan (25 − 20 = 5 not readmitted) and C Jan (24 − 20 = 4).
	// Complements: January beside ALL: hidden 5 + 4 = 9 not readmitted,
	// below 11; B Jan comes first (0 contributors): 0 + 30 = 39, enough.
	// A's months: A Feb (12 contributors, fewer than A Mar's 20). B's
	// months: B Feb (0 contributors, a month before B Mar). C's months:
	// C Feb (15 < 20). February beside ALL then hides A, B and C: enough.
	//
	// Audit, readmitted counts: Jan A + B + C = 40, Feb A + B + C = 27,
	// A Jan + Feb = 52 − 20 = 32, C Jan + Feb = 55 − 20 = 35, and B Jan +
	// Feb = 0 − 0 = 0. With every count >= 0 the last pins B Jan and B Feb
	// at 0 (the linear program's minimum and maximum are both 0; the
	// elimination alone does not fix them: the step +1 A Jan, −1 B Jan,
	// −1 A Feb, +1 B Feb keeps every equation). A and C still move
	// together (+1 A Jan, −1 C Jan, −1 A Feb, +1 C Feb), so nothing else
	// is found out. The old audit let the two 0s pass; now each gets a
	// further complement, the first shown neighbour in the complement
	// order: for B Jan, B Mar (0 contributors, a month: before B Q1 and
	// ALL Jan); for B Feb, then B Q1 (0 contributors, before ALL Feb).
	//
	// Round 2: B Q1 hidden alone beside ALL in Q1 takes A Q1 (52
	// contributors, fewer than C Q1's 55). Now A Q1 = A Jan + A Feb + 20
	// and A Q1 + B Q1 = 107 − 55 = 52, so B Q1 = 32 − A Jan − A Feb =
	// B Jan + B Feb (January and February less C's 35): with B Jan + B Feb
	// + B Mar = B Q1, B Mar is fixed exactly (at 0 readmitted, and at
	// 20 discharges the same way). It gets a further complement: beside
	// it in March, A Mar (20 contributors, before C Mar by name).
	//
	// Round 3: March beside ALL hides A Mar and B Mar (20 readmitted, 60
	// discharges); B Mar now moves with A Mar, A Q1 and B Q1 (+1 B Mar,
	// −1 A Mar, −1 A Q1, +1 B Q1), and B Jan and B Feb with A Jan and
	// A Feb through A Q1 and B Q1: nothing is found out.
	rc := func(program, grain, window string, num, den float64) Row {
		return cell("readmit_rate", program, grain, window, f(num), f(den), int64(num))
	}
	rows := []Row{
		rc("A", "month", jan, 20, 25), rc("A", "month", feb, 12, 40), rc("A", "month", mar, 20, 40), rc("A", "quarter", q1, 52, 105),
		rc("B", "month", jan, 0, 30), rc("B", "month", feb, 0, 30), rc("B", "month", mar, 0, 20), rc("B", "quarter", q1, 0, 80),
		rc("C", "month", jan, 20, 24), rc("C", "month", feb, 15, 40), rc("C", "month", mar, 20, 40), rc("C", "quarter", q1, 55, 104),
		rc("ALL", "month", jan, 40, 79), rc("ALL", "month", feb, 27, 110), rc("ALL", "month", mar, 40, 100), rc("ALL", "quarter", q1, 107, 289),
	}
	if err := suppress(rows, suppressRegistry, 11); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"readmit_rate A month 01-01", "readmit_rate A month 02-01", "readmit_rate A month 03-01", "readmit_rate A quarter 01-01",
		"readmit_rate B month 01-01", "readmit_rate B month 02-01", "readmit_rate B month 03-01", "readmit_rate B quarter 01-01",
		"readmit_rate C month 01-01", "readmit_rate C month 02-01",
	}
	if got := hiddenCells(rows); strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("suppressed:\ngot  [%s]\nwant [%s]", strings.Join(got, "; "), strings.Join(want, "; "))
	}
}

// The cells one audit discloses together can share their protection: a
// complement for the first may already undo the others' disclosure, so
// they wait for the next audit instead of each taking a complement from a
// list made before the first (METRICS.md: "a disclosed cell gets a
// further complement ... and the audit repeats").
func TestProtectLeavesTheTotalWhenOneComplementServes(t *testing.T) {
	// readmit_rate (readmitted of discharges; contributors = readmitted),
	// k = 11, the board's ALL and two payers P and Q, over January,
	// February, March and Q1 (each payer's figures sum to the board's):
	//
	//              Jan     Feb     Mar     Q1
	//   board     0/13    5/30    6/30   11/73
	//   P         0/8     2/14    3/15    5/37
	//   Q         0/5     3/16    3/15    6/36
	//
	// Primary: every payer cell (a readmitted count or discharges from 1
	// to 10) and the board's February and March (5 and 6 readmitted).
	// The complement rules add nothing: the board's months hide February
	// and March (11 readmitted, 60 discharges); January beside the payers
	// hides P and Q (0 readmitted, 13 discharges); Q1 beside the payers P
	// and Q (11 readmitted). The board shows January (0/13) and Q1 (11/73).
	//
	// Audit: P Jan + Q Jan = 0 readmitted (the board's shown January):
	// with counts >= 0 both are 0, minimum = maximum (disclosed; nothing
	// else is: P Feb + P Mar = P Q1, P Q1 + Q Q1 = 11 and the months'
	// sums leave every other count room, up to 11 or more where small).
	//
	// Protect, in the complement order: P Jan's neighbours hold one shown
	// count above 0, the board's January (0 readmitted, so first in the
	// order): it becomes a complement and unpins the sum. Before the
	// change Q Jan then took a complement of its own: its neighbours (the
	// board's January, now hidden, and Q's months, all primary) have none
	// left, one relation further the first shown cell is the board's Q1:
	// the period total was hidden. Now Q Jan waits (it shares a relation
	// with P Jan), and the next audit finds both free: the board's months
	// hide January, February and March (11 readmitted), and P Jan + 1,
	// board Jan + 1, board Feb − 1, P Feb − 1 keeps every relation. So the
	// board shows Q1.
	rc := func(program, grain, window string, num, den float64) Row {
		return cell("readmit_rate", program, grain, window, f(num), f(den), int64(num))
	}
	board := []Row{rc("ALL", "month", jan, 0, 13), rc("ALL", "month", feb, 5, 30), rc("ALL", "month", mar, 6, 30), rc("ALL", "quarter", q1, 11, 73)}
	p := []Row{rc("ALL", "month", jan, 0, 8), rc("ALL", "month", feb, 2, 14), rc("ALL", "month", mar, 3, 15), rc("ALL", "quarter", q1, 5, 37)}
	q := []Row{rc("ALL", "month", jan, 0, 5), rc("ALL", "month", feb, 3, 16), rc("ALL", "month", mar, 3, 15), rc("ALL", "quarter", q1, 6, 36)}
	rel := Release{
		Board:  Result{Rows: board, Payers: []string{"P", "Q"}},
		Payers: []Result{{Scope: Scope{Payer: "P"}, Rows: p}, {Scope: Scope{Payer: "Q"}, Rows: q}},
	}
	sum, err := suppressRelease(&rel, suppressRegistry, 11)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(hiddenCells(rel.Board.Rows), "; "), "readmit_rate ALL month 01-01; readmit_rate ALL month 02-01; readmit_rate ALL month 03-01"; got != want {
		t.Errorf("board suppressed:\ngot  [%s]\nwant [%s]", got, want)
	}
	if sum.Complements != 1 {
		t.Errorf("complements: got %d, want 1 (the board's January)", sum.Complements)
	}
}
