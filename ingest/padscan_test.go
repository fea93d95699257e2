package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPadScan: a file is "padded" exactly when some cell could start or
// end with whitespace the checks trim, wherever the read chunks happen to
// split it.
func TestPadScan(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		delim      rune
		padded     bool
	}{
		{"clean", "a,b\nx y,z\n1,2\n", ',', false},
		{"clean CRLF", "a,b\r\nx y,z\r\n1,2\r\n", ',', false},
		{"clean no final newline", "a,b\nx,y", ',', false},
		{"inner spaces and no-break space", "a,b\nx y,z\u00a0w\n", ',', false},
		{"a character ending in 0xA0 next to a delimiter", "a,b\nvoil\u00e0,x\n", ',', false},
		{"space after delimiter", "a,b\nx, y\n", ',', true},
		{"space before delimiter", "a,b\nx ,y\n", ',', true},
		{"space at line start", "a,b\n x,y\n", ',', true},
		{"space at line end", "a,b\nx,y \n", ',', true},
		{"space before CRLF", "a,b\r\nx,y \r\n", ',', true},
		{"space at file end", "a,b\nx,y ", ',', true},
		{"whitespace-only cell", "a,b\nx,  \n", ',', true},
		{"tab next to delimiter", "a,b\nx,\ty\n", ',', true},
		{"tab inside a cell", "a,b\nx\ty,z\n", ',', false},
		{"no-break space after delimiter", "a,b\nx,\u00a0y\n", ',', true},
		{"no-break space at line end", "a,b\nx,y\u00a0\n", ',', true},
		{"carriage return inside a line", "a,b\nx\ry,z\n", ',', true},
		{"carriage return at file end", "a,b\nx,y\r", ',', true},
		{"quotes", "a,b\n\"x\",y\n", ',', true},
		{"TSV tab is a delimiter", "a\tb\nx y\tz\n", '\t', false},
		{"TSV space next to tab", "a\tb\nx \tz\n", '\t', true},
	} {
		for _, size := range []int{1, 2, 3, 5, 1 << 20} {
			p := newPadScan(tt.delim)
			text := []byte(tt.text)
			for len(text) > 0 {
				n := min(size, len(text))
				// chunks end on rune boundaries, as scanText's do
				for n < len(text) && text[n]&0xC0 == 0x80 {
					n++
				}
				p.feed(text[:n])
				text = text[n:]
			}
			p.end()
			if p.padded != tt.padded {
				t.Errorf("%s (chunks of %d): padded = %v, want %v", tt.name, size, p.padded, tt.padded)
			}
		}
		s, err := scanText(strings.NewReader(tt.text), tt.delim)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if s.padded != tt.padded {
			t.Errorf("%s: scanText padded = %v, want %v", tt.name, s.padded, tt.padded)
		}
	}
}

// TestPaddedCellsTrimmed: cells written with surrounding spaces, tabs,
// or no-break spaces load exactly as the same
// cells written bare, and a whitespace-only cell is blank. The bare files
// take the path that reads cells untrimmed; the padded ones must not.
func TestPaddedCellsTrimmed(t *testing.T) {
	bare := map[string]string{
		"participants.csv": "participant_id,program,enrolled_on,discharged_on,birth_year,payer\n" +
			"P1,Adult Peer Support,2024-01-02,,1980,Summit Care\n" +
			"P2,Youth,2024-02-03,2024-05-06,1999,Summit Care\n",
		"staff.csv": "staff_id,role,program,hire_date,termination_date,termination_type,fte,hourly_wage\n" +
			"S1,peer_specialist,Adult Peer Support,2020-01-01,,,1,20.5\n",
		"services.csv": "service_id,participant_id,staff_id,service_date,minutes,service_code,billable,goal_id,note_signed_at\n" +
			"V1,P1,S1,2024-03-04,30,H0038,true,,2024-03-04T10:00:00\n" +
			"V2,P2,S1,2024-03-05,45,H0038,no,G1,\n",
		"timesheets.csv": "staff_id,work_date,activity,minutes,billable,miles\n" +
			"S1,2024-03-04,direct_service,60,true,\n",
	}
	padded := map[string]string{
		"participants.csv": "participant_id,program,enrolled_on,discharged_on,birth_year,payer\n" +
			" P1 ,Adult Peer Support\t,2024-01-02, ,1980,\u00a0Summit Care\n" +
			"P2,Youth,  2024-02-03,2024-05-06 ,1999,Summit Care\n",
		"staff.csv": "staff_id,role,program,hire_date,termination_date,termination_type,fte,hourly_wage\n" +
			"S1 ,peer_specialist,Adult Peer Support,2020-01-01,\t,,1, 20.5\n",
		"services.csv": "service_id,participant_id,staff_id,service_date,minutes,service_code,billable,goal_id,note_signed_at\n" +
			"V1,\tP1,S1,2024-03-04, 30 ,H0038,true,\u00a0,2024-03-04T10:00:00 \n" +
			"V2,P2,S1,2024-03-05,45,H0038,no,G1 ,\n",
		"timesheets.csv": "staff_id,work_date,activity,minutes,billable,miles\n" +
			"S1,2024-03-04,direct_service,60,true, \n",
	}
	dump := func(files map[string]string, wantPadded bool) string {
		dir := t.TempDir()
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := scanText(strings.NewReader(text), ',')
			if err != nil || s.padded != wantPadded {
				t.Fatalf("%s: padded = %v (%v), want %v", name, s.padded, err, wantPadded)
			}
		}
		db := openTestDB(t)
		res := load(t, db, dir, Options{})
		if len(res.Rejects) > 0 {
			t.Fatalf("rejects: %v", res.Rejects)
		}
		var b strings.Builder
		for _, q := range []string{
			"SELECT participant_id, program, enrolled_on, discharged_on, birth_year, payer FROM participants ORDER BY 1",
			"SELECT staff_id, role, program, hire_date, termination_date, fte, hourly_wage FROM staff ORDER BY 1",
			"SELECT service_id, participant_id, staff_id, service_date, minutes, billable, goal_id, note_signed_at FROM services ORDER BY 1",
		} {
			rows, err := db.Query(q)
			if err != nil {
				t.Fatal(err)
			}
			cols, _ := rows.Columns()
			for rows.Next() {
				v := make([]any, len(cols))
				p := make([]any, len(cols))
				for i := range v {
					p[i] = &v[i]
				}
				if err := rows.Scan(p...); err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(&b, "%q\n", v)
			}
			rows.Close()
		}
		return b.String()
	}
	want, got := dump(bare, false), dump(padded, true)
	if got != want {
		t.Errorf("padded files load differently:\n got %s\nwant %s", got, want)
	}
	if !strings.Contains(want, `"P1" "Adult Peer Support"`) || !strings.Contains(want, `"V1" "P1" "S1"`) {
		t.Errorf("unexpected rows:\n%s", want)
	}
}
