package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/internal/dbmem"
	"github.com/peerstat/peerstat/internal/progress"
)

// Options says what one load reads and how.
type Options struct {
	DataDir     string
	ProfilePath string // "" = no profile
	Strict      bool   // any reject fails the run and loads nothing
	Config      config.Config
	ConfigPath  string    // where Config came from ("" = defaults); stored with it
	Progress    io.Writer // nil = no progress (set it only when stderr is a terminal)
	Command     string    // "ingest" or "run", for the run log
}

// FileResult is what loading one file did. For every file RowsRead =
// RowsLoaded + RowsRejected. RowsReplaced counts stored rows (from earlier
// files or runs) that rows of this file replaced.
type FileResult struct {
	Source, File, SHA256 string
	// Change is what happened to the file: ChangeAdded, ChangeChanged,
	// ChangeReloaded, ChangeUnchanged or ChangeRemoved.
	Change string
	// Skipped: the file was not read, its rows are as the run that read
	// it left them (unchanged, or the same bytes as an earlier file of
	// its source); for a removed file, the rows it had.
	Skipped bool
	// SameAs names the earlier file of the source with the same bytes.
	SameAs string
	// Modified is the time the file is ordered by (see planRun).
	Modified                                         time.Time
	RowsRead, RowsLoaded, RowsRejected, RowsReplaced int64
	Duration                                         time.Duration
}

// Result is what a run did.
type Result struct {
	RunID int64
	// Files in load order, then the files removed from the folder.
	Files []FileResult
	// Rejects of every file version now loaded (rejects.csv).
	Rejects []Reject
	// Warnings are run-log lines for a person to read: a file no profile
	// section reads, a map pattern that matched nothing, files whose name
	// order and time order disagree, …
	Warnings []string
	// Order is the load order, as the run log gives it.
	Order string
}

// Reject is a row that was not loaded and why. Line counts the header as
// line 1; Column is named as the file names it.
type Reject struct {
	Source, File string
	Line         int64
	Column       string
	Value        string
	Reason       string
}

func (r Reject) String() string {
	if r.Column == "" {
		return fmt.Sprintf("%s line %d: %q: %s", r.File, r.Line, r.Value, r.Reason)
	}
	return fmt.Sprintf("%s line %d, column %s: %q: %s", r.File, r.Line, r.Column, r.Value, r.Reason)
}

