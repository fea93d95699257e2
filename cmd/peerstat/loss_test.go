package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A file that loses all of its rows to rejects is loud: run, ingest,
// metrics and report finish but exit 3 with stderr ending in the file, the
// commonest reason and the fix; every packet's first page (HTML and
// workbook) shows a warning box naming the file, "all", the reason and the
// fix, and no count.
func TestFileLosingItsRowsExitsThreeWithWarningBox(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the sample agency")
	}
	data := t.TempDir()
	src := filepath.Join("..", "..", "sample_data")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(data, e.Name()), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Day-first dates, as a UK-set spreadsheet saves them.
	if err := os.WriteFile(filepath.Join(data, "services_extra.csv"), []byte(
		"service_id,participant_id,staff_id,service_date,minutes,billable\n"+
			"X1,P0000001,ST00006,25/7/2025,30,TRUE\nX2,P0000001,ST00006,26/7/2025,30,TRUE\nX3,P0000001,ST00006,28/7/2025,30,TRUE\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	wantEnd := `services_extra.csv lost all of its rows to rejects (3 of 3 rows rejected); the commonest reason: not a date: dates like 3/14/2025 read as M/D/YYYY by default; this file has 25/7/2025 — set date_format = "D/M/YYYY" in a profile. Fix: set date_format = "D/M/YYYY" (or the file's own format) in a profile for this file` + "\n"
	out := t.TempDir()
	db := filepath.Join(out, "peerstat.duckdb")
	// --min-cell 0: this test is about the lost file, not about
	// suppression (the packets then say suppression is off).
	for _, args := range [][]string{
		{"run", "--data", data, "--out", out, "--min-cell", "0"},
		{"ingest", "--data", data, "--db", db},
		{"metrics", "--out", out, "--min-cell", "0"},
		{"report", "--out", out, "--min-cell", "0"},
	} {
		code, _, stderr := peerstat(t, args...)
		if code != 3 {
			t.Errorf("peerstat %s: exit %d, want 3 (stderr: %s)", args[0], code, stderr)
		}
		if !strings.HasSuffix(stderr, wantEnd) {
			t.Errorf("peerstat %s: stderr ends\n%q\nwant it to end\n%q", args[0], stderr[max(0, len(stderr)-len(wantEnd)-40):], wantEnd)
		}
	}
	box := `Data warning: services_extra.csv lost all of its rows to rejects, so the figures that use it are incomplete. The commonest reason: not a date: dates like 3/14/2025 read as M/D/YYYY by default; this file has 25/7/2025 — set date_format = "D/M/YYYY" in a profile. Fix: set date_format = "D/M/YYYY" (or the file's own format) in a profile for this file.`
	// metrics removed the run's packets (DATA.md Outputs: OUT never mixes
	// two runs' packets); the report above wrote them all again.
	pages, _ := filepath.Glob(filepath.Join(out, "peerstat-*.html"))
	if len(pages) < 2 {
		t.Fatalf("packets written: %v, want the board and the MCO packets", pages)
	}
	for _, page := range pages {
		html, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.NewReplacer("&#34;", `"`, "&#39;", "'").Replace(string(html))
		cover := text[:strings.Index(text, "About this report")]
		if !strings.Contains(cover, box) {
			t.Errorf("%s: the first page has no warning box %q", filepath.Base(page), box)
		}
	}
	book, err := excelize.OpenFile(filepath.Join(out, "peerstat-board.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	// The first sheet (the headline figures) carries the box.
	rows, err := book.GetRows(book.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		found = found || strings.Contains(strings.Join(r, " "), box)
	}
	if !found {
		t.Errorf("peerstat-board.xlsx first sheet: no cell says %q", box)
	}
}
