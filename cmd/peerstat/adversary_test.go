package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/metrics"
	"github.com/peerstat/peerstat/synth"
)

// TestAdversaryRecoversNoSuppressedCount attacks a run's outputs as a
// reader holding all of them would (METRICS.md "Small-cell suppression":
// every file one run writes reaches one reader). It reads only what the
// run wrote: metrics.csv, each MCO workbook read back with excelize, and
// every HTML packet opened in headless Chromium (adversary_html_test.go:
// each number a page shows is placed at its figure and must not be a
// suppressed one's; a count only the page shows joins the published
// figures). It applies every relation the methodology states: programs
// sum to ALL, months to their quarter and quarters to the period, the MCO
// packets plus the (unseen) no-payer group to the board, a count two
// metrics share (or one metric publishes as denominator − numerator) is
// one number, intakes assessed = follow-ups done + open + missed where no
// one is left out.
// It solves them by exact rational row reduction and by interval
// propagation, and fails on every suppressed count it pins down (checked
// against the same run with --min-cell 0) or bounds below min_cell while
// it is from 1 to min_cell − 1. Then, with distinct-person counts and
// proportions as inequalities, it bounds each suppressed count by linear
// programs solved by HiGHS (lpAttack), as the audit's (ii) does, and fails
// on each count those pin down or hold below min_cell.
func TestAdversaryRecoversNoSuppressedCount(t *testing.T) {
	if testing.Short() || os.Getenv("PEERSTAT_ADVERSARY") == "" {
		// Five agencies, each run twice and attacked, take longer than the
		// package's ten minutes on a loaded machine:
		// PEERSTAT_ADVERSARY=1 go test ./cmd/peerstat -run TestAdversary -timeout 30m
		t.Skip("set PEERSTAT_ADVERSARY=1 to attack five agencies' outputs (several minutes)")
	}
	agencies := []struct {
		name  string
		build func(t *testing.T) string
	}{
		{"sample_data", func(*testing.T) string { return filepath.Join("..", "..", "sample_data") }},
		// Two payers (two of the three merged) and a tenth of people with
		// none, at 400 and 800 participants: both stopped with "cannot
		// protect" when one audit round's complements took the last shown
		// figures a later disclosed cell of the round could reach.
		{"two payers", func(t *testing.T) string { return twoPayers(t, 400, 3) }},
		{"two payers, 800 participants", func(t *testing.T) string { return twoPayers(t, 800, 22) }},
		// Three payers and a program of six people.
		{"three payers, tiny program", func(t *testing.T) string {
			return generated(t, 300, 5, func(i int, row []string) {
				if i%50 == 7 {
					row[1] = "Tiny Program"
				}
			})
		}},
		// A small agency: many zeros, few events in any month; every
		// person has a payer.
		{"small agency, many zeros", func(t *testing.T) string {
			return generated(t, 120, 9, func(i int, row []string) {
				if row[5] == "" {
					row[5] = "Prairie Health Plan"
				}
			})
		}},
	}
	for _, a := range agencies {
		t.Run(a.name, func(t *testing.T) {
			data := a.build(t)
			truth := runRelease(t, data, "0", nil)
			shown := runRelease(t, data, "", &truth)
			k := 11
			if cfg, err := config.Load(filepath.Join(data, "peerstat.toml")); err == nil && cfg.MinCell > 0 {
				k = cfg.MinCell
			}
			for i, msg := range shown.htmlProblems {
				if i == 20 {
					t.Errorf("... and %d more numbers the HTML should not show", len(shown.htmlProblems)-20)
					break
				}
				t.Error(msg)
			}
			found := attack(shown, truth, k)
			lpAttack(t, shown, truth, k)
			hidden := 0
			for _, c := range shown.cells {
				if c.suppressed {
					hidden++
				}
			}
			t.Logf("%d cells suppressed in the release; recovered %d suppressed counts exactly (%d of them from 1 to %d), %d bounded below %d; %d hidden zeros found out",
				hidden, found.exact, found.exactFew, k-1, found.bounded, k, found.zeros)
			for i, msg := range found.messages {
				if i == 20 {
					t.Errorf("... and %d more", len(found.messages)-20)
					break
				}
				t.Error(msg)
			}
		})
	}
}

