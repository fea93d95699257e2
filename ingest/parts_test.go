package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

const servicesHeader = "service_id,participant_id,staff_id,service_date,minutes,billable\n"

// storedServices lists the stored services as "id file:line", by id.
func storedServices(t *testing.T, db *sql.DB) string {
	t.Helper()
	var s sql.NullString
	if err := db.QueryRow(`SELECT string_agg(service_id || ' ' || source_file || ':' || source_line, ', ' ORDER BY service_id)
		FROM services`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s.String
}

// partsOf lists the stored parts of a source as "file live/rows".
func partsOf(t *testing.T, db *sql.DB, source string) string {
	t.Helper()
	var s sql.NullString
	if err := db.QueryRow(`SELECT string_agg(file || ' ' || live_rows || '/' || rows, ', ' ORDER BY run_id, file_index)
		FROM stored_parts WHERE source = ?`, source).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s.String
}

// strayTables lists tables a stopped run could leave behind.
func strayTables(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT table_name FROM duckdb_tables()
		WHERE database_name = current_database() AND NOT temporary
		  AND table_name NOT IN (SELECT part FROM stored_parts)`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		if strayTable.MatchString(name) {
			out = append(out, name)
		}
	}
	return out
}

// replacedIn is how many rows the named file of a run replaced.
func replacedIn(res Result, file string) int64 { return filesByName(res)[file].RowsReplaced }

// A file's part keeps every row's file and line through later files that
// replace some of its rows, a checkpoint and a reopening; once at most
// half of its rows are still stored they move into the base table with
// the same file and line, and a replaced base row is deleted.
func TestPartsKeepFileAndLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "peerstat.duckdb")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	// Each run adds a file to the folder, modified after the others: it
	// loads on top of the stored rows.
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff, "services.csv": absent})
	added := time.Now()
	run := func(name, content string) Result {
		path := filepath.Join(dir, name)
		writeFile(t, path, []byte(content))
		added = added.Add(time.Minute)
		if err := os.Chtimes(path, added, added); err != nil {
			t.Fatal(err)
		}
		return load(t, db, dir, Options{})
	}
	// Line 4 (V3) is rejected: it stays in the part, not in the view.
	run("services_a.csv", servicesHeader+
		"V1,P1,S1,2024-03-01,30,true\nV2,P1,S1,2024-03-01,30,true\nV3,P1,S1,2024-13-01,30,true\n"+
		"V4,P1,S1,2024-03-01,30,true\nV5,P1,S1,2024-03-01,30,true\nV6,P1,S1,2024-03-01,30,true\n")
	if got, want := partsOf(t, db, "services"), "services_a.csv 5/6"; got != want {
		t.Errorf("parts after a: got %q, want %q", got, want)
	}
	res := run("services_b.csv", servicesHeader+"V1,P2,S1,2024-03-02,45,true\nV7,P2,S1,2024-03-02,45,true\n")
	if got := replacedIn(res, "services_b.csv"); got != 1 {
		t.Errorf("services_b.csv replaced %d rows, want 1", got)
	}
	if got, want := partsOf(t, db, "services"), "services_a.csv 4/6, services_b.csv 2/2"; got != want {
		t.Errorf("parts after b: got %q, want %q", got, want)
	}
	if _, err := db.Exec("CHECKPOINT"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer func() { db.Close() }()
	want := "V1 services_b.csv:2, V2 services_a.csv:3, V4 services_a.csv:5, V5 services_a.csv:6, V6 services_a.csv:7, V7 services_b.csv:3"
	if got := storedServices(t, db); got != want {
		t.Errorf("after b and a reopen:\n got %s\nwant %s", got, want)
	}

	// c replaces V2 and V4: 2 of a's 6 rows are left, so they move.
	res = run("services_c.csv", servicesHeader+"V2,P2,S1,2024-03-03,50,true\nV4,P2,S1,2024-03-03,50,true\n")
	if got := replacedIn(res, "services_c.csv"); got != 2 {
		t.Errorf("services_c.csv replaced %d rows, want 2", got)
	}
	if got, want := partsOf(t, db, "services"), "services_b.csv 2/2, services_c.csv 2/2"; got != want {
		t.Errorf("parts after c: got %q, want %q", got, want)
	}
	if got := count(t, db, "SELECT count(*) FROM services__base"); got != 2 {
		t.Errorf("base table after c: got %d rows, want a's last 2", got)
	}
	want = "V1 services_b.csv:2, V2 services_c.csv:2, V4 services_c.csv:3, V5 services_a.csv:6, V6 services_a.csv:7, V7 services_b.csv:3"
	if got := storedServices(t, db); got != want {
		t.Errorf("after c:\n got %s\nwant %s", got, want)
	}
	if got := count(t, db, "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'services__r%'"); got != 2 {
		t.Errorf("part tables after c: got %d, want 2 (a's dropped)", got)
	}

	// d replaces V5, now a base row, and V7, a part row.
	res = run("services_d.csv", servicesHeader+"V5,P1,S1,2024-03-04,20,false\nV7,P1,S1,2024-03-04,20,false\n")
	if got := replacedIn(res, "services_d.csv"); got != 2 {
		t.Errorf("services_d.csv replaced %d rows, want 2", got)
	}
	want = "V1 services_b.csv:2, V2 services_c.csv:2, V4 services_c.csv:3, V5 services_d.csv:2, V6 services_a.csv:7, V7 services_d.csv:3"
	if got := storedServices(t, db); got != want {
		t.Errorf("after d:\n got %s\nwant %s", got, want)
	}
	if got := count(t, db, "SELECT minutes FROM services WHERE service_id = 'V7'"); got != 20 {
		t.Errorf("V7 minutes: got %d, want 20 (from d)", got)
	}
	if stray := strayTables(t, db); len(stray) > 0 {
		t.Errorf("stray tables: %v", stray)
	}
}

// A load that fails after reading leaves no part behind, and the views
// are as before.
func TestFailedLoadDropsItsParts(t *testing.T) {
	db := openTestDB(t)
	load(t, db, writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff,
		"services.csv": servicesHeader + "V1,P1,S1,2024-03-01,30,true\n"}), Options{})
	before := tableCounts(t, db)
	dir := writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff,
		"services_2.csv":  servicesHeader + "V2,P1,S1,2024-03-01,30,true\nV3,P1,S1,not a date,30,true\n",
		"encounters.csv":  "encounter_id,participant_id,setting,admit_date\nE1,P1,inpatient,2024-03-02\n",
		"timesheets.csv":  "staff_id,work_date,activity,minutes,billable\nS1,2024-03-01,direct_service,60,true\n",
		"services_3.csv":  servicesHeader + "V4,P1,S1,2024-03-01,30,true\n",
		"services_3b.csv": servicesHeader})
	if _, err := Load(t.Context(), db, Options{DataDir: dir, Config: chicago(), Strict: true}); err == nil {
		t.Fatal("got no error, want --strict to fail on the bad date")
	}
	sameCounts(t, tableCounts(t, db), before)
	if stray := strayTables(t, db); len(stray) > 0 {
		t.Errorf("tables left by the failed load: %v", stray)
	}
	if got, want := partsOf(t, db, "services"), "services.csv 1/1"; got != want {
		t.Errorf("parts: got %q, want %q", got, want)
	}
}

// A database an older peerstat wrote, with one table per source, opens
// with that table as the base of the source's view; a load makes it what
// the folder holds.
func TestOlderLayoutUpgraded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.duckdb")
	raw, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`CREATE TABLE services (service_id VARCHAR NOT NULL, participant_id VARCHAR NOT NULL, staff_id VARCHAR NOT NULL,
			service_date DATE NOT NULL, minutes INTEGER NOT NULL, service_code VARCHAR, billable BOOLEAN NOT NULL,
			goal_id VARCHAR, note_signed_at TIMESTAMP, source_file VARCHAR NOT NULL, source_line BIGINT NOT NULL)`,
		`INSERT INTO services VALUES ('V1', 'P1', 'S1', '2024-03-01', 30, NULL, true, NULL, NULL, 'old.csv', 9),
			('V2', 'P1', 'S1', '2024-03-01', 30, NULL, true, NULL, NULL, 'old.csv', 10)`,
	} {
		if _, err := raw.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()

	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got, want := storedServices(t, db), "V1 old.csv:9, V2 old.csv:10"; got != want {
		t.Errorf("after the upgrade: got %q, want %q", got, want)
	}
	res := load(t, db, writeFiles(t, map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff,
		"services.csv": servicesHeader + "V2,P1,S1,2024-03-02,60,true\n"}), Options{})
	if got := replacedIn(res, "services.csv"); got != 0 {
		t.Errorf("replaced %d rows, want 0", got)
	}
	// The folder is the truth: old.csv is not in it, so its rows go.
	if got, want := storedServices(t, db), "V2 services.csv:2"; got != want {
		t.Errorf("after a load: got %q, want %q", got, want)
	}
	var kind string
	if err := db.QueryRow("SELECT table_type FROM information_schema.tables WHERE table_name = 'services'").Scan(&kind); err != nil || !strings.Contains(kind, "VIEW") {
		t.Errorf("services is a %q (%v), want a view", kind, err)
	}
}

// A source keeps at most maxParts parts: past that, the oldest parts' rows
// move into the base table, with their files and lines.
func TestPartsBounded(t *testing.T) {
	db := openTestDB(t)
	files := map[string]string{"participants.csv": agencyParticipants, "staff.csv": agencyStaff}
	n := maxParts + 2
	for i := range n {
		files[fmt.Sprintf("services_%03d.csv", i)] = fmt.Sprintf("%sX%03d,P1,S1,2024-03-01,30,true\n", servicesHeader, i)
	}
	load(t, db, writeFiles(t, files), Options{})
	if got := count(t, db, "SELECT count(*) FROM stored_parts WHERE source = 'services'"); got != maxParts {
		t.Errorf("parts: got %d, want %d", got, maxParts)
	}
	if got := count(t, db, "SELECT count(*) FROM services__base"); got != 2 {
		t.Errorf("base table: got %d rows, want the 2 oldest files' rows", got)
	}
	if got := count(t, db, "SELECT count(*) FROM services"); got != int64(n) {
		t.Errorf("services: got %d, want %d", got, n)
	}
	var first string
	if err := db.QueryRow("SELECT service_id || ' ' || source_file || ':' || source_line FROM services__base ORDER BY service_id LIMIT 1").Scan(&first); err != nil || first != "X000 services_000.csv:2" {
		t.Errorf("oldest row in the base table: got %q (%v), want X000 services_000.csv:2", first, err)
	}
}

// The columns emptyWithout says a file leaves empty are NULL in every row
// the check blocks write, whatever the row holds (read without the
// shortcut), and the parts written with the shortcut hold the same rows.
func TestEmptyWithout(t *testing.T) {
	files := map[string]string{
		"participants.csv": agencyParticipants,
		"staff.csv":        agencyStaff,
		// no start_time: minutes, or an end_time alone (rejected), or both
		"services.csv": "service_id,participant_id,staff_id,service_date,minutes,billable,end_time\n" +
			"V1,P1,S1,2024-03-01,30,true,\nV2,P1,S1,2024-03-02,,true,2024-03-02T10:00\nV3,P2,S1,2024-03-03,45,false,2024-03-03T11:00\n",
		"encounters.csv": "encounter_id,participant_id,setting,admit_date,discharge_date\nE1,P1,inpatient_psych,2024-03-02,2024-03-05\n",
		// no entry_id and no punches; then one punch column only, each way
		"timesheets_a.csv": "staff_id,work_date,activity,minutes,hours,billable\n" +
			"S1,2024-03-01,direct_service,60,,true\nS1,2024-03-02,travel,,1.5,false\nS1,2024-03-03,travel,,,false\n",
		"timesheets_b.csv": "staff_id,work_date,activity,minutes,clock_in,billable\n" +
			"S1,2024-04-01,direct_service,60,09:00,true\nS1,2024-04-02,direct_service,,09:00,true\n",
		"timesheets_c.csv": "staff_id,work_date,activity,minutes,clock_out,billable\n" +
			"S1,2024-05-01,direct_service,60,17:00,true\nS1,2024-05-02,direct_service,,17:00,true\n",
	}
	rows := map[string]string{
		"services":   "SELECT string_agg(s::VARCHAR, '|' ORDER BY source_file, source_line) FROM services s",
		"encounters": "SELECT string_agg(e::VARCHAR, '|' ORDER BY source_file, source_line) FROM encounters e",
		"timesheets": "SELECT string_agg(t::VARCHAR, '|' ORDER BY source_file, source_line) FROM timesheets t",
	}
	loaded := func(virtual bool) (*sql.DB, map[string]string) {
		virtualEmpty = virtual
		defer func() { virtualEmpty = true }()
		db := openTestDB(t)
		load(t, db, writeFiles(t, files), Options{})
		out := map[string]string{}
		for source, q := range rows {
			var s sql.NullString
			if err := db.QueryRow(q).Scan(&s); err != nil {
				t.Fatal(err)
			}
			out[source] = s.String
		}
		return db, out
	}
	whole, want := loaded(false)
	for source, cols := range emptyWithout {
		for col := range cols {
			q := fmt.Sprintf("SELECT count(%s) FROM %s", quoteIdent(col), source)
			if col == "line" {
				q = fmt.Sprintf("SELECT count(*) FROM stored_parts WHERE source = '%s'", source)
				parts, err := listParts(context.Background(), whole, source)
				if err != nil || len(parts) == 0 {
					t.Fatalf("%s: no parts (%v)", source, err)
				}
				var sel []string
				for _, p := range parts {
					sel = append(sel, fmt.Sprintf("SELECT line FROM %s", quoteIdent(p.table)))
				}
				q = "SELECT count(line) FROM (" + strings.Join(sel, " UNION ALL ") + ")"
			}
			if n := count(t, whole, q); n != 0 {
				t.Errorf("%s.%s: %d rows hold a value, but emptyWithout says a file without %v leaves it empty", source, col, n, cols[col])
			}
		}
	}
	short, got := loaded(true)
	for source := range rows {
		if got[source] != want[source] {
			t.Errorf("%s with virtual empty columns:\n got %s\nwant %s", source, got[source], want[source])
		}
	}
	if n := count(t, short, "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'timesheets__r%' AND sql LIKE '%entry_id VARCHAR GENERATED ALWAYS AS%'"); n != 1 {
		// timesheets_b and _c keep one row of two, so their rows move to
		// the base table (see parts.go); timesheets_a stays a part.
		t.Errorf("timesheet parts with entry_id virtual: got %d, want 1", n)
	}
}
