// Command floor measures the fastest a load can be: DuckDB alone, through
// the same Go driver peerstat uses, reading the export files of a folder into
// one table per source with its own CSV reader and no validation. The
// benchmark script divides peerstat's times by this one.
package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

var sources = []string{"participants", "staff", "services", "encounters", "timesheets", "surveys"}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: floor DATA_DIR DB_FILE")
		os.Exit(2)
	}
	dir, dbPath := os.Args[1], os.Args[2]
	if err := run(dir, dbPath); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(dir, dbPath string) error {
	os.Remove(dbPath)
	db, err := sql.Open("duckdb", dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	var total int64
	for _, source := range sources {
		files, err := filepath.Glob(filepath.Join(dir, source+"*.csv"))
		if err != nil {
			return err
		}
		if len(files) == 0 {
			continue
		}
		sort.Strings(files)
		quoted := make([]string, len(files))
		for i, f := range files {
			quoted[i] = "'" + strings.ReplaceAll(f, "'", "''") + "'"
		}
		q := fmt.Sprintf("CREATE TABLE %s AS SELECT * FROM read_csv([%s], header = true)", source, strings.Join(quoted, ", "))
		if _, err := db.Exec(q); err != nil {
			return fmt.Errorf("%s: %w", source, err)
		}
		var n int64
		if err := db.QueryRow("SELECT count(*) FROM " + source).Scan(&n); err != nil {
			return err
		}
		total += n
	}
	fmt.Printf("%d rows in %.3f s\n", total, time.Since(start).Seconds())
	return nil
}