// twoPayers is a generated agency whose Heartland Community Health
// members are Summit Care's: two payers, and the tenth of people the
// generator gives no payer.
func twoPayers(t *testing.T, n int, seed uint64) string {
	return generated(t, n, seed, func(i int, row []string) {
		if row[5] == "Heartland Community Health" {
			row[5] = "Summit Care"
		}
	})
}

// generated writes a synthetic agency of n participants and rewrites each
// participants row (after the header) with edit.
func generated(t *testing.T, n int, seed uint64, edit func(i int, row []string)) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := synth.Generate(dir, synth.Options{Participants: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "participants.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(rows); i++ {
		edit(i, rows[i])
	}
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(out)
	w.WriteAll(rows)
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A releaseCell is one figure as a reader finds it in the files.
type releaseCell struct {
	packet, metric, program, grain, start, end string
	num, den                                   *big.Rat
	val                                        *float64
	suppressed                                 bool
}

func (c releaseCell) key() string {
	return strings.Join([]string{c.packet, c.metric, c.program, c.grain, c.start, c.end}, "|")
}

type publishedRelease struct {
	cells    map[string]*releaseCell
	packets  []string // "board" first, then each MCO packet's file slug
	registry map[string]metrics.Definition
	// dataThrough is the day the data are complete through, as the
	// packets print it ("" when the config leaves it to the run).
	dataThrough string
	// htmlProblems are the numbers the HTML packets show that they must
	// not (a suppressed figure's, or one no published figure shows).
	htmlProblems []string
	// intervals are the interval bounds each packet's workbook shows
	// beside its figures.
	intervals map[string][]float64
}

// runRelease runs peerstat on data (with --min-cell minCell when given)
// and reads back what it wrote.
func runRelease(t *testing.T, data, minCell string, truth *publishedRelease) publishedRelease {
	t.Helper()
	out := t.TempDir()
	args := []string{"run", "--data", data, "--out", out}
	if minCell != "" {
		args = append(args, "--min-cell", minCell)
	}
	// PEERSTAT_ADVERSARY_BIN attacks another build's outputs (e.g. an
	// earlier commit's binary) instead of this one's.
	if bin := os.Getenv("PEERSTAT_ADVERSARY_BIN"); bin != "" {
		if msg, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", bin, args, err, msg)
		}
	} else if code, _, stderr := peerstat(t, args...); code != 0 {
		t.Fatalf("peerstat %v: exit %d\n%s", args, code, stderr)
	}
	return readRelease(t, data, out, truth)
}

// readRelease reads back what a run on data wrote into out; given the
// same data's --min-cell 0 release (truth), it reads the HTML packets too.
func readRelease(t *testing.T, data, out string, truth *publishedRelease) publishedRelease {
	t.Helper()
	cfg, err := config.Load(filepath.Join(data, "peerstat.toml"))
	if err != nil {
		t.Fatal(err)
	}
	rel := publishedRelease{cells: map[string]*releaseCell{}, packets: []string{"board"}, registry: map[string]metrics.Definition{}}
	if !cfg.DataThrough.IsZero() {
		rel.dataThrough = cfg.DataThrough.Format("2006-01-02")
	}
	for _, d := range metrics.Registry(cfg) {
		rel.registry[d.ID] = d
	}
	f, err := os.Open(filepath.Join(out, "metrics.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		c := &releaseCell{packet: "board", metric: r[0], program: r[1], grain: r[2], start: r[3], end: r[4],
			num: ratOf(r[5]), den: ratOf(r[6]), val: floatOf(r[7]), suppressed: r[9] == "true"}
		rel.cells[c.key()] = c
	}
	books, _ := filepath.Glob(filepath.Join(out, "peerstat-mco*.xlsx"))
	sort.Strings(books)
	for _, book := range books {
		packet := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(book), "peerstat-"), ".xlsx")
		rel.packets = append(rel.packets, packet)
		readWorkbook(t, book, packet, &rel)
	}
	if truth != nil {
		// The pages as a reader sees them; the --min-cell 0 run only gives
		// the true values.
		for _, packet := range rel.packets {
			rel.htmlProblems = append(rel.htmlProblems, readHTML(t, filepath.Join(out, "peerstat-"+packet+".html"), packet, &rel, truth, cfg)...)
		}
	}
	return rel
}

