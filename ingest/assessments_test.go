package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// assessmentsCSV has one row per rule of DATA.md's assessments table: the
// good rows load, each bad one is a reject naming its column and value.
const assessmentsCSV = "assessment_id,participant_id,assessment_date,kind,housing,employment,instrument,q1,q2,q3,q4,q5,q6,q7,q8,q9,q10\n" +
	"A01,P1,2024-01-05,intake,shelter,unemployed_looking,barc10,3,3,3,3,3,3,3,3,3,3\n" + // 2 loads
	"A02,P1,7/3/2024,FollowUp,Own_Or_Rent,part_time,BARC10,6,5,5,5,5,5,5,5,5,5\n" + // 3 loads: any case, M/D/YYYY
	"A03,P2,2024-01-06,intake,,,,,,,,,,,,,\n" + // 4 loads: nothing answered
	"A04,P2,2024-02-30,intake,,,,,,,,,,,,,\n" + // 5 not a date
	"A05,P2,2024-02-01,screening,,,,,,,,,,,,,\n" + // 6 unknown kind
	"A06,P2,2024-02-01,intake,couch,,,,,,,,,,,,\n" + // 7 unknown housing
	"A07,P2,2024-02-01,intake,,gig,,,,,,,,,,,\n" + // 8 unknown employment
	"A08,P2,2024-02-01,intake,,,,4,,,,,,,,,\n" + // 9 item with no instrument
	"A09,P2,2024-02-01,intake,,,barc10,4,7,,,,,,,,\n" + // 10 q2 off the 1-6 scale
	"A10,P2,2024-02-01,intake,,,barc10,4,x,,,,,,,,\n" + // 11 q2 not a whole number
	"A11,P2,2024-02-01,intake,,,peer_experience,4,,,,,,,,,\n" + // 12 a survey instrument
	"A12,P2,2024-02-01,intake,,,recap,4,,,,,,,,,\n" + // 13 unknown instrument
	"A13,P9,2024-02-01,intake,,,,,,,,,,,,,\n" + // 14 unknown participant
	"A01,P2,2024-02-01,discharge,,,,,,,,,,,,,\n" + // 15 duplicate key
	"A14,P2,2024-02-01,discharge,street,retired,barc10,1,,,,,,,,,\n" // 16 loads: one item answered

