package ingest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/peerstat/peerstat/internal/dbmem"
)

//go:embed schema.sql
var schemaSQL string

// Open opens (creating when absent) the DuckDB database at path ("" = in
// memory), applies schema.sql, and returns it. A new database file is
// readable by its owner only (0600), as is its write-ahead log, and a
// folder made for it is 0700: the database holds health information.
//
// DuckDB may not fetch extensions from the internet: the readers peerstat
// uses (CSV, Parquet, JSON, time zones) are built in.
func Open(path string) (*sql.DB, error) {
	if path != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("make the database folder: %w", err)
		}
	}
	connector, err := duckdb.NewConnector(path, func(execer driver.ExecerContext) error {
		_, err := execer.ExecContext(context.Background(),
			"SET autoinstall_known_extensions = false; SET autoload_known_extensions = false", nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db := sql.OpenDB(connector)
	if err := SetMemoryLimit(db, ""); err != nil {
		db.Close()
		return nil, err
	}
	if err := privateFiles(path); err != nil {
		db.Close()
		return nil, err
	}
	if err := upgradeLayout(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("set up database %s: %w", path, err)
	}
	if _, err := db.Exec(schemaSQL); err != nil {
		db.Close()
		return nil, fmt.Errorf("set up database %s: %w", path, err)
	}
	if err := dropLeftovers(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("drop what an interrupted load left in %s: %w", path, err)
	}
	if err := addPartColumns(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("set up database %s: %w", path, err)
	}
	return db, nil
}

// dropLeftovers drops the tables of rows a load killed before its commit
// left behind, whichever command opens the database next: they hold
// participant rows that belong to no load.
func dropLeftovers(db *sql.DB) error {
	conn, err := db.Conn(context.Background())
	if err != nil {
		return err
	}
	defer conn.Close()
	return dropStrayTables(context.Background(), conn)
}

// privateFiles makes the database file and its write-ahead log readable by
// the owner only. DuckDB creates them with the process's default mode.
func privateFiles(path string) error {
	if path == "" {
		return nil
	}
	for _, p := range []string{path, path + ".wal"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("make %s private: %w", p, err)
		}
	}
	return nil
}

// SetMemoryLimit sizes DuckDB's memory to what the process may use, or to
// configured (the config's memory_limit, e.g. "4GB") when it is not "".
// The setting holds for the whole database, every connection.
func SetMemoryLimit(db *sql.DB, configured string) error {
	s, err := dbmem.Decide(configured)
	if err != nil {
		return err
	}
	return dbmem.Apply(context.Background(), db, s)
}
