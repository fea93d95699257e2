package reports

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/metrics"
)

// recoveryResult is the report fixture with recovery outcome figures for
// the period, written out by hand (the registry's definitions): ALL and
// Bridges shown, Harbor & Co suppressed (k = 11), so the section shows
// figures, a suppressed program and the 80% mark read both ways.
//
//	follow-up rate: ALL 18/25 = 72% (below 80%: "not yet"), Bridges 17/20
//	  = 85% ("yes"); intake rate ALL 27/30 = 90%.
//	paired episodes 20 (ALL) and 17 (Bridges): stably housed 8 -> 13,
//	  employed 4 -> 7, BARC-10 47 or more 5 -> 10 (ALL); Bridges'
//	  employed at intake (3) suppressed, at follow-up 6/17 shown.
//	BARC-10 mean change: ALL 130/20 = 6.5, interval 3 to 10.
//	status (ALL): done 18, open 12 (closing within 30 days 3), missed 7.
func recoveryResult(minCell int) metrics.Result {
	res := testResult(minCell)
	registry := metrics.Registry(config.Default())
	start, end := fixturePeriodStart, fixturePeriodEnd
	type fig struct{ num, den, val *float64 }
	figures := map[string]map[string]fig{
		"intake_assessed_rate":         {"ALL": {f64(27), f64(30), f64(0.9)}, "Bridges": {f64(18), f64(20), f64(0.9)}},
		"followup_assessed_rate":       {"ALL": {f64(18), f64(25), f64(0.72)}, "Bridges": {f64(17), f64(20), f64(0.85)}},
		"housing_stable_intake_rate":   {"ALL": {f64(8), f64(20), f64(0.4)}, "Bridges": {f64(7), f64(17), f64(7.0 / 17)}},
		"housing_stable_followup_rate": {"ALL": {f64(13), f64(20), f64(0.65)}, "Bridges": {f64(12), f64(17), f64(12.0 / 17)}},
		"employed_intake_rate":         {"ALL": {f64(4), f64(20), f64(0.2)}},
		"employed_followup_rate":       {"ALL": {f64(7), f64(20), f64(0.35)}, "Bridges": {f64(6), f64(17), f64(6.0 / 17)}},
		"barc10_high_intake_rate":      {"ALL": {f64(5), f64(20), f64(0.25)}, "Bridges": {f64(4), f64(17), f64(4.0 / 17)}},
		"barc10_high_followup_rate":    {"ALL": {f64(10), f64(20), f64(0.5)}, "Bridges": {f64(9), f64(17), f64(9.0 / 17)}},
		"barc10_mean_change":           {"ALL": {f64(130), f64(20), f64(6.5)}, "Bridges": {f64(119), f64(17), f64(7)}},
		"barc10_mean_change_ci_low":    {"ALL": {nil, nil, f64(3)}, "Bridges": {nil, nil, f64(4)}},
		"barc10_mean_change_ci_high":   {"ALL": {nil, nil, f64(10)}, "Bridges": {nil, nil, f64(11)}},
		"followup_done":                {"ALL": {f64(18), nil, f64(18)}, "Bridges": {f64(17), nil, f64(17)}},
		"followup_open":                {"ALL": {f64(12), nil, f64(12)}, "Bridges": {f64(11), nil, f64(11)}},
		"followup_closing_30d":         {"ALL": {f64(3), nil, f64(3)}, "Bridges": {f64(0), nil, f64(0)}},
		"followup_missed":              {"ALL": {f64(7), nil, f64(7)}, "Bridges": {f64(3), nil, f64(3)}},
	}
	for id, byProgram := range figures {
		d, ok := metrics.Lookup(registry, id)
		if !ok {
			panic("no registry entry " + id)
		}
		res.Registry = append(res.Registry, d)
		for _, p := range allPrograms {
			v, shown := byProgram[p]
			res.Rows = append(res.Rows, metrics.Row{Metric: id, Program: p, Grain: metrics.GrainPeriod, PeriodStart: start, PeriodEnd: end,
				Numerator: v.num, Denominator: v.den, Value: v.val, Unit: d.Unit, Suppressed: !shown, Contributors: -1, GroupMin: -1})
		}
	}
	sort.SliceStable(res.Rows, func(i, j int) bool {
		a, b := res.Rows[i], res.Rows[j]
		if a.Metric != b.Metric {
			return a.Metric < b.Metric
		}
		return a.Program < b.Program
	})
	sort.SliceStable(res.Registry, func(i, j int) bool { return res.Registry[i].ID < res.Registry[j].ID })
	return res
}

// sheetText is every cell of a sheet as shown text, row by row, cells
// joined by " | ".
func sheetText(t *testing.T, path, sheet string) string {
	t.Helper()
	book := openBook(t, path)
	rows, err := book.GetRows(sheet)
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	var lines []string
	for _, r := range rows {
		lines = append(lines, strings.Join(r, " | "))
	}
	return strings.Join(lines, "\n")
}

