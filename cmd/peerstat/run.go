package main

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/ingest"
	"github.com/peerstat/peerstat/internal/dbmem"
)

// runCommand is ingest, metrics and report in one: it loads DATA into the
// database and writes rejects.csv, metrics.csv and the packets into OUT as
// one set. Ctrl-C rolls the load back and leaves OUT as it was.
func runCommand(e env, args []string) (err error) {
	fs := newFlags("run", e)
	var o outputFlags
	var p packetFlags
	var data, profile string
	var strict bool
	fs.StringVar(&data, "data", "", "read the agency's export files from `DIR`")
	fs.StringVar(&profile, "profile", "", "mapping profile `FILE` for a vendor export (TOML); default DIR/peerstat-profile.toml, else the profile the last load stored")
	fs.BoolVar(&strict, "strict", false, "fail the run, loading nothing, when any row is rejected")
	o.register(fs)
	p.register(fs, false)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if data, o.out, err = defaultRunFolders(e, data, o.out); err != nil {
		return err
	}
	if err := o.check(); err != nil {
		return err
	}
	if err := p.check(); err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	if err := prepareOut(e, o.out); err != nil {
		return err
	}
	placed := false // this run's outputs are in OUT
	defer func() {
		if !placed {
			err = keptOutputs(o.out, stopped(ctx, err))
		}
	}()
	cfgPath := o.config
	if cfgPath == "" {
		if cfgPath, err = dataConfig(data); err != nil {
			return err
		}
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		return err
	}
	db, err := openForLoad(o.db)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := ingest.SetMemoryLimit(db.DB, cfg.MemoryLimit); err != nil {
		return err
	}
	// Settled only now: the database's lock keeps a second run on the
	// same OUT from taking this run's staged files for leftovers.
	if err := recoverOut(e, o.out); err != nil {
		return err
	}
	opts := ingest.Options{DataDir: data, ProfilePath: profile, Strict: strict, Config: cfg, ConfigPath: cfgPath, Command: "run"}
	if e.terminal {
		opts.Progress = e.stderr
	}
	loaded, err := ingest.Load(ctx, db.DB, opts)
	if err != nil {
		return db.failed(dbmem.OutOfMemory(err, "loading the data"))
	}
	reportLoad(e, loaded)
	fmt.Fprintln(e.stdout, o.db)
	if o.minCell.set {
		cfg.MinCell = o.minCell.value
	}
	all, err := computeRelease(ctx, e, db.DB, cfg)
	if err != nil {
		return dbmem.OutOfMemory(err, "computing the metrics")
	}
	rel, err := selectPackets(all, p)
	if err != nil {
		return err
	}
	err = writeOutputs(e, o.out, func(dir string) ([]string, error) {
		rejects := filepath.Join(dir, "rejects.csv")
		if err := ingest.WriteRejects(ctx, db.DB, rejects); err != nil {
			return nil, err
		}
		written := []string{rejects}
		paths, err := writeMetrics(e, dir, all.Board)
		if err != nil {
			return nil, err
		}
		written = append(written, paths...)
		paths, err = writeReports(dir, rel)
		return append(written, paths...), err
	})
	if err != nil {
		return dbmem.OutOfMemory(err, "writing the reports")
	}
	placed = true
	return checkLoss(ctx, db.DB)
}

// reportLoad tells the user, on stderr, what the load did: the files it
// read, added, changed and removed, and its warnings.
func reportLoad(e env, r ingest.Result) {
	var read, loaded, rejected, replaced int64
	files := 0
	changes := map[string][]string{}
	for _, f := range r.Files {
		if f.Change != ingest.ChangeUnchanged && f.Change != ingest.ChangeReloaded {
			changes[f.Change] = append(changes[f.Change], fmt.Sprintf("%s (%d rows)", f.File, f.RowsLoaded))
		}
		if f.Skipped {
			continue
		}
		files++
		read += f.RowsRead
		loaded += f.RowsLoaded
		rejected += f.RowsRejected
		replaced += f.RowsReplaced
	}
	if files == 0 {
		fmt.Fprintf(e.stderr, "the data folder is as it was at the last load (%d files): nothing read\n", len(r.Files))
	} else {
		fmt.Fprintf(e.stderr, "loaded %d files: %d rows read, %d loaded, %d rejected, %d replaced\n", files, read, loaded, rejected, replaced)
	}
	for _, change := range []string{ingest.ChangeAdded, ingest.ChangeChanged, ingest.ChangeRemoved} {
		if len(changes[change]) > 0 && len(changes[change]) < len(r.Files) {
			fmt.Fprintf(e.stderr, "%s: %s\n", change, strings.Join(changes[change], ", "))
		}
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(e.stderr, "warning: %s\n", w)
	}
	if n := len(r.Rejects); n > 0 {
		fmt.Fprintf(e.stderr, "warning: %d rows were rejected; rejects.csv says which and why\n", n)
	}
}

// loadTarget is a database opened to load into. When the file was made by
// this command and the load fails, failed removes it: a failed run leaves
// no empty database behind.
type loadTarget struct {
	*sql.DB
	path    string
	created bool
}

func openForLoad(path string) (*loadTarget, error) {
	_, err := os.Stat(path)
	created := errors.Is(err, fs.ErrNotExist)
	db, err := ingest.Open(path)
	if err != nil {
		if created {
			removeDatabase(path)
		}
		return nil, err
	}
	return &loadTarget{DB: db, path: path, created: created}, nil
}

// failed closes and removes a database this command created, and returns
// the load's error.
func (t *loadTarget) failed(err error) error {
	if !t.created {
		return err
	}
	t.DB.Close()
	removeDatabase(t.path)
	return err
}

func removeDatabase(path string) {
	for _, p := range []string{path, path + ".wal"} {
		os.Remove(p)
	}
}
