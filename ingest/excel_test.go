package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copySampleData copies sample_data's files into a new folder, with the
// files of replace in place of those of the same name.
func copySampleData(t *testing.T, replace map[string][]byte) string {
	t.Helper()
	src := filepath.Join("..", "sample_data")
	entries, err := os.ReadDir(src)
	if err != nil || len(entries) == 0 {
		t.Skip("sample_data/ is empty: run `peerstat gen --out sample_data` first")
	}
	dir := t.TempDir()
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if r, ok := replace[e.Name()]; ok {
			data = r
		}
		writeFile(t, filepath.Join(dir, e.Name()), data)
	}
	return dir
}

// serviceRows lists every stored service, all columns but its file, one
// line each, in service_id order.
func serviceRows(t *testing.T, dir string) []string {
	t.Helper()
	db := openTestDB(t)
	load(t, db, dir, Options{})
	rows, err := db.Query(`SELECT concat_ws('|', service_id, participant_id, staff_id, service_date, minutes, service_code,
		billable, goal_id, note_signed_at, source_line) FROM services ORDER BY service_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// A services file opened and saved again in Excel (testdata/excel: a
// byte-order mark, CRLF line ends, dates as 7/25/2025, timestamps as
// 7/25/2025 12:43, booleans as TRUE) loads unedited, with no profile, row
// for row equal to the original sample_data file.
func TestExcelResavedFileLoadsEqualToOriginal(t *testing.T) {
	resaved, err := os.ReadFile(filepath.Join("testdata", "excel", "services_2025.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\uFEFF", "\r\n", ",TRUE,", "7/25/2025 12:43"} {
		if !strings.Contains(string(resaved), want) {
			t.Fatalf("testdata/excel/services_2025.csv: no %q; it is not the Excel-saved copy", want)
		}
	}
	original := serviceRows(t, copySampleData(t, nil))
	got := serviceRows(t, copySampleData(t, map[string][]byte{"services_2025.csv": resaved}))
	if len(got) != len(original) || len(got) < 5000 {
		t.Fatalf("services: got %d rows, want %d (the original's)", len(got), len(original))
	}
	for i := range got {
		if got[i] != original[i] {
			t.Fatalf("row %d: got %s, want %s", i, got[i], original[i])
		}
	}
}

// Dates and timestamps as Excel saves a US sheet read without a profile
// (M/D/YY: 00-29 is 20xx, 30-99 19xx); a day-first date is a reject that
// names the profile setting that reads it.
func TestExcelDatesAndDayFirstHint(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{
		"participants.csv": "participant_id,program,enrolled_on,discharged_on,birth_year\r\n" +
			"P1,Bridge,3/4/2024,12/31/24,1970\r\nP2,Bridge,1/2/99,,\r\nP3,Bridge,14/3/2025,,\r\nP4,Bridge,3/14/2025,2/30/2025,\r\n",
		"staff.csv": agencyStaff,
	})
	res := load(t, db, dir, Options{})
	var spells string
	db.QueryRow("SELECT string_agg(participant_id || '=' || enrolled_on || '..' || coalesce(CAST(discharged_on AS VARCHAR), ''), ',' ORDER BY participant_id) FROM participants").Scan(&spells)
	if want := "P1=2024-03-04..2024-12-31,P2=1999-01-02.."; spells != want {
		t.Errorf("spells: got %s, want %s", spells, want)
	}
	got := rejectLines(res.Rejects)
	want := []string{
		`participants|4|enrolled_on|14/3/2025|not a date: dates like 3/14/2025 read as M/D/YYYY by default; this file has 14/3/2025 — set date_format = "D/M/YYYY" in a profile`,
		`participants|5|discharged_on|2/30/2025|not a date (expected YYYY-MM-DD or M/D/YYYY)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejects:\ngot  %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}