// The workbooks' Recovery outcomes sheet, read back: intake beside
// follow-up with the pair count, the follow-up rate against 80% both
// ways, a suppressed program, the status counts, the BARC-10 change with
// its interval and the 47 mark in the published words.
func TestRecoveryWorkbook(t *testing.T) {
	dir := t.TempDir()
	res := recoveryResult(11)
	if _, err := WriteBoard(dir, res); err != nil {
		t.Fatal(err)
	}
	res.Scope.Payer = "Acme Health"
	if _, err := WriteMCO(dir, "Acme Health", res); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"peerstat-board.xlsx", "peerstat-mco-acme-health.xlsx"} {
		t.Run(file, func(t *testing.T) {
			text := sheetText(t, filepath.Join(dir, file), "Recovery outcomes")
			for _, want := range []string{
				// intake | follow-up side by side, with the paired count
				"Stably housed | All programs | 20 | 40.0% | 65.0%",
				"Employed | All programs | 20 | 20.0% | 35.0%",
				"BARC-10 47 or more | All programs | 20 | 25.0% | 50.0%",
				"Stably housed | Harbor & Co | suppressed (<11) | suppressed (<11) | suppressed (<11)",
				// the pair count shown when one of the two figures is
				"Employed | Bridges | 17 | suppressed (<11) | 35.3%",
				// the 80% mark
				"All programs | 72.0% | 80.0% | not yet",
				"Bridges | 85.0% | 80.0% | yes",
				"Harbor & Co | suppressed (<11) | 80.0% | suppressed (<11)",
				// the 47 mark, not "recovered" as a finding
				"published cut-off associated with sustained remission (Vilsaint et al. 2017), not \"recovered\"",
				"Intakes whose follow-up was missed",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("sheet lacks %q:\n%s", want, text)
				}
			}
			// The BARC-10 change: Σ 130 over 20 pairs, 6.5, interval 3 to 10.
			found := false
			for _, line := range strings.Split(text, "\n") {
				if strings.HasPrefix(line, "BARC-10: mean change from intake to follow-up | barc10_mean_change | All programs | Whole period") {
					found = strings.Contains(line, "| 130 | 20 | 6.5 | 3.0 | 10.0")
					if !found {
						t.Errorf("BARC-10 change row: got %q, want numerator 130, denominator 20, value 6.5, interval 3.0 to 10.0", line)
					}
				}
			}
			if !found {
				t.Errorf("no BARC-10 change row for All programs:\n%s", text)
			}
		})
	}
}

// Without assessments the section stays, says which file would fill it,
// and lists that file's columns.
func TestRecoveryWorkbookWithoutAssessments(t *testing.T) {
	dir, _ := writeBoard(t, testResult(11))
	text := sheetText(t, filepath.Join(dir, "peerstat-board.xlsx"), "Recovery outcomes")
	for _, want := range []string{"No assessments in this data", "assessments.csv", "assessment_date | date | yes"} {
		if !strings.Contains(text, want) {
			t.Errorf("sheet lacks %q:\n%s", want, text)
		}
	}
}

// The board page's Recovery outcomes section in Chromium: what a reader
// sees, and its charts drawn.
func TestRecoveryPageInChromium(t *testing.T) {
	b := startBrowser(t)
	dir := t.TempDir()
	if _, err := WriteBoard(dir, recoveryResult(11)); err != nil {
		t.Fatal(err)
	}
	tb := b.newTab(t, 1280, 900)
	tb.open(t, "file://"+filepath.Join(dir, "peerstat-board.html"))
	var section struct {
		Text   string `json:"text"`
		Charts int    `json:"charts"`
		Drawn  int    `json:"drawn"`
	}
	probe := `(function () {
	  var s = document.getElementById('recovery');
	  var figs = Array.from(s.querySelectorAll('figure.chart'));
	  var drawn = figs.filter(function (fig) {
	    var item = document.getElementById(fig.dataset.chart);
	    var el = item && (item.querySelector('svg') || item.querySelector('canvas'));
	    return el && el.getBoundingClientRect().width > 100;
	  }).length;
	  return {text: s.innerText, charts: figs.length, drawn: drawn};
	})()`
	deadline := time.Now().Add(15 * time.Second)
	for {
		tb.eval(t, probe, &section)
		if (section.Charts > 0 && section.Drawn == section.Charts) || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if section.Charts < 4 || section.Drawn != section.Charts {
		t.Errorf("recovery charts: %d drawn of %d, want at least 4 (intake vs follow-up, rates, status, change), all drawn", section.Drawn, section.Charts)
	}
	for _, want := range []string{
		"Recovery outcomes",
		"Stably housed", "40.0%", "65.0%",
		"72.0%", "80.0%", "not yet",
		"suppressed (<11)",
		"Vilsaint et al. 2017",
		"3.0 to 10.0",
		"Intakes whose follow-up window closes within 30 days",
	} {
		if !strings.Contains(section.Text, want) {
			t.Errorf("section text lacks %q:\n%s", want, section.Text)
		}
	}
	var top int
	tb.eval(t, `Math.round(document.getElementById('recovery').getBoundingClientRect().top + window.scrollY)`, &top)
	shot := filepath.Join(testOutDir(t), "board-recovery.png")
	tb.screenshot(t, shot, top, 1280, 2400)
	t.Logf("screenshot of the section: %s", shot)
	if strings.Contains(strings.ToLower(section.Text), "recovered\n") {
		t.Errorf("the section calls someone recovered")
	}
}
