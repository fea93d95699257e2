package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/internal/dbmem"
	"github.com/peerstat/peerstat/internal/progress"
	"github.com/peerstat/peerstat/queries"
)

// martSuffix ends the names of the mart models whose rows are metrics. Each has the
// columns metric, program, grain, period_start, period_end, numerator,
// denominator, value, contributors, group_min (queries/README.md).
const martSuffix = "_metrics"

// Compute runs every model against db and returns the metric rows of one
// scope (the agency, or one payer's MCO packet) with their definitions,
// suppressed per cfg.MinCell over the whole release (Session.Release).
func Compute(ctx context.Context, db *sql.DB, cfg config.Config, scope Scope) (Result, error) {
	s, err := NewSession(ctx, db, cfg)
	if err != nil {
		return Result{}, err
	}
	defer s.Close()
	rel, err := s.Release(ctx)
	if err != nil {
		return Result{}, err
	}
	if scope.Payer == "" {
		return rel.Board, nil
	}
	if res, ok := rel.Payer(scope.Payer); ok {
		return res, nil
	}
	return Result{}, fmt.Errorf("no participant has payer %q (payers in the data: %v)", scope.Payer, rel.Board.Payers)
}

// A Session computes the metrics of several scopes (the agency, then each
// payer's MCO packet) over one connection. Models that do not depend on the
// scope (staff and timesheet figures, which are agency-wide in every
// packet: see queries.DependOn and cfg_scope) are built by the first
// Compute and reused by the later ones, so each further packet costs only
// its own participants' models.
type Session struct {
	conn     *sql.Conn
	resolved config.Config
	models   []queries.Model
	scoped   map[string]bool // models that read cfg_scope, directly or not
	built    map[string]bool // models built by an earlier Compute
	marts    []string
	// martMetrics lists the metrics each mart gave the agency's scope, the
	// first one computed: what a later scope may leave out (skipped).
	martMetrics map[string][]string
	// covered is where each source's data begins and payers the payers in
	// the data (the loaded tables, the same in every scope), read by the
	// first compute.
	covered    coverage
	payers     []string
	payersRead bool
	// Progress, when set (to a terminal), shows a bar while Compute runs.
	Progress io.Writer
	// CheckPayers, when set, vets the payer names as soon as the agency's
	// scope has listed them, so a release that could not be written (two
	// payers sharing a packet file) stops before any payer is computed,
	// suppressed or audited.
	CheckPayers func(payers []string) error
}

// NewSession resolves cfg against the data and loads the settings.
func NewSession(ctx context.Context, db *sql.DB, cfg config.Config) (*Session, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	s := &Session{conn: conn, built: map[string]bool{}}
	if err := dbmem.PoolForDatabase(ctx, conn); err != nil {
		conn.Close()
		return nil, err
	}
	if err := CheckTargets(cfg); err != nil {
		conn.Close()
		return nil, err
	}
	if s.resolved, err = ResolveConfig(ctx, conn, cfg); err != nil {
		conn.Close()
		return nil, err
	}
	if err := createSettings(ctx, conn, s.resolved); err != nil {
		conn.Close()
		return nil, fmt.Errorf("load settings into the database: %w", err)
	}
	if s.models, err = queries.Models(); err != nil {
		conn.Close()
		return nil, err
	}
	s.scoped = queries.DependOn(s.models, "cfg_scope")
	for _, m := range s.models {
		if m.Layer == "marts" && strings.HasSuffix(m.Name, martSuffix) {
			s.marts = append(s.marts, m.Name)
		}
	}
	return s, nil
}

// Close drops the session's tables and returns its connection.
func (s *Session) Close() error {
	for i := len(s.models) - 1; i >= 0; i-- {
		s.conn.ExecContext(context.Background(), "DROP "+s.models[i].Kind()+" IF EXISTS "+s.models[i].Name)
	}
	return s.conn.Close()
}

