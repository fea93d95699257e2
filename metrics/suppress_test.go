package metrics

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// suppressRegistry holds one metric of each kind METRICS.md "Small-cell
// suppression" distinguishes.
var suppressRegistry = []Definition{
	// a count of events: numerator tested
	{ID: "er_visits", Unit: UnitCount, Numerator: "visits", Protected: true, NumeratorCounted: true},
	// a proportion of counted people: numerator, denominator and the gap tested
	{ID: "readmit_rate", Unit: UnitRatio, Numerator: "readmitted", Denominator: "discharges", Protected: true, NumeratorCounted: true, DenominatorCounted: true, Proportion: true},
	// bed days: a count, and contributors (people) tested on their own
	{ID: "bed_days", Unit: UnitDays, Numerator: "bed days", Protected: true, NumeratorCounted: true},
	// a mean score: only the counted denominator (and contributors) tested
	{ID: "mean_score", Unit: UnitScore, Numerator: "sum of scores", Denominator: "respondents", Protected: true, DenominatorCounted: true},
	// a DiD figure: value only, suppressed on the smaller group
	{ID: "bed_days_did", Unit: UnitDays, Protected: true, GroupTested: true},
	// an operations metric: never suppressed
	{ID: "billed_units", Unit: UnitCount, Numerator: "units"},
}

// cell builds a row; contributors -1 means "not given" (the numerator is
// used for complementary suppression). dates are "2025-01-01/2025-01-31".
func cell(metric, program, grain, window string, num, den *float64, contributors int64) Row {
	start, end, _ := strings.Cut(window, "/")
	ps, err := time.Parse("2006-01-02", start)
	if err != nil {
		panic(err)
	}
	pe, err := time.Parse("2006-01-02", end)
	if err != nil {
		panic(err)
	}
	var val *float64
	switch {
	case num != nil && den != nil && *den != 0:
		val = f(*num / *den)
	case num != nil && den == nil:
		val = f(*num)
	}
	return Row{Metric: metric, Program: program, Grain: grain, PeriodStart: ps, PeriodEnd: pe,
		Numerator: num, Denominator: den, Value: val, Contributors: contributors, GroupMin: -1}
}

const (
	q1     = "2025-01-01/2025-03-31"
	jan    = "2025-01-01/2025-01-31"
	feb    = "2025-02-01/2025-02-28"
	mar    = "2025-03-01/2025-03-31"
	period = "2025-01-01/2025-06-30"
)

// hiddenCells lists the suppressed rows as "program grain start".
func hiddenCells(rows []Row) []string {
	var out []string
	for _, r := range rows {
		if r.Suppressed {
			out = append(out, fmt.Sprintf("%s %s %s %s", r.Metric, r.Program, r.Grain, r.PeriodStart.Format("01-02")))
		}
	}
	sort.Strings(out)
	return out
}

