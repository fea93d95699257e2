package ingest

import (
	"context"
	"fmt"
	"strings"
)

// A file version that lost more than half of its rows to rejects (or all
// of them) is a loud problem (DATA.md, Loading and bad input): the command
// finishes, but stderr ends with it and the exit status is 3, and every
// packet's first page shows it. Ingest works out its commonest reason and
// the fix when it loads the file and keeps them with the file version, so
// every later command says the same.

// PartialLoss is a loaded file version that lost more than half of its
// rows to rejects.
type PartialLoss struct {
	Source, File           string
	RowsRead, RowsRejected int64
	Reason, Fix            string
}

// All reports whether every row of the file was rejected.
func (p PartialLoss) All() bool { return p.RowsRejected == p.RowsRead }

// String is the sentence stderr ends with.
func (p PartialLoss) String() string {
	share := "more than half of its rows"
	if p.All() {
		share = "all of its rows"
	}
	return fmt.Sprintf("%s lost %s to rejects (%d of %d rows rejected); the commonest reason: %s. Fix: %s",
		p.File, share, p.RowsRejected, p.RowsRead, p.Reason, p.Fix)
}

// PartialLosses lists the loaded file versions that lost more than half
// of their rows to rejects, in load order.
func PartialLosses(ctx context.Context, q queryer) ([]PartialLoss, error) {
	rows, err := q.QueryContext(ctx, `SELECT source, file, rows_read, rows_rejected, coalesce(commonest_reason, ''), coalesce(fix, '')
		FROM file_versions WHERE rows_read > 0 AND 2 * rows_rejected > rows_read ORDER BY load_order`)
	if err != nil {
		return nil, fmt.Errorf("read the files that lost rows: %w", err)
	}
	defer rows.Close()
	var out []PartialLoss
	for rows.Next() {
		var p PartialLoss
		if err := rows.Scan(&p.Source, &p.File, &p.RowsRead, &p.RowsRejected, &p.Reason, &p.Fix); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// commonestReason is the reject reason of most of the file's rows (the
// day-first date reasons, which quote their value, count as one).
func (l *loader) commonestReason(ctx context.Context, f dataFile) (string, error) {
	var reason string
	err := l.conn.QueryRowContext(ctx, `SELECT arg_min(reason, line) FROM rejects WHERE source = ? AND file = ?
		GROUP BY CASE WHEN reason LIKE 'not a date: dates like%' THEN 'day first' ELSE reason END
		ORDER BY count(*) DESC, min(line) LIMIT 1`, f.src.name, f.name).Scan(&reason)
	return reason, err
}

// fixFor is what a person does about a file whose rows were mostly
// rejected for reason.
func fixFor(reason string) string {
	has := func(s string) bool { return strings.Contains(reason, s) }
	switch {
	case has("set date_format"):
		return `set date_format = "D/M/YYYY" (or the file's own format) in a profile for this file`
	case has("not a date"), has("not a timestamp"), has("not a time"):
		return "give the file's date and time formats in a profile (date_format, timestamp_format), or save the file again with dates as YYYY-MM-DD"
	case has("formula with no saved value"):
		return "open the file in Excel and save it again, so every formula has its value"
	case has("unknown staff"), has("staff not employed"):
		return "check staff.csv: every staff_id of this file needs an employment spell covering its dates"
	case has("unknown participant"):
		return "check participants.csv: every participant_id of this file needs an enrollment there"
	case has("not a yes/no value"):
		return "booleans must be true/false, yes/no, y/n or 1/0; map the file's values in a profile"
	case has("missing value"), has("missing minutes"):
		return "fill in the column, or map the export's own column to it in a profile"
	case has("duplicate key"):
		return "each key may appear once in a file; remove the repeated rows or export the file again"
	case has("quote"), has("fields"), has("quoting"):
		return "the file's quoting or columns are broken; export it again, or open it in a text editor at the first rejected line"
	case has("set aside"):
		return "fix the rejected rows of the same unit (rejects.csv lists them)"
	case has("unknown"), has("not in the profile's value map"):
		return "map the export's values to peerstat's in a profile (ingest/PROFILES.md)"
	}
	return "rejects.csv lists each rejected row with its line, column and reason; correct the export or map it with a profile"
}
