// Package progress draws the one-line progress bar peerstat shows on a
// terminal while a long step runs: a bar, a count and what is being done,
// rewritten in place. Commands give it their stderr only when stderr is a
// terminal; a Bar with a nil writer draws nothing, so callers need not
// check.
package progress

import (
	"fmt"
	"io"
	"strings"
)

const width = 40

// Bar is a progress bar over total steps, titled with what the steps are
// part of ("" for no title).
type Bar struct {
	w     io.Writer
	title string
	total int
}

// New returns a bar over total steps that draws on w (nil: draws nothing).
func New(w io.Writer, title string, total int) *Bar {
	return &Bar{w: w, title: title, total: total}
}

// Step shows that step i (counting from 0) is under way, doing what.
func (b *Bar) Step(i int, what string) {
	if b == nil || b.w == nil {
		return
	}
	filled := width * i / max(b.total, 1)
	bar := strings.Repeat("#", filled) + strings.Repeat(".", width-filled)
	title := ""
	if b.title != "" {
		title = b.title + " "
	}
	fmt.Fprintf(b.w, "\r\033[K%s[%s] %d/%d %s", title, bar, i+1, b.total, what)
}

// Done clears the bar's line.
func (b *Bar) Done() {
	if b == nil || b.w == nil {
		return
	}
	fmt.Fprint(b.w, "\r\033[K")
}
