package synth

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The assessments file has what the recovery metrics look for: intakes for
// most enrollments from the history start, follow-ups for about 70% of
// intakes, some outside the 150-240-day window, some answers left blank,
// and discharge interviews.
func TestAssessmentsPatterns(t *testing.T) {
	dir := generate(t, Options{Participants: 400, Seed: 1})
	read := func(name string) [][]string {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs[1:]
	}
	date := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	enrollments := 0
	for _, p := range read("participants.csv") {
		if date(p[2]).After(historyFrom.time().AddDate(0, 0, -1)) {
			enrollments++
		}
	}
	kinds := map[string]int{}
	intakeOf := map[string]time.Time{}
	var outside, blankHousing, blankItem, noInstrument int
	for _, a := range read("assessments.csv") {
		kinds[a[3]]++
		switch a[3] {
		case "intake":
			intakeOf[a[1]] = date(a[2])
		case "followup":
			if days := int(date(a[2]).Sub(intakeOf[a[1]]).Hours() / 24); days < 150 || days > 240 {
				outside++
			}
		}
		if a[4] == "" {
			blankHousing++
		}
		if a[6] == "" {
			noInstrument++
		}
		for _, q := range a[7:] {
			if a[6] != "" && q == "" {
				blankItem++
			}
		}
	}
	share := float64(kinds["followup"]) / float64(kinds["intake"])
	for _, c := range []struct {
		what string
		ok   bool
	}{
		{"intakes for most enrollments since the history start", float64(kinds["intake"]) >= 0.75*float64(enrollments) && kinds["intake"] <= enrollments},
		{"follow-ups for about 70% of intakes whose window opened (so 45-75% of all)", share > 0.45 && share < 0.75},
		{"some follow-ups outside 150-240 days", outside > 0},
		{"discharge interviews", kinds["discharge"] > 0},
		{"blank housing answers", blankHousing > 0},
		{"BARC-10 items left blank", blankItem > 0},
		{"interviews without the BARC-10", noInstrument > 0},
	} {
		if !c.ok {
			t.Errorf("%s: got %v intakes of %d enrollments, %d follow-ups (%.2f), %d outside the window, %d discharge, %d blank housing, %d blank items, %d without an instrument",
				c.what, kinds["intake"], enrollments, kinds["followup"], share, outside, kinds["discharge"], blankHousing, blankItem, noInstrument)
		}
	}
}
