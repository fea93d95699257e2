package trace

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// The line format is what bench/run.sh parses for the render row.
func TestStep(t *testing.T) {
	var buf strings.Builder
	prev := out
	out = &buf
	t.Cleanup(func() { out = prev })

	t.Setenv("PEERSTAT_TRACE", "")
	Step(time.Now(), "render %s", "board")
	if buf.Len() != 0 {
		t.Fatalf("PEERSTAT_TRACE unset: got %q, want nothing", buf.String())
	}

	t.Setenv("PEERSTAT_TRACE", "1")
	Step(time.Now().Add(-1500*time.Millisecond), "render %s", "board")
	if !regexp.MustCompile(`^peerstat trace: +1\.5\d\ds  render board\n$`).MatchString(buf.String()) {
		t.Errorf("got %q, want \"peerstat trace:    1.5xxs  render board\\n\"", buf.String())
	}
}
