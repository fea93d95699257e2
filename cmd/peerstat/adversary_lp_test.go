package main

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// lpAttack is the adversary's linear-programming stage: the reader of
// METRICS.md's audit (ii), who bounds each suppressed count by the linear
// programs of every relation the release states, distinct-person counts
// and proportions as inequalities, counts >= 0. The programs are solved
// by HiGHS (SciPy's linprog, testdata/lp_attack.py), a solver that shares
// nothing with peerstat's audit, over the relations the adversary built
// from the files alone (relationsOf). It fails on each count from 1 to
// k − 1 whose maximum is below k, and on each count of 1 or more whose
// minimum equals its maximum; hidden zeros found out are counted (a
// hidden 0 names no one: METRICS.md methodology reading, as the audit's).
func lpAttack(t *testing.T, shown, truth publishedRelease, k int) {
	t.Helper()
	python := scipyPython(t)
	if python == "" {
		return
	}
	names, eqs, les := relationsOf(shown)
	values := make([]*float64, len(names))
	for v, u := range names {
		values[v] = lpTruth(shown, truth, u)
	}
	// Every relation must hold at the true counts where it names only
	// counts the --min-cell 0 run shows: else the programs bound a region
	// the release does not state, and their findings mean nothing.
	for _, rel := range []struct {
		rows []equation
		eq   bool
	}{{eqs, true}, {les, false}} {
		for _, e := range rel.rows {
			if msg := violated(e, rel.eq, values, names); msg != "" {
				t.Fatalf("the adversary's relations do not hold at the true counts: %s", msg)
			}
		}
	}
	began := time.Now()
	result := runLPAttack(t, python, k, values, eqs, les)
	zeros, failed := 0, 0
	kk := big.NewRat(int64(k), 1)
	for _, f := range result.Found {
		u := names[f.Var]
		want, known := truthOf(truth, u.cell, u.part)
		if !known || values[f.Var] == nil {
			continue
		}
		few := want.Sign() > 0 && want.Cmp(kk) < 0
		if strings.HasPrefix(u.cell, "nopayer|") && !few {
			continue // the no-payer group's figures are not all hidden
		}
		if want.Sign() == 0 {
			zeros++
			continue
		}
		failed++
		if failed <= 20 {
			t.Errorf("linear programs find out the suppressed %s of %s (%s): %s", u.part, strings.ReplaceAll(u.cell, "|", " "), want.RatString(), f.Why)
		}
	}
	if failed > 20 {
		t.Errorf("... and %d more found out by linear programs", failed-20)
	}
	t.Logf("linear programs (HiGHS): %d suppressed counts, %d equations, %d inequalities, %d groups of linked counts, %d programs in %.1f s; %d counts found out, %d hidden zeros found out",
		len(names), len(eqs), len(les), result.Groups, result.Programs, time.Since(began).Seconds(), failed, zeros)
}

// lpResult is what testdata/lp_attack.py found: each count found out
// (its index and why) and how many groups and programs it solved.
type lpResult struct {
	Found []struct {
		Var int    `json:"var"`
		Why string `json:"why"`
	} `json:"found"`
	Programs int `json:"programs"`
	Groups   int `json:"groups"`
}

// runLPAttack solves the relations (eqs: Σ coefs·x = rhs; les: <= rhs;
// x >= 0) with testdata/lp_attack.py, values the true counts (nil: not
// known, not asked).
func runLPAttack(t *testing.T, python string, k int, values []*float64, eqs, les []equation) lpResult {
	t.Helper()
	type row struct {
		Vars  []int     `json:"vars"`
		Coefs []float64 `json:"coefs"`
		RHS   float64   `json:"rhs"`
	}
	rows := func(es []equation) []row {
		out := make([]row, 0, len(es))
		for _, e := range es {
			var r row
			for v, c := range e.coefs {
				f, _ := c.Float64()
				r.Vars, r.Coefs = append(r.Vars, v), append(r.Coefs, f)
			}
			r.RHS, _ = e.rhs.Float64()
			out = append(out, r)
		}
		return out
	}
	in, err := json.Marshal(map[string]any{"k": k, "values": values, "eq": rows(eqs), "le": rows(les)})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "relations.json")
	if err := os.WriteFile(path, in, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, filepath.Join("testdata", "lp_attack.py"), path)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("testdata/lp_attack.py: %v", err)
	}
	var result lpResult
	if err := json.Unmarshal(out, &result); err != nil {
		t.Fatalf("testdata/lp_attack.py wrote %q: %v", out, err)
	}
	return result
}