// readWorkbook reads every figure table of a packet (the columns Metric,
// Program, Grain, Start, End, Numerator, Denominator).
func readWorkbook(t *testing.T, path, packet string, rel *publishedRelease) {
	cells := rel.cells
	if rel.intervals == nil {
		rel.intervals = map[string][]float64{}
	}
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		var col map[string]int
		for _, row := range rows {
			if len(row) == 0 {
				col = nil
				continue
			}
			if at(row, 0) == "Figure" && at(row, 1) == "Metric" {
				col = map[string]int{}
				for i, h := range row {
					col[h] = i
				}
				continue
			}
			if col == nil || at(row, col["Metric"]) == "" {
				continue
			}
			program := at(row, col["Program"])
			if program == "All programs" {
				program = metrics.AllPrograms
			}
			grain := map[string]string{"Month": metrics.GrainMonth, "Quarter": metrics.GrainQuarter, "Whole period": metrics.GrainPeriod}[at(row, col["Grain"])]
			num, den := at(row, col["Numerator"]), at(row, col["Denominator"])
			c := &releaseCell{packet: packet, metric: at(row, col["Metric"]), program: program, grain: grain,
				start: at(row, col["Start"]), end: at(row, col["End"]),
				num: ratOf(num), den: ratOf(den), val: floatOf(at(row, col["Value"])), suppressed: strings.HasPrefix(at(row, col["Value"]), "suppressed")}
			cells[c.key()] = c
			for _, name := range []string{"95% interval low", "95% interval high"} {
				if i, ok := col[name]; ok {
					if v := floatOf(at(row, i)); v != nil {
						rel.intervals[packet] = append(rel.intervals[packet], *v)
					}
				}
			}
		}
	}
}

func at(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

func floatOf(s string) *float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil
	}
	return &v
}

func ratOf(s string) *big.Rat {
	if s == "" {
		return nil
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return nil
	}
	return r
}

type findings struct {
	exact, exactFew, bounded, zeros int
	messages                        []string
}

// unknownKey is a suppressed count: a cell's numerator or denominator.
type unknownKey struct{ cell, part string }

// equation is Σ coefs·x = rhs.
type equation struct {
	coefs map[int]*big.Rat
	rhs   *big.Rat
}

func (e equation) copy() equation {
	c := equation{coefs: map[int]*big.Rat{}, rhs: new(big.Rat).Set(e.rhs)}
	for j, x := range e.coefs {
		c.coefs[j] = new(big.Rat).Set(x)
	}
	return c
}

// attack solves the relations of shown for its suppressed counts.
func attack(shown, truth publishedRelease, k int) findings {
	names, eqs, _ := relationsOf(shown)
	return solveRelations(names, eqs, truth, k)
}