// Load reads every file of the data folder into db in one transaction:
// rows, rejects, the run log and the resolved config commit together or
// not at all. A structural problem (a file that cannot be read as its
// source) fails the run with a sentence naming the file and the fix; a row
// that breaks a rule is rejected and the run goes on, unless opts.Strict.
// Files are read and typed into temporary tables before the transaction
// begins; only what the transaction commits reaches the database.
func Load(ctx context.Context, db *sql.DB, opts Options) (Result, error) {
	started := time.Now()
	if opts.Config.Instruments == nil {
		opts.Config = config.Default()
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return Result{}, err
	}
	defer conn.Close()
	chosen, profileNotes, err := chooseProfile(ctx, conn, opts)
	if err != nil {
		return Result{}, err
	}
	prof := chosen.profile
	files, notes, err := findFiles(opts.DataDir, prof)
	if err != nil {
		return Result{}, err
	}
	notes = append(profileNotes, notes...)
	l := &loader{conn: conn, prof: prof, profile: chosen, opts: opts, loc: opts.Config.Location(), tr: newTracer()}
	began, committed := false, false
	defer func() {
		if began && !committed {
			// Roll back even when ctx was cancelled.
			_, _ = conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
		if !committed {
			// The parts read before the transaction were committed
			// then; without the load they belong to nothing.
			for _, t := range l.readParts {
				_, _ = conn.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS main."+quoteIdent(t))
			}
		}
		l.dropTemporary(context.WithoutCancel(ctx))
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), "RESET max_vacuum_tasks")
		if l.tmpDir != "" {
			_ = os.RemoveAll(l.tmpDir)
		}
	}()
	if err := l.setUp(ctx); err != nil {
		return Result{}, err
	}
	if err := dropStrayTables(ctx, conn); err != nil {
		return Result{}, fmt.Errorf("drop what an unfinished run left: %w", err)
	}
	plan, err := l.planRun(ctx, files)
	if err != nil {
		return Result{}, err
	}
	files = plan.files
	var reading []dataFile
	for _, f := range files {
		if plan.reads(f) {
			reading = append(reading, f)
		}
	}
	if err := dbmem.PoolForInput(ctx, conn, inputBytes(reading)); err != nil {
		return Result{}, err
	}
	bar := progress.New(opts.Progress, "", 2*len(files)+1)
	defer bar.Done()

	// First every file of a rebuilt source is read and typed into a
	// temporary table of its own, before the transaction: DuckDB scans a
	// table written inside a transaction on one thread, and the checks and
	// the insert scan these tables. Reading touches no stored table, so a
	// run stopped here leaves the database as it was.
	preps := make([]*prepared, len(files))
	inRun := map[string]string{} // source and SHA-256 -> the first file with them
	for _, f := range files {
		if !plan.reads(f) && f.sha256 != "" {
			inRun[f.src.name+" "+f.sha256] = f.name
		}
	}
	ahead := l.fingerprintAhead(files, plan.reads)
	defer ahead.stop()
	for i, f := range files {
		bar.Step(i, "read "+f.name)
		if !plan.reads(f) {
			preps[i] = &prepared{f: f, index: i, fr: FileResult{Source: f.src.name, File: f.name, SHA256: f.sha256,
				Change: ChangeUnchanged, Skipped: true}}
			continue
		}
		p, err := l.prepare(ctx, i, ahead.next(f), inRun)
		if err != nil {
			return Result{}, err
		}
		p.fr.Change = plan.changeOf(f, p.fr.SHA256)
		preps[i] = p
	}

	// Then, in one transaction: the rebuilt sources' earlier rows taken
	// out, and the checks against stored rows, the replacing and the
	// inserts, file by file in order.
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return Result{}, err
	}
	began = true
	if err := l.clearSources(ctx, plan.rebuild); err != nil {
		return Result{}, err
	}
	res := Result{RunID: l.run, Order: plan.orderList()}
	l.plan = plan
	sameAs := map[string]string{}
	l.warnings = append(l.warnings, notes...)
	for _, p := range preps {
		l.warnings = append(l.warnings, p.warnings...)
	}
	for i, p := range preps {
		bar.Step(len(files)+i, "load "+p.f.name)
		p.fr.Modified = plan.order[versionKey(p.f.src.name, p.f.name)]
		fr, err := l.loadFile(ctx, p)
		if err != nil {
			return Result{}, err
		}
		if fr.SameAs != "" {
			sameAs[versionKey(p.f.src.name, p.f.name)] = fr.SameAs
		}
		res.Files = append(res.Files, fr)
	}
	l.warnings = append(l.warnings, plan.rebuildOrderWarnings()...)
	if err := l.recordVersions(ctx, plan, res.Files, sameAs); err != nil {
		return Result{}, fmt.Errorf("record the file versions: %w", err)
	}
	for _, fr := range plan.removedFiles() {
		if err := l.logFile(ctx, fr); err != nil {
			return Result{}, err
		}
		res.Files = append(res.Files, fr)
	}
	res.Warnings = l.warnings
	for _, w := range res.Warnings {
		if _, err := conn.ExecContext(ctx, "INSERT INTO run_warnings VALUES (?, ?)", l.run, w); err != nil {
			return Result{}, err
		}
	}
	bar.Step(2*len(files), "save the database")
	if err := l.compactParts(ctx); err != nil {
		return Result{}, err
	}
	l.tr.mark("compact parts")
	if res.Rejects, err = l.runRejects(ctx); err != nil {
		return Result{}, err
	}
	if opts.Strict && len(res.Rejects) > 0 {
		return Result{}, strictError(res.Rejects)
	}
	if err := l.logRun(ctx, started); err != nil {
		return Result{}, err
	}
	l.tr.mark("run log")
	if err := l.settleVacuum(ctx, res.Files); err != nil {
		return Result{}, err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return Result{}, fmt.Errorf("commit the load: %w", err)
	}
	committed = true
	l.tr.mark("commit")
	// Write the load into the database file now, under the progress bar,
	// rather than silently when the database is closed.
	if _, err := conn.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return res, fmt.Errorf("save the load: %w", err)
	}
	l.tr.mark("checkpoint")
	// The commit may have created the write-ahead log.
	var dbPath sql.NullString
	if err := conn.QueryRowContext(ctx, "SELECT path FROM duckdb_databases() WHERE database_name = current_database()").Scan(&dbPath); err == nil {
		if err := privateFiles(dbPath.String); err != nil {
			return res, err
		}
	}
	return res, nil
}

// strictError names the first rejects of a strict run.
func strictError(rejects []Reject) error {
	var first []string
	for i, r := range rejects {
		if i == 5 {
			break
		}
		first = append(first, r.String())
	}
	more := ""
	if len(rejects) > 5 {
		more = fmt.Sprintf("; and %d more", len(rejects)-5)
	}
	return fmt.Errorf("--strict: %d rows rejected, so nothing was loaded: %s%s", len(rejects), strings.Join(first, "; "), more)
}

// loader holds one run's connection (inside its transaction) and settings.
type loader struct {
	conn    *sql.Conn
	prof    *Profile
	profile chosenProfile // prof's text and where it came from (see chooseProfile)
	opts    Options
	loc     *time.Location
	run     int64
	tr      *tracer
	// readParts are the part tables read before the transaction (see
	// parts.go), dropped when the load does not commit.
	readParts []string
	// tmpDir holds UTF-8 copies of files in other encodings (see decode);
	// "" until one is needed, removed when the load ends.
	tmpDir   string
	plan     *runPlan
	warnings []string
	// deleted: the load took stored rows out (a rebuilt source's earlier
	// rows, or rows a file replaced); see settleVacuum.
	deleted bool
}

// settleVacuum decides whether the checkpoint that follows the commit may
// vacuum: rewrite runs of partly filled row groups into fewer full ones.
// That is how DuckDB reclaims the space of deleted rows, so a load that
// deleted stored rows lets it. Otherwise the only partly filled row groups
// are those of the parts just read (each CSV buffer of a file ends in
// one), and merging them rewrites up to a third of the new rows for no
// change in what is stored: at a million services that was about 0.5 s of
// a 9 s load. The setting holds for the database (DuckDB has no
// per-connection vacuum), so the deferred reset in Load restores it.
func (l *loader) settleVacuum(ctx context.Context, files []FileResult) error {
	vacuum := l.deleted
	for _, fr := range files {
		if fr.RowsReplaced > 0 {
			vacuum = true
		}
	}
	if vacuum {
		return nil
	}
	_, err := l.conn.ExecContext(ctx, "SET max_vacuum_tasks = 0")
	return err
}

