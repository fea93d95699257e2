package reports

import (
	"archive/zip"
	"html"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/peerstat/peerstat/metrics"
	"github.com/xuri/excelize/v2"
)

// trendResult is the fixture with two earlier half-years of people served
// (all programs): July-December 2023, 80 people; January-June 2024,
// suppressed; this half-year 90 (fixture). The documentation standard has
// the half-year before (70.0%) and this one (80.0%).
func trendResult() metrics.Result {
	res := testResult(11)
	add := func(start, end [3]int, v *float64, suppressed bool) {
		r := metrics.Row{Metric: "participants_served", Program: metrics.AllPrograms, Grain: metrics.GrainPeriod,
			PeriodStart: day(start[0], 1, 1).AddDate(0, start[1]-1, start[2]-1), PeriodEnd: day(end[0], 1, 1).AddDate(0, end[1]-1, end[2]-1),
			Unit: metrics.UnitCount, Suppressed: suppressed, Contributors: -1, GroupMin: -1}
		if !suppressed {
			r.Numerator, r.Value = v, v
		}
		res.Rows = append(res.Rows, r)
	}
	add([3]int{2023, 7, 1}, [3]int{2023, 12, 31}, f64(80), false)
	add([3]int{2024, 1, 1}, [3]int{2024, 6, 30}, nil, true)
	sortRows(res.Rows)
	return res
}

// wantTrends: each figure's points, oldest first, as "period=shown"; a
// gap as "period=gap:shown".
var wantTrends = map[string][]string{
	"Participants served":                      {"2023-07-01=80", "2024-01-01=gap:suppressed (<11)", "2024-07-01=90"},
	"Notes meeting the documentation standard": {"2024-01-01=70.0%", "2024-07-01=80.0%"},
}

// TestTrendOnFirstPageInChromium reads the first page's trend cells as
// the browser draws them: a dot per published period with its shown
// value, and a gap (no dot, no value) for the suppressed one.
func TestTrendOnFirstPageInChromium(t *testing.T) {
	b := startBrowser(t)
	dir := t.TempDir()
	if _, err := WriteBoard(dir, trendResult()); err != nil {
		t.Fatal(err)
	}
	tb := b.newTab(t, 1280, 900)
	tb.open(t, "file://"+filepath.Join(dir, "peerstat-board.html"))
	var got map[string][]string
	tb.eval(t, `(function () {
  var table = document.querySelector('section#summary table');
  var col = Array.from(table.querySelectorAll('thead th')).map(function (th) { return th.innerText.trim(); }).indexOf('Trend');
  var out = {};
  Array.from(table.querySelectorAll('tbody tr')).forEach(function (tr) {
    var tds = tr.querySelectorAll('td');
    var svg = tds[col] && tds[col].querySelector('svg.trend');
    if (!svg) { return; }
    var marks = Array.from(svg.querySelectorAll('.trend-point, .trend-gap')).map(function (m) {
      var box = m.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) { return 'invisible:' + m.getAttribute('data-period'); }
      return m.getAttribute('data-period') + '=' + (m.classList.contains('trend-gap') ? 'gap:' : '') + m.getAttribute('data-shown');
    });
    out[tds[0].innerText.trim()] = marks;
  });
  return out;
})()`, &got)
	for figure, want := range wantTrends {
		if strings.Join(got[figure], " | ") != strings.Join(want, " | ") {
			t.Errorf("first page trend of %s: got %q, want %q", figure, got[figure], want)
		}
	}
}

// TestTrendSparklineInWorkbook reads the Summary sheet's sparklines back:
// each sits in the Trend column of its figure's row and plots the cells
// beside the table, which hold the published values with the suppressed
// period empty (a gap).
func TestTrendSparklineInWorkbook(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteBoard(dir, trendResult()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "peerstat-board.xlsx")
	book := openBook(t, path)
	rows, err := book.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	trendCol, figureRow := 0, map[string]int{}
	for i, r := range rows {
		for j, c := range r {
			if c == "Trend" && j > 0 && r[0] == "Figure" {
				trendCol = j + 1
			}
		}
		if len(r) > 0 {
			figureRow[r[0]] = i + 1
		}
	}
	if trendCol == 0 {
		t.Fatal("the Summary sheet has no Trend column")
	}
	lines := sparklines(t, path)
	want := map[string][]string{
		"Participants served":                      {"80", "", "90"},
		"Notes meeting the documentation standard": {"", "0.7", "0.8"},
	}
	for figure, values := range want {
		at, _ := excelize.CoordinatesToCellName(trendCol, figureRow[figure])
		ref, ok := lines[at]
		if !ok {
			t.Errorf("%s: no sparkline in %s; sparklines at %v", figure, at, lines)
			continue
		}
		if got := refCells(t, book, ref); strings.Join(got, "|") != strings.Join(values, "|") {
			t.Errorf("%s: sparkline range %s holds %q, want %q", figure, ref, got, values)
		}
	}
}

// sparklines maps each sparkline's cell to the range it plots, read from
// the worksheets' XML (only the first sheet has trends).
func sparklines(t *testing.T, xlsx string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	re := regexp.MustCompile(`<x14:sparkline><xm:f>([^<]+)</xm:f><xm:sqref>([^<]+)</xm:sqref></x14:sparkline>`)
	out := map[string]string{}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		text, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(text), -1) {
			out[m[2]] = html.UnescapeString(m[1])
		}
	}
	return out
}