func TestSuppressPrimary(t *testing.T) {
	tests := []struct {
		name string
		k    int
		row  Row
		want bool
	}{
		{"count 10 at k=11 suppressed", 11, cell("er_visits", "ALL", "period", period, f(10), nil, -1), true},
		{"count 11 at k=11 shown", 11, cell("er_visits", "ALL", "period", period, f(11), nil, -1), false},
		{"count 1 suppressed", 11, cell("er_visits", "ALL", "period", period, f(1), nil, -1), true},
		{"count 0 shown", 11, cell("er_visits", "ALL", "period", period, f(0), nil, -1), false},
		{"count 4 at k=5 suppressed", 5, cell("er_visits", "ALL", "period", period, f(4), nil, -1), true},
		{"count 5 at k=5 shown", 5, cell("er_visits", "ALL", "period", period, f(5), nil, -1), false},
		// 45 − 40 = 5 people not readmitted: from 1 to 10, suppressed.
		{"proportion small complement", 11, cell("readmit_rate", "ALL", "period", period, f(40), f(45), 40), true},
		// 51 − 40 = 11: shown.
		{"proportion complement 11", 11, cell("readmit_rate", "ALL", "period", period, f(40), f(51), 40), false},
		// 45 − 45 = 0: everyone readmitted; 0 is not small.
		{"proportion complement 0", 11, cell("readmit_rate", "ALL", "period", period, f(45), f(45), 45), false},
		{"proportion numerator 3", 11, cell("readmit_rate", "ALL", "period", period, f(3), f(50), 3), true},
		{"proportion denominator 5", 11, cell("readmit_rate", "ALL", "period", period, f(0), f(5), 0), true},
		{"proportion empty", 11, cell("readmit_rate", "ALL", "period", period, f(0), f(0), 0), false},
		// 40 bed days, all of one person.
		{"40 bed days of one person", 11, cell("bed_days", "ALL", "period", period, f(40), nil, 1), true},
		{"40 bed days of 11 people", 11, cell("bed_days", "ALL", "period", period, f(40), nil, 11), false},
		// A mean's numerator (a sum of scores, 3.5) is not a count: not tested.
		{"mean numerator not tested", 11, cell("mean_score", "ALL", "period", period, f(3.5), f(11), 11), false},
		{"mean denominator 10", 11, cell("mean_score", "ALL", "period", period, f(25), f(10), 10), true},
		{"group of 10", 11, Row{Metric: "bed_days_did", Program: "ALL", Grain: "period", Value: f(-1.5), Contributors: -1, GroupMin: 10}, true},
		{"group of 11", 11, Row{Metric: "bed_days_did", Program: "ALL", Grain: "period", Value: f(-1.5), Contributors: -1, GroupMin: 11}, false},
		// An empty group leaves the row blank but it is not a small cell.
		{"group of 0", 11, Row{Metric: "bed_days_did", Program: "ALL", Grain: "period", Contributors: -1, GroupMin: 0}, false},
		{"operations metric never", 11, cell("billed_units", "ALL", "period", period, f(3), nil, -1), false},
		{"min_cell 0 turns it off", 0, cell("er_visits", "ALL", "period", period, f(3), nil, 3), false},
		{"min_cell 0 proportion", 0, cell("readmit_rate", "ALL", "period", period, f(1), f(2), 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := []Row{tt.row}
			before := rows[0]
			suppress(rows, suppressRegistry, tt.k)
			got := rows[0]
			if got.Suppressed != tt.want {
				t.Fatalf("suppressed: got %v, want %v", got.Suppressed, tt.want)
			}
			if got.Suppressed && (got.Numerator != nil || got.Denominator != nil || got.Value != nil) {
				t.Errorf("suppressed row figures: got %s/%s/%s, want all blank", FormatNumber(got.Numerator), FormatNumber(got.Denominator), FormatNumber(got.Value))
			}
			if !got.Suppressed && (FormatNumber(got.Numerator) != FormatNumber(before.Numerator) || FormatNumber(got.Value) != FormatNumber(before.Value)) {
				t.Errorf("shown row figures changed: got %s/%s, want %s/%s", FormatNumber(got.Numerator), FormatNumber(got.Value), FormatNumber(before.Numerator), FormatNumber(before.Value))
			}
		})
	}
}

