package ingest

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// vacuumTasks counts the vacuum tasks DuckDB's checkpoints have logged
// since logging was enabled: each merges a run of row groups into fewer.
func vacuumTasks(t *testing.T, db *sql.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM duckdb_logs WHERE type = 'Checkpoint' AND message LIKE '%''type'': vacuum%'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// participantRows writes participants from..to-1 as CSV rows.
func participantRows(b *strings.Builder, from, to int) {
	for i := from; i < to; i++ {
		fmt.Fprintf(b, "P%06d,Bridge,2024-01-01\n", i)
	}
}

// A load that takes no stored rows out leaves the checkpoint no vacuum to
// do, and the setting is back at DuckDB's default afterwards; a load whose
// file replaces stored rows lets the checkpoint vacuum, which is how the
// space of the replaced rows comes back.
//
// Row groups hold 122,880 rows, so 500,000 participants fill five, the last
// partly. A second file of 200,000 new participants, loaded on top, leaves
// partly filled row groups that a vacuum would merge (DuckDB's default
// schedules 2 tasks here); it takes nothing out, so there is none. A third,
// newer file replaces participants 150,000 to 349,999: row groups 1 and 2
// keep 27,120 and 18,640 of their rows, which fit in one, and DuckDB logs
// the merge as a vacuum task.
func TestLoadVacuumsOnlyAfterTakingRowsOut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "peerstat.duckdb")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("CALL enable_logging(level := 'debug')"); err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	all.WriteString("participant_id,program,enrolled_on\n")
	participantRows(&all, 0, 500000)
	dir := writeFiles(t, map[string]string{"participants.csv": all.String()})
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "participants.csv"), old, old); err != nil {
		t.Fatal(err)
	}
	load(t, db, dir, Options{})
	if n := vacuumTasks(t, db); n != 0 {
		t.Errorf("first load: %d vacuum tasks, want 0 (it took no stored rows out)", n)
	}
	var setting string
	if err := db.QueryRow("SELECT current_setting('max_vacuum_tasks')::VARCHAR").Scan(&setting); err != nil {
		t.Fatal(err)
	}
	if setting != "100" {
		t.Errorf("max_vacuum_tasks after the load is %s, want DuckDB's default 100 back", setting)
	}

	// New participants only: the stored rows stay, and the row groups
	// the insert leaves partly filled are left so.
	var more strings.Builder
	more.WriteString("participant_id,program,enrolled_on\n")
	participantRows(&more, 500000, 700000)
	if err := os.WriteFile(filepath.Join(dir, "participants_more.csv"), []byte(more.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	older := old.Add(time.Minute)
	if err := os.Chtimes(filepath.Join(dir, "participants_more.csv"), older, older); err != nil {
		t.Fatal(err)
	}
	load(t, db, dir, Options{})
	if n := vacuumTasks(t, db); n != 0 {
		t.Errorf("load of new participants: %d vacuum tasks, want 0 (it took no stored rows out)", n)
	}

	var fix strings.Builder
	fix.WriteString("participant_id,program,enrolled_on\n")
	participantRows(&fix, 150000, 350000)
	if err := os.WriteFile(filepath.Join(dir, "participants_fix.csv"), []byte(fix.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	res := load(t, db, dir, Options{})
	if got := replacedIn(res, "participants_fix.csv"); got != 200000 {
		t.Fatalf("participants_fix.csv replaced %d rows, want 200000", got)
	}
	if n := vacuumTasks(t, db); n == 0 {
		t.Errorf("second load: no vacuum task, want the row groups the replaced rows thinned merged")
	}
	var stored int64
	if err := db.QueryRow("SELECT count(*) FROM participants").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored != 700000 {
		t.Errorf("%d participants stored, want 700000", stored)
	}
}
