// Command floor measures the fastest a load can be: DuckDB alone, through
// the same Go driver peerstat uses, reading the export files of a folder into
// one table per source with its own CSV reader and no validation. The
// benchmark script divides peerstat's times by this one.
//
// -buffer-rule reads each source's files with the buffer peerstat reads a
// file with: an eighth of the (largest) file when that is more than
// DuckDB's 32 MB. That spares DuckDB rewriting much of a large table at
// the checkpoint after it; the benchmark runs the floor both ways to show
// how much of peerstat's distance to the floor that is.
package main

import (
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

// sources are ingest's sources, in its order: the floor must read every
// file peerstat ingest reads, or the ratio flatters ingest.
var sources = []string{"participants", "staff", "services", "encounters", "timesheets", "surveys", "assessments"}

func main() {
	bufferRule := flag.Bool("buffer-rule", false, "read with peerstat's CSV buffer rule instead of DuckDB's default buffer")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor [-buffer-rule] DATA_DIR DB_FILE")
		os.Exit(2)
	}
	dir, dbPath := flag.Arg(0), flag.Arg(1)
	if err := run(dir, dbPath, *bufferRule); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(dir, dbPath string, bufferRule bool) error {
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
		options := "header = true"
		if bufferRule {
			var largest int64
			for _, f := range files {
				if info, err := os.Stat(f); err == nil && info.Size() > largest {
					largest = info.Size()
				}
			}
			if largest/8 > 32<<20 {
				options += fmt.Sprintf(", buffer_size = %d", largest/8)
			}
		}
		q := fmt.Sprintf("CREATE TABLE %s AS SELECT * FROM read_csv([%s], %s)", source, strings.Join(quoted, ", "), options)
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