// setUp creates the value rules and the run's variables on the connection.
func (l *loader) setUp(ctx context.Context) error {
	macros, err := sqlFiles.ReadFile("sql/macros.sql")
	if err != nil {
		return err
	}
	if _, err := l.conn.ExecContext(ctx, string(macros)); err != nil {
		return fmt.Errorf("set up value rules: %w", err)
	}
	var tz any
	if l.loc != nil {
		tz = l.opts.Config.Timezone
	}
	names := sortedKeys(l.opts.Config.Instruments)
	keys := make([]string, len(names))
	summed := []string{}
	for i, n := range names {
		keys[i] = strings.ToLower(n)
		if l.opts.Config.Instruments[n].Summed() {
			summed = append(summed, n)
		}
	}
	for _, v := range []struct {
		name  string
		value any
	}{
		{"ps_timezone", tz},
		{"ps_roles", config.Roles},
		{"ps_settings", config.Settings},
		{"ps_activities", config.Activities},
		{"ps_termination_types", terminationTypes},
		{"ps_instrument_names", names},
		{"ps_instrument_keys", keys},
		{"ps_summed_instruments", summed},
		{"ps_assessment_kinds", config.AssessmentKinds},
		{"ps_housing", config.HousingStatuses},
		{"ps_employment", config.EmploymentStatuses},
	} {
		if err := l.setVariable(ctx, v.name, v.value); err != nil {
			return err
		}
	}
	if _, err := l.conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE ps_instruments
		(name VARCHAR, lo INTEGER, hi INTEGER, na INTEGER[], items INTEGER[])`); err != nil {
		return err
	}
	for _, name := range names {
		in := l.opts.Config.Instruments[name]
		if _, err := l.conn.ExecContext(ctx, "INSERT INTO ps_instruments VALUES (?, ?, ?, ?::INTEGER[], ?::INTEGER[])",
			name, in.Min(), in.Max(), intList(in.NA), intList(in.Items())); err != nil {
			return err
		}
	}
	if _, err := l.conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE ps_column_names (canonical VARCHAR, in_file VARCHAR);
		CREATE OR REPLACE TEMP TABLE ps_line_steps (row_from BIGINT, off BIGINT);
		CREATE OR REPLACE TEMP TABLE ps_same_section (file VARCHAR)`); err != nil {
		return err
	}
	return l.conn.QueryRowContext(ctx, "SELECT coalesce(max(run_id), 0) + 1 FROM run_log").Scan(&l.run)
}

