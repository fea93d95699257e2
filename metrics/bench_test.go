package metrics

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/ingest"
	"github.com/peerstat/peerstat/synth"
)

// loadedAgency generates an agency of n participants and loads it into a
// new database file; it returns the database and the agency's config.
func loadedAgency(b *testing.B, n int) (*sql.DB, config.Config) {
	b.Helper()
	data := b.TempDir()
	if _, err := synth.Generate(data, synth.Options{Participants: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	cfgPath := filepath.Join(data, "peerstat.toml")
	cfg, err := config.Load(cfgPath)
	if err != nil {
		b.Fatal(err)
	}
	db, err := ingest.Open(filepath.Join(b.TempDir(), "peerstat.duckdb"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := ingest.Load(context.Background(), db, ingest.Options{DataDir: data, Config: cfg, ConfigPath: cfgPath, Command: "ingest"}); err != nil {
		b.Fatal(err)
	}
	return db, cfg
}

// BenchmarkDocDeadlines: every service's note deadline, counted in
// business days past weekends and holidays, and its on-time, pending and
// standard flags (billing__int_business_days and billing__int_services),
// for a generated agency of about 14,000 services.
func BenchmarkDocDeadlines(b *testing.B) {
	db, cfg := loadedAgency(b, 1000)
	ctx := context.Background()
	s, err := NewSession(ctx, db, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.compute(ctx, Scope{}); err != nil {
		b.Fatal(err)
	}
	var calendar string
	for _, m := range s.models {
		if m.Name == "billing__int_business_days" {
			calendar = "CREATE OR REPLACE TEMP TABLE billing__int_business_days AS\n" + m.SQL
		}
	}
	var services, onTime int64
	for b.Loop() {
		if _, err := s.conn.ExecContext(ctx, calendar); err != nil {
			b.Fatal(err)
		}
		if err := s.conn.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE on_time_flag)
			FROM (SELECT on_time_flag, pending_flag, standard_flag, deadline_date FROM billing__int_services)`).Scan(&services, &onTime); err != nil {
			b.Fatal(err)
		}
	}
	if onTime == 0 || onTime == services {
		b.Fatalf("%d of %d services on time: the benchmark's data is not realistic", onTime, services)
	}
	b.ReportMetric(float64(services), "services/op")
}

// BenchmarkCompute: every metric of a generated agency of about 14,000
// services, in a new session each time.
func BenchmarkCompute(b *testing.B) {
	db, cfg := loadedAgency(b, 1000)
	for b.Loop() {
		if _, err := Compute(context.Background(), db, cfg, Scope{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSuppressRelease: small-cell suppression and its audit over a
// whole release (suppressRelease), the scopes computed once beforehand.
// By default over a generated agency of 3,000 participants; to measure a
// larger one, point PEERSTAT_BENCH_DB at a database `peerstat run` left
// (its OUT/peerstat.duckdb, copied: the benchmark opens it) and
// PEERSTAT_BENCH_CONFIG at its peerstat.toml.
func BenchmarkSuppressRelease(b *testing.B) {
	ctx := context.Background()
	var db *sql.DB
	var cfg config.Config
	if path := os.Getenv("PEERSTAT_BENCH_DB"); path != "" {
		var err error
		if cfg, err = config.Load(os.Getenv("PEERSTAT_BENCH_CONFIG")); err != nil {
			b.Fatal(err)
		}
		if db, err = ingest.Open(path); err != nil {
			b.Fatal(err)
		}
		defer db.Close()
	} else {
		db, cfg = loadedAgency(b, 3000)
	}
	s, err := NewSession(ctx, db, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	unsuppressed, err := s.unsuppressed(ctx)
	if err != nil {
		b.Fatal(err)
	}
	registry := Registry(s.resolved)
	var sum AuditSummary
	cpu0, cpuOK := processCPU()
	for b.Loop() {
		rel := unsuppressed
		rel.Board.Rows = append([]Row(nil), unsuppressed.Board.Rows...)
		rel.Payers = append([]Result(nil), unsuppressed.Payers...)
		for i := range rel.Payers {
			rel.Payers[i].Rows = append([]Row(nil), unsuppressed.Payers[i].Rows...)
		}
		if unsuppressed.NoPayer != nil {
			np := *unsuppressed.NoPayer
			np.Rows = append([]Row(nil), np.Rows...)
			rel.NoPayer = &np
		}
		if sum, err = suppressRelease(&rel, registry, s.resolved.MinCell); err != nil {
			b.Fatal(err)
		}
	}
	// CPU as well as wall time: the collector works beside the audit.
	if cpu1, ok := processCPU(); ok && cpuOK {
		b.ReportMetric((cpu1-cpu0)/float64(b.N), "cpu-s/op")
	}
	b.ReportMetric(float64(sum.Rounds), "rounds")
	b.ReportMetric(float64(sum.Suppressed), "hidden")
}
