package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/ingest"
	"github.com/peerstat/peerstat/internal/dbmem"
)

// ingestCommand loads a data folder into the database and prints what each
// file did. The config is DATA/peerstat.toml when present (ingest has no
// --config: DATA.md), stored in the database for metrics and report.
func ingestCommand(e env, args []string) error {
	fs := newFlags("ingest", e)
	data := fs.String("data", "", "load the export files in `DIR` (required)")
	db := fs.String("db", "peerstat.duckdb", "the DuckDB database `FILE`, created when missing")
	profile := fs.String("profile", "", "mapping profile `FILE` for a vendor export (TOML; see ingest/PROFILES.md); default DIR/peerstat-profile.toml, else the profile the last load stored")
	strict := fs.Bool("strict", false, "fail the run, loading nothing, when any row is rejected")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *data == "" {
		return usagef("--data DIR is required: the folder holding the export files")
	}
	if st, err := os.Stat(*data); err != nil || !st.IsDir() {
		return fmt.Errorf("--data %s: not a folder", *data)
	}
	cfgPath, err := dataConfig(*data)
	if err != nil {
		return err
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		return err
	}
	database, err := openForLoad(*db)
	if err != nil {
		return err
	}
	defer database.Close()
	if err := ingest.SetMemoryLimit(database.DB, cfg.MemoryLimit); err != nil {
		return err
	}

	// Ctrl-C rolls the load back: nothing of the run is committed.
	ctx, stop := interruptible()
	defer stop()
	opts := ingest.Options{DataDir: *data, ProfilePath: *profile, Strict: *strict, Config: cfg, ConfigPath: cfgPath, Command: "ingest"}
	if e.terminal {
		opts.Progress = e.stderr
	}
	res, err := ingest.Load(ctx, database.DB, opts)
	if err != nil {
		return database.failed(stopped(ctx, dbmem.OutOfMemory(err, "loading the data")))
	}
	printLoad(e, res, *db)
	return checkLoss(ctx, database.DB)
}

// dataConfig is DATA/peerstat.toml when it exists, else "" (the defaults).
func dataConfig(data string) (string, error) {
	path := filepath.Join(data, "peerstat.toml")
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", nil
		}
		return "", err
	}
	return path, nil
}

// printLoad writes the per-file table (in load order, then the removed
// files), the load's warnings and the rejects to stdout.
func printLoad(e env, res ingest.Result, db string) {
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "file\tsource\tread\tloaded\trejected\treplaced\t")
	for _, f := range res.Files {
		switch {
		case f.Change == ingest.ChangeRemoved:
			fmt.Fprintf(w, "%s\t%s\t-\t-\t-\t-\t  removed from the folder: its %d rows taken out\n", f.File, f.Source, f.RowsLoaded)
		case f.SameAs != "":
			fmt.Fprintf(w, "%s\t%s\t-\t-\t-\t-\t  same bytes as %s: not read\n", f.File, f.Source, f.SameAs)
		case f.Skipped:
			fmt.Fprintf(w, "%s\t%s\t-\t-\t-\t-\t  unchanged since the last load\n", f.File, f.Source)
		default:
			fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%d\t%d\t  %s\n", f.File, f.Source, f.RowsRead, f.RowsLoaded, f.RowsRejected, f.RowsReplaced, f.Change)
		}
	}
	w.Flush()
	for _, warning := range res.Warnings {
		fmt.Fprintf(e.stderr, "warning: %s\n", warning)
	}
	rejected := len(res.Rejects)
	fmt.Fprintf(e.stdout, "run %d: %d rows rejected", res.RunID, rejected)
	if rejected == 0 {
		fmt.Fprintf(e.stdout, "; loaded into %s\n", db)
		return
	}
	fmt.Fprintf(e.stdout, "; loaded the rest into %s ('peerstat run' writes them all to OUT/rejects.csv)\n", db)
	for i, r := range res.Rejects {
		if i == 10 {
			fmt.Fprintf(e.stdout, "  … and %d more\n", len(res.Rejects)-10)
			break
		}
		fmt.Fprintf(e.stdout, "  %s\n", r)
	}
}
