package metrics

import (
	"context"
	"database/sql"

	"github.com/peerstat/peerstat/config"
)

// bootstrapIntervals computes the percentile bootstrap intervals of the
// outcome change and DiD metrics. (Being written: returns none yet.)
func bootstrapIntervals(ctx context.Context, conn *sql.Conn, cfg config.Config) ([]Row, map[string]int, error) {
	return nil, map[string]int{}, nil
}
