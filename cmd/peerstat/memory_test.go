package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/peerstat/peerstat/internal/dbmem"
)

// A machine (or container) of 1 GiB runs sample_data: DuckDB is given
// half of it, 512 MiB, and its block pool never more than that.
func TestRunInOneGiB(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the sample agency")
	}
	defer func(a func() dbmem.Machine) { dbmem.Available = a }(dbmem.Available)
	dbmem.Available = func() dbmem.Machine {
		return dbmem.Machine{Bytes: 1 << 30, Source: "the container's memory limit (cgroup memory.max)"}
	}
	out := t.TempDir()
	// --min-cell 0: this test is about memory, not about suppression.
	code, _, stderr := peerstat(t, "run", "--data", filepath.Join("..", "..", "sample_data"), "--out", out, "--min-cell", "0")
	if code != 0 {
		t.Fatalf("exit status: got %d, want 0 (stderr: %s)", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "metrics.csv")); err != nil {
		t.Fatalf("no metrics.csv: %v", err)
	}
	if got := dbmem.Applied(); got.Limit != 512<<20 {
		t.Errorf("DuckDB's memory limit in the run: got %d bytes, want %d (half of 1 GiB)", got.Limit, 512<<20)
	}
}