func TestSuppressComplementPrograms(t *testing.T) {
	visits := func(program, window string, n float64) Row {
		return cell("er_visits", program, "period", window, f(n), nil, int64(n))
	}
	readmit := func(program string, num, den float64) Row {
		return cell("readmit_rate", program, "period", period, f(num), f(den), int64(num))
	}
	tests := []struct {
		name string
		rows []Row
		want []string
	}{
		{
			// A (5) is small. Hidden 5 < 11: hide the fewest of the rest, C and
			// D tie at 12 and C comes first by name: hidden 5 + 12 = 17 >= 11.
			name: "fewest first, ties by name",
			rows: []Row{visits("ALL", period, 49), visits("A", period, 5), visits("B", period, 20), visits("D", period, 12), visits("C", period, 12)},
			want: []string{"er_visits A period 01-01", "er_visits C period 01-01"},
		},
		{
			// A (3) small. C shows 0: hiding it protects nothing (a shown 0
			// is never a complement), so B (20) is hidden: 23 >= 11.
			name: "a zero is no complement",
			rows: []Row{visits("ALL", period, 23), visits("A", period, 3), visits("B", period, 20), visits("C", period, 0)},
			want: []string{"er_visits A period 01-01", "er_visits B period 01-01"},
		},
		{
			// A (5) and B (7) are both small; together 12 >= 11: nothing more.
			name: "primary cells already reach k",
			rows: []Row{visits("ALL", period, 42), visits("A", period, 5), visits("B", period, 7), visits("C", period, 30)},
			want: []string{"er_visits A period 01-01", "er_visits B period 01-01"},
		},
		{
			// A: 0 of 4 readmitted, hidden for its denominator. Alone it is
			// ALL − B = 0 of 4, so a second cell is hidden: ALL and B tie at
			// 20 contributors and ALL comes first by name. Hidden: numerators
			// 0 + 20, denominators 4 + 40, not readmitted 4 + 20, all >= 11.
			name: "one hidden cell is never enough",
			rows: []Row{readmit("ALL", 20, 40), readmit("A", 0, 4), readmit("B", 20, 36)},
			want: []string{"readmit_rate A period 01-01", "readmit_rate ALL period 01-01"},
		},
		{
			// ALL: 60 − 50 = 10 not readmitted, hidden; B: numerator 10, hidden;
			// A (40 of 40) stays shown: ALL is not shown, so no complement.
			name: "ALL hidden: no complement",
			rows: []Row{readmit("ALL", 50, 60), readmit("A", 40, 40), readmit("B", 10, 20)},
			want: []string{"readmit_rate ALL period 01-01", "readmit_rate B period 01-01"},
		},
		{
			// Each window on its own: January A (5) hides B (20); February has
			// no small cell.
			name: "windows are separate",
			rows: []Row{
				visits("ALL", jan, 25), visits("A", jan, 5), visits("B", jan, 20),
				visits("ALL", feb, 35), visits("A", feb, 15), visits("B", feb, 20),
			},
			want: []string{"er_visits A period 01-01", "er_visits B period 01-01"},
		},
		{
			name: "operations metrics untouched",
			rows: []Row{cell("billed_units", "ALL", "period", period, f(23), nil, -1), cell("billed_units", "A", "period", period, f(3), nil, -1), cell("billed_units", "B", "period", period, f(20), nil, -1)},
			want: nil,
		},
		{
			// Contributors, not the numerator, order the programs: A has 40 bed
			// days of 1 person (hidden); B 12 days of 12 people, C 50 days of
			// 11 people: C is hidden (11 < 12), 1 + 11 = 12 >= 11.
			name: "ordered by contributors",
			rows: []Row{
				cell("bed_days", "ALL", "period", period, f(102), nil, 24),
				cell("bed_days", "A", "period", period, f(40), nil, 1),
				cell("bed_days", "B", "period", period, f(12), nil, 12),
				cell("bed_days", "C", "period", period, f(50), nil, 11),
			},
			want: []string{"bed_days A period 01-01", "bed_days C period 01-01"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			suppress(tt.rows, suppressRegistry, 11)
			got := hiddenCells(tt.rows)
			if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("suppressed: got [%s], want [%s]", strings.Join(got, "; "), strings.Join(tt.want, "; "))
			}
		})
	}
}