// compute runs the models for scope (those of the scope only, when an
// earlier compute of the session built the rest) and returns its metric
// rows, not yet suppressed (Release suppresses all scopes together), with
// their definitions.
func (s *Session) compute(ctx context.Context, scope Scope) (Result, error) {
	conn, resolved := s.conn, s.resolved
	var payer any
	if scope.Payer != "" {
		payer = scope.Payer
	}
	if _, err := conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE cfg_scope AS SELECT ?::VARCHAR AS payer, ?::BOOLEAN AS no_payer", payer, scope.NoPayer); err != nil {
		return Result{}, fmt.Errorf("set the scope: %w", err)
	}
	trace := newTracer()
	skip := s.skipped(scope)
	var todo []queries.Model
	for _, m := range s.models {
		if (!s.built[m.Name] || s.scoped[m.Name]) && !skip[m.Name] {
			todo = append(todo, m)
		}
	}
	title := "metrics for all participants"
	switch {
	case scope.Payer != "":
		title = "metrics for " + scope.Payer
	case scope.NoPayer:
		title = "metrics for participants with no payer"
	}
	bar := progress.New(s.Progress, title, len(todo)+1)
	defer bar.Done()
	for i, m := range todo {
		bar.Step(i, m.Name)
		trace.start()
		stmt := fmt.Sprintf("CREATE OR REPLACE TEMP %s %s AS\n%s", m.Kind(), m.Name, m.SQL)
		if trace.explain == m.Name {
			trace.plan(ctx, conn, m.SQL)
		}
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return Result{}, fmt.Errorf("model %s (queries/%s/%s.sql): %w", m.Name, m.Layer, m.Name, err)
		}
		s.built[m.Name] = true
		trace.done("model " + m.Name)
	}

	trace.start()
	// A payer's scope reads a skipped mart as the agency's scope left it:
	// the board's rows of agency-wide figures, which are what its packet
	// shows (shareAgencyWide). The no-payer group reads only the marts it
	// built: no file shows its other figures.
	marts := s.marts
	if scope.NoPayer {
		marts = nil
		for _, m := range s.marts {
			if !skip[m] {
				marts = append(marts, m)
			}
		}
	}
	rows, byMart, err := readMarts(ctx, conn, marts)
	if err != nil {
		return Result{}, err
	}
	if s.martMetrics == nil && scope.Payer == "" && !scope.NoPayer {
		s.martMetrics = byMart
	}
	trace.done("read marts")
	registry := Registry(resolved)
	if s.covered == nil {
		if s.covered, err = readCoverage(ctx, conn, resolved); err != nil {
			return Result{}, err
		}
	}
	covered := s.covered
	if err := checkRows(rows, registry); err != nil {
		return Result{}, err
	}
	// Earlier periods the sources do not cover are dropped before the
	// bootstrap, so it resamples only the cohorts of periods kept.
	rows = keepCovered(rows, registry, covered, resolved.PeriodStart.Time)
	bar.Step(len(todo), "bootstrap intervals")
	trace.start()
	intervals, dropped, err := bootstrapIntervals(ctx, conn, resolved, rows)
	if err != nil {
		return Result{}, err
	}
	scaleBounds, err := scaleIntervals(ctx, conn, resolved)
	if err != nil {
		return Result{}, err
	}
	trace.done("bootstrap")
	rows = append(rows, intervals...)
	rows = append(rows, scaleBounds...)

	if err := checkRows(rows, registry); err != nil {
		return Result{}, err
	}
	rows = keepCovered(rows, registry, covered, resolved.PeriodStart.Time)
	sortRows(rows)

	res := Result{
		Scope:            scope,
		Config:           resolved,
		Rows:             rows,
		BootstrapDropped: dropped,
		GeneratedAt:      time.Now().UTC(),
	}
	present := map[string]bool{}
	for _, r := range rows {
		present[r.Metric] = true
	}
	for _, d := range registry {
		if present[d.ID] {
			res.Registry = append(res.Registry, d)
		}
	}
	res.Absent = absences(registry, present, resolved)
	if res.PaidBlank, err = readPaidBlank(ctx, conn, rows); err != nil {
		return Result{}, err
	}
	if res.Programs, err = stringColumn(ctx, conn, "SELECT program FROM core__int_programs WHERE program <> 'ALL' ORDER BY program"); err != nil {
		return Result{}, err
	}
	if !s.payersRead {
		if s.payers, err = stringColumn(ctx, conn, `SELECT DISTINCT coalesce(n.payer, trim(p.payer)) AS payer
			FROM participants AS p LEFT JOIN cfg_payer_names AS n ON n.spelling = trim(p.payer)
			WHERE p.payer IS NOT NULL AND trim(p.payer) <> '' ORDER BY payer`); err != nil {
			return Result{}, err
		}
		s.payersRead = true
	}
	res.Payers = append([]string(nil), s.payers...)
	if res.Quality, err = readQuality(ctx, conn); err != nil {
		return Result{}, err
	}
	return res, nil
}

