package ingest

import (
	"path/filepath"
	"testing"
)

// TestOpenDropsLeftovers: the tables of rows a load killed before its
// commit leaves (a part it read, its checked rows) are dropped when any
// command next opens the database, not only by the next load; a stored
// part is kept.
func TestOpenDropsLeftovers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "peerstat.duckdb")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		"CREATE TABLE main.services__r7_2 AS SELECT 'P001' AS participant_id",
		"CREATE TABLE main.checked AS SELECT 'P001' AS participant_id",
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if stray := strayTables(t, db); len(stray) > 0 {
		t.Errorf("after reopening: tables of an interrupted load still there: %v", stray)
	}
}
