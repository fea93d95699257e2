package ingest

import (
	"path/filepath"
	"testing"
)

// The shipped assessment-export profile loads its fixture, a GPRA-style
// interview export with the BARC-10 as such tools lay it out, unedited:
// item columns BARC_1 … BARC_10, interview types and living-situation and
// employment answers in the tool's words ("Refused" left unknown), M/D/YYYY
// dates.
func TestGPRABarc10ProfileLoadsItsExport(t *testing.T) {
	db := openTestDB(t)
	res := load(t, db, filepath.Join("..", "profiles", "testdata", "gpra-barc10"),
		Options{ProfilePath: filepath.Join("..", "profiles", "gpra-barc10.toml")})
	if len(res.Rejects) > 0 {
		t.Errorf("rejects: %v", rejectLines(res.Rejects))
	}
	f := filesByName(res)["GPRA_BARC10_Interviews_2025-03-31.csv"]
	if f.Source != "assessments" || f.RowsRead != 6 || f.RowsLoaded != 6 {
		t.Errorf("the export: got source %q, %d read, %d loaded; want assessments, 6 and 6", f.Source, f.RowsRead, f.RowsLoaded)
	}
	for _, tt := range []struct{ name, query, want string }{
		{"interviews as stored",
			"SELECT string_agg(assessment_id || ' ' || participant_id || ' ' || kind || ' ' || assessment_date || ' ' || coalesce(housing, '-') || ' ' || coalesce(employment, '-') || ' ' || instrument, '; ' ORDER BY assessment_id) FROM assessments",
			"100231 C-1001 intake 2024-01-10 shelter unemployed_looking barc10; " +
				"100232 C-1002 intake 2024-02-12 with_family disabled barc10; " +
				"100233 C-1003 intake 2024-03-06 street part_time barc10; " +
				"100298 C-1001 followup 2024-07-09 own_or_rent full_time barc10; " +
				"100301 C-1002 discharge 2024-09-30 with_family disabled barc10; " +
				"100322 C-1003 followup 2024-09-02 - part_time barc10"},
		// 10 items each, but BARC_7 of 100233 is blank: 59 answers.
		{"answers", "SELECT count(*)::VARCHAR FROM assessment_answers", "59"},
		{"items of 100298", "SELECT string_agg(answer::VARCHAR, '' ORDER BY item) FROM assessment_answers WHERE assessment_id = '100298'", "5554555545"},
	} {
		var got string
		if err := db.QueryRow(tt.query).Scan(&got); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}