// The same assessments file as csv, xlsx and parquet gives the same
// rejects, rows and answers.
func TestAssessmentsLoadEveryFormat(t *testing.T) {
	want := []string{
		"assessments|5|assessment_date|2024-02-30|not a date (expected YYYY-MM-DD or M/D/YYYY)",
		"assessments|6|kind|screening|unknown kind (expected intake, followup or discharge)",
		"assessments|7|housing|couch|unknown housing status",
		"assessments|8|employment|gig|unknown employment status",
		"assessments|9|instrument||missing value: an item is answered, so the instrument must be named",
		"assessments|10|q2|7|answer outside the instrument's scale",
		"assessments|11|q2|x|not a whole number",
		"assessments|12|instrument|peer_experience|a survey instrument, not an assessment scale (an assessment names a summed scale such as barc10)",
		"assessments|13|instrument|recap|unknown instrument",
		"assessments|14|participant_id|P9|unknown participant",
		"assessments|15|assessment_id|A01|duplicate key",
	}
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "participants.csv"), []byte(agencyParticipants))
	writeFile(t, filepath.Join(src, "staff.csv"), []byte(agencyStaff))
	writeFile(t, filepath.Join(src, "services.csv"), []byte("service_id,participant_id,staff_id,service_date,minutes,billable\n"))
	writeFile(t, filepath.Join(src, "timesheets.csv"), []byte("staff_id,work_date,activity,minutes,billable\n"))
	writeFile(t, filepath.Join(src, "assessments.csv"), []byte(assessmentsCSV))
	for _, format := range []string{".csv", ".xlsx", ".parquet"} {
		t.Run(format, func(t *testing.T) {
			db := openTestDB(t)
			res := load(t, db, convertFolder(t, db, src, format), Options{})
			var got []string
			for _, r := range rejectLines(res.Rejects) {
				if strings.HasPrefix(r, "assessments|") {
					got = append(got, r)
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("rejects:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
			}
			f := filesByName(res)["assessments"+format]
			if f.RowsRead != 15 || f.RowsLoaded != 4 || f.RowsRejected != 11 {
				t.Errorf("assessments%s: read %d, loaded %d, rejected %d; want 15 = 4 + 11", format, f.RowsRead, f.RowsLoaded, f.RowsRejected)
			}
			for _, tt := range []struct{ name, query, want string }{
				{"rows as stored", "SELECT string_agg(assessment_id || ':' || kind || ':' || assessment_date || ':' || coalesce(housing, '-') || ':' || coalesce(employment, '-') || ':' || coalesce(instrument, '-'), ',' ORDER BY assessment_id) FROM assessments",
					"A01:intake:2024-01-05:shelter:unemployed_looking:barc10,A02:followup:2024-07-03:own_or_rent:part_time:barc10,A03:intake:2024-01-06:-:-:-,A14:discharge:2024-02-01:street:retired:barc10"},
				{"answers of A02", "SELECT string_agg(item || '=' || answer, ',' ORDER BY item) FROM assessment_answers WHERE assessment_id = 'A02'", "1=6,2=5,3=5,4=5,5=5,6=5,7=5,8=5,9=5,10=5"},
				{"answers in all", "SELECT count(*)::VARCHAR FROM assessment_answers", "21"},
			} {
				var got string
				if err := db.QueryRow(tt.query).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != tt.want {
					t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
				}
			}
		})
	}
}

// A later assessments file replaces an assessment and all its answers.
func TestAssessmentReplacement(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{
		"participants.csv":    agencyParticipants,
		"staff.csv":           agencyStaff,
		"assessments.csv":     "assessment_id,participant_id,assessment_date,kind,instrument,q1,q2\nA1,P1,2024-01-02,intake,barc10,5,4\nA2,P2,2024-01-02,intake,barc10,1,\n",
		"assessments_fix.csv": "assessment_id,participant_id,assessment_date,kind,instrument,q1\nA1,P1,2024-01-03,intake,barc10,2\n",
	})
	res := load(t, db, dir, Options{})
	if f := filesByName(res)["assessments_fix.csv"]; f.RowsReplaced != 1 {
		t.Errorf("assessments_fix.csv: got %d replaced, want 1", f.RowsReplaced)
	}
	var answers string
	db.QueryRow("SELECT string_agg(assessment_id || ':' || item || '=' || answer, ',' ORDER BY assessment_id, item) FROM assessment_answers").Scan(&answers)
	if answers != "A1:1=2,A2:1=1" {
		t.Errorf("answers: got %s, want A1:1=2,A2:1=1 (A1's old answers gone)", answers)
	}
}

// A survey naming a summed assessment scale is refused: its answers are
// not survey answers.
func TestSurveyNamingAssessmentScaleRejected(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{
		"participants.csv": agencyParticipants,
		"staff.csv":        agencyStaff,
		"surveys.csv":      "response_id,instrument,program,survey_date,q1\nR1,barc10,Bridge,2024-05-01,5\n",
	})
	res := load(t, db, dir, Options{})
	got := strings.Join(rejectLines(res.Rejects), "\n")
	want := "surveys|2|instrument|barc10|an assessment scale, not a survey instrument: its answers belong in an assessments file"
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// The folder is the truth: an assessments file taken out of the folder
// takes its assessments and their answers with it, and survey answers
// stay (each answer table belongs to its own source).
func TestRemovedAssessmentsFileTakesItsAnswers(t *testing.T) {
	db := openTestDB(t)
	dir := writeFiles(t, map[string]string{
		"participants.csv": agencyParticipants,
		"staff.csv":        agencyStaff,
		"surveys.csv":      "response_id,instrument,program,survey_date,q1,q2\nR1,peer_experience,Bridge,2024-05-01,5,4\n",
		"assessments.csv":  "assessment_id,participant_id,assessment_date,kind,instrument,q1,q2\nA1,P1,2024-01-02,intake,barc10,5,4\n",
	})
	load(t, db, dir, Options{})
	if err := os.Remove(filepath.Join(dir, "assessments.csv")); err != nil {
		t.Fatal(err)
	}
	load(t, db, dir, Options{})
	for _, tt := range []struct {
		table string
		want  int64
	}{{"assessments", 0}, {"assessment_answers", 0}, {"surveys", 1}, {"survey_answers", 2}} {
		if got := count(t, db, "SELECT count(*) FROM "+tt.table); got != tt.want {
			t.Errorf("%s after the assessments file was removed: got %d rows, want %d", tt.table, got, tt.want)
		}
	}
}
