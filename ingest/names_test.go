package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFormulaNamesRefused: a program, payer or instrument name that a
// spreadsheet would run as a formula, and the program name ALL (any case),
// are rejects naming the file, line, column and value; the other rows load.
func TestFormulaNamesRefused(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"participants.csv": "participant_id,program,enrolled_on,discharged_on,birth_year,payer\n" +
			"P1,Bridge,2024-01-01,,1980,Acme\n" +
			"P2,=HYPERLINK(\"http://x\"),2024-01-01,,1980,\n" + // line 3
			"P3,All,2024-01-01,,1980,\n" + // line 4: ALL in any case
			"P4,Bridge,2024-01-01,,1980,@SUM(A1)\n" + // line 5: payer
			"P5,Bridge,2024-01-01,,1980,\"\t-1+2\"\n", // line 6: a tab is trimmed, then "-"
		"staff.csv": "staff_id,role,program,hire_date,termination_date,termination_type,fte,hourly_wage\n" +
			"S1,peer_specialist,Bridge,2023-01-01,,,1,20\n" +
			"S2,peer_specialist,+Crisis,2023-01-01,,,1,20\n", // line 3
		"services.csv": "service_id,participant_id,staff_id,service_date,minutes,billable\n" +
			"V1,P1,S1,2024-03-04,30,yes\n",
		"timesheets.csv": "staff_id,work_date,activity,minutes,billable\n" +
			"S1,2024-03-04,direct_service,60,true\n",
		"surveys.csv": "response_id,instrument,program,survey_date,participant_id,q1\n" +
			"R1,peer_experience,Bridge,2024-05-01,,5\n" +
			"R2,=peer_experience,Bridge,2024-05-01,,5\n" + // line 3
			"R3,peer_experience,ALL,2024-05-01,,5\n", // line 4
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	db := openTestDB(t)
	res := load(t, db, dir, Options{})
	formula := "a name may not begin with =, +, -, @, a tab or a line break (a spreadsheet would run it as a formula): rename it in the export"
	reserved := "ALL is reserved for the agency as a whole: rename this program in the export"
	want := []string{
		"participants|3|program|=HYPERLINK(\"http://x\")|" + formula,
		"participants|4|program|All|" + reserved,
		"participants|5|payer|@SUM(A1)|" + formula,
		"participants|6|payer|-1+2|" + formula,
		"staff|3|program|+Crisis|" + formula,
		"surveys|3|instrument|=peer_experience|" + formula,
		"surveys|4|program|ALL|" + reserved,
	}
	got := rejectLines(res.Rejects)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejects:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	for _, r := range res.Rejects {
		if s := r.String(); !strings.Contains(s, r.File) || !strings.Contains(s, fmt.Sprintf("%q", r.Value)) {
			t.Errorf("reject sentence %q does not name the file and the value", s)
		}
	}
	if n := count(t, db, "SELECT count(*) FROM participants"); n != 1 {
		t.Errorf("participants loaded: got %d, want 1 (P1)", n)
	}
}

// TestRejectsCSVEscapesFormulas: rejects.csv writes a value a spreadsheet
// would run as a formula behind a leading ', so opening the file never
// runs what an export held; the line number stays a number.
func TestRejectsCSVEscapesFormulas(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"participants.csv": "participant_id,program,enrolled_on,discharged_on,birth_year,payer\n" +
			"P1,Bridge,2024-01-01,,1980,\n" +
			"P3,=cmd|' /C calc'!A0,2024-01-01,,1980,\n", // line 3
		"staff.csv": "staff_id,role,program,hire_date\nS1,peer_specialist,Bridge,2023-01-01\n",
		"services.csv": "service_id,participant_id,staff_id,service_date,minutes,billable\n" +
			"V1,P1,S1,2024-03-04,-30,yes\n", // line 2: minutes -30
		"timesheets.csv": "staff_id,work_date,activity,minutes,billable\nS1,2024-03-04,direct_service,60,true\n",
	})
	db := openTestDB(t)
	load(t, db, dir, Options{})
	out := filepath.Join(t.TempDir(), "rejects.csv")
	if err := WriteRejects(context.Background(), db, out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`participants,participants.csv,3,program,'=cmd|' /C calc'!A0,`,
		`services,services.csv,2,minutes,'-30,`,
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("rejects.csv lacks %q:\n%s", want, got)
		}
	}
}
