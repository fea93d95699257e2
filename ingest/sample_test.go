package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/peerstat/peerstat/config"
)

// TestSampleData loads the repository's synthetic agency (sample_data/,
// written by `peerstat gen`): every file must load with no structural
// error, and every file's rows read = loaded + rejected.
func TestSampleData(t *testing.T) {
	dir := filepath.Join("..", "sample_data")
	entries, _ := os.ReadDir(dir)
	if len(entries) == 0 {
		t.Skip("sample_data/ is empty: run `peerstat gen --out sample_data` first")
	}
	cfgPath := filepath.Join(dir, "peerstat.toml")
	if _, err := os.Stat(cfgPath); err != nil {
		cfgPath = ""
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	db := openTestDB(t)
	res, err := Load(context.Background(), db, Options{DataDir: dir, Config: cfg, ConfigPath: cfgPath})
	if err != nil {
		t.Fatalf("load sample_data: %v", err)
	}
	byReason := map[string]int{}
	for _, r := range res.Rejects {
		byReason[r.Source+": "+r.Reason]++
	}
	for _, f := range res.Files {
		t.Logf("%-24s read %7d loaded %7d rejected %5d replaced %5d %v", f.File, f.RowsRead, f.RowsLoaded, f.RowsRejected, f.RowsReplaced, f.Duration)
		if f.RowsRead != f.RowsLoaded+f.RowsRejected {
			t.Errorf("%s: read %d, want loaded %d + rejected %d", f.File, f.RowsRead, f.RowsLoaded, f.RowsRejected)
		}
	}
	for reason, n := range byReason {
		t.Logf("rejects %-60s %d", reason, n)
	}
}
