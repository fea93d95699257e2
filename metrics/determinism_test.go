package metrics

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/peerstat/peerstat/config"
)

// determinismAgency joins the survey agencies with services, timesheets and
// encounters, so every area's models have something to count, in programs
// Bridge, Clinic, Outreach, A, B and C.
func determinismAgency() agency {
	rows := append(agency{}, satisfactionAgency...)
	rows = append(rows, surveyCountsAgency()...)
	return append(rows,
		`INSERT INTO staff VALUES
			('S2', 'clinician', 'Clinic', '2024-01-01', '2025-02-14', 'voluntary', 0.5, 31.50, 's.csv', 3),
			('S3', 'recovery_coach', 'Bridge', '2025-01-06', NULL, NULL, 1.0, 19.25, 's.csv', 4)`,
		`INSERT INTO services__base VALUES
			('V1', 'P1', 'S1', '2025-01-06', 7,  'H0038', true,  'G1', '2025-01-06 10:00', 'v.csv', 2),
			('V2', 'P1', 'S3', '2025-01-07', 53, 'H0038', true,  'G1', '2025-01-13 10:00', 'v.csv', 3),
			('V3', 'P2', 'S1', '2025-01-08', 22, 'H0038', true,  NULL, NULL,               'v.csv', 4),
			('V4', 'P4', 'S2', '2025-02-03', 23, 'H2015', true,  'G2', '2025-02-03 10:00', 'v.csv', 5),
			('V5', 'P3', 'S3', '2025-02-04', 61, 'H0038', false, 'G2', '2025-02-04 10:00', 'v.csv', 6),
			('V6', 'PA', 'S1', '2025-03-10', 45, 'H0038', true,  'G3', '2025-03-11 09:00', 'v.csv', 7),
			('V7', 'PB', 'S3', '2025-03-11', 30, 'H0038', true,  'G4', NULL,               'v.csv', 8),
			('V8', 'PC', 'S3', '2025-03-31', 15, 'H0038', true,  'G5', '2025-03-31 17:00', 'v.csv', 9)`,
		`INSERT INTO timesheets__base (staff_id, work_date, activity, minutes, billable, miles, source_file, source_line) VALUES
			('S1', '2025-01-06', 'direct_service', 120, true,  NULL, 't.csv', 2),
			('S1', '2025-01-06', 'documentation',  45,  false, NULL, 't.csv', 3),
			('S1', '2025-01-07', 'travel',         30,  false, 12.5, 't.csv', 4),
			('S2', '2025-02-03', 'direct_service', 60,  true,  NULL, 't.csv', 5),
			('S2', '2025-02-04', 'leave',          480, false, NULL, 't.csv', 6),
			('S3', '2025-03-11', 'direct_service', 95,  true,  NULL, 't.csv', 7),
			('S3', '2025-03-12', 'supervision',    60,  false, NULL, 't.csv', 8)`,
		`INSERT INTO encounters__base VALUES
			('N1', 'P1', 'inpatient_psych', '2025-01-12', '2025-01-20', true,  false, 9100.00, 'e.csv', 2),
			('N2', 'P1', 'emergency',       '2025-02-20', NULL,         false, false, 800.00,  'e.csv', 3),
			('N3', 'P2', 'inpatient_psych', '2025-02-01', '2025-02-05', false, false, NULL,    'e.csv', 4),
			('N4', 'P2', 'detox',           '2025-02-06', '2025-02-10', false, true,  NULL,    'e.csv', 5),
			('N5', 'PA', 'outpatient',      '2025-03-01', '2025-03-01', false, false, NULL,    'e.csv', 6),
			('N6', 'P4', 'inpatient_medical', '2025-03-20', NULL,       false, false, NULL,    'e.csv', 7)`,
	)
}

// TestComputeTwiceSameBytes: metrics.csv must be byte-identical across runs
// (DATA.md), whatever the number of threads DuckDB happens to use.
func TestComputeTwiceSameBytes(t *testing.T) {
	cfg := strings.Replace(satisfactionConfig, "min_cell = 0", "min_cell = 11", 1)
	encode := func(threads string) string {
		db := openAgency(t, append(determinismAgency(), "SET threads = "+threads))
		var runs []string
		for range 2 {
			var buf bytes.Buffer
			if err := EncodeCSV(&buf, compute(t, db, cfg).Rows); err != nil {
				t.Fatal(err)
			}
			runs = append(runs, buf.String())
		}
		if runs[0] != runs[1] {
			t.Errorf("threads %s: two runs on one database differ:\n%s", threads, firstDifference(runs[0], runs[1]))
		}
		return runs[0]
	}
	four, one := encode("4"), encode("1")
	if four != one {
		t.Errorf("4 threads and 1 thread differ:\n%s", firstDifference(four, one))
	}
	if n := strings.Count(four, "\n"); n < 100 {
		t.Errorf("metrics.csv lines: got %d, want the agency's full set (over 100)", n)
	}
}

// firstDifference shows the first line where two metrics.csv texts differ.
func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "got  " + la[i] + "\nthen " + lb[i]
		}
	}
	return fmt.Sprintf("got %d lines, then %d", len(la), len(lb))
}

// TestSessionProgress: a session with a progress writer draws a bar over
// its models and the bootstrap, titled with the scope, and clears it.
func TestSessionProgress(t *testing.T) {
	db := openAgency(t, determinismAgency())
	cfg, err := config.Parse([]byte(satisfactionConfig))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(context.Background(), db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var bar strings.Builder
	s.Progress = &bar
	if _, err := s.compute(context.Background(), Scope{}); err != nil {
		t.Fatal(err)
	}
	out := bar.String()
	for _, want := range []string{"metrics for all participants [", "core__stg_participants", "bootstrap intervals"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress output lacks %q:\n%q", want, out)
		}
	}
	if !strings.HasSuffix(out, "\r\033[K") {
		t.Errorf("progress output not cleared at the end: %q", out[max(0, len(out)-60):])
	}
}
