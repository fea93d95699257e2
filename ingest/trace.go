package ingest

import (
	"fmt"
	"os"
	"time"
)

// tracer prints how long each step of a load took to stderr when the
// environment variable PEERSTAT_TRACE is set (to anything non-empty), as
// metrics' tracer does for Compute; it does nothing otherwise.
type tracer struct {
	on   bool
	last time.Time
}

func newTracer() *tracer {
	return &tracer{on: os.Getenv("PEERSTAT_TRACE") != "", last: time.Now()}
}

// mark prints the time since the previous mark.
func (t *tracer) mark(format string, args ...any) {
	if !t.on {
		return
	}
	now := time.Now()
	fmt.Fprintf(os.Stderr, "peerstat trace: %8.3fs  ingest %s\n", now.Sub(t.last).Seconds(), fmt.Sprintf(format, args...))
	t.last = now
}
