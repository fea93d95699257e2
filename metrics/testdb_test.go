package metrics

import (
	"context"
	"database/sql"
	"os"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/peerstat/peerstat/config"
)

// agency is a tiny hand-built agency: SQL statements that fill the loaded
// tables of ingest/schema.sql.
type agency []string

// openAgency makes an in-memory database with the canonical tables and the
// agency's rows.
func openAgency(t *testing.T, rows agency) *sql.DB {
	t.Helper()
	schema, err := os.ReadFile("../ingest/schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	for _, stmt := range append([]string{string(schema)}, rows...) {
		// The agencies list a service's columns as they were before
		// services kept their start_time (NULL here).
		stmt = strings.Replace(stmt, "INSERT INTO services__base VALUES",
			"INSERT INTO services__base (service_id, participant_id, staff_id, service_date, minutes, service_code, billable, goal_id, note_signed_at, source_file, source_line) VALUES", 1)
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%v\n%s", err, stmt)
		}
	}
	return db
}

// compute runs every model on db with the config text over the defaults.
func compute(t *testing.T, db *sql.DB, configTOML string) Result {
	t.Helper()
	cfg, err := config.Parse([]byte(configTOML))
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	res, err := Compute(context.Background(), db, cfg, Scope{})
	if err != nil {
		t.Fatalf("compute: %v", err)
	}
	return res
}

// find returns the row of metric/program/grain starting on start (ISO).
func find(t *testing.T, res Result, metric, program, grain, start string) Row {
	t.Helper()
	for _, r := range res.Rows {
		if r.Metric == metric && r.Program == program && r.Grain == grain && r.PeriodStart.Format("2006-01-02") == start {
			return r
		}
	}
	var have []string
	for _, r := range res.Rows {
		if r.Metric == metric {
			have = append(have, r.Program+"/"+r.Grain+"/"+r.PeriodStart.Format("2006-01-02"))
		}
	}
	t.Fatalf("no row %s %s %s %s; rows of that metric: %s", metric, program, grain, start, strings.Join(have, " "))
	return Row{}
}

// wantFigures checks a row's numerator, denominator and value; nil means blank.
func wantFigures(t *testing.T, r Row, num, den, val *float64) {
	t.Helper()
	check := func(what string, got, want *float64) {
		switch {
		case got == nil && want == nil:
		case got == nil || want == nil:
			t.Errorf("%s %s %s %s %s: got %s, want %s", r.Metric, r.Program, r.Grain, r.PeriodStart.Format("2006-01-02"), what, FormatNumber(got), FormatNumber(want))
		case *got != *want:
			t.Errorf("%s %s %s %s %s: got %v, want %v", r.Metric, r.Program, r.Grain, r.PeriodStart.Format("2006-01-02"), what, *got, *want)
		}
	}
	check("numerator", r.Numerator, num)
	check("denominator", r.Denominator, den)
	check("value", r.Value, val)
}

func f(v float64) *float64 { return &v }
