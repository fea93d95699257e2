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

// testDB is a database with the test that checks it.
type testDB struct {
	t  *testing.T
	db *sql.DB
}

// equal checks that a query's one text value is want.
func (d *testDB) equal(query, want string) {
	d.t.Helper()
	var got sql.NullString
	if err := d.db.QueryRow(query).Scan(&got); err != nil {
		d.t.Fatalf("%s: %v", query, err)
	}
	if got.String != want {
		d.t.Errorf("%s\n got %s\nwant %s", query, got.String, want)
	}
}
