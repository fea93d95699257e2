package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"
)

// tracer prints how long each step of Compute took to stderr when the
// environment variable PEERSTAT_TRACE is set (to anything non-empty); it
// does nothing otherwise. It is for finding slow models, not for output.
//
// PEERSTAT_EXPLAIN=model_name also prints DuckDB's EXPLAIN ANALYZE of that
// model's query (run once more, apart from building it) to stderr.
type tracer struct {
	on      bool
	explain string
	t0      time.Time
}

func newTracer() *tracer {
	return &tracer{on: os.Getenv("PEERSTAT_TRACE") != "", explain: os.Getenv("PEERSTAT_EXPLAIN")}
}

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

func (t *tracer) start() {
	if t.on {
		t.t0 = time.Now()
	}
}

func (t *tracer) done(what string) {
	if t.on {
		fmt.Fprintf(os.Stderr, "peerstat trace: %8.3fs  %s\n", time.Since(t.t0).Seconds(), what)
	}
}
