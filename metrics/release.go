package metrics

import (
	"context"
	"fmt"
	"time"

	"github.com/peerstat/peerstat/internal/trace"
)

// A Release is everything one run publishes, suppressed as one (METRICS.md
// "Small-cell suppression"): the board's figures (metrics.csv and the board
// packet) and each payer's MCO packet, plus the participants with no payer,
// a group no file shows whose figures with the payers' sum to the board's.
// metrics.csv and every packet are rendered from these tables, whatever
// --packet or --payer select, so two runs' packets agree.
type Release struct {
	Board   Result
	Payers  []Result // one per payer in Board.Payers, in that order
	NoPayer *Result  // nil when every participant has a payer, or none has
	Audit   AuditSummary
}

// Payer returns the MCO packet's metrics of one payer.
func (r Release) Payer(name string) (Result, bool) {
	for _, p := range r.Payers {
		if p.Scope.Payer == name {
			return p, true
		}
	}
	return Result{}, false
}

// AuditSummary says what suppression and its audit did, for the run log.
type AuditSummary struct {
	Suppressed  int // cells hidden in all scopes together
	Complements int // of them, hidden as complements
	Components  int // connected groups of hidden counts the audit solved
	Rounds      int // audits run (a disclosed cell adds a complement and the audit runs again)
	Elapsed     time.Duration
}

// Release computes the metrics of every scope the run publishes, then
// suppresses them together and audits the result (suppressRelease).
func (s *Session) Release(ctx context.Context) (Release, error) {
	rel, err := s.unsuppressed(ctx)
	if err != nil {
		return rel, err
	}
	began := time.Now()
	rel.Audit, err = suppressRelease(&rel, Registry(s.resolved), s.resolved.MinCell)
	rel.Audit.Elapsed = time.Since(began)
	trace.Step(began, "suppression and audit")
	return rel, err
}

// unsuppressed computes the metrics of every scope the run publishes, as
// they are before suppression.
func (s *Session) unsuppressed(ctx context.Context) (Release, error) {
	var rel Release
	var err error
	if rel.Board, err = s.compute(ctx, Scope{}); err != nil {
		return rel, err
	}
	if s.CheckPayers != nil {
		if err := s.CheckPayers(rel.Board.Payers); err != nil {
			return rel, err
		}
	}
	for _, payer := range rel.Board.Payers {
		res, err := s.compute(ctx, Scope{Payer: payer})
		if err != nil {
			return rel, fmt.Errorf("metrics for payer %s: %w", payer, err)
		}
		rel.Payers = append(rel.Payers, res)
	}
	if len(rel.Board.Payers) > 0 {
		var without int64
		if err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM participants WHERE coalesce(trim(payer), '') = ''").Scan(&without); err != nil {
			return rel, fmt.Errorf("count the participants with no payer: %w", err)
		}
		if without > 0 {
			res, err := s.compute(ctx, Scope{NoPayer: true})
			if err != nil {
				return rel, fmt.Errorf("metrics for participants with no payer: %w", err)
			}
			rel.NoPayer = &res
		}
	}
	return rel, nil
}

// scopes lists the release's tables: the board first, then each payer's,
// then the no-payer group's.
func (r *Release) scopes() []*Result {
	out := []*Result{&r.Board}
	for i := range r.Payers {
		out = append(out, &r.Payers[i])
	}
	if r.NoPayer != nil {
		out = append(out, r.NoPayer)
	}
	return out
}
