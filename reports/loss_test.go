package reports

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/peerstat/peerstat/metrics"
	"github.com/xuri/excelize/v2"
)

// A file that lost more than half of its rows to rejects is a warning box
// on every packet's first page, as a reader sees it in a browser and on
// the workbook's first sheet: the file, "more than half", the commonest
// reason and the fix, and no count (the packet leaves the agency).
func TestPartialLossWarningBoxOnFirstPage(t *testing.T) {
	res := testResult(11)
	res.Quality.PartialLoss = []metrics.FileLoss{{Source: "services", File: "services_2025.csv", Share: "more than half",
		Reason: "unknown staff", Fix: "check staff.csv: every staff_id of this file needs an employment spell covering its dates"}}
	want := "Data warning: services_2025.csv lost more than half of its rows to rejects, so the figures that use it are incomplete. The commonest reason: unknown staff. Fix: check staff.csv: every staff_id of this file needs an employment spell covering its dates."
	dir := t.TempDir()
	board, err := WriteBoard(dir, res)
	if err != nil {
		t.Fatal(err)
	}
	mco, err := WriteMCO(dir, "", res)
	if err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t)
	for _, path := range append(board, mco...) {
		switch filepath.Ext(path) {
		case ".html":
			tb := b.newTab(t, 1280, 900)
			tb.open(t, "file://"+path)
			var got struct {
				Text, Border string
				First        bool
			}
			tb.eval(t, `(() => {
				const first = document.querySelector('section.page');
				const box = first.querySelector('.note.caution');
				return box ? {Text: box.innerText, Border: getComputedStyle(box).borderLeftStyle, First: first.id === 'summary'} : {};
			})()`, &got)
			if got.Text != want || got.Border != "solid" || !got.First {
				t.Errorf("%s: first page's box: got %+v, want a boxed note %q on the first page (the summary)", filepath.Base(path), got, want)
			}
		case ".xlsx":
			book, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			first := book.GetSheetList()[0]
			rows, _ := book.GetRows(first)
			book.Close()
			found := false
			for _, r := range rows {
				found = found || strings.Join(r, "") == want
			}
			if !found || first != "Summary" {
				t.Errorf("%s: first sheet %s has no cell %q", filepath.Base(path), first, want)
			}
		}
	}
}
