package ingest

import (
	"slices"
	"strings"
	"testing"
)

// A row's reject names its first problem in the file's column order, not
// DATA.md's: each file below lays its columns out differently from
// DATA.md's table and has a row with two bad cells, both found by the SQL
// checks, the later one in DATA.md's order first in the file.
func TestFirstProblemInFileColumnOrder(t *testing.T) {
	profile := `
[staff]
files = ["employees*.csv"]
[staff.columns]
staff_id = "EmpID"
hire_date = "Start"
program = "Dept"
role = "Title"
`
	res, _ := loadWithProfile(t, map[string]string{
		"participants.csv": "participant_id,program,enrolled_on\nP1,Main,2024-01-01\n",
		// DATA.md: staff_id, role, program, hire_date. hire_date first
		// here: a bad hire_date is reported before an unknown role.
		"staff.csv": "hire_date,staff_id,program,role\n" +
			"2024-02-30,S1,Main,wizard\n" +
			"2024-01-01,S2,Main,wizard\n" +
			"2024-01-01,S3,Main,admin\n",
		// The HR roster, renamed by the profile: Start (hire_date) is the
		// file's first column, Title (role) its last.
		"employees.csv": "Start,EmpID,Dept,Title\n" +
			"2024-02-30,E1,Main,wizard\n",
		// DATA.md: … minutes, …, billable. billable first here.
		"services.csv": "billable,minutes,service_id,participant_id,staff_id,service_date\n" +
			"maybe,0,V1,P1,S3,2024-01-02\n" +
			"yes,0,V2,P1,S3,2024-01-02\n",
	}, profile)
	var got []string
	for _, r := range res.Rejects {
		got = append(got, r.String())
	}
	want := []string{
		`employees.csv line 2, column Start: "2024-02-30": not a date (expected YYYY-MM-DD or M/D/YYYY)`,
		`staff.csv line 2, column hire_date: "2024-02-30": not a date (expected YYYY-MM-DD or M/D/YYYY)`,
		`staff.csv line 3, column role: "wizard": unknown role`,
		`services.csv line 2, column billable: "maybe": not a yes/no value`,
		`services.csv line 3, column minutes: "0": not a number of minutes from 1 to 1440`,
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("rejects:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

// inFileOrder moves whole groups of checks, keeps the rules between
// columns last, and leaves groups whose columns the file lacks after the
// others in their own order.
func TestInFileOrderMovesGroups(t *testing.T) {
	text := "CASE\n WHEN pre\n -- in file order: a\n WHEN a1\n WHEN a2\n -- in file order: b c\n WHEN bc\n" +
		" -- in file order: d\n WHEN d\n -- in file order: e\n WHEN e\n -- then\n WHEN rule\nEND\n"
	got := inFileOrder(text, map[string]int{"a": 3, "c": 0, "e": 2})
	want := "CASE\n WHEN pre\n -- in file order: b c\n WHEN bc\n -- in file order: e\n WHEN e\n" +
		" -- in file order: a\n WHEN a1\n WHEN a2\n -- in file order: d\n WHEN d\n -- then\n WHEN rule\nEND\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
