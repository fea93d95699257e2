//go:build unix

package ingest

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A named pipe called services.csv is refused by name before anything
// opens it: opening it would wait for a writer forever.
func TestNamedPipeRefused(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"participants.csv", "staff.csv", "timesheets.csv"} {
		copyTestFile(t, filepath.Join("testdata", "bad", name), filepath.Join(dir, name))
	}
	pipe := filepath.Join(dir, "services.csv")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Load(context.Background(), openTestDB(t), Options{DataDir: dir, Config: chicago()})
		done <- err
	}()
	var err error
	select {
	case err = <-done:
	case <-time.After(2 * time.Minute):
		// Unblock the reader so the test can end, then fail.
		if w, werr := os.OpenFile(pipe, os.O_WRONLY, 0); werr == nil {
			w.Close()
		}
		t.Fatal("Load opened the named pipe and waited for a writer")
	}
	want := pipe + " is a named pipe (FIFO), not a regular file, so peerstat did not read it; save the export as an ordinary file in the folder"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
}
