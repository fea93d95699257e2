// Package dbmem holds how much memory DuckDB may use and how it manages
// it, for ingest and metrics alike.
package dbmem

import (
	"context"
	"database/sql"
	"fmt"
)

// Limit bounds DuckDB's buffer memory so a ten-million-service agency
// runs on an ordinary laptop (issue 5: under 4 GiB peak); past it DuckDB
// spills to a temporary folder beside the database file, which it removes.
const Limit = "2GB"

// Large data, where the block pool pays: input files of LargeInput bytes
// or more (ingest), a database of LargeDatabase bytes or more (metrics).
// Both are somewhat less than a million services of peerstat gen's data
// (263 MB of files, a 70 MB database); half a million (127 MB, 36 MB)
// ran slower with the pool.
const (
	LargeInput    = 200 << 20
	LargeDatabase = 60 << 20
)

// PoolForInput gives DuckDB its block pool (see pool) when the files about
// to be loaded come to LargeInput bytes or more.
func PoolForInput(ctx context.Context, conn *sql.Conn, inputBytes int64) error {
	return pool(ctx, conn, inputBytes >= LargeInput)
}

// PoolForDatabase gives DuckDB its block pool (see pool) when the database
// uses LargeDatabase bytes or more on disk.
func PoolForDatabase(ctx context.Context, conn *sql.Conn) error {
	stored, err := storedBytes(ctx, conn)
	if err != nil {
		return err
	}
	return pool(ctx, conn, stored >= LargeDatabase)
}

// pool lets DuckDB keep up to Limit of its 256 KB buffer blocks in a pool
// of its own (the block_allocator_memory setting), when large is true.
// Without it the blocks are malloc'd and freed, and glibc hands freed
// memory back to the system, which then faults it in again page by page:
// a ten-million-service report spent 22-28 s of its CPU time in the
// kernel, and took 60-73 s against 51-56 s with the pool (alternated
// runs); a million-service run 15.5-16.0 s against 14.6-14.7 s. On
// smaller data the pool costs more than it saves (half a million:
// 9.9-10.1 s without, 10.5-11.5 s with; sample_data: 3.4-3.5 s, 4.3-4.5
// s), hence the thresholds. DuckDB only lets the pool grow, so pool never
// turns it off.
func pool(ctx context.Context, conn *sql.Conn, large bool) error {
	if !large {
		return nil
	}
	if _, err := conn.ExecContext(ctx, "SET block_allocator_memory = '"+Limit+"'"); err != nil {
		return fmt.Errorf("set DuckDB's block pool: %w", err)
	}
	return nil
}

// storedBytes is the size of the blocks the database uses on disk (0 for a
// database in memory).
func storedBytes(ctx context.Context, conn *sql.Conn) (int64, error) {
	var n sql.NullInt64
	err := conn.QueryRowContext(ctx, `SELECT sum(used_blocks * block_size) FROM pragma_database_size()`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("measure the database: %w", err)
	}
	return n.Int64, nil
}
