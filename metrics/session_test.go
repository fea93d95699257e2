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
	if reflect.DeepEqual(fresh[""], fresh[all.Payers[0]]) {
		t.Fatal("a payer's rows equal the agency's: the test could not tell scopes apart")
	}
	for _, order := range [][]Scope{scopes, reverse(scopes)} {
		s, err := NewSession(ctx, db, cfg)
		if err != nil {
			t.Fatal(err)
		}
		for _, scope := range order {
			res, err := s.compute(ctx, scope)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(res.Rows, fresh[scope.Payer]) {
				t.Errorf("session scope %q (order %v): rows differ from a fresh Compute", scope.Payer, order)
			}
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
