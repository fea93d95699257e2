package dbmem

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

func setting(t *testing.T, conn *sql.Conn, name string) string {
	t.Helper()
	var v string
	if err := conn.QueryRowContext(context.Background(), "SELECT current_setting(?)", name).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// connect opens a connection to a DuckDB database at path ("" = in
// memory), closed when the test ends.
func connect(t *testing.T, path string) *sql.Conn {
	t.Helper()
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func TestPoolOnlyForLargeData(t *testing.T) {
	ctx := context.Background()
	conn := connect(t, "")
	if _, err := conn.ExecContext(ctx, "SET memory_limit = '"+Limit+"'"); err != nil {
		t.Fatal(err)
	}
	limit := setting(t, conn, "memory_limit")

	// Input just under the threshold, and a database in memory (0 bytes
	// on disk): DuckDB's default stays.
	if err := PoolForInput(ctx, conn, LargeInput-1); err != nil {
		t.Fatal(err)
	}
	if err := PoolForDatabase(ctx, conn); err != nil {
		t.Fatal(err)
	}
	if got := setting(t, conn, "block_allocator_memory"); got != "0 bytes" {
		t.Errorf("small data: block_allocator_memory = %q, want DuckDB's 0 bytes", got)
	}
	if err := PoolForInput(ctx, conn, LargeInput); err != nil {
		t.Fatal(err)
	}
	if got := setting(t, conn, "block_allocator_memory"); got != limit {
		t.Errorf("large data: block_allocator_memory = %q, want the memory limit %q", got, limit)
	}
	// Setting it again (metrics after ingest in one run) is harmless.
	if err := PoolForInput(ctx, conn, LargeInput); err != nil {
		t.Fatalf("second PoolForInput: %v", err)
	}
	if _, err := conn.ExecContext(ctx, "CREATE TABLE t AS SELECT range AS i FROM range(3000000)"); err != nil {
		t.Fatal(err)
	}
	var n int64
	if err := conn.QueryRowContext(ctx, "SELECT sum(i) FROM t").Scan(&n); err != nil || n != 2999999*3000000/2 {
		t.Fatalf("query with the pool: %d, %v", n, err)
	}
}

func TestStoredBytes(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		path string
		rows int
		min  int64
		max  int64
	}{
		{"in memory", "", 1000000, 0, 0},
		{"empty file", filepath.Join(t.TempDir(), "empty.duckdb"), 0, 0, 1 << 20},
		// 4M random BIGINTs do not compress: about 32 MB of blocks.
		{"file with a table", filepath.Join(t.TempDir(), "full.duckdb"), 4000000, 24 << 20, 64 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn := connect(t, tc.path)
			if tc.rows > 0 {
				if _, err := conn.ExecContext(ctx, "SELECT setseed(0.5); CREATE TABLE t AS SELECT (random() * 9e18)::BIGINT AS v FROM range(?)", tc.rows); err != nil {
					t.Fatal(err)
				}
				if _, err := conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
					t.Fatal(err)
				}
			}
			got, err := storedBytes(ctx, conn)
			if err != nil {
				t.Fatal(err)
			}
			if got < tc.min || got > tc.max {
				t.Errorf("storedBytes = %d, want %d..%d", got, tc.min, tc.max)
			}
		})
	}
}
