package metrics

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/ingest"
)

// TestSessionReusesOnlyScopeFreeModels: a session builds the models that do
// not depend on the payer once and reuses them, so its payer packets must
// hold exactly the rows a fresh session's compute of that payer gives, in either
// order of scopes. A model wrongly taken as scope-free (or a stale table)
// would leave one packet with another scope's figures.
//
// Once the agency's scope is computed, a payer's scope does not rebuild the
// agency-wide survey figures (it reads the board's, which its packet shows)
// and the no-payer group builds only the figures suppression tests
// (Session.skipped): so a payer's agency-wide rows are compared with the
// board's, and the no-payer group's with a fresh compute's for the metrics
// suppression reads from it.
func TestSessionReusesOnlyScopeFreeModels(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the sample agency several times")
	}
	ctx := context.Background()
	data := filepath.Join("..", "sample_data")
	cfg, err := config.Load(filepath.Join(data, "peerstat.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.MinCell = 0 // compare every figure, not the suppressed view
	db, err := ingest.Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := ingest.Load(ctx, db, ingest.Options{DataDir: data, Config: cfg}); err != nil {
		t.Fatal(err)
	}
	fresh := map[string][]Row{}
	computeFresh := func(scope Scope) (Result, error) {
		s, err := NewSession(ctx, db, cfg)
		if err != nil {
			return Result{}, err
		}
		defer s.Close()
		return s.compute(ctx, scope)
	}
	all, err := computeFresh(Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Payers) < 2 {
		t.Fatalf("the sample agency has payers %v; the test needs two or more", all.Payers)
	}
	defs := map[string]Definition{}
	for _, d := range Registry(all.Config) {
		defs[d.ID] = d
	}
	// the rows a scope's compute must give whatever was skipped: a payer's
	// figures that are not agency-wide, the no-payer group's cells
	compared := func(scope Scope, rows []Row) []Row {
		var out []Row
		for _, r := range rows {
			d := defs[r.Metric]
			switch {
			case scope.NoPayer && (!d.Protected || d.AgencyWide || d.BoardOnly):
			case scope.Payer != "" && d.AgencyWide:
			default:
				out = append(out, r)
			}
		}
		return out
	}
	agencyWide := func(rows []Row) []Row {
		var out []Row
		for _, r := range rows {
			if defs[r.Metric].AgencyWide {
				out = append(out, r)
			}
		}
		return out
	}
	if len(agencyWide(all.Rows)) == 0 {
		t.Fatal("the sample agency has no agency-wide figures; the test needs them")
	}
	scopes := []Scope{{}}
	fresh[""] = all.Rows
	for _, payer := range all.Payers {
		res, err := computeFresh(Scope{Payer: payer})
		if err != nil {
			t.Fatal(err)
		}
		fresh[payer] = res.Rows
		scopes = append(scopes, Scope{Payer: payer})
	}
	noPayer, err := computeFresh(Scope{NoPayer: true})
	if err != nil {
		t.Fatal(err)
	}
	fresh["(no payer)"] = noPayer.Rows
	scopes = append(scopes, Scope{NoPayer: true})
	if reflect.DeepEqual(fresh[""], fresh[all.Payers[0]]) {
		t.Fatal("a payer's rows equal the agency's: the test could not tell scopes apart")
	}
	if len(compared(Scope{NoPayer: true}, noPayer.Rows)) == 0 || reflect.DeepEqual(compared(Scope{NoPayer: true}, noPayer.Rows), compared(Scope{NoPayer: true}, all.Rows)) {
		t.Fatal("the no-payer group's rows are none or the agency's: the test could not tell scopes apart")
	}
	key := func(scope Scope) string {
		if scope.NoPayer {
			return "(no payer)"
		}
		return scope.Payer
	}
	for _, order := range [][]Scope{scopes, reverse(scopes)} {
		s, err := NewSession(ctx, db, cfg)
		if err != nil {
			t.Fatal(err)
		}
		agencyDone := false
		for _, scope := range order {
			res, err := s.compute(ctx, scope)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(compared(scope, res.Rows), compared(scope, fresh[key(scope)])) {
				t.Errorf("session scope %q (order %v): rows differ from a fresh Compute", key(scope), order)
			}
			if scope.Payer != "" && agencyDone && !reflect.DeepEqual(agencyWide(res.Rows), agencyWide(all.Rows)) {
				t.Errorf("session scope %q (order %v): agency-wide rows are not the board's", key(scope), order)
			}
			agencyDone = agencyDone || (scope.Payer == "" && !scope.NoPayer)
		}
		s.Close()
	}
}

func reverse(s []Scope) []Scope {
	out := make([]Scope, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}
