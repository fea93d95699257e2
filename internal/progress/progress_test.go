package progress

import (
	"strings"
	"testing"
)

func TestBar(t *testing.T) {
	var out strings.Builder
	b := New(&out, "metrics", 4)
	b.Step(0, "first")
	b.Step(2, "third")
	b.Done()
	want := "\r\033[Kmetrics [" + strings.Repeat(".", 40) + "] 1/4 first" +
		"\r\033[Kmetrics [" + strings.Repeat("#", 20) + strings.Repeat(".", 20) + "] 3/4 third" +
		"\r\033[K"
	if out.String() != want {
		t.Errorf("got %q\nwant %q", out.String(), want)
	}
}

func TestNilWriterDrawsNothing(t *testing.T) {
	b := New(nil, "x", 3)
	b.Step(1, "y") // must not panic
	b.Done()
	var nilBar *Bar
	nilBar.Step(0, "z")
	nilBar.Done()
}
