package reports

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/peerstat/peerstat/metrics"
)

// The methodology states the share of outcome-window encounters whose
// paid_amount was blank (METRICS.md "Outcomes"): 3 of 40 = 7.5% this
// half-year; 5 of 8 = 62.5% the half-year before, whose paid DiD is
// suppressed, so its share is not given.
func TestMethodologyStatesBlankPaidShare(t *testing.T) {
	res := testResult(11)
	earlierStart, earlierEnd := day(2024, 1, 1), day(2024, 6, 30)
	res.Registry = append(res.Registry, metrics.Definition{ID: "paid_did", Title: "Difference in differences, paid amounts per person",
		Area: "outcomes", Unit: metrics.UnitUSD, Description: "Paid DiD.", AllOnly: true, Protected: true, GroupTested: true,
		Family: metrics.FamilyOutcomes})
	res.Rows = append(res.Rows,
		metrics.Row{Metric: "paid_did", Program: metrics.AllPrograms, Grain: metrics.GrainPeriod, PeriodStart: earlierStart, PeriodEnd: earlierEnd,
			Unit: metrics.UnitUSD, Suppressed: true, Contributors: -1, GroupMin: 4},
		metrics.Row{Metric: "paid_did", Program: metrics.AllPrograms, Grain: metrics.GrainPeriod, PeriodStart: fixturePeriodStart, PeriodEnd: fixturePeriodEnd,
			Value: f64(-120), Unit: metrics.UnitUSD, Contributors: -1, GroupMin: 35})
	res.PaidBlank = []metrics.PaidBlank{
		{PeriodStart: fixturePeriodStart, PeriodEnd: fixturePeriodEnd, Encounters: 40, Blank: 3, Follows: "paid_did"},
		{PeriodStart: earlierStart, PeriodEnd: earlierEnd, Encounters: 8, Blank: 5, Follows: "paid_did"},
	}
	dir := t.TempDir()
	if _, err := WriteBoard(dir, res); err != nil {
		t.Fatal(err)
	}
	want := "Paid amounts: the share of the encounters in the outcome windows (pre and post, peer and comparison groups) whose paid_amount was blank, and so counted $0, is " +
		"reporting period 2024-07-01 to 2024-12-31: 7.5%; earlier period 2024-01-01 to 2024-06-30: not shown, as the outcome groups' figures are suppressed."
	if text := sheetText(t, filepath.Join(dir, "peerstat-board.xlsx"), "Methodology"); !strings.Contains(text, want) {
		t.Errorf("the Methodology sheet does not state the blank paid share:\nwant %q\nin %s", want, text[:min(len(text), 2000)])
	}

	// Without paid figures there is no such line.
	dir = t.TempDir()
	if _, err := WriteBoard(dir, testResult(11)); err != nil {
		t.Fatal(err)
	}
	if text := sheetText(t, filepath.Join(dir, "peerstat-board.xlsx"), "Methodology"); strings.Contains(text, "paid_amount was blank") {
		t.Errorf("the Methodology sheet states a blank paid share without paid figures")
	}
}

// With program_cost configured, the cost case notes that an earlier
// period's program cost comes from the timesheets (METRICS.md "Cost
// case"); without an earlier row, it says nothing of it.
func TestCostCaseNotesEarlierProgramCost(t *testing.T) {
	const note = "the earlier periods' program cost comes from peer staff wages in the timesheets"
	for _, tt := range []struct {
		name    string
		earlier bool
	}{{"with an earlier period", true}, {"this period only", false}} {
		t.Run(tt.name, func(t *testing.T) {
			res := testResult(11)
			cost := 50000.0
			res.Config.ProgramCost = &cost
			if tt.earlier {
				res.Rows = append(res.Rows, metrics.Row{Metric: "program_cost", Program: metrics.AllPrograms, Grain: metrics.GrainPeriod,
					PeriodStart: day(2024, 1, 1), PeriodEnd: day(2024, 6, 30), Value: f64(41000), Unit: metrics.UnitUSD, Contributors: -1, GroupMin: 30})
			}
			dir := t.TempDir()
			if _, err := WriteBoard(dir, res); err != nil {
				t.Fatal(err)
			}
			text := sheetText(t, filepath.Join(dir, "peerstat-board.xlsx"), "Cost case")
			if got := strings.Contains(text, note); got != tt.earlier {
				t.Errorf("the Cost case sheet states the earlier periods' costing: %v, want %v", got, tt.earlier)
			}
		})
	}
}

// The methodology says how the audit treats the largest groups of hidden
// counts (METRICS.md Small-cell suppression, Audit): the neighbourhood's
// linear program and the shuttle method's known limit; with suppression
// off (min_cell 0) there is no audit to describe.
func TestMethodologyStatesLargeGroupAudit(t *testing.T) {
	const want = "in larger groups a count is also asked of the linear program of the relations within two steps of it (three steps where two hold it at its value)"
	dir := t.TempDir()
	if _, err := WriteBoard(dir, testResult(11)); err != nil {
		t.Fatal(err)
	}
	text := sheetText(t, filepath.Join(dir, "peerstat-board.xlsx"), "Methodology")
	if !strings.Contains(text, want) || !strings.Contains(text, "the shuttle method") {
		t.Errorf("the Methodology sheet does not describe the large groups' audit:\nwant %q\nin %s", want, text[:min(len(text), 2000)])
	}
	dir = t.TempDir()
	if _, err := WriteBoard(dir, testResult(0)); err != nil {
		t.Fatal(err)
	}
	if text := sheetText(t, filepath.Join(dir, "peerstat-board.xlsx"), "Methodology"); strings.Contains(text, want) {
		t.Errorf("the Methodology sheet describes an audit with suppression off")
	}
}
