package ingest

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
)

// WriteRejects writes the rejects of the file versions now loaded to path
// as CSV, columns
// source,file,line,column,value,reason (line counts the header as line 1),
// readable by its owner only (0600): values may identify people. With no
// rejects the file holds the header alone.
func WriteRejects(ctx context.Context, db *sql.DB, path string) error {
	rejects, err := queryRejects(ctx, db, "")
	if err != nil {
		return fmt.Errorf("read rejects: %w", err)
	}
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := file.Chmod(0o600); err != nil {
		file.Close()
		return err
	}
	w := csv.NewWriter(file)
	_ = w.Write([]string{"source", "file", "line", "column", "value", "reason"})
	for _, r := range rejects {
		_ = w.Write([]string{r.Source, r.File, strconv.FormatInt(r.Line, 10), r.Column, r.Value, r.Reason})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		file.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return file.Close()
}
