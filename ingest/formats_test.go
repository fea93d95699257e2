package ingest

import (
	"bytes"
	"compress/gzip"
	"database/sql"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The bad-rows folder, converted to each format, must give the same
// rejects with the same line numbers and load the same rows.
func TestBadRowsEveryFormat(t *testing.T) {
	want := readGoldenRejects(t)
	for _, format := range []string{".csv", ".tsv", ".csv.gz", ".xlsx", ".parquet"} {
		t.Run(format, func(t *testing.T) {
			db := openTestDB(t)
			dir := convertFolder(t, db, filepath.Join("testdata", "bad"), format)
			res := load(t, db, dir, Options{})
			got := rejectLines(res.Rejects)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("rejects differ from testdata/bad-rejects.csv:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
			}
			for _, tt := range []struct {
				table string
				want  int64
			}{
				{"participants", 4}, {"staff", 3}, {"services", 3}, {"encounters", 2},
				{"timesheets", 3}, {"surveys", 3}, {"survey_answers", 13},
			} {
				if got := count(t, db, "SELECT count(*) FROM "+tt.table); got != tt.want {
					t.Errorf("%s: got %d rows, want %d", tt.table, got, tt.want)
				}
			}
			for _, f := range res.Files {
				if !strings.HasSuffix(f.File, format) {
					t.Errorf("loaded %s, want only %s files", f.File, format)
				}
			}
		})
	}
}

// The values the bad-rows folder loads, read back: conversions (minutes
// from start and end, hours, an overnight clock, a UTC offset to local
// time, answers without N/A codes) happen as DATA.md says.
func TestBadRowsLoadedValues(t *testing.T) {
	db := openTestDB(t)
	load(t, db, filepath.Join("testdata", "bad"), Options{})
	for _, tt := range []struct {
		name, query, want string
	}{
		{"minutes from start_time and end_time", "SELECT minutes FROM services WHERE service_id = 'V02'", "45"},
		{"whole number written 15.0", "SELECT minutes FROM services WHERE service_id = 'V14'", "15"},
		{"offset converted to the config timezone", "SELECT strftime(note_signed_at, '%Y-%m-%d %H:%M') FROM services WHERE service_id = 'V14'", "2024-07-02 17:00"},
		{"naive timestamp kept", "SELECT strftime(note_signed_at, '%Y-%m-%d %H:%M') FROM services WHERE service_id = 'V01'", "2024-03-05 10:00"},
		{"bool yes", "SELECT billable FROM services WHERE service_id = 'V01'", "true"},
		{"bool 0", "SELECT billable FROM services WHERE service_id = 'V14'", "false"},
		{"role lower-cased", "SELECT string_agg(DISTINCT role, ',') FROM staff WHERE staff_id = 'S02'", "recovery_coach"},
		{"setting lower-cased", "SELECT setting FROM encounters WHERE encounter_id = 'E02'", "emergency"},
		{"timesheet entries of one day", "SELECT string_agg(minutes::VARCHAR, ',' ORDER BY source_line) FROM timesheets", "120,90,240"},
		{"instrument as the config names it", "SELECT instrument FROM surveys WHERE response_id = 'R02'", "peer_experience"},
		{"answers without N/A and blanks", "SELECT string_agg(item || '=' || answer, ',' ORDER BY item) FROM survey_answers WHERE response_id = 'R01'", "1=5,2=4,5=3"},
		{"N/A 9 of mhsip_adult", "SELECT string_agg(item::VARCHAR, ',' ORDER BY item) FROM survey_answers WHERE response_id = 'R07'", "1,3,4,5,6"},
		{"source line", "SELECT source_file || ':' || source_line FROM services WHERE service_id = 'V14'", "services.csv:16"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			if err := db.QueryRow(tt.query).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// convertFolder writes every CSV of dir into a new folder in the format.
func convertFolder(t *testing.T, db *sql.DB, dir, format string) string {
	t.Helper()
	out := t.TempDir()
	names, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		base := strings.TrimSuffix(filepath.Base(name), ".csv")
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		target := filepath.Join(out, base+format)
		switch format {
		case ".csv":
			writeFile(t, target, data)
		case ".tsv":
			var buf bytes.Buffer
			w := csv.NewWriter(&buf)
			w.Comma = '\t'
			w.WriteAll(records)
			writeFile(t, target, buf.Bytes())
		case ".csv.gz":
			var buf bytes.Buffer
			gz := gzip.NewWriter(&buf)
			gz.Write(data)
			gz.Close()
			writeFile(t, target, buf.Bytes())
		case ".xlsx":
			writeWorkbook(t, target, base, records)
		case ".parquet":
			if _, err := db.Exec("COPY (SELECT * FROM read_csv(?, all_varchar = true, header = true)) TO '"+target+"' (FORMAT parquet)", name); err != nil {
				t.Fatal(err)
			}
		}
	}
	return out
}

// writeWorkbook writes records as text cells. The participants workbook
// gets a decoy first sheet, so the sheet named after the source is used.
func writeWorkbook(t *testing.T, path, source string, records [][]string) {
	t.Helper()
	book := excelize.NewFile()
	defer book.Close()
	sheet := "Sheet1"
	if source == "participants" {
		book.SetCellStr("Sheet1", "A1", "nothing to see here")
		book.SetSheetName("Sheet1", "Notes")
		sheet = "Participants"
		if _, err := book.NewSheet(sheet); err != nil {
			t.Fatal(err)
		}
	}
	for r, rec := range records {
		for c, v := range rec {
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := book.SetCellStr(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := book.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Spreadsheets and Parquet files carry types: an Excel date cell is a
// serial number, a Parquet column may be DATE, INTEGER, BOOLEAN or
// TIMESTAMP. Both load as their text would.
func TestTypedCells(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff})

	book := excelize.NewFile()
	dateStyle, _ := book.NewStyle(&excelize.Style{NumFmt: 14})  // m/d/yyyy
	stampStyle, _ := book.NewStyle(&excelize.Style{NumFmt: 22}) // m/d/yy h:mm
	for c, h := range []string{"service_id", "participant_id", "staff_id", "service_date", "minutes", "billable", "note_signed_at"} {
		cell, _ := excelize.CoordinatesToCellName(c+1, 1)
		book.SetCellStr("Sheet1", cell, h)
	}
	book.SetSheetRow("Sheet1", "A2", &[]any{"X1", "P1", "S1", time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), 45, true, time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC)})
	book.SetCellStyle("Sheet1", "D2", "D2", dateStyle)
	book.SetCellStyle("Sheet1", "G2", "G2", stampStyle)
	// A blank row is skipped; the next row keeps its own row number.
	book.SetSheetRow("Sheet1", "A4", &[]any{"X2", "P1", "S1", "2024-03-06", "30.0", "no"})
	if err := book.SaveAs(filepath.Join(dir, "services.xlsx")); err != nil {
		t.Fatal(err)
	}
	book.Close()

	if _, err := db.Exec(`COPY (SELECT 'E1' AS encounter_id, 'P1' AS participant_id, 'detox' AS setting,
		DATE '2024-04-01' AS admit_date, DATE '2024-04-03' AS discharge_date, true AS involuntary,
		CAST(NULL AS BOOLEAN) AS planned, 1250.5::DECIMAL(10,2) AS paid_amount, 7 AS extra_column)
		TO '` + filepath.Join(dir, "encounters.parquet") + `' (FORMAT parquet)`); err != nil {
		t.Fatal(err)
	}
	res := load(t, db, dir, Options{})
	if len(res.Rejects) > 0 {
		t.Errorf("got rejects %v, want none", res.Rejects)
	}
	for _, tt := range []struct{ query, want string }{
		{"SELECT string_agg(service_id || ' ' || service_date || ' ' || minutes || ' ' || billable || ' ' || source_line, ',' ORDER BY service_id) FROM services",
			"X1 2024-03-04 45 true 2,X2 2024-03-06 30 false 4"},
		{"SELECT strftime(note_signed_at, '%Y-%m-%d %H:%M') FROM services WHERE service_id = 'X1'", "2024-03-05 09:30"},
		{"SELECT setting || ' ' || admit_date || ' ' || discharge_date || ' ' || involuntary || ' ' || coalesce(planned::VARCHAR, 'blank') || ' ' || paid_amount || ' ' || source_line FROM encounters",
			"detox 2024-04-01 2024-04-03 true blank 1250.50 2"},
	} {
		var got string
		if err := db.QueryRow(tt.query).Scan(&got); err != nil {
			t.Fatalf("%s: %v", tt.query, err)
		}
		if got != tt.want {
			t.Errorf("%s\n got %s\nwant %s", tt.query, got, tt.want)
		}
	}
}

// An xlsx cell holding a formula with no saved value (as a program that
// writes workbooks without calculating leaves it) rejects its row with
// the fix; a formula with a saved value loads that value.
func TestXLSXFormulaWithNoSavedValue(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff})
	book := excelize.NewFile()
	book.SetSheetRow("Sheet1", "A1", &[]any{"service_id", "participant_id", "staff_id", "service_date", "minutes", "billable"})
	book.SetSheetRow("Sheet1", "A2", &[]any{"X1", "P1", "S1", "2024-03-04", nil, "yes"})
	book.SetCellFormula("Sheet1", "E2", "30+15")
	book.SetSheetRow("Sheet1", "A3", &[]any{"X2", "P1", "S1", "2024-03-04", 50, "yes"})
	book.SetCellFormula("Sheet1", "E3", "30+20")
	if err := book.SaveAs(filepath.Join(dir, "services.xlsx")); err != nil {
		t.Fatal(err)
	}
	book.Close()
	check, err := excelize.OpenFile(filepath.Join(dir, "services.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := check.GetCellValue("Sheet1", "E3", excelize.Options{RawCellValue: true}); v != "50" {
		t.Fatalf("the workbook's E3 holds saved value %q, want 50 (the test needs a cached value)", v)
	}
	check.Close()
	res := load(t, db, dir, Options{})
	got := strings.Join(rejectLines(res.Rejects), "\n")
	if want := "services|2|minutes|=30+15|formula with no saved value: open the file in Excel and save it again"; got != want {
		t.Errorf("rejects: got %q, want %q", got, want)
	}
	if got := count(t, db, "SELECT minutes FROM services WHERE service_id = 'X2'"); got != 50 {
		t.Errorf("X2 minutes: got %d, want 50 (the formula's saved value)", got)
	}
}