// ResolveConfig fills the settings whose defaults come from the data:
// period_start and period_end (first and last service_date), data_through
// (latest service, admit, discharge or assessment date) and data_from (earliest admit
// date). It also checks that the period is usable.
func ResolveConfig(ctx context.Context, conn *sql.Conn, cfg config.Config) (config.Config, error) {
	var firstService, lastService, lastEvent, firstAdmit sql.NullTime
	err := conn.QueryRowContext(ctx, `
		SELECT (SELECT min(service_date) FROM services),
		       (SELECT max(service_date) FROM services),
		       greatest((SELECT max(service_date) FROM services),
		                (SELECT max(admit_date) FROM encounters),
		                (SELECT max(discharge_date) FROM encounters),
		                (SELECT max(assessment_date) FROM assessments)),
		       (SELECT min(admit_date) FROM encounters)`).Scan(&firstService, &lastService, &lastEvent, &firstAdmit)
	if err != nil {
		return cfg, fmt.Errorf("find the data's date range: %w", err)
	}
	fill := func(d *config.Date, v sql.NullTime) {
		if d.IsZero() && v.Valid {
			d.Time = dateOnly(v.Time)
		}
	}
	fill(&cfg.PeriodStart, firstService)
	fill(&cfg.PeriodEnd, lastService)
	fill(&cfg.DataThrough, lastEvent)
	fill(&cfg.DataFrom, firstAdmit)
	if cfg.PeriodStart.IsZero() || cfg.PeriodEnd.IsZero() {
		return cfg, fmt.Errorf("no services are loaded and period_start/period_end are not set: run 'peerstat ingest --data DIR' first, or set the reporting period in peerstat.toml")
	}
	if cfg.PeriodEnd.Before(cfg.PeriodStart.Time) {
		return cfg, fmt.Errorf("period_end %s is before period_start %s: fix the reporting period in peerstat.toml", cfg.PeriodEnd, cfg.PeriodStart)
	}
	if cfg.DataThrough.IsZero() {
		cfg.DataThrough = cfg.PeriodEnd
	}
	if cfg.DataFrom.IsZero() {
		cfg.DataFrom = cfg.PeriodStart
	}
	return cfg, nil
}

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// createSettings puts the run's settings where the SQL models read them:
// one-row table cfg and list tables cfg_holidays, cfg_peer_roles,
// cfg_rday_codes, cfg_clinical_roles, cfg_inpatient_settings,
// cfg_instruments (surveys), cfg_instrument_items, cfg_instrument_reverse,
// cfg_summed_scales (assessment scales such as barc10), cfg_stable_housing,
// cfg_employed_statuses and cfg_payer_names (each spelling [payer_names]
// lists, with its payer's name).
func createSettings(ctx context.Context, conn *sql.Conn, c config.Config) error {
	stmts := []struct {
		sql  string
		args []any
	}{
		{`CREATE OR REPLACE TEMP TABLE cfg AS SELECT
			?::DATE AS period_start, ?::DATE AS period_end,
			?::DATE AS data_through, ?::DATE AS data_from,
			?::VARCHAR AS unit_rule, ?::INTEGER AS doc_deadline_days,
			?::BOOLEAN AS doc_deadline_business_days, ?::INTEGER AS max_units_per_day,
			?::INTEGER AS outcome_window_days,
			?::DOUBLE AS rday_daily_rate, ?::DOUBLE AS rday_federal_share,
			?::DOUBLE AS fringe_rate, ?::DOUBLE AS inpatient_per_diem,
			?::DOUBLE AS er_visit_cost, ?::DOUBLE AS program_cost,
			?::INTEGER AS min_cell, ?::INTEGER AS compare_periods`,
			[]any{c.PeriodStart.String(), c.PeriodEnd.String(), c.DataThrough.String(), c.DataFrom.String(),
				c.UnitRule, c.DocDeadlineDays, c.DocDeadlineBusinessDays, c.MaxUnitsPerDay,
				c.OutcomeWindowDays, nullable(c.RdayDailyRate), nullable(c.RdayFederalShare),
				c.FringeRate, nullable(c.InpatientPerDiem), nullable(c.ERVisitCost), nullable(c.ProgramCost),
				c.MinCell, c.ComparePeriods}},
		{`CREATE OR REPLACE TEMP TABLE cfg_holidays (holiday_date DATE)`, nil},
		{`CREATE OR REPLACE TEMP TABLE cfg_peer_roles (role VARCHAR)`, nil},
		{`CREATE OR REPLACE TEMP TABLE cfg_rday_codes (service_code VARCHAR)`, nil},
		{`CREATE OR REPLACE TEMP TABLE cfg_clinical_roles (role VARCHAR)`, nil},
		{`CREATE OR REPLACE TEMP TABLE cfg_inpatient_settings (setting VARCHAR)`, nil},
		{`CREATE OR REPLACE TEMP TABLE cfg_instruments (instrument VARCHAR, scale_min INTEGER, scale_max INTEGER, agree VARCHAR, cutoff DOUBLE)`, nil},
		{`CREATE OR REPLACE TEMP TABLE cfg_instrument_items (instrument VARCHAR, domain VARCHAR, item INTEGER)`, nil},
		{`CREATE OR REPLACE TEMP TABLE cfg_instrument_reverse (instrument VARCHAR, item INTEGER)`, nil},
		{`CREATE OR REPLACE TEMP TABLE cfg_payer_names (spelling VARCHAR, payer VARCHAR)`, nil},
		{`CREATE OR REPLACE TEMP TABLE cfg_summed_scales (instrument VARCHAR, scale_min INTEGER, scale_max INTEGER, items INTEGER, cutoff DECIMAL(38, 18))`, nil},
		{`CREATE OR REPLACE TEMP TABLE cfg_stable_housing (housing VARCHAR)`, nil},
		{`CREATE OR REPLACE TEMP TABLE cfg_employed_statuses (employment VARCHAR)`, nil},
	}
	for _, h := range c.Holidays {
		stmts = append(stmts, struct {
			sql  string
			args []any
		}{`INSERT INTO cfg_holidays VALUES (?::DATE)`, []any{h.String()}})
	}
	insert := func(sql string, args ...any) {
		stmts = append(stmts, struct {
			sql  string
			args []any
		}{sql, args})
	}
	for _, r := range c.PeerRoles {
		insert(`INSERT INTO cfg_peer_roles VALUES (?)`, r)
	}
	for _, r := range c.ClinicalRoles {
		insert(`INSERT INTO cfg_clinical_roles VALUES (?)`, r)
	}
	for _, code := range c.RdayCodes {
		insert(`INSERT INTO cfg_rday_codes VALUES (?)`, code)
	}
	for _, s := range c.InpatientSettings {
		insert(`INSERT INTO cfg_inpatient_settings VALUES (?)`, s)
	}
	for _, h := range c.StableHousing {
		insert(`INSERT INTO cfg_stable_housing VALUES (?)`, h)
	}
	for _, e := range c.EmployedStatuses {
		insert(`INSERT INTO cfg_employed_statuses VALUES (?)`, e)
	}
	names := make([]string, 0, len(c.Instruments))
	for n := range c.Instruments {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		in := c.Instruments[n]
		if in.Summed() {
			// the cut-off as its shortest decimal text, so a score is compared with it exactly
			insert(`INSERT INTO cfg_summed_scales VALUES (?, ?, ?, ?, ?::VARCHAR::DECIMAL(38, 18))`, n, in.Min(), in.Max(), in.ItemCount,
				strconv.FormatFloat(in.Cutoff(), 'f', -1, 64))
			for _, item := range in.Reverse {
				insert(`INSERT INTO cfg_instrument_reverse VALUES (?, ?)`, n, item)
			}
			continue
		}
		insert(`INSERT INTO cfg_instruments VALUES (?, ?, ?, ?, ?)`, n, in.Min(), in.Max(), in.Agree, in.Cutoff())
		for _, d := range in.DomainNames() {
			for _, item := range in.Domains[d] {
				insert(`INSERT INTO cfg_instrument_items VALUES (?, ?, ?)`, n, d, item)
			}
		}
		for _, item := range in.Reverse {
			insert(`INSERT INTO cfg_instrument_reverse VALUES (?, ?)`, n, item)
		}
	}
	spellings := c.PayerSpellings()
	keys := make([]string, 0, len(spellings))
	for sp := range spellings {
		keys = append(keys, sp)
	}
	sort.Strings(keys)
	for _, sp := range keys {
		insert(`INSERT INTO cfg_payer_names VALUES (?, ?)`, sp, spellings[sp])
	}
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s.sql, s.args...); err != nil {
			return err
		}
	}
	return nil
}