func TestSuppressComplementMonths(t *testing.T) {
	visits := func(grain, window string, n float64) Row {
		return cell("er_visits", "A", grain, window, f(n), nil, int64(n))
	}
	tests := []struct {
		name string
		rows []Row
		want []string
	}{
		{
			// Quarter shown (30); January (5) hidden: hide the fewest other
			// month, February and March tie at 12, February comes first by
			// date: 5 + 12 = 17 >= 11.
			name: "months within a shown quarter, ties by date",
			rows: []Row{visits("quarter", q1, 29), visits("month", jan, 5), visits("month", mar, 12), visits("month", feb, 12)},
			want: []string{"er_visits A month 01-01", "er_visits A month 02-01"},
		},
		{
			// Quarter: 38 − 33 = 5 not readmitted, hidden. February (5 of 10)
			// hidden. The two hidden cells hold 5 + 5 = 10 not readmitted,
			// below 11 (quarter − February = January + March = 28 of 28), so
			// January (28 of 28) is hidden too; March (0 of 0) protects
			// nothing.
			name: "hidden quarter and month need their counts to reach k",
			rows: []Row{
				cell("readmit_rate", "A", "quarter", q1, f(33), f(38), 33),
				cell("readmit_rate", "A", "month", jan, f(28), f(28), 28),
				cell("readmit_rate", "A", "month", feb, f(5), f(10), 5),
				cell("readmit_rate", "A", "month", mar, f(0), f(0), 0),
			},
			want: []string{"readmit_rate A month 01-01", "readmit_rate A month 02-01", "readmit_rate A quarter 01-01"},
		},
		{
			// A period starting 2025-02-15 clips the quarter to Feb 15 - Mar 31:
			// February (part) 4 hidden, March 20 hidden with it. April is in
			// the next quarter and untouched.
			name: "clipped quarter",
			rows: []Row{
				visits("quarter", "2025-02-15/2025-03-31", 24),
				visits("month", "2025-02-15/2025-02-28", 4),
				visits("month", mar, 20),
				visits("quarter", "2025-04-01/2025-06-30", 30),
				visits("month", "2025-04-01/2025-04-30", 30),
			},
			want: []string{"er_visits A month 02-15", "er_visits A month 03-01"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			suppress(tt.rows, suppressRegistry, 11)
			got := hiddenCells(tt.rows)
			if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("suppressed: got [%s], want [%s]", strings.Join(got, "; "), strings.Join(tt.want, "; "))
			}
		})
	}
}

func TestSuppressPassesInteract(t *testing.T) {
	v := func(program, grain, window string, n float64) Row {
		return cell("er_visits", program, grain, window, f(n), nil, int64(n))
	}
	tests := []struct {
		name string
		rows []Row
		want []string
	}{
		{
			// Quarter: A 5 hidden -> B (40, fewer than C 55) hidden. January:
			// A 5 and B 3 hidden (8) -> C (15) hidden. C's quarter is shown,
			// so its January alone would be quarter − February − March: C's
			// February (20, before March) is hidden; February beside ALL then
			// has one hidden cell: B's February (17; A's 0 protects nothing).
			// A's quarter and January (5 + 5) beside its zeros stay as they
			// are: no cell above 0 is left to hide, and the audit finds A's
			// quarter can still be 11 (A 11, B quarter 34, January B 2 and C
			// 10, February B 12 and C 25 fit every relation).
			name: "a quarter hidden beside ALL, months complemented",
			rows: []Row{
				v("ALL", "quarter", q1, 100), v("A", "quarter", q1, 5), v("B", "quarter", q1, 40), v("C", "quarter", q1, 55),
				v("ALL", "month", jan, 23), v("A", "month", jan, 5), v("B", "month", jan, 3), v("C", "month", jan, 15),
				v("ALL", "month", feb, 37), v("A", "month", feb, 0), v("B", "month", feb, 17), v("C", "month", feb, 20),
				v("ALL", "month", mar, 40), v("A", "month", mar, 0), v("B", "month", mar, 20), v("C", "month", mar, 20),
			},
			want: []string{
				"er_visits A month 01-01", "er_visits A quarter 01-01",
				"er_visits B month 01-01", "er_visits B month 02-01", "er_visits B quarter 01-01",
				"er_visits C month 01-01", "er_visits C month 02-01",
			},
		},
		{
			// Both relations act. January: A 5 hidden -> B (20) hidden beside
			// ALL. A's quarter (30) is shown: January 5 hidden -> February
			// (12, fewer than March 13) hidden, 17 >= 11. B's quarter (60) is
			// shown: its January alone would be 60 − February − March, so
			// February (20, tied with March, earlier) is hidden. February
			// beside ALL: A 12 and B 20 hidden, 32 >= 11.
			name: "program and month complements together",
			rows: []Row{
				v("ALL", "quarter", q1, 90), v("A", "quarter", q1, 30), v("B", "quarter", q1, 60),
				v("ALL", "month", jan, 25), v("A", "month", jan, 5), v("B", "month", jan, 20),
				v("ALL", "month", feb, 32), v("A", "month", feb, 12), v("B", "month", feb, 20),
				v("ALL", "month", mar, 33), v("A", "month", mar, 13), v("B", "month", mar, 20),
			},
			want: []string{"er_visits A month 01-01", "er_visits A month 02-01", "er_visits B month 01-01", "er_visits B month 02-01"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			suppress(tt.rows, suppressRegistry, 11)
			got := hiddenCells(tt.rows)
			if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("suppressed: got [%s], want [%s]", strings.Join(got, "; "), strings.Join(tt.want, "; "))
			}
		})
	}
}

