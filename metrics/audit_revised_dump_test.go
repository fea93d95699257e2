package metrics

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// loadDump reads a component written by dumpLarge: the problem with the
// moves and reach the audit had found before its questions, and the
// questions.
func loadDump(t *testing.T, name string) (*auditProblem, []int, []bool) {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var k int64
	var values []int64
	var moves []bool
	var reach []float64
	var names []string
	var rows []constraint
	var qs []int
	var few []bool
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	atoi := func(s string) int64 { x, _ := strconv.ParseInt(s, 10, 64); return x }
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		switch fs[0] {
		case "k":
			k = atoi(fs[1])
		case "v":
			values = append(values, atoi(fs[1]))
			moves = append(moves, fs[2] == "true")
			r, _ := strconv.ParseFloat(fs[3], 64)
			reach = append(reach, r)
			names = append(names, strings.Join(fs[4:], " "))
		case "r":
			c := constraint{eq: fs[1] == "true", constant: atoi(fs[2])}
			for i := 3; i+1 < len(fs); i += 2 {
				c.vars = append(c.vars, int(atoi(fs[i])))
				c.coefs = append(c.coefs, atoi(fs[i+1]))
			}
			rows = append(rows, c)
		case "q":
			qs = append(qs, int(atoi(fs[1])))
			few = append(few, fs[2] == "true")
		}
	}
	p := rawProblem(k, values, rows)
	copy(p.moves, moves)
	copy(p.reach, reach)
	dumpNames = names
	return p, qs, few
}

// TestRevisedOnDumps measures the revised simplex on large components
// dumped by a run with PEERSTAT_LP_DUMP (a debug measurement; skipped
// unless PEERSTAT_LP_DUMPS names the directory).
func TestRevisedOnDumps(t *testing.T) {
	dir := os.Getenv("PEERSTAT_LP_DUMPS")
	if dir == "" {
		t.Skip("PEERSTAT_LP_DUMPS not set")
	}
	names, _ := filepath.Glob(filepath.Join(dir, os.Getenv("PEERSTAT_LP_GLOB")))
	for _, name := range names {
		l0 := time.Now()
		p, qs, few := loadDump(t, name)
		t.Logf("loaded in %v", time.Since(l0))
		comp := p.components()[0]
		p.rev.batch = os.Getenv("PEERSTAT_LP_BATCH") != ""
		t0 := time.Now()
		var known, freed, disclosed, undecided int
		g0 := time.Now()
		for j, v := range qs {
			if time.Since(g0) > time.Duration(envInt("PEERSTAT_LP_SECONDS", 60))*time.Second {
				t.Logf("stopped at question %d", j)
				break
			}
			if j%100 == 0 && p.rev.programs != nil {
				g := p.rev.programs[p.find(comp[0])]
				t.Logf("%d questions, %v: %d freed, %d disclosed, %d undecided, %d pivots, %d factors", j, time.Since(g0), freed, disclosed, undecided, g.lp.pivots, g.lp.factors)
			}
			if p.certified(v, few[j]) {
				known++
				continue
			}
			q0 := time.Now()
			free, decided := p.revisedFree(v, few[j], comp)
			if g := p.rev.programs[p.find(comp[0])]; os.Getenv("PEERSTAT_LP_VERBOSE") != "" {
				t.Logf("q %d v %d value %d few %v: free %v decided %v, %d steps, %v", j, v, p.value[v], few[j], free, decided, g.lp.steps, time.Since(q0))
			}
			switch {
			case !decided:
				undecided++
			case free:
				freed++
			default:
				disclosed++
				t.Logf("%s: disclosed %d (value %d, few %v) %s", filepath.Base(name), v, p.value[v], few[j], dumpNames[v])
				if os.Getenv("PEERSTAT_LP_VERIFY") != "" {
					q, _, _ := loadDump(t, name)
					f2, ok2 := q.largeFree(v, few[j], q.components()[0])
					t.Logf("  tableau: free %v solved %v", f2, ok2)
				}
			}
		}
		g := p.rev.programs[p.find(comp[0])]
		t.Logf("batch programs (open, freed, steps): %v", p.rev.batches)
		nnz := 0
		for _, e := range g.lp.etas {
			nnz += len(e.idx) + 1
		}
		t.Logf("check failures: %d vertices not solved, %d outside the region", p.rev.singular, p.rev.outside)
		t.Logf("etas now %d, %d entries (%d since the last factorisation); A has %d", len(g.lp.etas), nnz, g.lp.since, len(g.lp.colVal))
		t.Logf("%s: %d unknowns, %d relations, %d questions: %d freed by earlier points, %d freed, %d disclosed, %d undecided; %d pivots, %d factorisations, %d points checked (%d failed); %v", filepath.Base(name), len(comp), len(p.rows), len(qs), known, freed, disclosed, undecided, g.lp.pivots, g.lp.factors, p.nChecked, p.nCheckFailed, time.Since(t0))
	}
}

var dumpNames []string

func envInt(name string, def int) int {
	if x, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return x
	}
	return def
}

// TestRelaxationOnDumps asks relaxedFoundOut every question of the dumped
// components (a debug measurement; skipped unless PEERSTAT_LP_DUMPS names
// the directory) and lists the counts it finds out.
func TestRelaxationOnDumps(t *testing.T) {
	dir := os.Getenv("PEERSTAT_LP_DUMPS")
	if dir == "" {
		t.Skip("PEERSTAT_LP_DUMPS not set")
	}
	names, _ := filepath.Glob(filepath.Join(dir, os.Getenv("PEERSTAT_LP_GLOB")))
	for _, name := range names {
		p, qs, few := loadDump(t, name)
		t0 := time.Now()
		out := 0
		for j, v := range qs {
			if p.certified(v, few[j]) || !p.relaxedFoundOut(v, few[j]) {
				continue
			}
			out++
			t.Logf("%s: found out %s (value %d)", filepath.Base(name), dumpNames[v], p.value[v])
		}
		t.Logf("%s: %d questions, %d asked the relaxation, %d found out, %v", filepath.Base(name), len(qs), p.rev.relaxedAsked, out, time.Since(t0))
	}
}