// relationsOf lists the suppressed counts of shown (names) and the
// relations a reader of the release knows between them: the equations
// (Σ coefs·x = rhs) and, for the linear-programming stage
// (adversary_lp_test.go), the inequalities (Σ coefs·x <= rhs) that
// distinct-person counts and proportions give.
func relationsOf(shown publishedRelease) (names []unknownKey, eqs, les []equation) {
	vars := map[unknownKey]int{}
	variable := func(u unknownKey) int {
		if v, ok := vars[u]; ok {
			return v
		}
		vars[u] = len(names)
		names = append(names, u)
		return len(names) - 1
	}
	// record adds Σ sign·count(cell) = 0 to eqs (or <= 0 to les): a
	// shown count is a constant, a suppressed one (or any of the no-payer
	// group, which no file shows) an unknown. A relation naming a figure
	// the files do not hold is left out.
	record := func(dst *[]equation, cells []string, parts []string, signs []int64) {
		// A proportion's denominator − numerator is its two counts.
		var cs, ps []string
		var ss []int64
		for i, part := range parts {
			if part == metrics.PartRest {
				cs = append(cs, cells[i], cells[i])
				ps = append(ps, metrics.PartDenominator, metrics.PartNumerator)
				ss = append(ss, signs[i], -signs[i])
				continue
			}
			cs, ps, ss = append(cs, cells[i]), append(ps, part), append(ss, signs[i])
		}
		cells, parts, signs = cs, ps, ss
		e := equation{coefs: map[int]*big.Rat{}, rhs: new(big.Rat)}
		for i, key := range cells {
			c := shown.cells[key]
			if c != nil && !c.suppressed {
				v := c.num
				if parts[i] == metrics.PartDenominator {
					v = c.den
				}
				if v == nil {
					return
				}
				e.rhs.Sub(e.rhs, new(big.Rat).Mul(v, big.NewRat(signs[i], 1)))
				continue
			}
			if c == nil && !strings.HasPrefix(key, "nopayer|") {
				return // a figure the files do not hold
			}
			v := variable(unknownKey{key, parts[i]})
			if e.coefs[v] == nil {
				e.coefs[v] = new(big.Rat)
			}
			e.coefs[v].Add(e.coefs[v], big.NewRat(signs[i], 1))
		}
		if len(e.coefs) > 0 {
			*dst = append(*dst, e)
		}
	}
	add := func(cells []string, parts []string, signs []int64) { record(&eqs, cells, parts, signs) }
	atMost := func(cells []string, parts []string, signs []int64) { record(&les, cells, parts, signs) }
	sum := func(total string, parts []string, part string) { add(sumTerms(total, parts, part)) }
	counted := func(d metrics.Definition) []string {
		var parts []string
		if d.NumeratorCounted {
			parts = append(parts, metrics.PartNumerator)
		}
		if d.DenominatorCounted {
			parts = append(parts, metrics.PartDenominator)
		}
		return parts
	}
	key := func(packet, metric, program, grain, start, end string) string {
		return strings.Join([]string{packet, metric, program, grain, start, end}, "|")
	}
	// The board's cells give the programs and windows of every packet.
	var board []*releaseCell
	for _, c := range shown.cells {
		if c.packet == "board" {
			board = append(board, c)
		}
	}
	sort.Slice(board, func(i, j int) bool { return board[i].key() < board[j].key() })
	programs := map[string][]*releaseCell{} // metric|grain|start|end -> program cells
	series := map[string][]*releaseCell{}   // metric|program|grain -> cells
	for _, c := range board {
		if c.program != metrics.AllPrograms {
			w := strings.Join([]string{c.metric, c.grain, c.start, c.end}, "|")
			programs[w] = append(programs[w], c)
		}
		s := strings.Join([]string{c.metric, c.program, c.grain}, "|")
		series[s] = append(series[s], c)
	}
	packets := append(append([]string{}, shown.packets...), "nopayer")
	if len(shown.packets) < 2 {
		packets = shown.packets
	}
	for _, c := range board {
		d, ok := shown.registry[c.metric]
		if !ok || !d.Protected || d.Numerator == "" {
			continue
		}
		for _, packet := range packets {
			if packet != "board" && d.AgencyWide {
				continue
			}
			cell := key(packet, c.metric, c.program, c.grain, c.start, c.end)
			// A proportion's numerator is at most its denominator.
			if d.Proportion && d.NumeratorCounted && d.DenominatorCounted {
				atMost([]string{cell, cell}, []string{metrics.PartNumerator, metrics.PartDenominator}, []int64{1, -1})
			}
			// Distinct people: each program at most ALL, ALL at most their
			// sum (METRICS.md: audited so, across programs and payers).
			if c.program == metrics.AllPrograms && d.DistinctPeople {
				var parts []string
				for _, p := range programs[strings.Join([]string{c.metric, c.grain, c.start, c.end}, "|")] {
					parts = append(parts, key(packet, c.metric, p.program, c.grain, c.start, c.end))
				}
				partOf(atMost, cell, parts, counted(d))
			}
			// Programs sum to ALL (distinct people do not).
			if c.program == metrics.AllPrograms && !d.DistinctPeople {
				var parts []string
				for _, p := range programs[strings.Join([]string{c.metric, c.grain, c.start, c.end}, "|")] {
					parts = append(parts, key(packet, c.metric, p.program, c.grain, c.start, c.end))
				}
				if len(parts) > 0 {
					for _, part := range counted(d) {
						sum(key(packet, c.metric, c.program, c.grain, c.start, c.end), parts, part)
					}
				}
			}
			// Months sum to their quarter, quarters to the period.
			inner := map[string]string{metrics.GrainQuarter: metrics.GrainMonth, metrics.GrainPeriod: metrics.GrainQuarter}[c.grain]
			if inner != "" && !d.DistinctPeople {
				var parts []string
				covers := false
				for _, o := range series[strings.Join([]string{c.metric, c.program, inner}, "|")] {
					if o.start >= c.start && o.end <= c.end {
						parts = append(parts, key(packet, c.metric, c.program, inner, o.start, o.end))
						covers = covers || o.start == c.start
					}
				}
				if covers {
					for _, part := range counted(d) {
						sum(key(packet, c.metric, c.program, c.grain, c.start, c.end), parts, part)
					}
				}
			}
		}
		// The MCO packets and the no-payer group sum to the board
		// (distinct people: each at most the board, the board at most
		// their sum).
		if len(packets) > 1 && !d.AgencyWide {
			var parts []string
			for _, packet := range packets[1:] {
				parts = append(parts, key(packet, c.metric, c.program, c.grain, c.start, c.end))
			}
			if d.DistinctPeople {
				partOf(atMost, c.key(), parts, counted(d))
			} else {
				for _, part := range counted(d) {
					sum(c.key(), parts, part)
				}
			}
		}
		// A count that is the sum of other metrics' counts (intakes
		// assessed = follow-ups done + open + missed): exactly so where the
		// rule leaves no one out, a window ending 30 days or more before
		// data_through, which the reader knows from the packets.
		for _, tot := range d.Totals {
			if tot.Narrower && (shown.dataThrough == "" || !endsBefore(c.end, shown.dataThrough, 30)) {
				continue
			}
			for _, packet := range packets {
				cells := []string{key(packet, c.metric, c.program, c.grain, c.start, c.end)}
				parts := []string{tot.Part}
				signs := []int64{1}
				for _, m := range tot.Metrics {
					cells = append(cells, key(packet, m, c.program, c.grain, c.start, c.end))
					parts = append(parts, metrics.PartNumerator)
					signs = append(signs, -1)
				}
				add(cells, parts, signs)
			}
		}
		// A count two metrics share is one number, in every packet.
		for _, sc := range d.Shares {
			for _, other := range shown.registry {
				if other.ID <= d.ID {
					continue
				}
				for _, osc := range other.Shares {
					if osc.Name != sc.Name || ((sc.AllOnly || osc.AllOnly) && c.program != metrics.AllPrograms) {
						continue
					}
					for _, packet := range packets {
						add([]string{key(packet, c.metric, c.program, c.grain, c.start, c.end), key(packet, other.ID, c.program, c.grain, c.start, c.end)},
							[]string{sc.Part, osc.Part}, []int64{1, -1})
					}
				}
			}
		}
	}
	return names, eqs, les
}

