package ingest

import (
	"database/sql"
	"testing"
)

// openTestDB opens an in-memory database with the schema, closed with the test.
func openTestDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