// lpTruth is a suppressed count's true value for the programs' first
// point, nil where the files of the --min-cell 0 run do not give it: a
// no-payer count of distinct people is not the board's less the payers'.
func lpTruth(shown, truth publishedRelease, u unknownKey) *float64 {
	if strings.HasPrefix(u.cell, "nopayer|") {
		if d, ok := shown.registry[strings.Split(u.cell, "|")[1]]; !ok || d.DistinctPeople {
			return nil
		}
	}
	v, ok := truthOf(truth, u.cell, u.part)
	if !ok {
		return nil
	}
	f, _ := v.Float64()
	return &f
}

// violated describes how e fails at the true counts, "" when it holds or
// names a count whose true value is not known.
func violated(e equation, eq bool, values []*float64, names []unknownKey) string {
	sum := new(big.Rat)
	var terms []string
	for v, c := range e.coefs {
		if values[v] == nil {
			return ""
		}
		x := new(big.Rat).SetFloat64(*values[v])
		sum.Add(sum, new(big.Rat).Mul(c, x))
		terms = append(terms, fmt.Sprintf("%s·%s %s (%s)", c.RatString(), names[v].part, strings.ReplaceAll(names[v].cell, "|", " "), x.RatString()))
	}
	cmp := sum.Cmp(e.rhs)
	if cmp == 0 || (!eq && cmp < 0) {
		return ""
	}
	op := "="
	if !eq {
		op = "<="
	}
	return fmt.Sprintf("%s %s %s does not hold", strings.Join(terms, " + "), op, e.rhs.RatString())
}

// scipyPython is a Python with SciPy (Debian's python3-scipy, which
// scripts/test-deps.sh installs), or "" after skipping the stage when there
// is none (CI fails instead).
func scipyPython(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if err := exec.Command(p, "-c", "import scipy.optimize").Run(); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no python3 with SciPy: the adversary's linear programs need it (scripts/test-deps.sh installs python3-scipy)")
	}
	t.Log("no python3 with SciPy: the linear-programming stage was skipped")
	return ""
}

func TestLPAttackHandWorked(t *testing.T) {
	// k = 11. x + y = 20 (a shown total) and x <= y (a part at most its
	// ALL): x is at most 10, though the equation alone lets it reach 20;
	// its true value 3 is from 1 to 10, so it is found out. y (17) ranges
	// over [10, 20]: free. z = 4 (an equation of one count): at most 4,
	// found out. v = 15: fixed, found out though 11 or more. w (5) with
	// only w <= 30: free. u (0) = 0: a hidden zero fixed, found out too
	// (lpAttack counts it, not a failure).
	python := scipyPython(t)
	if python == "" {
		t.Skip("no python3 with SciPy")
	}
	eq := func(rhs int64, coefs map[int]int64) equation {
		e := equation{coefs: map[int]*big.Rat{}, rhs: big.NewRat(rhs, 1)}
		for v, c := range coefs {
			e.coefs[v] = big.NewRat(c, 1)
		}
		return e
	}
	const x, y, z, w, u, v = 0, 1, 2, 3, 4, 5
	val := func(v float64) *float64 { return &v }
	values := []*float64{val(3), val(17), val(4), val(5), val(0), val(15)}
	eqs := []equation{eq(20, map[int]int64{x: 1, y: 1}), eq(4, map[int]int64{z: 1}), eq(0, map[int]int64{u: 1}), eq(15, map[int]int64{v: 1})}
	les := []equation{eq(0, map[int]int64{x: 1, y: -1}), eq(30, map[int]int64{w: 1})}
	got := map[int]string{}
	for _, f := range runLPAttack(t, python, 11, values, eqs, les).Found {
		got[f.Var] = f.Why
	}
	want := map[int]string{x: "at most 10", z: "at most 4", u: "fixed at 0", v: "fixed at 15"}
	if len(got) != len(want) {
		t.Errorf("found out %v, want %v", got, want)
	}
	for c, why := range want {
		if got[c] != why {
			t.Errorf("count %d: got %q, want %q", c, got[c], why)
		}
	}
}