// partOf records, for each counted part, that each of parts is at most
// total and total at most their sum (distinct people).
func partOf(atMost func(cells, parts []string, signs []int64), total string, parts []string, counted []string) {
	if len(parts) == 0 {
		return
	}
	for _, part := range counted {
		for _, p := range parts {
			atMost([]string{p, total}, []string{part, part}, []int64{1, -1})
		}
		atMost(sumTerms(total, parts, part))
	}
}

// sumTerms are the terms of total − Σ parts, each the same part (count).
func sumTerms(total string, parts []string, part string) (cells, ps []string, signs []int64) {
	cells = append([]string{total}, parts...)
	ps = make([]string, len(cells))
	signs = make([]int64, len(cells))
	for i := range cells {
		ps[i], signs[i] = part, -1
	}
	signs[0] = 1
	return cells, ps, signs
}

// solveRelations solves the equations for the suppressed counts (names)
// by exact row reduction and by interval propagation, and reports each
// count they recover (checked against truth) or bound below k.
func solveRelations(names []unknownKey, eqs []equation, truth publishedRelease, k int) findings {
	var out findings
	kk := big.NewRat(int64(k), 1)
	report := func(u unknownKey, got *big.Rat, how string) {
		want, known := truthOf(truth, u.cell, u.part)
		if !known || want.Cmp(got) != 0 {
			return
		}
		few := want.Sign() > 0 && want.Cmp(kk) < 0
		if strings.HasPrefix(u.cell, "nopayer|") && !few {
			return // the no-payer group's figures are not all hidden
		}
		if want.Sign() == 0 {
			// A hidden 0 found out names no one (METRICS.md methodology
			// reading, as the audit's): counted, not a failure.
			out.zeros++
			return
		}
		out.exact++
		if want.Sign() > 0 && want.Cmp(kk) < 0 {
			out.exactFew++
		}
		out.messages = append(out.messages, fmt.Sprintf("recovered the suppressed %s of %s %s: %s", u.part, strings.ReplaceAll(u.cell, "|", " "), how, got.RatString()))
	}
	for v, value := range solveExactly(eqs) {
		report(names[v], value, "by row reduction")
	}
	lo, hi := propagate(eqs, len(names))
	for v, u := range names {
		if fixed, ok := solved(lo[v], hi[v]); ok {
			report(u, fixed, "by bounds")
			continue
		}
		want, known := truthOf(truth, u.cell, u.part)
		if known && want.Sign() > 0 && want.Cmp(kk) < 0 && hi[v] < float64(k) {
			out.bounded++
			out.messages = append(out.messages, fmt.Sprintf("bounded the suppressed %s of %s (%s) to at most %g, below %d",
				u.part, strings.ReplaceAll(u.cell, "|", " "), want.RatString(), hi[v], k))
		}
	}
	return out
}

