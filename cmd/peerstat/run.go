package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/ingest"
	"github.com/peerstat/peerstat/internal/trace"
	"github.com/peerstat/peerstat/metrics"
	"github.com/peerstat/peerstat/reports"
)

// outputFlags are the flags metrics, report and run share.
type outputFlags struct {
	db, out, config string
	minCell         optionalInt
}

func (o *outputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&o.db, "db", "", "the DuckDB database `FILE` (default OUT/peerstat.duckdb)")
	fs.StringVar(&o.out, "out", "", "write outputs to `DIR` (required)")
	fs.StringVar(&o.config, "config", "", "settings `FILE` (default: the config stored by the last ingest)")
	fs.Var(&o.minCell, "min-cell", "suppress protected counts from 1 to `N`-1 (overrides min_cell; 0 turns suppression off)")
}

func (o *outputFlags) check() error {
	if o.out == "" {
		return usagef("--out DIR is required: the folder to write the outputs to")
	}
	if o.db == "" {
		o.db = filepath.Join(o.out, "peerstat.duckdb")
	}
	return nil
}

// optionalInt is an int flag that knows whether it was given.
type optionalInt struct {
	set   bool
	value int
}

func (o *optionalInt) String() string {
	if !o.set {
		return ""
	}
	return strconv.Itoa(o.value)
}

func (o *optionalInt) Set(s string) error {
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		return fmt.Errorf("%q is not a whole number of 0 or more", s)
	}
	o.set, o.value = true, v
	return nil
}

// packetFlags choose which reports to write.
type packetFlags struct {
	packet, payer string
}

func (p *packetFlags) register(fs *flag.FlagSet, withPayer bool) {
	fs.StringVar(&p.packet, "packet", "all", "which reports: `board`, mco or all")
	if withPayer {
		fs.StringVar(&p.payer, "payer", "", "write the MCO packet for this payer `NAME` only")
	}
}

func (p *packetFlags) check() error {
	switch p.packet {
	case "board", "mco", "all":
		return nil
	}
	return usagef("--packet %q: use board, mco or all", p.packet)
}

func metricsCommand(e env, args []string) error {
	fs := newFlags("metrics", e)
	var o outputFlags
	o.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return fromDatabase(e, o, func(rel metrics.Release) error {
		return writeMetrics(e, o.out, rel.Board)
	})
}

func reportCommand(e env, args []string) error {
	fs := newFlags("report", e)
	var o outputFlags
	var p packetFlags
	o.register(fs)
	p.register(fs, true)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := p.check(); err != nil {
		return err
	}
	return fromDatabase(e, o, func(rel metrics.Release) error {
		return writeReports(e, o.out, p, rel)
	})
}

// fromDatabase opens the database an ingest filled, resolves the settings,
// computes and suppresses the release and hands it to write.
func fromDatabase(e env, o outputFlags, write func(metrics.Release) error) error {
	if err := o.check(); err != nil {
		return err
	}
	db, err := openExisting(o.db)
	if err != nil {
		return err
	}
	defer db.Close()
	cfg, err := settings(db, o)
	if err != nil {
		return err
	}
	rel, err := computeRelease(context.Background(), e, db, cfg)
	if err != nil {
		return err
	}
	return write(rel)
}

func runCommand(e env, args []string) error {
	fs := newFlags("run", e)
	var o outputFlags
	var p packetFlags
	var data, profile string
	var strict bool
	fs.StringVar(&data, "data", "", "read the agency's export files from `DIR` (required)")
	fs.StringVar(&profile, "profile", "", "mapping profile `FILE` for a vendor export (TOML)")
	fs.BoolVar(&strict, "strict", false, "fail the run, loading nothing, when any row is rejected")
	o.register(fs)
	p.register(fs, false)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if data == "" {
		return usagef("--data DIR is required: the folder holding the export files")
	}
	if err := o.check(); err != nil {
		return err
	}
	if err := p.check(); err != nil {
		return err
	}
	if err := makeOutputDir(o.out); err != nil {
		return err
	}
	cfgPath := o.config
	if cfgPath == "" {
		if _, err := os.Stat(filepath.Join(data, "peerstat.toml")); err == nil {
			cfgPath = filepath.Join(data, "peerstat.toml")
		}
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		return err
	}
	db, err := ingest.Open(o.db)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	opts := ingest.Options{DataDir: data, ProfilePath: profile, Strict: strict, Config: cfg, ConfigPath: cfgPath, Command: "run"}
	if e.terminal {
		opts.Progress = e.stderr
	}
	loaded, err := ingest.Load(ctx, db, opts)
	if err != nil {
		return err
	}
	reportLoad(e, loaded)
	fmt.Fprintln(e.stdout, o.db)
	rejectsPath := filepath.Join(o.out, "rejects.csv")
	if err := ingest.WriteRejects(ctx, db, rejectsPath); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, rejectsPath)
	if o.minCell.set {
		cfg.MinCell = o.minCell.value
	}
	rel, err := computeRelease(ctx, e, db, cfg)
	if err != nil {
		return err
	}
	if err := writeMetrics(e, o.out, rel.Board); err != nil {
		return err
	}
	return writeReports(e, o.out, p, rel)
}

