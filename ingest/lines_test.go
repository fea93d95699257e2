package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// absent, as a file's content, means: write no such file (and no default).
const absent = "\x00absent"

// writeFiles writes name -> content into a new folder and returns it.
// Required sources the map leaves out get a header-only file.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	defaults := map[string]string{
		"participants": "participant_id,program,enrolled_on\n",
		"staff":        "staff_id,role,program,hire_date\n",
		"services":     "service_id,participant_id,staff_id,service_date,minutes,billable\n",
		"timesheets":   "staff_id,work_date,activity,minutes,billable\n",
	}
	for source, header := range defaults {
		has := false
		for name := range files {
			has = has || strings.HasPrefix(name, source)
		}
		if !has {
			files[source+".csv"] = header
		}
	}
	for name, content := range files {
		if content == absent {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// messyCSV has a byte-order mark, CRLF line ends, a header in odd case
// with spaces and an extra column, blank lines, a quoted field spanning
// two lines, doubled quotes, rows with too few and too many fields, and no
// final line end. Line numbers must be the lines an editor shows.
const messyCSV = "\ufeff Participant_ID ,PROGRAM,enrolled_on,notes\r\n" + // 1
	"P001,Bridge,2024-01-01,ok\r\n" + // 2
	"\r\n" + // 3
	"P002,\"Bridge\r\nNorth\",2024-01-01,two lines\r\n" + // 4-5
	"P003,Bridge,2024-01-01\r\n" + // 6: too few fields
	"P004,Bridge,not-a-date,x\r\n" + // 7
	"P005,Bridge,2024-01-01,x,extra\r\n" + // 8: too many fields
	"\r\n" + // 9
	"P006,Bridge,2024-01-01,\"a \"\"quoted\"\" note\"\r\n" + // 10
	"P007,Bridge,bad,x" // 11

func TestLineNumbers(t *testing.T) {
	wantRejects := []string{
		"participants|6||P003,Bridge,2024-01-01|wrong number of fields",
		"participants|7|enrolled_on|not-a-date|not a date (expected %s)",
		"participants|8||P005,Bridge,2024-01-01,x,extra|wrong number of fields",
		"participants|11|enrolled_on|bad|not a date (expected %s)",
	}
	wantLoaded := "P001:2,P002:4,P006:10"
	for _, tt := range []struct {
		name    string
		profile string // forces the Go reader when set
		dates   string // the date formats a reject names
	}{
		{"read by SQL", "", "YYYY-MM-DD or M/D/YYYY"},
		{"read by Go (profile with a date format)", "[participants]\ndate_format = \"YYYY-MM-DD\"\n", "YYYY-MM-DD"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"participants.csv": messyCSV})
			opts := Options{}
			if tt.profile != "" {
				opts.ProfilePath = filepath.Join(t.TempDir(), "p.toml")
				writeFile(t, opts.ProfilePath, []byte(tt.profile))
			}
			db := openTestDB(t)
			res := load(t, db, dir, opts)
			got := rejectLines(res.Rejects)
			for i := range max(len(got), len(wantRejects)) {
				var g, w string
				if i < len(got) {
					g = got[i]
				}
				if i < len(wantRejects) {
					w = wantRejects[i]
					if strings.Contains(w, "%s") {
						w = fmt.Sprintf(w, tt.dates)
					}
				}
				if g != w {
					t.Errorf("reject %d: got %q, want %q", i, g, w)
				}
			}
			var loaded string
			db.QueryRow("SELECT string_agg(participant_id || ':' || source_line, ',' ORDER BY source_line) FROM participants").Scan(&loaded)
			if loaded != wantLoaded {
				t.Errorf("loaded rows: got %s, want %s", loaded, wantLoaded)
			}
			var program string
			db.QueryRow("SELECT program FROM participants WHERE participant_id = 'P002'").Scan(&program)
			if program != "Bridge\r\nNorth" {
				t.Errorf("quoted line break: got program %q, want %q", program, "Bridge\r\nNorth")
			}
			f := res.Files[0]
			if f.RowsRead != 7 || f.RowsLoaded != 3 || f.RowsRejected != 4 {
				t.Errorf("participants.csv: got read %d loaded %d rejected %d, want 7, 3, 4", f.RowsRead, f.RowsLoaded, f.RowsRejected)
			}
		})
	}
}

func TestLineMap(t *testing.T) {
	s, err := scanText(strings.NewReader(messyCSV), ',')
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(s.header, "|"), "participant_id|program|enrolled_on|notes"; got != want {
		t.Errorf("header: got %s, want %s", got, want)
	}
	if s.records != 7 {
		t.Errorf("records: got %d, want 7", s.records)
	}
	// DuckDB's count L: header 1, P001 2, blank 3, P002 4, P003 5, P004 6,
	// P005 7, blank 8, P006 9, P007 10. It rejects P003 and P005.
	for _, tt := range []struct{ L, want int64 }{{2, 2}, {4, 4}, {5, 6}, {6, 7}, {7, 8}, {9, 10}, {10, 11}} {
		if got := s.lines.physical(tt.L); got != tt.want {
			t.Errorf("physical(%d): got %d, want %d", tt.L, got, tt.want)
		}
	}
	steps := s.lines.rowLines([]int64{5, 7})
	// Loaded rows in order: P001, P002, P004, P006, P007.
	for r, want := range []int64{2, 4, 7, 10, 11} {
		if got := lineOfRow(steps, int64(r)); got != want {
			t.Errorf("row %d: got line %d, want %d", r, got, want)
		}
	}
}

func TestScanTextEncoding(t *testing.T) {
	for _, tt := range []struct {
		name, text, want string
	}{
		{"latin-1 byte", "a,b\n1,2\n3,caf\xe9\n", "line 3 is not UTF-8 text"},
		{"UTF-16", "\xff\xfea\x00,\x00b\x00", "UTF-16"},
		{"cut inside a character", "a,b\n1,\xc3", "line 2 is not UTF-8 text"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scanText(strings.NewReader(tt.text), ',')
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