// endsBefore reports whether the day end plus days is on or before
// through (both YYYY-MM-DD).
func endsBefore(end, through string, days int) bool {
	e, err1 := time.Parse("2006-01-02", end)
	t, err2 := time.Parse("2006-01-02", through)
	return err1 == nil && err2 == nil && !e.AddDate(0, 0, days).After(t)
}

// solved reports an interval that holds one value.
func solved(lo, hi float64) (*big.Rat, bool) {
	if lo != hi {
		return nil, false
	}
	return new(big.Rat).SetFloat64(lo), true
}

// solveExactly reduces the equations to reduced row echelon form in exact
// rational arithmetic and returns each unknown they fix, with its value.
func solveExactly(eqs []equation) map[int]*big.Rat {
	pivots := map[int]equation{}
	var order []int
	for _, e := range eqs {
		r := e.copy()
		var cols []int
		for j := range r.coefs {
			cols = append(cols, j)
		}
		sort.Ints(cols)
		for _, j := range cols {
			p, ok := pivots[j]
			f, has := r.coefs[j]
			if ok && has {
				subtract(r, new(big.Rat).Set(f), p)
			}
		}
		if len(r.coefs) == 0 {
			continue
		}
		pc := -1
		for j := range r.coefs {
			if pc < 0 || j < pc {
				pc = j
			}
		}
		inv := new(big.Rat).Inv(r.coefs[pc])
		for _, x := range r.coefs {
			x.Mul(x, inv)
		}
		r.rhs.Mul(r.rhs, inv)
		for _, q := range order {
			p := pivots[q]
			if f, ok := p.coefs[pc]; ok {
				subtract(p, new(big.Rat).Set(f), r)
			}
		}
		pivots[pc] = r
		order = append(order, pc)
	}
	out := map[int]*big.Rat{}
	for q, p := range pivots {
		if len(p.coefs) == 1 {
			out[q] = p.rhs
		}
	}
	return out
}

