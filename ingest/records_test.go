package ingest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// servicesLines writes n services rows, V1 on line 2 on, with goal_id
// given by goal(i) for row i (1-based).
func servicesLines(n int, goal func(i int) string) []string {
	lines := []string{"service_id,participant_id,staff_id,service_date,minutes,billable,goal_id"}
	for i := 1; i <= n; i++ {
		lines = append(lines, fmt.Sprintf("V%d,P1,S1,2024-03-01,30,true,%s", i, goal(i)))
	}
	return lines
}

// loadServices loads a services file and returns the load's services
// result, its rejects and the stored "id:line" list.
func loadServices(t *testing.T, text string) (FileResult, []string, string) {
	t.Helper()
	db := openTestDB(t)
	res := load(t, db, writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff,
		"services.csv": text}), Options{})
	var stored string
	db.QueryRow("SELECT string_agg(service_id || ':' || source_line, ',' ORDER BY source_line) FROM services").Scan(&stored)
	return filesByName(res)["services.csv"], rejectLines(res.Rejects), stored
}

// idsOnLines is "Vi:line" for rows from..to, each on line i+1, except skip.
func idsOnLines(from, to int, skip ...int) string {
	var out []string
	for i := from; i <= to; i++ {
		skipped := false
		for _, s := range skip {
			skipped = skipped || s == i
		}
		if !skipped {
			out = append(out, fmt.Sprintf("V%d:%d", i, i+1))
		}
	}
	return strings.Join(out, ",")
}

// One unbalanced double quote (row V4, line 5) would swallow the rest of
// the file as one field: instead the line where it opens is a reject
// naming it, and every other row loads on its own line.
func TestStrayQuoteRejectsItsLineAndLoadsTheRest(t *testing.T) {
	lines := servicesLines(40, func(i int) string {
		if i == 4 {
			return `"G4`
		}
		return fmt.Sprintf("G%d", i)
	})
	f, rejects, stored := loadServices(t, strings.Join(lines, "\n")+"\n")
	want := `services|5||V4,P1,S1,2024-03-01,30,true,"G4|` + strayQuoteReason
	if strings.Join(rejects, "\n") != want {
		t.Errorf("rejects:\ngot  %q\nwant %q", rejects, want)
	}
	if want := idsOnLines(1, 40, 4); stored != want {
		t.Errorf("stored:\ngot  %s\nwant %s", stored, want)
	}
	if f.RowsRead != 40 || f.RowsLoaded != 39 || f.RowsRejected != 1 {
		t.Errorf("rows: got read %d loaded %d rejected %d, want 40, 39, 1", f.RowsRead, f.RowsLoaded, f.RowsRejected)
	}
}

// Two stray quotes 30 lines apart would make the rows between them one
// field, with nothing rejected and nothing counted: each is a reject of
// its own line, and every row between them loads.
func TestTwoStrayQuotesFarApart(t *testing.T) {
	lines := servicesLines(40, func(i int) string {
		if i == 4 || i == 34 {
			return fmt.Sprintf(`G%d"x`, i)
		}
		return fmt.Sprintf("G%d", i)
	})
	f, rejects, stored := loadServices(t, strings.Join(lines, "\n")+"\n")
	want := []string{
		`services|5||V4,P1,S1,2024-03-01,30,true,G4"x|` + strayQuoteReason,
		`services|35||V34,P1,S1,2024-03-01,30,true,G34"x|` + strayQuoteReason,
	}
	if strings.Join(rejects, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejects:\ngot  %q\nwant %q", rejects, want)
	}
	if want := idsOnLines(1, 40, 4, 34); stored != want {
		t.Errorf("stored:\ngot  %s\nwant %s", stored, want)
	}
	if f.RowsRead != 40 || f.RowsLoaded != 38 || f.RowsRejected != 2 {
		t.Errorf("rows: got read %d loaded %d rejected %d, want 40, 38, 2", f.RowsRead, f.RowsLoaded, f.RowsRejected)
	}
}

// A note quoted over two lines is one record; a quoted line break that
// leaves a record without the header's fields is a stray quote, its lines
// read one by one.
func TestQuotedLineBreaksAndRecordsThatDoNotFit(t *testing.T) {
	text := "service_id,participant_id,staff_id,service_date,minutes,billable,goal_id\n" +
		"V1,P1,S1,2024-03-01,30,true,\"a note\nover two lines\"\n" + // 2-3
		"V2,P1,S1,2024-03-01,30,true,\"G2\n" + // 4: the quote closes on line 5, in the wrong place
		"V3,P1,S1,2024-03-01,30,true,G3\",extra\n" + // 5: …making a record of 8 fields
		"V4,P1,S1,2024-03-01,30,true,G4\n" // 6
	f, rejects, stored := loadServices(t, text)
	want := []string{
		`services|4||V2,P1,S1,2024-03-01,30,true,"G2|` + strayQuoteReason,
		`services|5||V3,P1,S1,2024-03-01,30,true,G3",extra|` + strayQuoteReason,
	}
	if strings.Join(rejects, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejects:\ngot  %q\nwant %q", rejects, want)
	}
	if want := "V1:2,V4:6"; stored != want {
		t.Errorf("stored: got %s, want %s", stored, want)
	}
	if f.RowsRead != 4 || f.RowsLoaded != 2 || f.RowsRejected != 2 {
		t.Errorf("rows: got read %d loaded %d rejected %d, want 4, 2, 2", f.RowsRead, f.RowsLoaded, f.RowsRejected)
	}
}