func nullable(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// skipped lists the scoped models a payer's scope or the no-payer group's
// need not build, once the agency's scope has been computed (nil before,
// and for the agency). A payer's packet shows the board's rows of
// agency-wide figures (shareAgencyWide), so a mart all of whose metrics
// are agency-wide (the surveys) is not rebuilt for it; the no-payer group
// is shown in no file and enters only small-cell suppression, so it needs
// only the marts with a metric suppression tests in a payer's scope
// (protected, not agency-wide, not the board's only) and not the
// data-quality checks. A model is skipped when no model still needed
// reads it, directly or not; the tables the bootstrap reads are always
// needed.
func (s *Session) skipped(scope Scope) map[string]bool {
	if s.martMetrics == nil || (scope.Payer == "" && !scope.NoPayer) {
		return nil
	}
	defs := map[string]Definition{}
	for _, d := range Registry(s.resolved) {
		defs[d.ID] = d
	}
	unneeded := map[string]bool{}
	for mart, ids := range s.martMetrics {
		needed := len(ids) == 0
		for _, id := range ids {
			d := defs[id]
			if scope.NoPayer {
				needed = needed || (d.Protected && !d.AgencyWide && !d.BoardOnly)
			} else {
				needed = needed || !d.AgencyWide
			}
		}
		if !needed {
			unneeded[mart] = true
		}
	}
	if scope.NoPayer {
		unneeded["quality__warnings"] = true
	}
	read := map[string]bool{}
	for _, m := range s.models {
		for _, r := range m.Reads {
			read[r] = true
		}
	}
	// Models run in an order where each comes after the models it reads,
	// so walking back marks a model's reads after the model itself.
	keep := map[string]bool{"outcomes__person_windows": true, "recovery__paired_scores": true, "recovery__metrics": true}
	for i := len(s.models) - 1; i >= 0; i-- {
		m := s.models[i]
		if !read[m.Name] && !unneeded[m.Name] {
			keep[m.Name] = true
		}
		if keep[m.Name] {
			for _, r := range m.Reads {
				keep[r] = true
			}
		}
	}
	skip := map[string]bool{}
	for _, m := range s.models {
		if s.scoped[m.Name] && !keep[m.Name] {
			skip[m.Name] = true
		}
	}
	return skip
}

// readMarts reads the metric rows of marts, and which metrics each gave.
func readMarts(ctx context.Context, conn *sql.Conn, marts []string) ([]Row, map[string][]string, error) {
	var rows []Row
	byMart := map[string][]string{}
	for _, mart := range marts {
		seen := map[string]bool{}
		q := fmt.Sprintf(`SELECT metric, program, grain, period_start, period_end,
			numerator::DOUBLE, denominator::DOUBLE, value::DOUBLE,
			coalesce(contributors, -1)::BIGINT, coalesce(group_min, -1)::BIGINT FROM %s`, mart)
		rs, err := conn.QueryContext(ctx, q)
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", mart, err)
		}
		for rs.Next() {
			var r Row
			var num, den, val sql.NullFloat64
			if err := rs.Scan(&r.Metric, &r.Program, &r.Grain, &r.PeriodStart, &r.PeriodEnd, &num, &den, &val, &r.Contributors, &r.GroupMin); err != nil {
				rs.Close()
				return nil, nil, fmt.Errorf("read %s: %w", mart, err)
			}
			r.Numerator, r.Denominator, r.Value = floatPtr(num), floatPtr(den), floatPtr(val)
			r.PeriodStart, r.PeriodEnd = dateOnly(r.PeriodStart), dateOnly(r.PeriodEnd)
			rows = append(rows, r)
			if !seen[r.Metric] {
				seen[r.Metric] = true
				byMart[mart] = append(byMart[mart], r.Metric)
			}
		}
		if err := rs.Close(); err != nil {
			return nil, nil, err
		}
		if err := rs.Err(); err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", mart, err)
		}
	}
	return rows, byMart, nil
}