// subtract sets e -= f·p.
func subtract(e equation, f *big.Rat, p equation) {
	for q, x := range p.coefs {
		y := e.coefs[q]
		if y == nil {
			y = new(big.Rat)
			e.coefs[q] = y
		}
		y.Sub(y, new(big.Rat).Mul(f, x))
		if y.Sign() == 0 {
			delete(e.coefs, q)
		}
	}
	e.rhs.Sub(e.rhs, new(big.Rat).Mul(f, p.rhs))
}

// propagate narrows an interval for each unknown (all >= 0) through the
// equations (coefficients ±1) until none narrows.
func propagate(eqs []equation, n int) (lo, hi []float64) {
	lo, hi = make([]float64, n), make([]float64, n)
	inf := math.Inf(1)
	for v := range hi {
		hi[v] = inf
	}
	for pass := 0; pass < 500; pass++ {
		changed := false
		for _, e := range eqs {
			rhs, _ := e.rhs.Float64()
			for v, cv := range e.coefs {
				a, _ := cv.Float64()
				// a·x_v = rhs − Σ others; others' range gives x_v's.
				minRest, maxRest := 0.0, 0.0
				for u, cu := range e.coefs {
					if u == v {
						continue
					}
					b, _ := cu.Float64()
					if b > 0 {
						minRest += b * lo[u]
						maxRest += b * hi[u]
					} else {
						minRest += b * hi[u]
						maxRest += b * lo[u]
					}
				}
				low, high := (rhs-maxRest)/a, (rhs-minRest)/a
				if a < 0 {
					low, high = high, low
				}
				if !math.IsNaN(high) && high < hi[v] {
					hi[v], changed = high, true
				}
				if !math.IsNaN(low) && low > lo[v] {
					lo[v], changed = low, true
				}
			}
		}
		if !changed {
			break
		}
	}
	return lo, hi
}

// truthOf is a count as the --min-cell 0 run shows it; a no-payer count is
// the board's less the MCO packets'.
func truthOf(truth publishedRelease, key, part string) (*big.Rat, bool) {
	get := func(key string) (*big.Rat, bool) {
		c := truth.cells[key]
		if c == nil {
			return nil, false
		}
		if part == metrics.PartDenominator {
			return c.den, c.den != nil
		}
		return c.num, c.num != nil
	}
	fields := strings.Split(key, "|")
	if fields[0] != "nopayer" {
		return get(key)
	}
	fields[0] = "board"
	total, ok := get(strings.Join(fields, "|"))
	if !ok {
		return nil, false
	}
	rest := new(big.Rat).Set(total)
	for _, packet := range truth.packets[1:] {
		fields[0] = packet
		v, ok := get(strings.Join(fields, "|"))
		if !ok {
			return nil, false
		}
		rest.Sub(rest, v)
	}
	return rest, true
}
