// Package trace prints how long steps took, to stderr, when the
// environment variable PEERSTAT_TRACE is set (to anything non-empty), in
// one format for every command: "peerstat trace: <seconds>s  <step>".
// bench/run.sh reads these lines; unset, nothing is printed. It is for
// finding slow steps, not for output.
package trace

import (
	"fmt"
	"io"
	"os"
	"time"
)

// out is where the lines go (a test swaps it).
var out io.Writer = os.Stderr

// Enabled reports whether PEERSTAT_TRACE is set.
func Enabled() bool { return os.Getenv("PEERSTAT_TRACE") != "" }

// Step prints the time since began and the step, named by format and args,
// when tracing is enabled.
func Step(began time.Time, format string, args ...any) {
	if !Enabled() {
		return
	}
	fmt.Fprintf(out, "peerstat trace: %8.3fs  %s\n", time.Since(began).Seconds(), fmt.Sprintf(format, args...))
}
