package reports

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/metrics"
)

// TestReportsNameNoMetricID: reports select figures by the registry's facts
// (family, chart group, headline, interval link), never by id, so a new
// figure is one registry entry and one SQL model. Any string literal in
// the package's code that is a metric id, or a piece of one ("doc_",
// "_ci_low"), fails; config keys are allowed (program_cost is both).
func TestReportsNameNoMetricID(t *testing.T) {
	cfg := config.Default()
	ids := map[string]bool{}
	for _, d := range metrics.Registry(cfg) {
		ids[d.ID] = true
	}
	keys := map[string]bool{}
	ct := reflect.TypeOf(cfg)
	for i := 0; i < ct.NumField(); i++ {
		if tag := strings.Split(ct.Field(i).Tag.Get("toml"), ",")[0]; tag != "" {
			keys[tag] = true
		}
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || keys[s] {
				return true
			}
			piece := len(s) > 1 && (strings.HasPrefix(s, "_") || strings.HasSuffix(s, "_")) && !strings.ContainsAny(s, " ")
			for id := range ids {
				if s == id || (piece && (strings.HasPrefix(id, s) || strings.HasSuffix(id, s))) {
					t.Errorf("%s: reports name metric id %q (%q); select it by a registry fact instead", fset.Position(lit.Pos()), id, s)
					break
				}
			}
			return true
		})
	}
}

// TestEveryMetricHasReportFacts: each registered figure has a family, and
// a direction wherever METRICS.md gives one is checked by hand for a few.
func TestEveryMetricHasReportFacts(t *testing.T) {
	reg := metrics.Registry(config.Default())
	for _, d := range reg {
		if d.Family == "" {
			t.Errorf("%s: no family", d.ID)
		}
	}
	want := map[string]metrics.Direction{
		"readmit_30d_rate":        metrics.LowerIsBetter,
		"followup_7d_rate":        metrics.HigherIsBetter,
		"hours_per_billable_hour": metrics.LowerIsBetter,
		"billed_units":            metrics.DirectionNone,
		"headcount_avg":           metrics.DirectionNone,
		"outcome_n_peer":          metrics.DirectionNone,
		"bed_days_did":            metrics.LowerIsBetter,
		"roi":                     metrics.HigherIsBetter,
		// MHSIP: 1 = strongly agree, so a lower mean is better.
		"survey_mhsip_adult_general_satisfaction_mean":     metrics.LowerIsBetter,
		"survey_peer_experience_overall_mean":              metrics.HigherIsBetter,
		"survey_mhsip_adult_general_satisfaction_positive": metrics.HigherIsBetter,
	}
	for id, dir := range want {
		d, ok := metrics.Lookup(reg, id)
		if !ok {
			t.Errorf("%s: not registered", id)
			continue
		}
		if d.Direction != dir {
			t.Errorf("%s: direction %v, want %v", id, d.Direction, dir)
		}
	}
}

// TestBoardOnlyFiguresStayOutOfMCOPackets: peer caseload (peer FTE is not
// split by payer) is in the board workbook and in no MCO workbook, even
// the all-participants one.
func TestBoardOnlyFiguresStayOutOfMCOPackets(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteBoard(dir, testResult(0)); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteMCO(dir, "", testResult(0)); err != nil {
		t.Fatal(err)
	}
	count := func(file string) int {
		book := openBook(t, filepath.Join(dir, file))
		n := 0
		for _, sheet := range book.GetSheetList() {
			rows, _ := book.GetRows(sheet)
			for _, r := range rows {
				for _, c := range r {
					if c == "Participants per peer FTE" {
						n++
					}
				}
			}
		}
		return n
	}
	if n := count("peerstat-board.xlsx"); n == 0 {
		t.Errorf("board workbook: peer caseload not shown")
	}
	if n := count("peerstat-mco.xlsx"); n != 0 {
		t.Errorf("MCO workbook: peer caseload shown %d times, want none", n)
	}
}

// TestNotAvailableFollowup: a follow-up rate with a denominator and a
// blank value (no follow-up source was possible) reads "not available"
// and why, never 0% or an empty cell; one with no denominator stays blank.
func TestNotAvailableFollowup(t *testing.T) {
	res := testResult(0)
	two, zero := 2.0, 0.0
	res.Rows = append(res.Rows,
		metrics.Row{Metric: "followup_clinical_7d_rate", Program: "Bridges", Grain: metrics.GrainPeriod, Numerator: &zero, Denominator: &two, Unit: metrics.UnitRatio},
		metrics.Row{Metric: "followup_clinical_7d_rate", Program: "Harbor & Co", Grain: metrics.GrainPeriod, Numerator: &zero, Denominator: &zero, Unit: metrics.UnitRatio},
	)
	f := newFacts(res)
	got := f.value(&res.Rows[len(res.Rows)-2]).display(0)
	if want := "not available: no outpatient encounters or services by clinical staff"; got != want {
		t.Errorf("denominator 2, blank value: got %q, want %q", got, want)
	}
	if got := f.value(&res.Rows[len(res.Rows)-1]).display(0); got != "" {
		t.Errorf("denominator 0: got %q, want blank", got)
	}
}

// TestDiDInWords: the fixture's ER-visit DiD is −0.42 with interval −0.8 to
// 0.05 (contains 0: no difference shown); the bed-day DiD −2.555 with
// −4.1 to −0.9 (wholly below 0). Both sentences reach the workbook.
func TestDiDInWords(t *testing.T) {
	_, book := writeBoard(t, testResult(11))
	rows, err := book.GetRows("Outcomes")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Difference in differences, ER visits per person: -0.42 (95% interval -0.8 to 0.05). The interval contains 0, so no difference between the peer and comparison groups was shown; the difference could be chance.",
		"Difference in differences, bed days per person: -2.56 (95% interval -4.1 to -0.9). The interval lies wholly below 0: the peer group's figure fell relative to the comparison group's.",
	}
	for _, w := range want {
		found := false
		for _, r := range rows {
			for _, c := range r {
				found = found || c == w
			}
		}
		if !found {
			t.Errorf("Outcomes sheet: no cell %q", w)
		}
	}
}
