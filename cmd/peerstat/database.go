package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/ingest"
	"github.com/peerstat/peerstat/internal/dbmem"
	"github.com/peerstat/peerstat/metrics"
	"github.com/peerstat/peerstat/reports"
)

// interruptible is a context Ctrl-C cancels: a load rolls back, a run
// stops before its outputs are put in place.
func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

// stopped turns the error of a command Ctrl-C cancelled into a sentence:
// once the context is cancelled, whatever failed (a reader, a query)
// failed because of it.
func stopped(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil {
		return errors.New("stopped by Ctrl-C before it finished: a load it had begun was rolled back, and no output was replaced")
	}
	return err
}

// fromDatabase opens the database an ingest filled, resolves the settings,
// computes the agency's metrics and hands them to write. A failure before
// write has put its outputs in place leaves those in OUT as they were, and
// says so.
func fromDatabase(e env, o outputFlags, write func(context.Context, metrics.Release) error) (err error) {
	if err := o.check(); err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	db, err := openExisting(o.db)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := openOut(e, o.out); err != nil {
		return err
	}
	placed := false // the command's outputs are in OUT
	defer func() {
		if !placed {
			err = keptOutputs(o.out, stopped(ctx, err))
		}
	}()
	cfg, err := settings(db, o)
	if err != nil {
		return err
	}
	if err := ingest.SetMemoryLimit(db, cfg.MemoryLimit); err != nil {
		return err
	}
	rel, err := computeRelease(ctx, e, db, cfg)
	if err != nil {
		return dbmem.OutOfMemory(err, "computing the metrics")
	}
	if err := write(ctx, rel); err != nil {
		return dbmem.OutOfMemory(err, "writing the outputs")
	}
	placed = true
	return checkLoss(ctx, db)
}

// openExisting opens a database that an ingest has filled.
func openExisting(path string) (*sql.DB, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no database at %s: run 'peerstat ingest --data DIR --db %s' first, or name the database with --db", path, path)
		}
		return nil, err
	}
	return ingest.Open(path)
}

// settings are the config named by --config, else the one the last ingest
// stored, else the defaults; --min-cell overrides min_cell.
func settings(db *sql.DB, o outputFlags) (config.Config, error) {
	var cfg config.Config
	var err error
	if o.config != "" {
		cfg, err = config.Load(o.config)
	} else {
		cfg, err = storedConfig(db)
	}
	if err != nil {
		return cfg, err
	}
	if o.minCell.set {
		cfg.MinCell = o.minCell.value
	}
	return cfg, nil
}

func storedConfig(db *sql.DB) (config.Config, error) {
	var text string
	err := db.QueryRow(`SELECT toml FROM stored_config ORDER BY stored_at DESC LIMIT 1`).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return config.Default(), nil
	}
	if err != nil {
		return config.Config{}, fmt.Errorf("read the stored config: %w", err)
	}
	cfg, err := config.Parse([]byte(text))
	if err != nil {
		return cfg, fmt.Errorf("the config stored by the last ingest no longer reads (%v): give one with --config", err)
	}
	return cfg, nil
}

// computeRelease computes every scope the run publishes (the agency, each
// payer, the participants with no payer) and suppresses them as one,
// before anything is written: --packet and --payer only choose files, never
// the suppression pattern (METRICS.md "The release"). It says on stderr
// what suppression and its audit did.
func computeRelease(ctx context.Context, e env, db *sql.DB, cfg config.Config) (metrics.Release, error) {
	session, err := metrics.NewSession(ctx, db, cfg)
	if err != nil {
		return metrics.Release{}, err
	}
	defer session.Close()
	if e.terminal {
		session.Progress = e.stderr
	}
	session.CheckPayers = reports.CheckPayerNames
	start := time.Now()
	rel, err := session.Release(ctx)
	if err != nil {
		return rel, err
	}
	if e.terminal {
		fmt.Fprintf(e.stderr, "computed the metrics of %d scopes in %s\n", len(rel.Payers)+1, time.Since(start).Round(time.Millisecond))
	}
	if a := rel.Audit; rel.Board.Config.MinCell > 0 {
		fmt.Fprintf(e.stderr, "small-cell suppression: %d figures hidden in all packets, %d of them as complements; audit %s (%d groups of hidden counts, %d rounds)\n",
			a.Suppressed, a.Complements, a.Elapsed.Round(time.Millisecond), a.Components, a.Rounds)
	}
	return rel, nil
}
