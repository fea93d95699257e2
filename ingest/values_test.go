package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestLayoutParse(t *testing.T) {
	for _, tt := range []struct {
		format, value string
		want          string // Moment as YYYY-MM-DD HH:MM:SS[ offset], or "" for no match
	}{
		{"YYYYMMDD", "20090412", "2009-04-12 00:00:00"},
		{"YYYYMMDD", "2009041", ""},
		{"YYYYMMDD", "20090431", ""}, // 31 April
		{"YYYYMMDD", "20080229", "2008-02-29 00:00:00"},
		{"YYYYMMDD", "20090229", ""},
		{"M/D/YYYY", "3/4/2025", "2025-03-04 00:00:00"},
		{"M/D/YYYY", "03/04/2025", "2025-03-04 00:00:00"},
		{"M/D/YYYY", "13/4/2025", ""},
		{"M/D/YYYY", "3/4/25", ""},
		{"MM/DD/YYYY", "3/4/2025", ""},
		{"DD.MM.YYYY", "04.03.2025", "2025-03-04 00:00:00"},
		{"YYYY-MM-DD", "2025-03-04 ", ""},
		{"YYYY-MM-DDTHH:mm:ssZ", "2022-07-20T07:13:55Z", "2022-07-20 07:13:55 +0"},
		{"YYYY-MM-DDTHH:mm:ssZ", "2022-07-20T07:13:55-05:00", "2022-07-20 07:13:55 -18000"},
		{"YYYY-MM-DDTHH:mm:ssZ", "2022-07-20T07:13:55+0530", "2022-07-20 07:13:55 +19800"},
		{"YYYY-MM-DDTHH:mm:ssZ", "2022-07-20T07:13:55.25Z", "2022-07-20 07:13:55 +0"},
		{"YYYY-MM-DDTHH:mm:ssZ", "2022-07-20T07:13:55", ""},
		{"YYYY-MM-DDTHH:mm:ssZ", "2022-07-20T24:00:00Z", ""},
		{"M/D/YYYY h:mm A", "3/5/2024 4:05 PM", "2024-03-05 16:05:00"},
		{"M/D/YYYY h:mm A", "3/5/2024 12:05 am", "2024-03-05 00:05:00"},
		{"M/D/YYYY h:mm A", "3/5/2024 13:05 PM", ""},
		{"h:mm A", "9:30 AM", "0000-00-00 09:30:00"},
		{"HH:mm", "21:15", "0000-00-00 21:15:00"},
	} {
		t.Run(tt.format+" "+tt.value, func(t *testing.T) {
			l, err := ParseLayout(tt.format)
			if err != nil {
				t.Fatal(err)
			}
			m, err := l.Parse(tt.value)
			got := ""
			if err == nil {
				got = fmt.Sprintf("%04d-%02d-%02d %02d:%02d:%02d", m.Year, m.Month, m.Day, m.Hour, m.Minute, m.Second)
				if m.HasOffset {
					got += fmt.Sprintf(" %+d", m.Offset)
				}
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMomentIn(t *testing.T) {
	chicago, _ := time.LoadLocation("America/Chicago")
	l, _ := ParseLayout("YYYY-MM-DDTHH:mm:ssZ")
	for _, tt := range []struct{ value, want string }{
		{"2022-07-20T07:13:55Z", "2022-07-20 02:13:55"}, // CDT, UTC-5
		{"2022-01-20T03:00:00Z", "2022-01-19 21:00:00"}, // CST, UTC-6: the day before
		{"2022-01-20T03:00:00-06:00", "2022-01-20 03:00:00"},
	} {
		m, err := l.Parse(tt.value)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.In(chicago).Format("2006-01-02 15:04:05"); got != tt.want {
			t.Errorf("%s in Chicago: got %s, want %s", tt.value, got, tt.want)
		}
	}
}

func ExampleParseLayout() {
	l, _ := ParseLayout("M/D/YYYY")
	m, err := l.Parse("3/4/2025")
	fmt.Println(m.Year, m.Month, m.Day, err)
	_, err = l.Parse("2025-03-04")
	fmt.Println(err != nil)
	// Output:
	// 2025 3 4 <nil>
	// true
}

func TestExcelSerial(t *testing.T) {
	for _, tt := range []struct{ raw, want string }{
		{"45720", "2025-03-04T00:00:00"},
		{"45720.5", "2025-03-04T12:00:00"},
		{"0.375", "1899-12-30T09:00:00"},
		{"1", "1899-12-31T00:00:00"},
		{"61", "1900-03-01T00:00:00"},
		{"-1", ""},
		{"1e5", ""},
		{"2025-03-04", ""},
	} {
		t.Run(tt.raw, func(t *testing.T) {
			got := ""
			if ts, ok := excelSerial(tt.raw); ok {
				got = isoTimestamp(ts)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// FuzzParseDate checks the ISO date layout against Go's own reading of
// YYYY-MM-DD, and that whatever a layout accepts is a real date and time.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-03-04", "2024-02-29", "2025-02-29", "2025-13-01", "0000-01-01", "2025-3-4", "+2025-03-04", "20250304"} {
		f.Add(s)
	}
	iso, _ := ParseLayout("YYYY-MM-DD")
	layouts := []Layout{iso}
	for _, format := range []string{"YYYYMMDD", "M/D/YYYY", "YYYY-MM-DDTHH:mm:ssZ", "M/D/YYYY h:mm A"} {
		l, err := ParseLayout(format)
		if err != nil {
			f.Fatal(err)
		}
		layouts = append(layouts, l)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := iso.Parse(s)
		std, stdErr := time.Parse("2006-01-02", s)
		if (err == nil) != (stdErr == nil) {
			t.Fatalf("%q: layout error %v, time.Parse error %v", s, err, stdErr)
		}
		if err == nil && (m.Year != std.Year() || m.Month != int(std.Month()) || m.Day != std.Day()) {
			t.Fatalf("%q: got %d-%d-%d, want %s", s, m.Year, m.Month, m.Day, std.Format("2006-01-02"))
		}
		for _, l := range layouts {
			m, err := l.Parse(s)
			if err != nil {
				continue
			}
			d := time.Date(m.Year, time.Month(m.Month), m.Day, m.Hour, m.Minute, m.Second, 0, time.UTC)
			if d.Year() != m.Year || int(d.Month()) != m.Month || d.Day() != m.Day || d.Hour() != m.Hour || d.Minute() != m.Minute {
				t.Fatalf("%s accepted %q as %+v, not a real date and time", l, s, m)
			}
		}
	})
}

func TestValueMap(t *testing.T) {
	m, err := NewValueMap(map[string][]string{
		"inpatient_psych": {"880-887", "PSY"},
		"detox":           {"894-897", "D*"},
		"emergency":       {"DET"}, // exact beats the D* prefix
		"outpatient":      {"DE*"}, // the longer prefix beats D*
	}, "inpatient_medical", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ code, want string }{
		{"885", "inpatient_psych"},
		{"0885", "inpatient_psych"},
		{" 880 ", "inpatient_psych"},
		{"887", "inpatient_psych"},
		{"888", "inpatient_medical"},
		{"psy", "inpatient_psych"},
		{"895", "detox"},
		{"DX", "detox"},
		{"det", "emergency"},
		{"DEX", "outpatient"},
		{"885.0", "inpatient_medical"},
		{"", "inpatient_medical"},
	} {
		if got, _ := m.Map(tt.code); got != tt.want {
			t.Errorf("Map(%q): got %q, want %q", tt.code, got, tt.want)
		}
	}
	strict, _ := NewValueMap(map[string][]string{"true": {"Y"}}, "", false)
	if got, ok := strict.Map("N"); ok {
		t.Errorf("with no default, Map(N): got %q, want no match", got)
	}
}

func ExampleValueMap() {
	settings, _ := NewValueMap(map[string][]string{
		"inpatient_psych": {"880-887"},
		"detox":           {"894-897"},
	}, "inpatient_medical", true)
	for _, drg := range []string{"885", "896", "470"} {
		setting, _ := settings.Map(drg)
		fmt.Println(drg, setting)
	}
	// Output:
	// 885 inpatient_psych
	// 896 detox
	// 470 inpatient_medical
}

// FuzzValueMap: a map never fails on any code, answers only with its own
// targets, and sends every listed exact value to its target.
func FuzzValueMap(f *testing.F) {
	for _, s := range []string{"885", "H0038", "h00", "", "99999999999999999999999", "880-887", "*"} {
		f.Add(s)
	}
	patterns := map[string][]string{
		"a": {"880-887", "X"},
		"b": {"H00*", "1-9"},
		"c": {"H0038"},
	}
	m, err := NewValueMap(patterns, "", false)
	if err != nil {
		f.Fatal(err)
	}
	targets := m.Targets()
	f.Fuzz(func(t *testing.T, code string) {
		got, ok := m.Map(code)
		if ok && !contains(targets, got) {
			t.Fatalf("Map(%q) = %q, not one of %v", code, got, targets)
		}
		trimmed := strings.TrimSpace(code)
		if strings.EqualFold(trimmed, "H0038") && got != "c" || strings.EqualFold(trimmed, "X") && got != "a" {
			t.Fatalf("Map(%q) = %q, want its exact target", code, got)
		}
		if n, err := strconv.ParseUint(trimmed, 10, 64); err == nil && allDigits(trimmed) {
			want := map[bool]string{true: "a"}[n >= 880 && n <= 887]
			if n >= 1 && n <= 9 {
				want = "b"
			}
			if want != "" && got != want {
				t.Fatalf("Map(%q) = %q, want %q from its range", code, got, want)
			}
		}
	})
}

// sqlRules opens a database with the value rules of sql/macros.sql.
func sqlRules(t testing.TB) *sql.Conn {
	t.Helper()
	db, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	macros, _ := sqlFiles.ReadFile("sql/macros.sql")
	if _, err := conn.ExecContext(context.Background(), string(macros)+"; SET VARIABLE ps_timezone = 'America/Chicago'"); err != nil {
		t.Fatal(err)
	}
	return conn
}

// sqlRule applies one value rule to v and returns its result as text ("" for NULL).
func sqlRule(t testing.TB, conn *sql.Conn, rule, v string) string {
	t.Helper()
	var got sql.NullString
	if err := conn.QueryRowContext(context.Background(), "SELECT CAST("+rule+"(?) AS VARCHAR)", v).Scan(&got); err != nil {
		t.Fatalf("%s(%q): %v", rule, v, err)
	}
	return got.String
}

// TestValueRules pins DATA.md's types as the SQL checks read them.
func TestValueRules(t *testing.T) {
	conn := sqlRules(t)
	for _, tt := range []struct{ rule, value, want string }{
		{"ps_date", "2025-03-04", "2025-03-04"},
		{"ps_date", "2024-02-29", "2024-02-29"},
		{"ps_date", "2025-02-29", ""},
		{"ps_date", "2025-3-4", ""},
		{"ps_date", "2025/03/04", ""},
		{"ps_date", "03/04/2025", "2025-03-04"},
		{"ps_date", "3/4/2025", "2025-03-04"},
		{"ps_date", "3/4/25", "2025-03-04"},
		{"ps_date", "3/4/29", "2029-03-04"},
		{"ps_date", "3/4/30", "1930-03-04"},
		{"ps_date", "2/29/2025", ""},
		{"ps_date", "14/3/2025", ""},
		{"ps_date", "3/4/202", ""},
		{"ps_date", "2025-03-04 10:00", ""},
		{"ps_bool", "TRUE", "true"},
		{"ps_bool", "Yes", "true"},
		{"ps_bool", "y", "true"},
		{"ps_bool", "1", "true"},
		{"ps_bool", "False", "false"},
		{"ps_bool", "NO", "false"},
		{"ps_bool", "n", "false"},
		{"ps_bool", "0", "false"},
		{"ps_bool", "t", ""},
		{"ps_bool", "2", ""},
		{"ps_whole", "30", "30"},
		{"ps_whole", "30.0", "30"},
		{"ps_whole", "+30", "30"},
		{"ps_whole", "-5", "-5"},
		{"ps_whole", "30.5", ""},
		{"ps_whole", "1e3", ""},
		{"ps_whole", "0x1F", ""},
		{"ps_whole", "1_000", ""},
		{"ps_whole", "thirty", ""},
		{"ps_number", "0.75", "0.75"},
		{"ps_number", ".5", "0.5"},
		{"ps_number", "1,000", ""},
		{"ps_number", "$12", ""},
		{"ps_ts", "2025-03-04T14:05:00", "2025-03-04 14:05:00"},
		{"ps_ts", "2025-03-04 14:05", "2025-03-04 14:05:00"},
		{"ps_ts", "2025-03-04T14:05:00.250", "2025-03-04 14:05:00.25"},
		{"ps_ts", "2025-03-04T20:05:00Z", "2025-03-04 14:05:00"},
		{"ps_ts", "2025-07-04T20:05:00Z", "2025-07-04 15:05:00"},
		{"ps_ts", "2025-03-04T14:05-06", "2025-03-04 14:05:00"},
		{"ps_ts", "2025-03-04T14:05:00-0600", "2025-03-04 14:05:00"},
		{"ps_ts", "2025-03-04T14:05:00+24:00", ""},
		{"ps_ts", "2025-03-04", ""},
		{"ps_ts", "2025-03-04T25:00", ""},
		{"ps_ts", "3/4/2025 14:05", "2025-03-04 14:05:00"},
		{"ps_ts", "3/4/2025 14:05:30", "2025-03-04 14:05:30"},
		{"ps_ts", "3/4/2025 25:05", ""},
		{"ps_ts", "3/4/25 14:05", ""},
		{"ps_time", "9:00", "09:00:00"},
		{"ps_time", "17:30:15", "17:30:15"},
		{"ps_time", "9am", ""},
		{"ps_time", "2:05 PM", "14:05:00"},
		{"ps_time", "02:05:30pm", "14:05:30"},
		{"ps_time", "12:30 AM", "00:30:00"},
		{"ps_time", "12:00 pm", "12:00:00"},
		{"ps_time", "13:05 PM", ""},
		{"ps_time", "0:30 AM", ""},
		{"ps_time", "25:00", ""},
	} {
		if got := sqlRule(t, conn, tt.rule, tt.value); got != tt.want {
			t.Errorf("%s(%q): got %q, want %q", tt.rule, tt.value, got, tt.want)
		}
	}
}

// usDate is a date as Excel saves a US sheet: M/D/YYYY or M/D/YY.
var usDate = regexp.MustCompile(`^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})$`)

// FuzzDateRule: the SQL date rule accepts exactly what Go reads as
// YYYY-MM-DD, or as a real day written M/D/YYYY or M/D/YY (00-29 20xx),
// as the same day.
func FuzzDateRule(f *testing.F) {
	for _, s := range []string{"2025-03-04", "2024-02-29", "2025-02-29", "0000-01-01", "9999-12-31", "2025-3-4", " 2025-03-04",
		"3/4/2025", "03/04/25", "2/29/00", "2/29/30", "13/1/2025", "1/32/2025", "1/1/0000"} {
		f.Add(s)
	}
	conn := sqlRules(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			t.Skip("files that are not UTF-8 text never reach the rules")
		}
		got := sqlRule(t, conn, "ps_date", s)
		want := ""
		if d, err := time.Parse("2006-01-02", s); err == nil && d.Year() > 0 {
			want = d.Format("2006-01-02")
		} else if m := usDate.FindStringSubmatch(s); m != nil {
			month, _ := strconv.Atoi(m[1])
			day, _ := strconv.Atoi(m[2])
			year, _ := strconv.Atoi(m[3])
			if len(m[3]) == 2 && year < 30 {
				year += 2000
			} else if len(m[3]) == 2 {
				year += 1900
			}
			d := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
			if year > 0 && d.Month() == time.Month(month) && d.Day() == day {
				want = d.Format("2006-01-02")
			}
		}
		if got != want && !(want == "" && strings.HasPrefix(s, "0000")) {
			t.Fatalf("ps_date(%q): got %q, want %q", s, got, want)
		}
	})
}

// FuzzBoolRule: the SQL bool rule gives true for true/yes/y/1 and false for
// false/no/n/0 in any case, and nothing else.
func FuzzBoolRule(f *testing.F) {
	for _, s := range []string{"true", "YES", "n", "0", "1", "t", "", "yes "} {
		f.Add(s)
	}
	conn := sqlRules(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			t.Skip("files that are not UTF-8 text never reach the rules")
		}
		want := ""
		switch strings.ToLower(s) {
		case "true", "yes", "y", "1":
			want = "true"
		case "false", "no", "n", "0":
			want = "false"
		}
		// DuckDB lower-cases non-ASCII letters too (e.g. the Kelvin sign);
		// only ASCII spellings are promised.
		if got := sqlRule(t, conn, "ps_bool", s); got != want && isASCII(s) {
			t.Fatalf("ps_bool(%q): got %q, want %q", s, got, want)
		}
	})
}

var wholeNumber = regexp.MustCompile(`^[+-]?[0-9]{1,9}(\.0*)?$`)

// FuzzMinutesRule: the SQL whole-number rule (minutes, birth years,
// answers) accepts digits with an optional sign and an all-zero fraction,
// and reads the number Go reads.
func FuzzMinutesRule(f *testing.F) {
	for _, s := range []string{"30", "-5", "1441", "30.0", "30.5", "1e3", "0x10", "+7", "", "999999999", "1234567890"} {
		f.Add(s)
	}
	conn := sqlRules(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			t.Skip("files that are not UTF-8 text never reach the rules")
		}
		want := ""
		if wholeNumber.MatchString(s) {
			n, _ := strconv.Atoi(strings.SplitN(strings.TrimPrefix(s, "+"), ".", 2)[0])
			want = strconv.Itoa(n)
		}
		if got := sqlRule(t, conn, "ps_whole", s); got != want {
			t.Fatalf("ps_whole(%q): got %q, want %q", s, got, want)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// patternRules are the value rules written as a pattern and a cast only,
// as sql/macros.sql had them before each gained its cast-and-compare
// shortcut. The shortcut must never change a result.
const patternRules = `
CREATE OR REPLACE TEMP MACRO pattern_date(v) AS
    CASE WHEN regexp_full_match(v, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(v AS DATE)
         WHEN regexp_full_match(v, '[0-9]{1,2}/[0-9]{1,2}/[1-9][0-9]{3}') THEN CAST(try_strptime(v, '%m/%d/%Y') AS DATE)
         WHEN regexp_full_match(v, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}')
             THEN CAST(try_strptime(v[:-3] || CASE WHEN v[-2:] < '30' THEN '20' ELSE '19' END || v[-2:], '%m/%d/%Y') AS DATE) END;
CREATE OR REPLACE TEMP MACRO pattern_bool(v) AS
    CASE WHEN lower(v) IN ('true', 'yes', 'y', '1') THEN true
         WHEN lower(v) IN ('false', 'no', 'n', '0') THEN false END;
CREATE OR REPLACE TEMP MACRO pattern_whole(v) AS
    CASE WHEN regexp_full_match(v, '[+-]?[0-9]{1,9}(\.0*)?')
         THEN CAST(regexp_extract(v, '^[+-]?[0-9]+') AS INTEGER) END;
CREATE OR REPLACE TEMP MACRO pattern_number(v) AS
    CASE WHEN regexp_full_match(v, '[+-]?([0-9]{1,15}(\.[0-9]*)?|\.[0-9]+)') THEN TRY_CAST(v AS DOUBLE) END;
CREATE OR REPLACE TEMP MACRO pattern_ts(v) AS
    CASE WHEN regexp_full_match(v, ps_ts_pattern())
             THEN TRY_CAST(replace(v, 'T', ' ') AS TIMESTAMP)
         WHEN regexp_full_match(v, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}') THEN try_strptime(v, '%m/%d/%Y %H:%M')
         WHEN regexp_full_match(v, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}:[0-9]{2}') THEN try_strptime(v, '%m/%d/%Y %H:%M:%S')
         WHEN regexp_full_match(v, ps_ts_pattern() || ps_offset_pattern())
             THEN timezone(CAST(getvariable('ps_timezone') AS VARCHAR), timezone('UTC',
                      TRY_CAST(replace(regexp_extract(v, '^' || ps_ts_pattern()), 'T', ' ') AS TIMESTAMP)
                      - to_minutes(ps_offset_minutes(regexp_replace(v, '^' || ps_ts_pattern(), '')))))
    END;`

// FuzzShortcutsAgreeWithPatterns: every value rule gives what its pattern
// alone gives, for cells in DuckDB's own form and for every other form.
func FuzzShortcutsAgreeWithPatterns(f *testing.F) {
	for _, s := range []string{
		"2025-03-04", "2025-3-4", "0000-01-01", "0001-01-01", "9999-12-31", "10000-01-01", "2025-02-30", "-025-03-04",
		"+025-03-04", "2025-03-04 ", "20250304", "2025-03-04T00:00", "1999-12-31 (BC)",
		"true", "false", "TRUE", "False", "t", "f", "yes", "0",
		"0", "-0", "+5", "007", "30", "30.0", "30.5", "1e3", "999999999", "1000000000", "-999999999", "-1000000000",
		"2147483648", "-2147483648", "1_000", "0x10", " 5",
		"1487.16", "5068.20", "5.0", ".5", "5.", "-0.0", "0.001", "1e-05", "1e+20", "inf", "nan", "-inf", "Infinity",
		"123456789012345", "1234567890123456", "123456789012345.5", "1000000000000000.0", "1.5e3", "0.1",
		"2025-03-04T14:05:00", "2025-03-04 14:05:00", "2025-03-04T14:05", "2025-03-04T14:05:00.25", "2025-03-04T14:05:00.123456",
		"2025-03-04T14:05:00.1234567", "2025-03-04T14:05:00Z", "2025-03-04T14:05:00-05:00", "2025-03-04 20:05:00+00",
		"2025-03-04t14:05:00", "2025-03-04T24:00:00", "2025-02-30T10:00:00", "0999-03-04 14:05:00", "2025-03-04TT14:05:00", "10000-03-04 14:05:00", "1999-03-04 14:05:00 (BC)", "-1999-03-04 14:05:00",
		"2025-03-04T14:05:60", "2025-13-04T14:05:00", "2025-03-04T14:5:000", "2025-03-04T1:05:000", "2025- 3-04T14:05:00",
		"2025-+3-04T14:05:00", "2025-03-04T14:05:0Z", "2025-03-4T14:05:00 ", "2025-03-04T-4:05:00", "0025-03-04T14:05:00",
		"1000-01-01T00:00:00", "2025-03-04T14:05:00Z", "2025-03-04T14:05+0500", "2025/03/04T14:05:00", "2025-03-04T14h05m00",
	} {
		f.Add(s)
	}
	conn := sqlRules(f)
	if _, err := conn.ExecContext(context.Background(), patternRules); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			t.Skip("files that are not UTF-8 text never reach the rules")
		}
		for _, rule := range []string{"date", "bool", "whole", "number", "ts"} {
			if got, want := sqlRule(t, conn, "ps_"+rule, s), sqlRule(t, conn, "pattern_"+rule, s); got != want {
				t.Errorf("ps_%s(%q): got %q, but the pattern alone gives %q", rule, s, got, want)
			}
		}
	})
}

// A problem's parts come back as they went in, whatever the value holds.
func TestProblemParts(t *testing.T) {
	conn := sqlRules(t)
	for _, value := range []string{"", "2025-13-01", "x\x1fy\x1f", "naïve – ünïcode", "\x1f"} {
		var column, reason, got string
		if err := conn.QueryRowContext(context.Background(), `SELECT ps_problem_column(p), ps_problem_reason(p), ps_problem_value(p)
			FROM (SELECT ps_problem('service_date', ?, 'not a date') AS p)`, value).Scan(&column, &reason, &got); err != nil {
			t.Fatal(err)
		}
		if column != "service_date" || reason != "not a date" || got != value {
			t.Errorf("value %q: got column %q, reason %q, value %q", value, column, reason, got)
		}
	}
	var null sql.NullString
	if err := conn.QueryRowContext(context.Background(), "SELECT ps_problem_value(ps_problem('minutes', NULL, 'missing value'))").Scan(&null); err != nil || null.String != "" {
		t.Errorf("missing value: got %q, %v; want empty text", null.String, err)
	}
}

// The timestamp rule's parse of the usual form agrees with the pattern for
// every one-character change, insertion and deletion of such cells, and
// for two of them in one cell: the near misses a fuzzer rarely reaches.
func TestTimestampNearMisses(t *testing.T) {
	chars := []string{"0", "1", "2", "5", "9", " ", "+", "-", ":", "T", "t", "Z", ".", "a", "\t", "\n", "\v", "\f", "\r", "(", ")"}
	cells := nearMisses([]string{"2025-03-04T14:05:00", "1999-12-31T23:59:59", "2024-02-29T00:00:00", "1000-01-01T09:09:09", "0999-01-01T09:09:09",
		"2025-03-04T14:05:00-06:00", "2025-03-09T02:30:00+05:30", "2024-11-03T01:30:00-05:00", "1999-12-31T23:59:59+23:59", "2025-03-04T14:05:00-24:00"},
		[]string{"2025-03-04T14:05:00", "2025-03-04T14:05:00-06:00"}, chars)
	agreeWithPattern(t, "ts", cells)
}

// The number rule's money shortcut (a DECIMAL(17,2) written back
// unchanged) agrees with the pattern for the near misses of money cells:
// a third decimal, a sixteenth digit, a sign, a space, an exponent.
func TestNumberNearMisses(t *testing.T) {
	chars := []string{"0", "1", "5", "9", " ", "+", "-", ".", "e", "E", ",", "$", "_", "x", "\t", "(", ")"}
	cells := nearMisses([]string{"1487.16", "5068.20", "-12.50", "0.05", "0.00", "-0.00", "7", "12.5", ".25", "1.",
		"999999999999999.99", "123456789012345.00", "1000000000000000.00", "0999.99", "+3.10"},
		[]string{"1487.16", "-0.50", "999999999999999.99"}, chars)
	agreeWithPattern(t, "number", cells)
}

// nearMisses are every one-character change, insertion and deletion of
// each of bases, and every two of them in one cell of each of twice.
func nearMisses(bases, twice, chars []string) []string {
	seen := map[string]bool{}
	var cells []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			cells = append(cells, s)
		}
	}
	for _, base := range bases {
		for i := 0; i <= len(base); i++ {
			for _, c := range chars {
				add(base[:i] + c + base[i:]) // insertion
				if i < len(base) {
					add(base[:i] + c + base[i+1:]) // change
				}
			}
			if i < len(base) {
				add(base[:i] + base[i+1:]) // deletion
			}
		}
	}
	for _, base := range twice {
		for i := range len(base) {
			for j := i + 1; j <= len(base); j++ {
				for _, a := range chars[:min(15, len(chars))] {
					for _, b := range chars[:min(15, len(chars))] {
						add(base[:i] + a + base[i+1:j] + b + base[min(j+1, len(base)):])
						add(base[:i] + a + base[i:j] + b + base[min(j+1, len(base)):])
						add(base[:i] + base[i+1:j] + b + base[j:])
					}
				}
			}
		}
	}
	return cells
}

// agreeWithPattern checks that ps_<rule> gives what pattern_<rule> gives
// for every cell, in one query (a query per cell takes minutes).
func agreeWithPattern(t *testing.T, rule string, cells []string) {
	t.Helper()
	conn := sqlRules(t)
	if _, err := conn.ExecContext(context.Background(), patternRules); err != nil {
		t.Fatal(err)
	}
	var list []string
	for _, c := range cells {
		list = append(list, quote(c))
	}
	rows, err := conn.QueryContext(context.Background(), `SELECT v, CAST(ps_`+rule+`(v) AS VARCHAR), CAST(pattern_`+rule+`(v) AS VARCHAR)
		FROM unnest([`+strings.Join(list, ", ")+`]) AS t(v)`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var v string
		var got, want sql.NullString
		if err := rows.Scan(&v, &got, &want); err != nil {
			t.Fatal(err)
		}
		n++
		if got != want {
			t.Errorf("ps_%s(%q): got %q, but the pattern alone gives %q", rule, v, got.String, want.String)
		}
	}
	if n != len(cells) {
		t.Fatalf("checked %d cells of %d", n, len(cells))
	}
}