// reportLoad tells the user, on stderr, what the load did.
func reportLoad(e env, r ingest.Result) {
	var read, loaded, rejected, replaced int64
	for _, f := range r.Files {
		read += f.RowsRead
		loaded += f.RowsLoaded
		rejected += f.RowsRejected
		replaced += f.RowsReplaced
	}
	fmt.Fprintf(e.stderr, "loaded %d files: %d rows read, %d loaded, %d rejected, %d replaced\n", len(r.Files), read, loaded, rejected, replaced)
	if rejected > 0 {
		fmt.Fprintf(e.stderr, "warning: %d rows were rejected; rejects.csv says which and why\n", rejected)
	}
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
// payer, the participants with no payer) and suppresses them as one, before
// anything is written: --packet and --payer only choose files, never the
// suppression pattern. It says on stderr what suppression and its audit did.
func computeRelease(ctx context.Context, e env, db *sql.DB, cfg config.Config) (metrics.Release, error) {
	session, err := metrics.NewSession(ctx, db, cfg)
	if err != nil {
		return metrics.Release{}, err
	}
	defer session.Close()
	if e.terminal {
		session.Progress = e.stderr
	}
	start := time.Now()
	rel, err := session.Release(ctx)
	if err != nil {
		return rel, err
	}
	if e.terminal {
		fmt.Fprintf(e.stderr, "computed the metrics of %d packets in %s\n", 1+len(rel.Payers), time.Since(start).Round(time.Millisecond))
	}
	if a := rel.Audit; rel.Board.Config.MinCell > 0 {
		fmt.Fprintf(e.stderr, "small-cell suppression: %d figures hidden in all packets, %d of them as complements; audit %s (%d groups of hidden counts, %d rounds)\n",
			a.Suppressed, a.Complements, a.Elapsed.Round(time.Millisecond), a.Components, a.Rounds)
	}
	return rel, nil
}

func writeMetrics(e env, out string, res metrics.Result) error {
	if err := makeOutputDir(out); err != nil {
		return err
	}
	path := filepath.Join(out, "metrics.csv")
	if err := metrics.WriteCSV(path, res.Rows); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, path)
	if res.Config.MinCell == 0 {
		fmt.Fprintln(e.stderr, "warning: small-cell suppression is OFF (--min-cell 0): these outputs are for internal use only")
	}
	return nil
}

// writeReports writes the board packet and one MCO packet per payer (or the
// one payer asked for), each from its own scope's suppressed tables. Each
// packet is written on a goroutine of its own while the next is prepared;
// packets are still written, and named on stdout, one after another in
// order.
func writeReports(e env, out string, p packetFlags, rel metrics.Release) (err error) {
	if err := makeOutputDir(out); err != nil {
		return err
	}
	var writing chan error // the packet being written, if any
	wait := func() error {
		if writing == nil {
			return nil
		}
		err := <-writing
		writing = nil
		return err
	}
	write := func(packet func() error) error {
		if err := wait(); err != nil {
			return err
		}
		writing = make(chan error, 1)
		go func(done chan<- error) { done <- packet() }(writing)
		return nil
	}
	defer func() {
		if werr := wait(); err == nil {
			err = werr
		}
	}()
	all := rel.Board
	if p.packet == "board" || p.packet == "all" {
		if err := write(func() error {
			began := time.Now()
			if err := reports.WriteBoard(out, all); err != nil {
				return err
			}
			traceRender("board", began)
			fmt.Fprintln(e.stdout, filepath.Join(out, "peerstat-board.xlsx"))
			fmt.Fprintln(e.stdout, filepath.Join(out, "peerstat-board.html"))
			return nil
		}); err != nil {
			return err
		}
	}
	if p.packet == "board" {
		return nil
	}
	payers := rel.Payers
	if p.payer != "" {
		res, found := rel.Payer(p.payer)
		if !found {
			return fmt.Errorf("no participant has payer %q (payers in the data: %v)", p.payer, all.Payers)
		}
		payers = []metrics.Result{res}
	}
	if len(all.Payers) == 0 {
		return write(func() error {
			began := time.Now()
			if err := reports.WriteMCO(out, "", all); err != nil {
				return err
			}
			traceRender("mco", began)
			printPacket(e, out, "")
			return nil
		})
	}
	for _, res := range payers {
		res := res
		payer := res.Scope.Payer
		if err := write(func() error {
			began := time.Now()
			if err := reports.WriteMCO(out, payer, res); err != nil {
				return err
			}
			traceRender("mco "+payer, began)
			printPacket(e, out, payer)
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// traceRender times writing a packet's workbook and HTML for
// PEERSTAT_TRACE (the benchmark sums these lines: rendering alone, apart
// from computing the metrics).
func traceRender(packet string, began time.Time) { trace.Step(began, "render %s", packet) }

func printPacket(e env, out, payer string) {
	base := "peerstat-mco"
	if payer != "" {
		base += "-" + reports.PayerSlug(payer)
	}
	fmt.Fprintln(e.stdout, filepath.Join(out, base+".xlsx"))
	fmt.Fprintln(e.stdout, filepath.Join(out, base+".html"))
}

// makeOutputDir creates the output folder readable by the owner only.
func makeOutputDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create output folder: %w", err)
	}
	return nil
}
