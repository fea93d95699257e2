package ingest

import (
	"fmt"
	"io"
)

// progress shows which file is loading, on one line that rewrites itself.
// It writes nothing when its writer is nil (not a terminal).
type progress struct {
	w     io.Writer
	total int
}

func newProgress(w io.Writer, total int) *progress { return &progress{w: w, total: total} }

func (p *progress) start(i int, name string) {
	if p.w == nil {
		return
	}
	width := 40
	filled := width * i / max(p.total, 1)
	bar := make([]byte, width)
	for j := range bar {
		bar[j] = '.'
		if j < filled {
			bar[j] = '#'
		}
	}
	fmt.Fprintf(p.w, "\r\033[K[%s] %d/%d %s", bar, i+1, p.total, name)
}

func (p *progress) done() {
	if p.w == nil {
		return
	}
	fmt.Fprint(p.w, "\r\033[K")
}
