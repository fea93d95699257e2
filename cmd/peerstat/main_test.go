package main

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

// peerstat runs the command in-process, as a user would from the shell.
func peerstat(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = realMain(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCommandLineMistakesExitTwo(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"frobnicate"}, `"frobnicate" is not a command`},
		{"run without data", []string{"run", "--out", t.TempDir()}, "--out is given without --data"},
		{"run without out", []string{"run", "--data", t.TempDir()}, "--data is given without --out"},
		{"metrics without out", []string{"metrics"}, "--out DIR is required"},
		{"bad packet", []string{"report", "--out", t.TempDir(), "--packet", "press"}, `--packet "press"`},
		{"bad min-cell", []string{"metrics", "--out", t.TempDir(), "--min-cell", "-3"}, "whole number"},
		{"stray argument", []string{"metrics", "--out", t.TempDir(), "extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := peerstat(t, tt.args...)
			if code != 2 {
				t.Errorf("exit status: got %d, want 2 (stderr: %s)", code, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr: got %q, want it to contain %q", stderr, tt.want)
			}
		})
	}
}

func TestMetricsWithoutDatabaseSaysWhatToDo(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := peerstat(t, "metrics", "--out", out)
	if code != 1 {
		t.Fatalf("exit status: got %d, want 1", code)
	}
	if !strings.Contains(stderr, "run 'peerstat ingest") {
		t.Errorf("stderr: got %q, want a sentence saying to ingest first", stderr)
	}
}

// TestRunSampleData runs the README's main job on sample_data/ twice and
// checks what a user gets: every output, owner-only files, every row of every
// file accounted for, and byte-identical metrics.csv.
func TestRunSampleData(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole sample agency")
	}
	first, second := t.TempDir(), t.TempDir()
	for _, out := range []string{first, second} {
		code, stdout, stderr := peerstat(t, "run", "--data", "../../sample_data", "--out", out)
		if out == second {
			// A double-click in a folder of exports whose name has a
			// space: no arguments, this folder in, ./peerstat-out out.
			here := filepath.Join(second, "Agency exports")
			copyDir(t, "../../sample_data", here)
			t.Chdir(here)
			fromTerminal = func() bool { return false }
			t.Cleanup(func() { fromTerminal = startedFromTerminal })
			code, stdout, stderr = peerstat(t)
			out = filepath.Join(here, "peerstat-out")
			second = out
		}
		if code != 0 {
			t.Fatalf("peerstat run: exit %d\nstderr: %s", code, stderr)
		}
		for _, name := range []string{"metrics.csv", "rejects.csv", "peerstat-board.xlsx", "peerstat-board.html", "peerstat.duckdb"} {
			path := filepath.Join(out, name)
			st, err := os.Stat(path)
			if err != nil {
				t.Fatalf("%s: %v (stdout: %s)", name, err, stdout)
			}
			if mode := st.Mode().Perm(); mode&0o077 != 0 {
				t.Errorf("%s: mode %v, want readable by the owner only", name, mode)
			}
			if !strings.Contains(stdout, path) {
				t.Errorf("stdout does not name %s: %s", path, stdout)
			}
		}
		written, err := os.ReadDir(out)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range written {
			if problem := windowsNameProblem(f.Name()); problem != "" {
				t.Errorf("%s: %s", f.Name(), problem)
			}
		}
		mco, _ := filepath.Glob(filepath.Join(out, "peerstat-mco-*.html"))
		if len(mco) == 0 {
			t.Errorf("no MCO packet written; stdout: %s", stdout)
		}
	}
	a, err := os.ReadFile(filepath.Join(first, "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(second, "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("metrics.csv differs between two runs on the same data")
	}
	records, err := csv.NewReader(bytes.NewReader(a)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(records[0], ","); got != "metric,program,grain,period_start,period_end,numerator,denominator,value,unit,suppressed" {
		t.Errorf("metrics.csv header: got %s", got)
	}
	if len(records) < 1000 {
		t.Errorf("metrics.csv rows: got %d, want the full set (over 1000)", len(records))
	}

	db, err := sql.Open("duckdb", filepath.Join(first, "peerstat.duckdb")+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rs, err := db.Query(`SELECT file, rows_read, rows_loaded, rows_rejected FROM run_files`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	files := 0
	for rs.Next() {
		var file string
		var read, loaded, rejected int64
		if err := rs.Scan(&file, &read, &loaded, &rejected); err != nil {
			t.Fatal(err)
		}
		files++
		if read != loaded+rejected {
			t.Errorf("%s: rows read %d != loaded %d + rejected %d", file, read, loaded, rejected)
		}
	}
	if files == 0 {
		t.Errorf("run log lists no files")
	}
}