func TestSuppressOff(t *testing.T) {
	rows := []Row{
		cell("er_visits", "ALL", "period", period, f(8), nil, 8),
		cell("er_visits", "A", "period", period, f(3), nil, 3),
		cell("er_visits", "B", "period", period, f(5), nil, 5),
	}
	suppress(rows, suppressRegistry, 0)
	for _, r := range rows {
		if r.Suppressed || r.Numerator == nil || r.Value == nil {
			t.Errorf("%s with min_cell 0: got suppressed %v numerator %s, want shown with its figures", r.Program, r.Suppressed, FormatNumber(r.Numerator))
		}
	}
}

func TestSuppressedRowsInCSV(t *testing.T) {
	rows := []Row{
		cell("readmit_rate", "A", "period", period, f(3), f(20), 3),
		cell("readmit_rate", "ALL", "period", period, f(20), f(60), 20),
		cell("readmit_rate", "B", "period", period, f(17), f(40), 17),
	}
	for i := range rows {
		rows[i].Unit = UnitRatio
	}
	suppress(rows, suppressRegistry, 11)
	sortRows(rows)
	var buf bytes.Buffer
	if err := EncodeCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	// A: numerator 3, hidden; hidden total 3 -> B (17) hidden too. ALL shown:
	// 20 / 60 = 0.3333333333333333.
	want := strings.Join([]string{
		"metric,program,grain,period_start,period_end,numerator,denominator,value,unit,suppressed",
		"readmit_rate,A,period,2025-01-01,2025-06-30,,,,ratio,true",
		"readmit_rate,ALL,period,2025-01-01,2025-06-30,20,60,0.3333333333333333,ratio,false",
		"readmit_rate,B,period,2025-01-01,2025-06-30,,,,ratio,true",
	}, "\n") + "\n"
	if buf.String() != want {
		t.Errorf("metrics.csv:\ngot\n%s\nwant\n%s", buf.String(), want)
	}
}