// intList writes a list of ints as DuckDB list text, e.g. [1, 2].
func intList(v []int) string {
	parts := make([]string, len(v))
	for i, n := range v {
		parts[i] = fmt.Sprint(n)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// setVariable sets a DuckDB variable the SQL checks read with getvariable.
func (l *loader) setVariable(ctx context.Context, name string, value any) error {
	var literal string
	switch v := value.(type) {
	case nil:
		literal = "NULL"
	case string:
		literal = quote(v)
	case int64, bool:
		literal = fmt.Sprint(v)
	case []string:
		parts := make([]string, len(v))
		for i, s := range v {
			parts[i] = quote(s)
		}
		literal = "[" + strings.Join(parts, ", ") + "]::VARCHAR[]"
	default:
		return fmt.Errorf("variable %s: unsupported type %T", name, value)
	}
	_, err := l.conn.ExecContext(ctx, fmt.Sprintf("SET VARIABLE %s = %s", name, literal))
	return err
}

// quote is a SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// quoteIdent is a SQL identifier.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// prepared is a file read and typed, waiting for its checks and load.
type prepared struct {
	f      dataFile
	index  int // its place in the run
	fr     FileResult
	read   time.Duration // time spent reading and typing it
	staged staging
	// table holds its typed rows (see check): a temporary table, or, for
	// a source stored in parts, the file's part.
	table string
	// answers is its temporary table of survey answers, one row per
	// answer ("" when it has no answer columns).
	answers string
	// warnings about how the profile read it (see fileLayout.mapWarnings).
	warnings []string
}

// prepare reads one file into its temporary table, typed, with the
// problems of single values already found. A file with the same bytes as
// an earlier file of its source in the run is not read: loading the same
// bytes again would change nothing.
func (l *loader) prepare(ctx context.Context, i int, fp fingerprinted, inRun map[string]string) (*prepared, error) {
	began := time.Now()
	f := fp.f
	p := &prepared{f: f, index: i, fr: FileResult{Source: f.src.name, File: f.name}}
	if fp.err != nil {
		return nil, fp.err
	}
	sum, scan := fp.sum, fp.scan
	p.fr.SHA256 = sum
	l.tr.mark("%s: fingerprint (waited for)", f.name)
	if first, ok := inRun[f.src.name+" "+sum]; ok {
		p.fr.Skipped, p.fr.SameAs = true, first
		p.read = time.Since(began)
		return p, nil
	}
	inRun[f.src.name+" "+sum] = f.name
	var err error
	if p.staged, err = l.stage(ctx, f, scan); err != nil {
		return nil, err
	}
	p.warnings = p.staged.warnings
	p.staged.checkedDDL = "TEMP TABLE temp.checked"
	if storedInParts(f.src.name) {
		p.staged.checkedDDL = "TABLE main.checked"
	}
	if err := l.check(ctx, f, &p.staged); err != nil {
		return nil, err
	}
	if p.staged.answers != "" && hasBlock(f.src.name, "answers table") {
		if _, err := l.conn.ExecContext(ctx, p.staged.expander()(sqlBlock(f.src.name, "answers table"))); err != nil {
			return nil, fmt.Errorf("read the answers of %s: %w", f.name, err)
		}
		p.answers = fmt.Sprintf("answers_%d", i)
		if _, err := l.conn.ExecContext(ctx, "ALTER TABLE answers RENAME TO "+p.answers); err != nil {
			return nil, err
		}
		l.tr.mark("%s: answers table", f.name)
	}
	p.table = fmt.Sprintf("checked_%d", i)
	if storedInParts(f.src.name) {
		p.table = partTable(f.src.name, l.run, i)
		l.readParts = append(l.readParts, p.table)
	}
	checked := strings.TrimPrefix(strings.TrimPrefix(p.staged.checkedDDL, "TEMP "), "TABLE ")
	if _, err := l.conn.ExecContext(ctx, "ALTER TABLE "+checked+" RENAME TO "+p.table); err != nil {
		return nil, err
	}
	p.read = time.Since(began)
	return p, nil
}

// loadFile checks a prepared file's rows against the stored ones and
// each other, replaces and inserts the rows that pass, and records the
// rejects and the file in the run log. It runs inside the transaction.
func (l *loader) loadFile(ctx context.Context, p *prepared) (FileResult, error) {
	began := time.Now()
	f, fr, staged := p.f, p.fr, &p.staged
	if fr.Skipped {
		fr.Duration = p.read
		return fr, l.logFile(ctx, fr)
	}
	for _, v := range []struct {
		name  string
		value any
	}{{"ps_run", l.run}, {"ps_source", f.src.name}, {"ps_file", f.name}, {"ps_row_base", staged.rowBase}} {
		if err := l.setVariable(ctx, v.name, v.value); err != nil {
			return fr, err
		}
	}
	if err := l.nameColumns(ctx, staged.inFile); err != nil {
		return fr, err
	}
	if err := l.sameSection(ctx, f); err != nil {
		return fr, err
	}
	if _, err := l.conn.ExecContext(ctx, "DROP TABLE IF EXISTS temp.checked; ALTER TABLE "+p.table+" RENAME TO checked"); err != nil {
		return fr, err
	}
	if p.answers != "" {
		if _, err := l.conn.ExecContext(ctx, "DROP TABLE IF EXISTS answers; ALTER TABLE "+p.answers+" RENAME TO answers"); err != nil {
			return fr, err
		}
	} else if f.src.answers {
		// A file without item columns answers nothing.
		if _, err := l.conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE answers
			(r BIGINT, item INTEGER, answer_text VARCHAR, answer INTEGER)`); err != nil {
			return fr, err
		}
	}
	if err := l.recordReaderRejects(ctx, staged); err != nil {
		return fr, err
	}
	if err := l.checkStored(ctx, f, staged); err != nil {
		return fr, err
	}
	l.tr.mark("%s: other checks", f.name)
	if err := l.conn.QueryRowContext(ctx,
		"SELECT count(*), count(*) FILTER (WHERE problem IS NOT NULL) FROM checked").Scan(&fr.RowsRead, &fr.RowsRejected); err != nil {
		return fr, err
	}
	fr.RowsRead += int64(len(staged.readerRejects))
	fr.RowsRejected += int64(len(staged.readerRejects))
	fr.RowsLoaded = fr.RowsRead - fr.RowsRejected
	l.tr.mark("%s: count", f.name)
	replacedFrom, err := l.replace(ctx, f)
	if err != nil {
		return fr, err
	}
	for _, file := range sortedKeys(replacedFrom) {
		fr.RowsReplaced += replacedFrom[file]
		if w := l.plan.replacedRows(f, file, replacedFrom[file]); w != "" {
			l.warnings = append(l.warnings, w)
		}
	}
	l.tr.mark("%s: replace", f.name)
	for _, block := range []string{"insert", "insert answers"} {
		if stmt := sqlBlock(f.src.name, block); strings.TrimSpace(stmt) != "" && (block == "insert" || staged.answers != "") {
			if _, err := l.conn.ExecContext(ctx, stmt); err != nil {
				return fr, fmt.Errorf("load %s: %w", f.name, err)
			}
		}
	}
	l.tr.mark("%s: insert", f.name)
	if _, err := l.conn.ExecContext(ctx, f.src.sharedSQL("rejects")); err != nil {
		return fr, fmt.Errorf("record rejects of %s: %w", f.name, err)
	}
	l.tr.mark("%s: rejects", f.name)
	if storedInParts(f.src.name) {
		if err := l.keepPart(ctx, p, fr); err != nil {
			return fr, fmt.Errorf("keep the rows of %s: %w", f.name, err)
		}
		l.tr.mark("%s: keep part", f.name)
	}
	fr.Duration = p.read + time.Since(began)
	return fr, l.logFile(ctx, fr)
}

// replace deletes the stored rows the file's rows replace and counts
// them by the file they came from. A first load into an empty table has
// nothing to replace, nor has a file whose source's "replace probe" finds
// no stored row it could replace.
func (l *loader) replace(ctx context.Context, f dataFile) (map[string]int64, error) {
	probe := "SELECT EXISTS (FROM " + f.src.name + ")"
	if hasBlock(f.src.name, "replace probe") {
		probe = sqlBlock(f.src.name, "replace probe")
	}
	var stored bool
	if err := l.conn.QueryRowContext(ctx, probe).Scan(&stored); err != nil || !stored {
		return nil, err
	}
	if storedInParts(f.src.name) {
		return l.replaceInParts(ctx, f)
	}
	from, err := l.countByFile(ctx, f.src.sharedSQL("replaced files"))
	if err != nil || len(from) == 0 {
		return nil, err
	}
	if f.src.answers {
		if _, err := l.conn.ExecContext(ctx, f.src.sharedSQL("replace answers")); err != nil {
			return nil, fmt.Errorf("load %s: %w", f.name, err)
		}
	}
	if _, err := l.conn.ExecContext(ctx, f.src.sharedSQL("replace")); err != nil {
		return nil, fmt.Errorf("load %s: %w", f.name, err)
	}
	return from, nil
}

// sameSection fills ps_same_section with the files of f's source that
// the same profile section reads (or, for f read without one, the other
// files read without one): between them a file replaces whole units.
func (l *loader) sameSection(ctx context.Context, f dataFile) error {
	if _, err := l.conn.ExecContext(ctx, "DELETE FROM ps_same_section"); err != nil {
		return err
	}
	for _, g := range l.plan.files {
		if g.src.name == f.src.name && g.sec == f.sec {
			if _, err := l.conn.ExecContext(ctx, "INSERT INTO ps_same_section VALUES (?)", g.name); err != nil {
				return err
			}
		}
	}
	return nil
}

// countByFile runs a query of (file, rows) pairs into a map.
func (l *loader) countByFile(ctx context.Context, query string) (map[string]int64, error) {
	rows, err := l.conn.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var file string
		var n int64
		if err := rows.Scan(&file, &n); err != nil {
			return nil, err
		}
		out[file] += n
	}
	return out, rows.Err()
}

// expander fills a source's SQL with the file's answer columns, its
// checks in the file's column order (inFileOrder), and its punch columns
// (timesheets' clock_in and clock_out) when it has them: {{punch_columns}}
// keeps them in the checked table, {{clock_in}} and {{clock_out}} read
// them there, NULL for a file without them.
func (st *staging) expander() func(string) string {
	answers, answerList := "", ""
	if st.answers != "" {
		answers, answerList = ", "+st.answers, st.answers
	}
	punchColumns, clockIn, clockOut := "", "NULL::VARCHAR", "NULL::VARCHAR"
	if st.punches {
		punchColumns, clockIn, clockOut = ", clock_in, clock_out", "clock_in", "clock_out"
	}
	fill := strings.NewReplacer("{{answers}}", answers, "{{answer_list}}", answerList, "{{checked}}", st.checkedDDL,
		"{{punch_columns}}", punchColumns, "{{clock_in}}", clockIn, "{{clock_out}}", clockOut).Replace
	return func(text string) string { return inFileOrder(fill(text), st.columnAt) }
}

// check reads the staged rows into `checked`, typed, with the problems of
// single values (a date that is not a date, a missing value), and settles
// each row's line. It reads no stored table.
func (l *loader) check(ctx context.Context, f dataFile, staged *staging) error {
	if err := l.checkRows(ctx, f, staged); err != nil {
		return readError(f, err)
	}
	l.tr.mark("%s: read and type", f.name)
	if err := l.recheck(ctx, f, staged); err != nil {
		return err
	}
	if err := l.quoteFileValues(ctx, f, staged); err != nil {
		return err
	}
	if err := l.settleRowOrder(ctx, staged); err != nil {
		return err
	}
	if staged.textScan != nil {
		if err := l.collectReaderRejects(ctx, staged.textScan, staged); err != nil {
			return err
		}
	}
	if len(staged.steps) > 0 {
		if err := l.renumber(ctx, staged); err != nil {
			return err
		}
	}
	var line int64
	var col, value string
	err := l.conn.QueryRowContext(ctx, sqlBlock("common", "timezone")).Scan(&line, &col, &value)
	if err == nil {
		if n, ok := staged.inFile[col]; ok {
			col = n
		}
		return fmt.Errorf("%s line %d, column %s: %q has a UTC offset, but no timezone is set to convert it to local time; set timezone in peerstat.toml (e.g. timezone = \"America/Chicago\")", f.name, line, col, value)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return nil
}

// checkRows runs the source's check block into `checked`. A part (see
// parts.go) is written without the columns that are NULL in every row of
// the file (emptyColumns): they are declared as virtual columns that read
// NULL, which spares writing millions of empty values (on 10M timesheet
// rows without entry_id or punches, 0.6 s of CPU).
func (l *loader) checkRows(ctx context.Context, f dataFile, staged *staging) error {
	empty := emptyColumns(f.src.name, staged.absent)
	if staged.checkedDDL != "TABLE main.checked" || len(empty) == 0 {
		_, err := l.conn.ExecContext(ctx, foldAbsent(staged.expander()(sqlBlock(f.src.name, "check")), staged.absent))
		return err
	}
	rows := *staged
	rows.checkedDDL = "TEMP VIEW ps_check_rows"
	if _, err := l.conn.ExecContext(ctx, foldAbsent(rows.expander()(sqlBlock(f.src.name, "check")), staged.absent)); err != nil {
		return err
	}
	cols, err := l.conn.QueryContext(ctx, "SELECT column_name, column_type FROM (DESCRIBE ps_check_rows)")
	if err != nil {
		return err
	}
	var defs, written []string
	for cols.Next() {
		var name, typ string
		if err := cols.Scan(&name, &typ); err != nil {
			cols.Close()
			return err
		}
		if empty[name] {
			defs = append(defs, fmt.Sprintf("%s %s GENERATED ALWAYS AS (CAST(NULL AS %s)) VIRTUAL", quoteIdent(name), typ, typ))
			continue
		}
		defs = append(defs, quoteIdent(name)+" "+typ)
		written = append(written, quoteIdent(name))
	}
	cols.Close()
	if err := cols.Err(); err != nil {
		return err
	}
	list := strings.Join(written, ", ")
	_, err = l.conn.ExecContext(ctx, fmt.Sprintf("CREATE OR REPLACE TABLE main.checked (%s); INSERT INTO main.checked (%s) SELECT %s FROM ps_check_rows; DROP VIEW ps_check_rows",
		strings.Join(defs, ", "), list, list))
	return err
}

// foldAbsent gives the value rules of a check block a NULL constant, not
// the column, for each staging column the file does not have (absent:
// `src` gives it as NULL in every row), so DuckDB works each such rule out
// once instead of once a row: it does not carry a view's constant column
// into the expressions over it. A rule is a one-argument ps_ macro, and
// ps_ts(NULL) is what ps_ts(end_time) is on every row of such a file. On
// 3.7M services without start_time and end_time, the check took 7.4 s of
// CPU with the rules over the columns, 6.5 s with the constants (the
// floor, DuckDB's own typed read: 6.4 s).
func foldAbsent(block string, absent map[string]bool) string {
	var names []string
	for _, c := range sortedKeys(absent) {
		if c != "line" {
			names = append(names, regexp.QuoteMeta(c))
		}
	}
	if len(names) == 0 {
		return block
	}
	rule := regexp.MustCompile(`\b(ps_[a-z_]+)\((` + strings.Join(names, "|") + `)\)`)
	return rule.ReplaceAllString(block, "${1}(NULL::VARCHAR)")
}

// recheck makes a row's reported problem its first in the file's column
// order when the Go reader found one (a value a profile could not
// convert): the SQL checks run again on those rows without it, and a
// problem they find in an earlier column of the file takes its place.
// Only rows with such a problem are read again.
func (l *loader) recheck(ctx context.Context, f dataFile, staged *staging) error {
	if !staged.goPath {
		return nil
	}
	var found bool
	if err := l.conn.QueryRowContext(ctx, "SELECT EXISTS (FROM stg WHERE pre_reason IS NOT NULL)").Scan(&found); err != nil || !found {
		return err
	}
	if _, err := l.conn.ExecContext(ctx, `CREATE OR REPLACE TEMP VIEW src AS
		SELECT * REPLACE (NULL::VARCHAR AS pre_column, NULL::VARCHAR AS pre_value, NULL::VARCHAR AS pre_reason)
		FROM stg WHERE pre_reason IS NOT NULL`); err != nil {
		return err
	}
	again := *staged
	again.checkedDDL = "TEMP TABLE temp.recheck"
	if _, err := l.conn.ExecContext(ctx, again.expander()(sqlBlock(f.src.name, "check"))); err != nil {
		return readError(f, err)
	}
	if _, err := l.conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE ps_column_at (canonical VARCHAR, file_at INTEGER)"); err != nil {
		return err
	}
	for _, c := range sortedKeys(staged.columnAt) {
		if _, err := l.conn.ExecContext(ctx, "INSERT INTO ps_column_at VALUES (?, ?)", c, staged.columnAt[c]); err != nil {
			return err
		}
	}
	if _, err := l.conn.ExecContext(ctx, `UPDATE checked SET problem = r.problem
		FROM temp.recheck r JOIN stg s ON s.line = r.line JOIN ps_column_at a ON a.canonical = ps_problem_column(r.problem)
		WHERE checked.line = r.line AND r.problem IS NOT NULL AND a.file_at < s.pre_at`); err != nil {
		return fmt.Errorf("check %s again: %w", f.name, err)
	}
	_, err := l.conn.ExecContext(ctx, "DROP TABLE temp.recheck; CREATE OR REPLACE TEMP VIEW src AS SELECT * FROM stg")
	return err
}

// quoteFileValues makes a reject of a value a profile rewrote (a date read
// with a format, a scaled number) quote the file's text rather than the
// rewritten one: "6/30/2023", not "2023-06-30".
func (l *loader) quoteFileValues(ctx context.Context, f dataFile, staged *staging) error {
	if len(staged.rewritten) == 0 {
		return nil
	}
	cols := sortedKeys(staged.rewritten)
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = quote(c)
	}
	// Most files have no such reject: one look spares the joins below.
	var found bool
	if err := l.conn.QueryRowContext(ctx, `SELECT EXISTS (FROM checked WHERE problem IS NOT NULL
		AND ps_problem_column(problem) IN (`+strings.Join(quoted, ", ")+`))`).Scan(&found); err != nil || !found {
		return err
	}
	for _, col := range cols {
		c := quoteIdent(col)
		if _, err := l.conn.ExecContext(ctx, fmt.Sprintf(`UPDATE checked SET problem = ps_problem(%s, s.%s, ps_problem_reason(checked.problem))
			FROM stg s
			WHERE s.line = checked.line AND checked.problem IS NOT NULL
			  AND ps_problem_column(checked.problem) = %s AND ps_problem_value(checked.problem) = s.%s`,
			quote(col), quoteIdent("raw__"+col), quote(col), c)); err != nil {
			return fmt.Errorf("check %s: %w", f.name, err)
		}
	}
	return nil
}

// checkStored runs the checks that look beyond a row: against the stored
// rows (and those of earlier files of the run), then between the file's
// own rows. Each marks only rows no earlier check rejected.
func (l *loader) checkStored(ctx context.Context, f dataFile, staged *staging) error {
	src := f.src
	expand := staged.expander()
	steps := []struct{ name, stmt string }{{"references", sqlBlock(src.name, "references")}}
	if staged.answers != "" {
		// The source's own answer rules (assessments: an instrument must
		// be named), then the scale check every answered source shares.
		steps = append(steps, struct{ name, stmt string }{"answers", sqlBlock(src.name, "answers") + "\n" + sqlBlock("common", "answers")})
	}
	if len(src.key) > 0 {
		steps = append(steps, struct{ name, stmt string }{"duplicates", src.sharedSQL("duplicates")})
	} else if hasBlock(src.name, "duplicates") {
		// A source without a key has rules of its own (timesheets).
		steps = append(steps, struct{ name, stmt string }{"duplicates", sqlBlock(src.name, "duplicates")})
	}
	for _, step := range steps {
		if strings.TrimSpace(step.stmt) == "" {
			continue
		}
		if _, err := l.conn.ExecContext(ctx, expand(step.stmt)); err != nil {
			return fmt.Errorf("check %s (%s): %w", f.name, step.name, err)
		}
		l.tr.mark("%s: %s", f.name, step.name)
	}
	if err := l.mergeSections(ctx, f); err != nil {
		return err
	}
	if src.spells != nil {
		if err := l.rejectOverlaps(ctx, f); err != nil {
			return err
		}
	}
	// Only a file with a rejected row can have rows to set aside or
	// rejects to note; most have none, and the steps read every stored
	// row's unit.
	var rejected bool
	if err := l.conn.QueryRowContext(ctx, `SELECT EXISTS (FROM checked
		WHERE problem IS NOT NULL AND ps_problem_reason(problem) NOT IN ('duplicate key', 'duplicate entry'))`).Scan(&rejected); err != nil || !rejected {
		return err
	}
	var stored bool
	if err := l.conn.QueryRowContext(ctx, "SELECT EXISTS (FROM "+src.name+")").Scan(&stored); err != nil || !stored {
		return err
	}
	steps = steps[:0]
	if src.unitRows() {
		steps = append(steps, struct{ name, stmt string }{"set aside", src.sharedSQL("set aside")})
	}
	steps = append(steps, struct{ name, stmt string }{"older rows stay", src.sharedSQL("older rows stay")})
	for _, step := range steps {
		if _, err := l.conn.ExecContext(ctx, step.stmt); err != nil {
			return fmt.Errorf("check %s (%s): %w", f.name, step.name, err)
		}
		l.tr.mark("%s: %s", f.name, step.name)
	}
	return nil
}

// settleRowOrder sets ps_row_base, the first rowid of `checked`, so a
// row's position in the file is rowid - ps_row_base. DuckDB numbers the
// rows a statement writes in order and without gaps (from a large offset
// inside a transaction); should that ever not hold, the positions are
// written out instead.
func (l *loader) settleRowOrder(ctx context.Context, staged *staging) error {
	var first, last sql.NullInt64
	var n int64
	if err := l.conn.QueryRowContext(ctx, "SELECT min(rowid), max(rowid), count(*) FROM checked").Scan(&first, &last, &n); err != nil {
		return err
	}
	if n > 0 && last.Int64-first.Int64+1 != n {
		_, err := l.conn.ExecContext(ctx, `CREATE OR REPLACE `+staged.checkedDDL+` AS
			SELECT * REPLACE (coalesce(line, row_number() OVER (ORDER BY rowid) + 1) AS line) FROM checked ORDER BY rowid`)
		return err
	}
	staged.rowBase = first.Int64
	return l.setVariable(ctx, "ps_row_base", first.Int64)
}

// renumber gives each row of `checked` its physical line (see lineMap).
func (l *loader) renumber(ctx context.Context, staged *staging) error {
	steps := staged.steps
	if _, err := l.conn.ExecContext(ctx, "DELETE FROM ps_line_steps"); err != nil {
		return err
	}
	values := make([]string, len(steps))
	for i, s := range steps {
		values[i] = fmt.Sprintf("(%d, %d)", s.from, s.off)
	}
	for len(values) > 0 {
		n := min(len(values), 1000)
		if _, err := l.conn.ExecContext(ctx, "INSERT INTO ps_line_steps VALUES "+strings.Join(values[:n], ", ")); err != nil {
			return err
		}
		values = values[n:]
	}
	_, err := l.conn.ExecContext(ctx, staged.expander()(sqlBlock("common", "renumber")))
	return err
}

// rejectOverlaps rejects spells of one person that overlap another (both
// ends counted): stored spells the file does not replace (those of other
// profile sections' files with other keys) are kept, then the file's
// spells in order, each kept unless it overlaps one kept.
func (l *loader) rejectOverlaps(ctx context.Context, f dataFile) error {
	rows, err := l.conn.QueryContext(ctx, f.src.sharedSQL("spells"))
	if err != nil {
		return fmt.Errorf("check spells of %s: %w", f.name, err)
	}
	type spell struct {
		start, end time.Time // end zero = open
	}
	var (
		person   string
		kept     []spell
		rejected []int64
	)
	overlaps := func(a, b spell) bool {
		return (b.end.IsZero() || !a.start.After(b.end)) && (a.end.IsZero() || !b.start.After(a.end))
	}
	for rows.Next() {
		var id string
		var s time.Time
		var e sql.NullTime
		var r sql.NullInt64
		if err := rows.Scan(&id, &s, &e, &r); err != nil {
			rows.Close()
			return err
		}
		if id != person {
			person, kept = id, nil
		}
		sp := spell{start: s}
		if e.Valid {
			sp.end = e.Time
		}
		clash := false
		for _, k := range kept {
			clash = clash || overlaps(sp, k)
		}
		if clash && r.Valid {
			rejected = append(rejected, r.Int64)
			continue
		}
		kept = append(kept, sp)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(rejected) == 0 {
		return nil
	}
	who, startCol := f.src.spells.who, f.src.spells.start
	ids := make([]string, len(rejected))
	for i, r := range rejected {
		ids[i] = fmt.Sprint(r)
	}
	_, err = l.conn.ExecContext(ctx, fmt.Sprintf(
		"UPDATE checked SET problem = ps_problem(%s, strftime(%s, '%%Y-%%m-%%d'), %s) WHERE rowid IN (%s)",
		quote(startCol), startCol, quote("overlaps another spell of this "+who), strings.Join(ids, ", ")))
	return err
}

// logFile records one file in run_files.
func (l *loader) logFile(ctx context.Context, fr FileResult) error {
	_, err := l.conn.ExecContext(ctx, `INSERT INTO run_files
		(run_id, source, file, sha256, skipped, rows_read, rows_loaded, rows_rejected, rows_replaced, millis, change)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.run, fr.Source, fr.File, fr.SHA256, fr.Skipped, fr.RowsRead, fr.RowsLoaded, fr.RowsRejected, fr.RowsReplaced,
		fr.Duration.Milliseconds(), fr.Change)
	return err
}

// logRun records the run and stores the resolved config (the latest
// load's config replaces the one before).
func (l *loader) logRun(ctx context.Context, started time.Time) error {
	command := l.opts.Command
	if command == "" {
		command = "ingest"
	}
	var profile any
	if l.profile.text != nil {
		profile = l.profile.path
	}
	if _, err := l.conn.ExecContext(ctx, `INSERT INTO run_log (run_id, command, started_at, finished_at, data_dir, profile, strict)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		l.run, command, started.UTC(), time.Now().UTC(), l.opts.DataDir, profile, l.opts.Strict); err != nil {
		return err
	}
	text, err := l.opts.Config.Encode()
	if err != nil {
		return fmt.Errorf("store the config: %w", err)
	}
	var path any
	if l.opts.ConfigPath != "" {
		path = l.opts.ConfigPath
	}
	if _, err = l.conn.ExecContext(ctx, "DELETE FROM stored_config; INSERT INTO stored_config (stored_at, path, toml) VALUES (?, ?, ?)",
		time.Now().UTC(), path, text); err != nil {
		return err
	}
	// The profile, for a later load given none (see chooseProfile); a
	// reused one keeps the time and file it was stored from.
	if l.profile.text == nil || l.profile.stored {
		return nil
	}
	_, err = l.conn.ExecContext(ctx, "DELETE FROM stored_profile; INSERT INTO stored_profile (stored_at, path, toml) VALUES (?, ?, ?)",
		time.Now().UTC(), l.profile.path, string(l.profile.text))
	return err
}

// runRejects lists the rejects of every file version now loaded, in load
// order.
func (l *loader) runRejects(ctx context.Context) ([]Reject, error) {
	return queryRejects(ctx, l.conn, "")
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func queryRejects(ctx context.Context, q queryer, where string, args ...any) ([]Reject, error) {
	order := make([]string, len(sources))
	for i, s := range sources {
		order[i] = fmt.Sprintf("WHEN %s THEN %d", quote(s.name), i)
	}
	rows, err := q.QueryContext(ctx, `SELECT source, file, line, "column", value, reason FROM rejects `+where+
		` ORDER BY CASE source `+strings.Join(order, " ")+` END, file, line`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Reject
	for rows.Next() {
		var r Reject
		if err := rows.Scan(&r.Source, &r.File, &r.Line, &r.Column, &r.Value, &r.Reason); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// dropTemporary removes the run's temporary tables and views, so the
// pooled connection goes back clean.
func (l *loader) dropTemporary(ctx context.Context) {
	rows, err := l.conn.QueryContext(ctx,
		"SELECT 'VIEW', view_name FROM duckdb_views() WHERE temporary UNION ALL SELECT 'TABLE', table_name FROM duckdb_tables() WHERE temporary")
	if err != nil {
		return
	}
	var drops []string
	for rows.Next() {
		var kind, name string
		if rows.Scan(&kind, &name) == nil {
			drops = append(drops, fmt.Sprintf("DROP %s IF EXISTS temp.%s", kind, quoteIdent(name)))
		}
	}
	rows.Close()
	sort.Sort(sort.Reverse(sort.StringSlice(drops))) // views before tables
	for _, d := range drops {
		_, _ = l.conn.ExecContext(ctx, d)
	}
}
