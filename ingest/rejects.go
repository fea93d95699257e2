package ingest

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/peerstat/peerstat/internal/outset"
)

// WriteRejects writes the rejects of the file versions now loaded to path
// as CSV, columns
// source,file,line,column,value,reason (line counts the header as line 1),
// whole or not at all and readable by its owner only (0600): values may
// identify people. Text a spreadsheet would run as a formula is written
// behind a leading ' (outset.TextCell). With no rejects the file holds the
// header alone.
func WriteRejects(ctx context.Context, db *sql.DB, path string) error {
	rejects, err := queryRejects(ctx, db, "")
	if err != nil {
		return fmt.Errorf("read rejects: %w", err)
	}
	return outset.WriteFile(path, func(file io.Writer) error {
		w := csv.NewWriter(file)
		_ = w.Write([]string{"source", "file", "line", "column", "value", "reason"})
		for _, r := range rejects {
			_ = w.Write([]string{outset.TextCell(r.Source), outset.TextCell(r.File), strconv.FormatInt(r.Line, 10),
				outset.TextCell(r.Column), outset.TextCell(r.Value), outset.TextCell(r.Reason)})
		}
		w.Flush()
		return w.Error()
	})
}