// surveyCountsAgency: programs A, B and C with 11, 11 and 30 anonymous
// peer_experience responses, every item answered 5 (positive). A's 11th
// response is dated 2025-04-15, after the first quarter.
func surveyCountsAgency() agency {
	rows := agency{
		`INSERT INTO participants VALUES
			('PA', 'A', '2024-01-01', NULL, NULL, NULL, 'p.csv', 2),
			('PB', 'B', '2024-01-01', NULL, NULL, NULL, 'p.csv', 3),
			('PC', 'C', '2024-01-01', NULL, NULL, NULL, 'p.csv', 4)`,
	}
	var surveys, answers []string
	line := 1
	add := func(program string, n int, date func(i int) string) {
		for i := 1; i <= n; i++ {
			line++
			id := fmt.Sprintf("%s%02d", program, i)
			surveys = append(surveys, fmt.Sprintf("('%s', 'peer_experience', '%s', '%s', NULL, 'sv.csv', %d)", id, program, date(i), line))
			for item := 1; item <= 5; item++ {
				answers = append(answers, fmt.Sprintf("('%s', %d, 5)", id, item))
			}
		}
	}
	add("A", 11, func(i int) string {
		if i == 11 {
			return "2025-04-15"
		}
		return "2025-02-01"
	})
	add("B", 11, func(int) string { return "2025-02-02" })
	add("C", 30, func(int) string { return "2025-03-03" })
	return append(rows,
		"INSERT INTO surveys VALUES "+strings.Join(surveys, ", "),
		"INSERT INTO survey_answers VALUES "+strings.Join(answers, ", "))
}

func TestSuppressSurveyEndToEnd(t *testing.T) {
	db := openAgency(t, surveyCountsAgency())
	type want struct {
		suppressed bool
		num        float64 // when shown
	}
	tests := []struct {
		name, config string
		want         map[string]want // program -> figure
	}{
		{
			// Q1: A 10 respondents (1..10: hidden), B 11 (shown on its own, but
			// the fewest beside A: hidden 10 + 11 = 21 >= 11), C 30, ALL 51.
			name:   "A has 10 respondents",
			config: "period_start = 2025-01-01\nperiod_end = 2025-03-31",
			want:   map[string]want{"A": {true, 0}, "B": {true, 0}, "C": {false, 30}, "ALL": {false, 51}},
		},
		{
			// Through April A has 11: nothing is small, all shown.
			name:   "A has 11 respondents",
			config: "period_start = 2025-01-01\nperiod_end = 2025-04-30",
			want:   map[string]want{"A": {false, 11}, "B": {false, 11}, "C": {false, 30}, "ALL": {false, 52}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := compute(t, db, tt.config)
			start := "2025-01-01"
			// Every respondent scores 5 > 3.5: positive = scored = responses;
			// the mean's denominator is the same count.
			for _, metric := range []string{"survey_peer_experience_responses", "survey_peer_experience_overall_positive", "survey_peer_experience_overall_mean"} {
				for program, w := range tt.want {
					r := find(t, res, metric, program, "period", start)
					if r.Suppressed != w.suppressed {
						t.Errorf("%s %s suppressed: got %v, want %v", metric, program, r.Suppressed, w.suppressed)
						continue
					}
					switch {
					case w.suppressed:
						wantFigures(t, r, nil, nil, nil)
					case metric == "survey_peer_experience_responses":
						wantFigures(t, r, f(w.num), nil, f(w.num))
					case metric == "survey_peer_experience_overall_positive":
						wantFigures(t, r, f(w.num), f(w.num), f(1))
					default: // mean: sum of scores 5 × n over n respondents
						wantFigures(t, r, f(5*w.num), f(w.num), f(5))
					}
				}
			}
			if tt.want["A"].suppressed {
				var buf bytes.Buffer
				if err := EncodeCSV(&buf, res.Rows); err != nil {
					t.Fatal(err)
				}
				for _, line := range []string{
					"survey_peer_experience_responses,A,period,2025-01-01,2025-03-31,,,,count,true",
					"survey_peer_experience_responses,B,period,2025-01-01,2025-03-31,,,,count,true",
					"survey_peer_experience_responses,C,period,2025-01-01,2025-03-31,30,,30,count,false",
					"survey_peer_experience_overall_positive,ALL,period,2025-01-01,2025-03-31,51,51,1,ratio,false",
				} {
					if !strings.Contains(buf.String(), line+"\n") {
						t.Errorf("metrics.csv: got no line %q", line)
					}
				}
			}
		})
	}
}

