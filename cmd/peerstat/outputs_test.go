package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// brokenData is a data folder whose participants file lacks a required
// column: the load fails and commits nothing.
func brokenData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "participants.csv"), []byte("participant_id,enrolled_on\nP1,2024-01-01\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestFailedRunLeavesNoDatabase: a run whose load fails removes the
// database it created, and writes nothing into OUT.
func TestFailedRunLeavesNoDatabase(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := peerstat(t, "run", "--data", brokenData(t), "--out", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr: %s", code, stderr)
	}
	if got := listDir(t, out); got != "" {
		t.Errorf("OUT after a failed first run holds %q, want nothing (no empty database)", got)
	}
	db := filepath.Join(t.TempDir(), "elsewhere.duckdb")
	code, _, stderr = peerstat(t, "ingest", "--data", brokenData(t), "--db", db)
	if code != 1 {
		t.Fatalf("ingest: exit %d, want 1; stderr: %s", code, stderr)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ingest that failed left %s behind (%v)", db, err)
	}
}

func listDir(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return strings.Join(names, " ")
}

// TestOutputsWrittenAsASet runs the sample agency, then checks what later
// commands do to its outputs: a failed run leaves them and says from when
// they are; a symbolic link at metrics.csv's path is replaced, not
// followed; a file that cannot be replaced stops the command before any
// output is replaced; report removes the packets it did not write and
// metrics all packets; modes read back.
func TestOutputsWrittenAsASet(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the sample agency")
	}
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := peerstat(t, "run", "--data", "../../sample_data", "--out", out)
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	if st, _ := os.Stat(out); st.Mode().Perm() != 0o700 {
		t.Errorf("OUT: mode %v, want 0700", st.Mode().Perm())
	}
	before := map[string][]byte{}
	for _, name := range []string{"metrics.csv", "rejects.csv", "peerstat-board.xlsx", "peerstat-mco-summit-care.html"} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		before[name] = data
	}
	unchanged := func(when string) {
		t.Helper()
		for name, data := range before {
			got, err := os.ReadFile(filepath.Join(out, name))
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("%s: %s changed (%v)", when, name, err)
			}
		}
		if _, err := os.Lstat(filepath.Join(out, ".peerstat-staging")); err == nil {
			t.Errorf("%s: staging folder left in OUT", when)
		}
	}

	t.Run("failed run", func(t *testing.T) {
		code, _, stderr := peerstat(t, "run", "--data", brokenData(t), "--out", out)
		if code != 1 || !strings.Contains(stderr, "The outputs in "+out+" were left as they were: they are from the run of ") {
			t.Errorf("exit %d, stderr %q: want 1 and a sentence saying when the outputs are from", code, stderr)
		}
		unchanged("after a failed run")
		if _, err := os.Stat(filepath.Join(out, "peerstat.duckdb")); err != nil {
			t.Errorf("the database an earlier run filled is gone: %v", err)
		}
	})

	t.Run("cannot replace", func(t *testing.T) {
		// A folder where the board workbook goes cannot be replaced.
		board := filepath.Join(out, "peerstat-board.html")
		saved := filepath.Join(t.TempDir(), "board.html")
		if err := os.Rename(board, saved); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(board, "x"), 0o700); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := peerstat(t, "report", "--out", out, "--min-cell", "0")
		if code != 1 || !strings.Contains(stderr, "cannot write "+board) || !strings.Contains(stderr, "nothing in "+out+" was replaced") {
			t.Errorf("exit %d, stderr %q: want 1 naming %s", code, stderr, board)
		}
		unchanged("after a report that could not replace the board")
		os.RemoveAll(board)
		if err := os.Rename(saved, board); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("packets not written are removed", func(t *testing.T) {
		for name, text := range map[string]string{"peerstat-mco-gone-payer.xlsx": "a payer no longer in the data", "notes.txt": "the user's"} {
			if err := os.WriteFile(filepath.Join(out, name), []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		code, stdout, stderr := peerstat(t, "report", "--out", out, "--packet", "board")
		if code != 0 {
			t.Fatalf("report: exit %d: %s", code, stderr)
		}
		if got := listDir(t, out); got != "metrics.csv notes.txt peerstat-board.html peerstat-board.xlsx peerstat.duckdb rejects.csv" {
			t.Errorf("after report --packet board OUT holds %q, want the board and no MCO packet; stdout %s", got, stdout)
		}
		os.Remove(filepath.Join(out, "notes.txt"))
	})

	t.Run("symlink and packets", func(t *testing.T) {
		elsewhere := filepath.Join(t.TempDir(), "keep.csv")
		if err := os.WriteFile(elsewhere, []byte("not peerstat's\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(out, "metrics.csv")
		os.Remove(path)
		if err := os.Symlink(elsewhere, path); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(out, 0o755); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := peerstat(t, "metrics", "--out", out)
		if code != 0 {
			t.Fatalf("metrics: exit %d: %s", code, stderr)
		}
		if !strings.Contains(stderr, "can be read by other accounts") {
			t.Errorf("no warning for an OUT others can read: %s", stderr)
		}
		if got, _ := os.ReadFile(elsewhere); string(got) != "not peerstat's\n" {
			t.Errorf("metrics.csv was written through the link (its target now holds %d bytes)", len(got))
		}
		st, err := os.Lstat(path)
		if err != nil || !st.Mode().IsRegular() || st.Mode().Perm() != 0o600 {
			t.Fatalf("metrics.csv: %v %v, want a regular file with mode 0600", st.Mode(), err)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, before["metrics.csv"]) {
			t.Errorf("metrics.csv differs from the run's")
		}
		if got := listDir(t, out); got != "metrics.csv peerstat.duckdb rejects.csv" {
			t.Errorf("after metrics OUT holds %q, want no packets (they came from another run); stdout %s", got, stdout)
		}
	})

	t.Run("interrupted set finished", func(t *testing.T) {
		// What a command killed while putting its files in place leaves:
		// the manifest, and a file still staged.
		staging := filepath.Join(out, ".peerstat-staging")
		for _, dir := range []string{"new", "old"} {
			if err := os.MkdirAll(filepath.Join(staging, dir), 0o700); err != nil {
				t.Fatal(err)
			}
		}
		files := map[string]string{
			"new/rejects.csv": "source,file,line,column,value,reason\n",
			"manifest.json":   `{"started": "2025-07-02T09:14:00Z", "place": ["rejects.csv"], "remove": []}`,
		}
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(staging, name), []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		code, _, stderr := peerstat(t, "metrics", "--out", out)
		if code != 0 || !strings.Contains(stderr, "finished putting in place the outputs of the interrupted run of 2025-07-02") {
			t.Errorf("metrics after an interrupted set: exit %d, stderr %q; want it finished and said so", code, stderr)
		}
		if got, _ := os.ReadFile(filepath.Join(out, "rejects.csv")); string(got) != files["new/rejects.csv"] {
			t.Errorf("rejects.csv: got %q, want the interrupted set's", got)
		}
		if _, err := os.Lstat(staging); err == nil {
			t.Errorf("staging folder left in OUT")
		}
	})
}

// TestFullDiskKeepsOutputs fills a size-limited filesystem (a tmpfs, where
// the test may mount one) so that metrics.csv cannot be written: the
// command fails naming the file, and the old metrics.csv is intact.
func TestFullDiskKeepsOutputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the sample agency")
	}
	out := t.TempDir()
	if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", out).Run(); err != nil {
		t.Skipf("cannot mount a size-limited filesystem here (%v); TestWriteFileErrorKeepsOld in internal/outset injects the writer error instead", err)
	}
	t.Cleanup(func() { exec.Command("umount", out).Run() })
	db := filepath.Join(t.TempDir(), "peerstat.duckdb")
	code, _, stderr := peerstat(t, "run", "--data", "../../sample_data", "--out", out, "--db", db, "--packet", "board")
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	old, err := os.ReadFile(filepath.Join(out, "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// Fill the disk, then free 64 KB: less than metrics.csv needs.
	filler := filepath.Join(out, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 64<<10)
	var size int64
	for {
		n, err := f.Write(chunk)
		size += int64(n)
		if err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			break
		}
	}
	if err := f.Truncate(size - 64<<10); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, _, stderr = peerstat(t, "metrics", "--db", db, "--out", out, "--min-cell", "0")
	if code != 1 || !strings.Contains(stderr, "no space left on device") || !strings.Contains(stderr, "metrics.csv") {
		t.Errorf("metrics on a full disk: exit %d, stderr %q; want 1 naming metrics.csv and the full disk", code, stderr)
	}
	if got, err := os.ReadFile(filepath.Join(out, "metrics.csv")); err != nil || !bytes.Equal(got, old) {
		t.Errorf("metrics.csv after the failed write: %d bytes (%v), want the old %d bytes", len(got), err, len(old))
	}
	if got := listDir(t, out); got != "filler metrics.csv peerstat-board.html peerstat-board.xlsx rejects.csv" {
		t.Errorf("OUT holds %q, want the old outputs and no staging or temporary files", got)
	}
}

// TestCtrlCStopsRun interrupts a run of the sample agency in a child
// process, as Ctrl-C does: the run stops with a sentence and exit 1 (not
// killed by the signal), its database, made by it, is gone, and no output
// was written.
func TestCtrlCStopsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the sample agency")
	}
	if os.Getenv("PEERSTAT_CTRLC_OUT") != "" {
		os.Exit(realMain([]string{"run", "--data", "../../sample_data", "--out", os.Getenv("PEERSTAT_CTRLC_OUT")}, os.Stdout, os.Stderr))
	}
	out := filepath.Join(t.TempDir(), "out")
	child := exec.Command(os.Args[0], "-test.run=^TestCtrlCStopsRun$")
	child.Env = append(os.Environ(), "PEERSTAT_CTRLC_OUT="+out)
	var stderr bytes.Buffer
	child.Stderr = &stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	// Interrupt once the run has made its database, as the load begins.
	for i := 0; i < 500; i++ {
		if _, err := os.Stat(filepath.Join(out, "peerstat.duckdb")); err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := child.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := child.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("child: %v, want exit status 1; stderr: %s", err, stderr.String())
	}
	t.Logf("child stderr: %s", stderr.String())
	if !strings.Contains(stderr.String(), "stopped by Ctrl-C") {
		t.Errorf("stderr: %s, want a sentence saying Ctrl-C stopped the run", stderr.String())
	}
	if got := listDir(t, out); got != "" {
		t.Errorf("OUT after Ctrl-C holds %q, want nothing", got)
	}
}
