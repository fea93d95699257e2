package ingest

import (
	"time"

	"github.com/peerstat/peerstat/internal/trace"
)

// tracer times the steps of a load, each from the previous mark, for
// PEERSTAT_TRACE (see internal/trace).
type tracer struct{ last time.Time }

func newTracer() *tracer { return &tracer{last: time.Now()} }

// mark prints the time since the previous mark.
func (t *tracer) mark(format string, args ...any) {
	trace.Step(t.last, "ingest "+format, args...)
	t.last = time.Now()
}
