// Package outset writes peerstat's output files: each file whole (written
// beside its place, synced, renamed), readable by its owner only, and a
// run's files as one set, staged in a folder inside OUT and put in place
// together, so OUT never holds half a file, a file reached through a
// symbolic link, or files of two runs. It knows nothing of what the files
// hold; the metrics, ingest and reports packages fill them.
package outset

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFile replaces path with what fill writes, mode 0600. The bytes go to
// a temporary file in path's folder that is synced and then renamed over
// path, so a full disk or a crash leaves the earlier file whole, and a
// symbolic link at path is replaced, never followed.
func WriteFile(path string, fill func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	buf := bufio.NewWriterSize(tmp, 1<<16)
	if err := fill(buf); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := buf.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	done = true
	return syncDir(filepath.Dir(path))
}

// WriteBytes is WriteFile for content already in memory.
func WriteBytes(path string, data []byte) error {
	return WriteFile(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// TextCell is a text value as a CSV output writes it: one that begins with
// =, +, -, @, a tab or a carriage return gets a leading ', so a
// spreadsheet shows it as text and never runs it as a formula. Numeric
// columns are written as they are, so a negative number stays a number.
func TextCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
