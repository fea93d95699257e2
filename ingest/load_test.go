package ingest

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peerstat/peerstat/config"
)

// chicago is the config the tests load with: built-in instruments and a
// timezone, so timestamps with UTC offsets can be read.
func chicago() config.Config {
	cfg := config.Default()
	cfg.Timezone = "America/Chicago"
	return cfg
}

func load(t *testing.T, db *sql.DB, dir string, opts Options) Result {
	t.Helper()
	opts.DataDir = dir
	if opts.Config.Instruments == nil {
		opts.Config = chicago()
	}
	res, err := Load(context.Background(), db, opts)
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	for _, f := range res.Files {
		if f.RowsRead != f.RowsLoaded+f.RowsRejected {
			t.Errorf("%s: rows read %d, want loaded %d + rejected %d", f.File, f.RowsRead, f.RowsLoaded, f.RowsRejected)
		}
	}
	return res
}

// count runs a count query.
func count(t *testing.T, db *sql.DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// readGoldenRejects reads testdata/bad-rejects.csv: source,line,column,value,reason.
func readGoldenRejects(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "bad-rejects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range recs[1:] {
		out = append(out, strings.Join(r, "|"))
	}
	return out
}

func rejectLines(rejects []Reject) []string {
	var out []string
	for _, r := range rejects {
		out = append(out, strings.Join([]string{r.Source, fmt.Sprint(r.Line), r.Column, r.Value, r.Reason}, "|"))
	}
	return out
}

func TestBadRowsCSV(t *testing.T) {
	db := openTestDB(t)
	res := load(t, db, filepath.Join("testdata", "bad"), Options{})
	got, want := rejectLines(res.Rejects), readGoldenRejects(t)
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Errorf("reject %d:\n got %s\nwant %s", i, g, w)
		}
	}
}
