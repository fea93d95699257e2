package main

import (
	"context"
	"database/sql"
	"strings"

	"github.com/peerstat/peerstat/ingest"
)

// partialLoss is a command that finished while a loaded file lost more
// than half of its rows to rejects: exit status 3, and stderr ends with
// each such file, its commonest reason and the fix.
type partialLoss struct{ losses []ingest.PartialLoss }

func (p partialLoss) Error() string {
	lines := make([]string, len(p.losses))
	for i, l := range p.losses {
		lines[i] = l.String()
	}
	return "finished, but " + strings.Join(lines, "\n")
}

// checkLoss returns a partialLoss when the database holds a file version
// that lost more than half of its rows; nil otherwise.
func checkLoss(ctx context.Context, db *sql.DB) error {
	losses, err := ingest.PartialLosses(ctx, db)
	if err != nil || len(losses) == 0 {
		return err
	}
	return exitStatus{code: 3, err: partialLoss{losses}}
}
