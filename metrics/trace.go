package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"

	"github.com/peerstat/peerstat/internal/trace"
)

// tracer times each step of Compute for PEERSTAT_TRACE (see
// internal/trace).
//
// PEERSTAT_EXPLAIN=model_name also prints DuckDB's EXPLAIN ANALYZE of that
// model's query (run once more, apart from building it) to stderr.
type tracer struct {
	explain string
	t0      time.Time
}

func newTracer() *tracer { return &tracer{explain: os.Getenv("PEERSTAT_EXPLAIN")} }

// plan prints EXPLAIN ANALYZE of query, or why it could not.
func (t *tracer) plan(ctx context.Context, conn *sql.Conn, query string) {
	rows, err := conn.QueryContext(ctx, "EXPLAIN ANALYZE "+query)
	if err != nil {
		fmt.Fprintln(os.Stderr, "peerstat explain:", err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var kind, plan string
		if err := rows.Scan(&kind, &plan); err != nil {
			fmt.Fprintln(os.Stderr, "peerstat explain:", err)
			return
		}
		fmt.Fprintln(os.Stderr, plan)
	}
}

func (t *tracer) start() { t.t0 = time.Now() }

func (t *tracer) done(what string) { trace.Step(t.t0, "%s", what) }