// CRLF, LF, a mix of both, and CR alone (old Mac exports) are line ends:
// each file loads every row at its line.
func TestLineEndsMixedAndCROnlyLoad(t *testing.T) {
	rows := servicesLines(5, func(i int) string { return fmt.Sprintf("G%d", i) })
	for _, tt := range []struct {
		name string
		text string
	}{
		{"CRLF", strings.Join(rows, "\r\n") + "\r\n"},
		{"LF", strings.Join(rows, "\n") + "\n"},
		{"mixed CRLF and LF", rows[0] + "\r\n" + rows[1] + "\n" + rows[2] + "\r\n" + rows[3] + "\n" + rows[4] + "\r\n" + rows[5] + "\n"},
		{"CR alone", strings.Join(rows, "\r") + "\r"},
		{"CR alone, a BOM and no last line end", "\uFEFF" + strings.Join(rows, "\r")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, rejects, stored := loadServices(t, tt.text)
			if len(rejects) > 0 {
				t.Errorf("rejects: %q", rejects)
			}
			if want := idsOnLines(1, 5); stored != want {
				t.Errorf("stored: got %s, want %s", stored, want)
			}
			if f.RowsRead != 5 {
				t.Errorf("rows read: got %d, want 5", f.RowsRead)
			}
		})
	}
}

// A note of 25 lines is a stray quote under the default limit of 20
// lines, and one record when the file's limit is raised to 30.
func TestQuoteLimitsRaised(t *testing.T) {
	note := strings.Repeat("a line of the note\n", 24) + "the last line"
	text := "id,note,n\n1,\"" + note + "\",x\n2,ok,y\n"
	for _, tt := range []struct {
		name      string
		limits    quoteLimits
		irregular string
		records   string
	}{
		{"default limits", quoteLimits{}, "stray quote", "2: stray quote; 3-25: wrong number of fields; 26: stray quote; 27: 2,ok,y"},
		{"raised to 30 lines", quoteLimits{lines: 30}, "", "2: 1," + strings.ReplaceAll(note, "\n", "/") + ",x; 27: 2,ok,y"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			scan, err := scanTextWith(strings.NewReader(text), ',', tt.limits)
			if err != nil {
				t.Fatal(err)
			}
			if scan.irregular != tt.irregular {
				t.Errorf("scan: got irregular %q, want %q", scan.irregular, tt.irregular)
			}
			var got []string
			var wrong []int64
			err = readRecords(strings.NewReader(text), ',', 3, tt.limits, func(r textRecord) error {
				switch {
				case r.reason == "wrong number of fields":
					wrong = append(wrong, r.line)
				case r.reason != "":
					got = append(got, fmt.Sprintf("%d: %s", r.line, strings.SplitN(r.reason, ":", 2)[0]))
				default:
					got = append(got, fmt.Sprintf("%d: %s", r.line, strings.ReplaceAll(strings.Join(r.fields, ","), "\n", "/")))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(wrong) > 0 {
				got = append(got[:1], append([]string{fmt.Sprintf("%d-%d: wrong number of fields", wrong[0], wrong[len(wrong)-1])}, got[1:]...)...)
			}
			if strings.Join(got, "; ") != tt.records {
				t.Errorf("records:\ngot  %s\nwant %s", strings.Join(got, "; "), tt.records)
			}
		})
	}
}

// A Windows-1252 export from an old Mac-style system (CR alone as line
// ends) is decoded by the profile's encoding, then read record by record.
func TestCROnlyFileInAnotherEncoding(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{"staff.csv": agencyStaff,
		"participants.csv": "participant_id,program,enrolled_on\rP1,Caf\xe9 Bridge,2024-01-01\rP2,Bridge,2024-01-01\r"})
	profile := filepath.Join(t.TempDir(), "p.toml")
	writeFile(t, profile, []byte("[participants]\nencoding = \"windows-1252\"\n"))
	res := load(t, db, dir, Options{ProfilePath: profile})
	if len(res.Rejects) > 0 {
		t.Errorf("rejects: %v", res.Rejects)
	}
	var got string
	db.QueryRow("SELECT string_agg(participant_id || '=' || program || ':' || source_line, ',' ORDER BY participant_id) FROM participants").Scan(&got)
	if want := "P1=Café Bridge:2,P2=Bridge:3"; got != want {
		t.Errorf("participants: got %s, want %s", got, want)
	}
}
