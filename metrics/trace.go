package metrics

import (
	"fmt"
	"os"
	"time"
)

// tracer prints how long each step of Compute took to stderr when the
// environment variable PEERSTAT_TRACE is set (to anything non-empty); it
// does nothing otherwise. It is for finding slow models, not for output.
type tracer struct {
	on bool
	t0 time.Time
}

func newTracer() *tracer { return &tracer{on: os.Getenv("PEERSTAT_TRACE") != ""} }

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