// The cells one audit finds disclosed are protected one after another, so
// an earlier one's complement can take the last figure a later one could
// hide, while hiding it protects the later one too. The 800-participant
// agency of the adversary test (two payers and some people with none)
// stopped so: the audit found 236 engagement and first-service
// denominators pinned (each at most its shown enrollments, their months
// summing to the shown period), the first ones' complements hid the rest of
// their relations' shown figures, and a later one, reaching no shown figure
// above 0, failed the run though the complements already hidden left it
// free. Here: ALL 40 = A 4 + B 5 + C 31 + D 0, with A and B hidden as small,
// C as their complement, and A and B handed to protect as one audit's
// finds. A's complement is ALL (the one shown cell above 0: D's 0 protects
// nothing); B then has no cell left, and is left to the next audit, which
// finds A + B + C = ALL with all four hidden (A anywhere from 0 up), so
// nothing is disclosed and no cell is given up on.
func TestProtectOneRoundSharesItsComplements(t *testing.T) {
	v := func(program string, n float64) Row {
		return cell("er_visits", program, "period", period, f(n), nil, int64(n))
	}
	rows := []Row{v("ALL", 40), v("A", 4), v("B", 5), v("C", 31), v("D", 0)}
	tb := newTables([]*Result{{Rows: rows}}, suppressRegistry, 11)
	at := func(program string) int {
		for i, c := range tb.cells {
			if c.row.Program == program {
				return i
			}
		}
		t.Fatalf("no cell of program %s", program)
		return -1
	}
	tb.state[at("A")], tb.state[at("B")], tb.state[at("C")] = primary, primary, complement
	if err := tb.protect([]int{at("A"), at("B")}); err != nil {
		t.Fatalf("protect gave up on a cell an earlier complement of the same round protects: %v", err)
	}
	if tb.state[at("ALL")] != complement {
		t.Errorf("ALL: got state %d, want hidden as a complement", tb.state[at("ALL")])
	}
	if tb.state[at("D")] != shown {
		t.Errorf("D's 0 was hidden; a shown 0 is never a complement")
	}
	if disclosed, _ := tb.audit(); len(disclosed) != 0 {
		t.Errorf("the next audit disclosed %d cells, want none", len(disclosed))
	}
	// When a round adds no complement at all, the cell truly cannot be
	// protected: ALL is hidden, nothing above 0 is left, and B is handed
	// over again.
	err := tb.protect([]int{at("B")})
	if err == nil || !strings.Contains(err.Error(), "cannot protect er_visits, program B, period 2025-01-01 to 2025-06-30") {
		t.Errorf("a cell no complement can protect: got %v, want the run stopped naming it", err)
	}
}

// Where the data bend a sum (an earlier period's comparison cohort of one
// payer is not quite the board's), the hidden cells' own total and the one
// a reader works out from the shown figures differ, and both must be 0 or
// at least k. ALL 67, A 9, B 37, C 21, D 2 (the parts make 69): A and D
// are small and together 11, but a reader takes 67 − 37 − 21 = 9 for
// them, which bounds A to 9 or less; C (21 people, before B's 37) is
// hidden too, and the reader's total is 67 − 37 = 30.
func TestSuppressBentSumReadersTotal(t *testing.T) {
	v := func(program string, n float64) Row {
		return cell("er_visits", program, "period", period, f(n), nil, int64(n))
	}
	rows := []Row{v("ALL", 67), v("A", 9), v("B", 37), v("C", 21), v("D", 2)}
	if err := suppress(rows, suppressRegistry, 11); err != nil {
		t.Fatal(err)
	}
	want := "er_visits A period 01-01; er_visits C period 01-01; er_visits D period 01-01"
	if got := strings.Join(hiddenCells(rows), "; "); got != want {
		t.Errorf("got [%s], want [%s]", got, want)
	}
}
