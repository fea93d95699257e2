package outset

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func names(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n []string
	for _, e := range entries {
		n = append(n, e.Name())
	}
	sort.Strings(n)
	return strings.Join(n, " ")
}

// TestWriteFileErrorKeepsOld: a writer error part-way (a full disk) leaves
// the earlier file whole and no temporary file behind.
func TestWriteFileErrorKeepsOld(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "metrics.csv")
	write(t, path, "old figures\n")
	full := errors.New("no space left on device")
	err := WriteFile(path, func(w io.Writer) error {
		if _, err := io.WriteString(w, strings.Repeat("new figures\n", 100000)); err != nil {
			return err
		}
		return full
	})
	if !errors.Is(err, full) || !strings.Contains(err.Error(), path) {
		t.Errorf("got %v, want the writer's error naming %s", err, path)
	}
	if got := read(t, path); got != "old figures\n" {
		t.Errorf("metrics.csv after the failed write: got %d bytes, want the old file", len(got))
	}
	if got := names(t, dir); got != "metrics.csv" {
		t.Errorf("folder holds %q, want metrics.csv alone", got)
	}
}

// commitSet stages files (name -> text) in a new set in out and commits it,
// removing the names remove lists.
func commitSet(t *testing.T, out string, files map[string]string, remove ...string) error {
	t.Helper()
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := WriteBytes(filepath.Join(s.Dir(), name), []byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	return s.Commit(func(name string) bool { return contains(remove, name) })
}

// TestCommitReplacesSymlink: a symbolic link at an output's path is
// replaced by the file; the file it pointed to is untouched.
func TestCommitReplacesSymlink(t *testing.T) {
	out, elsewhere := t.TempDir(), t.TempDir()
	target := filepath.Join(elsewhere, "important.csv")
	write(t, target, "someone else's file\n")
	if err := os.Symlink(target, filepath.Join(out, "metrics.csv")); err != nil {
		t.Fatal(err)
	}
	if err := commitSet(t, out, map[string]string{"metrics.csv": "figures\n"}); err != nil {
		t.Fatal(err)
	}
	st, err := os.Lstat(filepath.Join(out, "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !st.Mode().IsRegular() || st.Mode().Perm() != 0o600 {
		t.Errorf("metrics.csv: mode %v, want a regular file, 0600", st.Mode())
	}
	if got := read(t, target); got != "someone else's file\n" {
		t.Errorf("the link's target was written through: %q", got)
	}
	if got := read(t, filepath.Join(out, "metrics.csv")); got != "figures\n" {
		t.Errorf("metrics.csv: got %q", got)
	}
}

// TestModes: a new OUT is 0700 and its files 0600; an existing OUT others
// can read keeps its mode, with a warning.
func TestModes(t *testing.T) {
	out := filepath.Join(t.TempDir(), "new", "out")
	if warning, err := PrepareOut(out); err != nil || warning != "" {
		t.Fatalf("PrepareOut: %q, %v", warning, err)
	}
	if err := commitSet(t, out, map[string]string{"metrics.csv": "x", "rejects.csv": "y"}); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(out)
	if st.Mode().Perm() != 0o700 {
		t.Errorf("new OUT: mode %v, want 0700", st.Mode().Perm())
	}
	for _, name := range []string{"metrics.csv", "rejects.csv"} {
		st, _ := os.Stat(filepath.Join(out, name))
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", name, st.Mode().Perm())
		}
	}
	shared := t.TempDir()
	if err := os.Chmod(shared, 0o755); err != nil {
		t.Fatal(err)
	}
	warning, err := PrepareOut(shared)
	if err != nil || !strings.Contains(warning, "can be read by other accounts") || !strings.Contains(warning, shared) {
		t.Errorf("OUT with mode 0755: got warning %q (%v), want one naming the folder", warning, err)
	}
}

// TestCommitRemovesAndPlaces: the set's files replace the old ones, the
// files remove selects go, others stay, and no staging folder is left.
func TestCommitRemovesAndPlaces(t *testing.T) {
	out := t.TempDir()
	write(t, filepath.Join(out, "metrics.csv"), "old")
	write(t, filepath.Join(out, "peerstat-mco-gone.html"), "old packet")
	write(t, filepath.Join(out, "notes.txt"), "the user's")
	err := commitSet(t, out, map[string]string{"metrics.csv": "new", "peerstat-board.html": "board"}, "peerstat-mco-gone.html", "peerstat-board.html")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(t, out); got != "metrics.csv notes.txt peerstat-board.html" {
		t.Errorf("OUT holds %q", got)
	}
	if got := read(t, filepath.Join(out, "metrics.csv")); got != "new" {
		t.Errorf("metrics.csv: %q", got)
	}
}

// TestCannotReplaceStopsBeforeAny: when one file cannot be moved out of
// the way, the commit stops naming it and every output is as before.
func TestCannotReplaceStopsBeforeAny(t *testing.T) {
	out := t.TempDir()
	write(t, filepath.Join(out, "metrics.csv"), "old metrics")
	write(t, filepath.Join(out, "peerstat-board.xlsx"), "old board")
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"metrics.csv", "peerstat-board.xlsx"} {
		if err := WriteBytes(filepath.Join(s.Dir(), name), []byte("new")); err != nil {
			t.Fatal(err)
		}
	}
	// A non-empty folder where the board would be moved aside makes its
	// move fail, as Windows refuses to move a workbook open in Excel.
	if err := os.MkdirAll(filepath.Join(s.staging, "old", "peerstat-board.xlsx", "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	err = s.Commit(nil)
	if err == nil || !strings.Contains(err.Error(), "cannot replace "+filepath.Join(out, "peerstat-board.xlsx")) {
		t.Fatalf("got %v, want an error naming the board workbook", err)
	}
	if got := read(t, filepath.Join(out, "metrics.csv")); got != "old metrics" {
		t.Errorf("metrics.csv: got %q, want the old file", got)
	}
	if got := read(t, filepath.Join(out, "peerstat-board.xlsx")); got != "old board" {
		t.Errorf("board: got %q, want the old file", got)
	}
	if got := names(t, out); got != "metrics.csv peerstat-board.xlsx" {
		t.Errorf("OUT holds %q", got)
	}
}

// interrupted leaves in out what a commit killed after placing its first
// file leaves: the manifest, metrics.csv placed (its old one moved aside),
// the board still staged, the old packet still in OUT.
func interrupted(t *testing.T, out string) {
	t.Helper()
	write(t, filepath.Join(out, "metrics.csv"), "old metrics")
	write(t, filepath.Join(out, "peerstat-board.html"), "old board")
	write(t, filepath.Join(out, "peerstat-mco-gone.html"), "old packet")
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(s.Dir(), "metrics.csv"), "new metrics")
	write(t, filepath.Join(s.Dir(), "peerstat-board.html"), "new board")
	m := manifest{Place: []string{"metrics.csv", "peerstat-board.html"}, Remove: []string{"peerstat-mco-gone.html"}}
	if err := s.writeManifest(m); err != nil {
		t.Fatal(err)
	}
	for _, step := range [][2]string{
		{filepath.Join(out, "metrics.csv"), filepath.Join(s.staging, "old", "metrics.csv")},
		{filepath.Join(s.Dir(), "metrics.csv"), filepath.Join(out, "metrics.csv")},
	} {
		if err := os.Rename(step[0], step[1]); err != nil {
			t.Fatal(err)
		}
	}
	s.lock.Close() // the command is killed: its lock goes with it
}

func TestInterruptedSetFinished(t *testing.T) {
	out := t.TempDir()
	interrupted(t, out)
	note, err := Recover(out)
	if err != nil || !strings.Contains(note, "finished") {
		t.Fatalf("Recover: %q, %v", note, err)
	}
	if got := names(t, out); got != "metrics.csv peerstat-board.html" {
		t.Errorf("OUT holds %q, want the set's two files", got)
	}
	for name, want := range map[string]string{"metrics.csv": "new metrics", "peerstat-board.html": "new board"} {
		if got := read(t, filepath.Join(out, name)); got != want {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
	}
}

func TestInterruptedSetUndone(t *testing.T) {
	out := t.TempDir()
	interrupted(t, out)
	// The board cannot be put in place now (a folder took its name since
	// the kill): the set is undone.
	if err := os.Rename(filepath.Join(out, "peerstat-board.html"), filepath.Join(t.TempDir(), "board")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(out, "peerstat-board.html", "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	note, err := Recover(out)
	if err != nil || !strings.Contains(note, "undid") {
		t.Fatalf("Recover: %q, %v", note, err)
	}
	if got := read(t, filepath.Join(out, "metrics.csv")); got != "old metrics" {
		t.Errorf("metrics.csv: got %q, want the old file back", got)
	}
	if got := read(t, filepath.Join(out, "peerstat-mco-gone.html")); got != "old packet" {
		t.Errorf("the packet the set would remove: got %q, want it back", got)
	}
	if _, err := os.Stat(filepath.Join(out, StagingName)); err == nil {
		t.Errorf("staging folder left behind")
	}
}

// TestUnfinishedStagingDropped: a set killed while its files were still
// being written has no manifest; OUT was not touched and the staged files
// are dropped.
func TestUnfinishedStagingDropped(t *testing.T) {
	out := t.TempDir()
	write(t, filepath.Join(out, "metrics.csv"), "old")
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(s.Dir(), "metrics.csv"), "half")
	s.lock.Close() // the command is killed
	if _, err := Recover(out); err != nil {
		t.Fatal(err)
	}
	if got := names(t, out); got != "metrics.csv" || read(t, filepath.Join(out, "metrics.csv")) != "old" {
		t.Errorf("OUT holds %q, want the old metrics.csv alone", got)
	}
}

// TestRecoverLeavesALiveSet: a set whose command still holds its lock is
// another command at work, not leftovers: Recover refuses to touch it.
func TestRecoverLeavesALiveSet(t *testing.T) {
	out := t.TempDir()
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(s.Dir(), "metrics.csv"), "being written")
	if _, err := Recover(out); err == nil || !strings.Contains(err.Error(), "another peerstat is writing its outputs to "+out) {
		t.Errorf("Recover during another command's set: got %v, want a refusal", err)
	}
	if got := read(t, filepath.Join(s.Dir(), "metrics.csv")); got != "being written" {
		t.Errorf("the live set's file: %q", got)
	}
	if err := s.Commit(nil); err != nil {
		t.Fatal(err)
	}
	if got := names(t, out); got != "metrics.csv" {
		t.Errorf("OUT holds %q after the live set's commit", got)
	}
}