func floatPtr(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	v := n.Float64
	return &v
}

func stringColumn(ctx context.Context, conn *sql.Conn, q string) ([]string, error) {
	rs, err := conn.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []string
	for rs.Next() {
		var s string
		if err := rs.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rs.Err()
}

// readCoverage finds where each source's data begins.
func readCoverage(ctx context.Context, conn *sql.Conn, cfg config.Config) (coverage, error) {
	var services, timesheets, surveys, assessments, encounters sql.NullTime
	err := conn.QueryRowContext(ctx, `
		SELECT date_trunc('month', (SELECT min(service_date) FROM services))::DATE,
		       date_trunc('month', (SELECT min(work_date) FROM timesheets))::DATE,
		       date_trunc('month', (SELECT min(survey_date) FROM surveys))::DATE,
		       date_trunc('month', (SELECT min(assessment_date) FROM assessments))::DATE,
		       (SELECT min(admit_date) FROM encounters)`).Scan(&services, &timesheets, &surveys, &assessments, &encounters)
	if err != nil {
		return nil, fmt.Errorf("find where each source's data begins: %w", err)
	}
	c := coverage{}
	for source, t := range map[string]sql.NullTime{SourceServices: services, SourceTimesheets: timesheets, SourceSurveys: surveys, SourceAssessments: assessments} {
		if t.Valid {
			c[source] = dateOnly(t.Time)
		}
	}
	if encounters.Valid {
		c[SourceEncounters] = cfg.DataFrom.Time
	}
	return c, nil
}

// readPaidBlank counts, for each period with a paid_did row, the
// encounters in its eligible cohort's outcome windows and those with a
// blank paid_amount.
func readPaidBlank(ctx context.Context, conn *sql.Conn, rows []Row) ([]PaidBlank, error) {
	paid := map[time.Time]bool{}
	for _, r := range rows {
		if r.Metric == "paid_did" {
			paid[r.PeriodStart] = true
		}
	}
	if len(paid) == 0 {
		return nil, nil
	}
	rs, err := conn.QueryContext(ctx, `SELECT w.period_start, w.period_end,
		coalesce(sum(p.window_encounters), 0)::BIGINT, coalesce(sum(p.unpaid_encounters), 0)::BIGINT
		FROM core__int_windows AS w
		LEFT JOIN outcomes__person_windows AS p ON p.period_start = w.period_start
		WHERE w.grain = 'period'
		GROUP BY ALL ORDER BY w.period_start DESC`)
	if err != nil {
		return nil, fmt.Errorf("count the outcome-window encounters with a blank paid_amount: %w", err)
	}
	defer rs.Close()
	var out []PaidBlank
	for rs.Next() {
		var p PaidBlank
		if err := rs.Scan(&p.PeriodStart, &p.PeriodEnd, &p.Encounters, &p.Blank); err != nil {
			return nil, fmt.Errorf("count the outcome-window encounters with a blank paid_amount: %w", err)
		}
		p.PeriodStart, p.PeriodEnd = dateOnly(p.PeriodStart), dateOnly(p.PeriodEnd)
		p.Follows = "paid_did"
		if paid[p.PeriodStart] {
			out = append(out, p)
		}
	}
	return out, rs.Err()
}

// keepCovered drops the rows of earlier periods (period rows starting
// before the reporting period) that their sources do not wholly cover:
// never a figure from partial data.
func keepCovered(rows []Row, registry []Definition, c coverage, periodStart time.Time) []Row {
	defs := map[string]Definition{}
	for _, d := range registry {
		defs[d.ID] = d
	}
	kept := rows[:0]
	for _, r := range rows {
		if r.Grain == GrainPeriod && r.PeriodStart.Before(periodStart) && !c.earlierRowKept(defs[r.Metric], r) {
			continue
		}
		kept = append(kept, r)
	}
	return kept
}

// checkRows fails when a model produced a metric the registry does not
// describe: every figure must be explained in the methodology.
func checkRows(rows []Row, registry []Definition) error {
	known := map[string]Definition{}
	for _, d := range registry {
		known[d.ID] = d
	}
	var unknown []string
	seen := map[string]bool{}
	for i, r := range rows {
		d, ok := known[r.Metric]
		if !ok {
			if !seen[r.Metric] {
				seen[r.Metric] = true
				unknown = append(unknown, r.Metric)
			}
			continue
		}
		rows[i].Unit = d.Unit
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("metrics without a registry definition: %s", strings.Join(unknown, ", "))
	}
	return nil
}

func sortRows(rows []Row) {
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Metric != b.Metric {
			return a.Metric < b.Metric
		}
		if a.Program != b.Program {
			return a.Program < b.Program
		}
		if a.Grain != b.Grain {
			return a.Grain < b.Grain
		}
		if !a.PeriodStart.Equal(b.PeriodStart) {
			return a.PeriodStart.Before(b.PeriodStart)
		}
		return a.PeriodEnd.Before(b.PeriodEnd)
	})
}
