package reports

import (
	"path/filepath"
	"strings"
	"testing"
)

// The figure with a target and a benchmark in the fixture: the
// documentation standard, 40 / 50 = 80.0% this half-year, 35 / 50 = 70.0%
// the half-year before: +10.0 percentage points, up (better: higher is
// better). Target 0.8: the figure equals it, and equal meets. Benchmark
// median 75%, quartiles 60% to 85%: 80% is at or above the median and
// below the top quartile, "better than the median".
var wantFirstPage = map[string]string{
	"Figure":          "Notes meeting the documentation standard",
	"This period":     "80.0%",
	"Previous period": "70.0%",
	"Change":          "▲ +10.0 percentage points",
	"Target":          "80.0%",
	"Target met":      "meets target",
	"Benchmark":       "median 75.0%, quartiles 60.0% to 85.0% (State average, State quality report 2024): better than the median",
}

// TestFirstSheetHeadline reads the first sheet of the board and MCO
// workbooks back and finds the figure's value, previous value, change,
// target verdict and benchmark exactly.
func TestFirstSheetHeadline(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteBoard(dir, testResult(11)); err != nil {
		t.Fatal(err)
	}
	mco := testResult(11)
	mco.Scope.Payer = "Acme Health"
	if _, err := WriteMCO(dir, "Acme Health", mco); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"peerstat-board.xlsx", "peerstat-mco-acme-health.xlsx"} {
		book := openBook(t, filepath.Join(dir, file))
		first := book.GetSheetList()[0]
		rows, err := book.GetRows(first)
		if err != nil {
			t.Fatal(err)
		}
		var header, row []string
		for _, r := range rows {
			if len(r) > 2 && r[0] == "Figure" && r[1] == "This period" {
				header = r
			}
			if header != nil && len(r) > 0 && r[0] == wantFirstPage["Figure"] {
				row = r
				break
			}
		}
		if row == nil {
			t.Fatalf("%s first sheet %q: no headline row %q", file, first, wantFirstPage["Figure"])
		}
		for i, col := range header {
			if want, ok := wantFirstPage[col]; ok {
				got := ""
				if i < len(row) {
					got = row[i]
				}
				if got != want {
					t.Errorf("%s first sheet, %s: got %q, want %q", file, col, got, want)
				}
			}
		}
	}
}

// TestFirstPageInChromium opens the board page in headless Chromium and
// reads the first section's headline table as the reader sees it.
func TestFirstPageInChromium(t *testing.T) {
	b := startBrowser(t)
	dir := t.TempDir()
	if _, err := WriteBoard(dir, testResult(11)); err != nil {
		t.Fatal(err)
	}
	tb := b.newTab(t, 1280, 900)
	tb.open(t, "file://"+filepath.Join(dir, "peerstat-board.html"))
	var got struct {
		First   string              `json:"first"`
		Headers []string            `json:"headers"`
		Row     []string            `json:"row"`
		Tones   map[string][]string `json:"tones"`
	}
	tb.eval(t, `(function () {
  var first = document.querySelector('section');
  var table = first.querySelector('table');
  var headers = Array.from(table.querySelectorAll('thead th')).map(function (th) { return th.innerText.trim(); });
  var row = Array.from(table.querySelectorAll('tbody tr')).map(function (tr) {
    return Array.from(tr.querySelectorAll('td')).map(function (td) { return td.innerText.trim(); });
  }).filter(function (r) { return r[0] === 'Notes meeting the documentation standard'; })[0] || [];
  var tones = {better: Array.from(table.querySelectorAll('td.better')).map(function (td) { return td.innerText.trim(); }),
               worse: Array.from(table.querySelectorAll('td.worse')).map(function (td) { return td.innerText.trim(); })};
  return {first: first.id, headers: headers, row: row, tones: tones};
})()`, &got)
	if got.First != "summary" {
		t.Errorf("first section: got %q, want the summary", got.First)
	}
	if len(got.Row) == 0 {
		t.Fatalf("no headline row for the documentation standard on the first page; headers %q", got.Headers)
	}
	for i, col := range got.Headers {
		if want, ok := wantFirstPage[col]; ok && i < len(got.Row) && got.Row[i] != want {
			t.Errorf("first page, %s: got %q, want %q", col, got.Row[i], want)
		}
	}
	if !strings.Contains(strings.Join(got.Tones["better"], "|"), "▲ +10.0 percentage points") {
		t.Errorf("the documentation standard's rise is not coloured as better: %q", got.Tones)
	}
}
