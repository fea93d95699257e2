package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/metrics"
)

// The HTML packets as a reader sees them: each page opened in headless
// Chromium (its DOM after the page's scripts ran), every number it shows
// taken from the tables, the sentences and the charts' data, and each one
// placed at its figure where the page's layout names it (a figure table's
// row, the headline table, a chart's data table). A placed number of a
// suppressed figure is a leak; a numerator or denominator the workbook
// leaves blank joins the published figures the relations are solved
// over; a number that cannot be placed must be one the packet publishes
// anyway, or a constant of the definitions and settings. A chart's data
// must be the numbers of its data table.

// htmlSkipped are the sections that show no figure: the cover (counts of
// hidden figures), data quality (row counts of the agency's own files,
// "fewer than k" when small), the methodology and the data dictionary.
var htmlSkipped = map[string]bool{"cover": true, "data-quality": true, "methodology": true, "data-dictionary": true}

// shownNumber is one number as a page prints it.
type shownNumber struct {
	text     string
	value    float64
	exact    *big.Rat // the printed digits, exactly
	decimals int      // digits after the point, as printed (percent: of the share)
}

var suppressedWords = regexp.MustCompile(`suppressed \(<\d+\)`)

var numberPattern = regexp.MustCompile(`[-−]?\$?\d[\d,]*(?:\.\d+)?%?`)

// numbersIn lists the numbers a text shows, as printed.
func numbersIn(s string) []shownNumber {
	// "suppressed (<11)" shows min_cell, no figure
	s = suppressedWords.ReplaceAllString(s, "suppressed")
	var out []shownNumber
	for _, at := range numberPattern.FindAllStringIndex(s, -1) {
		m := s[at[0]:at[1]]
		if at[0] > 0 && strings.HasPrefix(m, "-") {
			// a hyphen inside a word or range ("BARC-10", "1-7") is no sign
			if c := s[at[0]-1]; c != ' ' && c != '(' {
				m = m[1:]
				at[0]++
			}
		}
		// A number glued to letters is part of a name ("BARC-10", "q10",
		// "Q3", "30-day"), not a figure.
		if (at[0] > 0 && isLetter(s[at[0]-1])) || (at[0] > 1 && s[at[0]-1] == '-' && isLetter(s[at[0]-2])) ||
			(at[1] < len(s) && isLetter(s[at[1]])) || (at[1]+1 < len(s) && s[at[1]] == '-' && isLetter(s[at[1]+1])) {
			continue
		}
		if n, ok := parseShown(m); ok {
			out = append(out, n)
		}
	}
	return out
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

// parseShown reads one printed number: "1,234", "73.9%", "$65,625",
// "-0.4" ("6.55×" without its sign, as numberPattern leaves it).
func parseShown(s string) (shownNumber, bool) {
	n := shownNumber{text: s}
	t := strings.NewReplacer(",", "", "$", "", "−", "-").Replace(s)
	percent := strings.HasSuffix(t, "%")
	t = strings.TrimSuffix(t, "%")
	r, ok := new(big.Rat).SetString(t)
	if !ok {
		return n, false
	}
	if i := strings.IndexByte(t, '.'); i >= 0 {
		n.decimals = len(t) - i - 1
	}
	if percent {
		r.Quo(r, big.NewRat(100, 1))
		n.decimals += 2
	}
	n.exact = r
	n.value, _ = r.Float64()
	return n, true
}

// rounds reports whether v prints as n (within half its last digit).
func (n shownNumber) rounds(v float64) bool {
	return math.Abs(v-n.value) <= 0.5*math.Pow(10, -float64(n.decimals))+1e-9
}

// cellNumber is the one number a table cell shows, if it shows one.
func cellNumber(text string) (shownNumber, bool) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "×"))
	if !regexp.MustCompile(`^[-−]?\$?\d[\d,]*(?:\.\d+)?%?$`).MatchString(t) {
		return shownNumber{}, false
	}
	return parseShown(t)
}

// dumpDOM opens an HTML file in headless Chromium and returns its DOM
// after the page's scripts ran.
func dumpDOM(t *testing.T, path string) string {
	t.Helper()
	var bin string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed; the adversary test reads the HTML packets in it")
		}
		t.Skip("chromium is not installed: the HTML packets were not attacked")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir="+t.TempDir(),
		"--dump-dom", "file://"+abs)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom %s: %v", path, err)
	}
	return string(out)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			// nodes apart (a sparkline's point titles are one per node)
			b.WriteString(n.Data + " ")
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func elements(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// pageTable is a table as the page shows it: caption, header and body.
type pageTable struct {
	caption  string
	fallback bool
	header   []string
	rows     [][]string
	node     *html.Node
}

func readTable(n *html.Node) pageTable {
	pt := pageTable{node: n, fallback: strings.Contains(attr(n, "class"), "fallback")}
	if c := elements(n, "caption"); len(c) > 0 {
		pt.caption = textOf(c[0])
	}
	for _, tr := range elements(n, "tr") {
		var row []string
		head := false
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
				row = append(row, textOf(c))
				head = head || (c.Data == "th" && attr(c, "scope") == "col")
			}
		}
		if head && pt.header == nil {
			pt.header = row
			continue
		}
		pt.rows = append(pt.rows, row)
	}
	return pt
}

// htmlReader places one packet's numbers at its figures.
type htmlReader struct {
	t      *testing.T
	packet string
	rel    *publishedRelease
	truth  *publishedRelease // the same data with --min-cell 0
	// the suppressed figures placed in each section, by section
	sectionHidden map[string][]string
	cfg           config.Config
	byTitle       map[string][]string // figure title (and chart label) -> metric ids
	constant      map[string]bool     // numbers the definitions and settings state
	problems      []string
	placed        int
	looseN        int
	// the packet's shown counts and values, for numbers no layout places
	counts map[string]bool
	values []float64
	// corpus is the text of the definitions, settings, methodology and
	// data dictionary: a number stated there in the same words is no figure
	corpus string
	// numbers no layout places, checked when their section is read
	queue []queued
	// the counts and values placed in each section, by section
	sectionCounts map[string]map[string]bool
	sectionValues map[string][]float64
}

// stated reports whether the definitions, settings or methodology state
// the number: a share or amount they state anywhere; a whole number in the
// same words, the word before or after it as the text shows them (a
// rule's "7 days", the setting "min_cell = 11").
func (h *htmlReader) stated(where string, num shownNumber) bool {
	if !h.constant[num.exact.RatString()] {
		return false
	}
	if strings.ContainsAny(num.text, "%$.") {
		// a stated share, amount or fraction ("95% interval", "80%
		// target"): no count of people
		return true
	}
	fields := strings.Fields(where)
	for i, f := range fields {
		if !strings.Contains(f, num.text) {
			continue
		}
		if i > 0 && strings.Contains(h.corpus, fields[i-1]+" "+f) {
			return true
		}
		if i+1 < len(fields) && strings.Contains(h.corpus, f+" "+fields[i+1]) {
			return true
		}
		if len(fields) == 1 {
			return true
		}
	}
	return false
}

// sectionOf is the section a place description begins with.
func sectionOf(where string) string {
	s, _, _ := strings.Cut(where, ":")
	return s
}

// noteShown records a shown figure's numbers as its section's.
func (h *htmlReader) noteShown(where string, c *releaseCell) {
	sec := sectionOf(where)
	if h.sectionCounts == nil {
		h.sectionCounts, h.sectionValues = map[string]map[string]bool{}, map[string][]float64{}
	}
	if h.sectionCounts[sec] == nil {
		h.sectionCounts[sec] = map[string]bool{}
	}
	for _, r := range []*big.Rat{c.num, c.den} {
		if r != nil {
			h.sectionCounts[sec][r.RatString()] = true
		}
	}
	if v, ok := c.value(); ok {
		h.sectionValues[sec] = append(h.sectionValues[sec], v)
	}
}

// among reports whether a printed number is one of values as printed (a
// whole number other than dollars only exactly).
func among(num shownNumber, values []float64) bool {
	tol := 0.5*math.Pow(10, -float64(num.decimals)) + 1e-9
	if num.decimals == 0 && !strings.Contains(num.text, "$") {
		tol = 1e-9
	}
	for _, v := range values {
		if math.Abs(v-num.value) <= tol {
			return true
		}
	}
	return false
}

func (h *htmlReader) fail(format string, args ...any) {
	h.problems = append(h.problems, fmt.Sprintf("%s.html: ", h.packet)+fmt.Sprintf(format, args...))
}

// readHTML reads one packet's page and checks every number on it.
func readHTML(t *testing.T, path, packet string, rel, truth *publishedRelease, cfg config.Config) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(dumpDOM(t, path)))
	if err != nil {
		t.Fatalf("parse the DOM of %s: %v", path, err)
	}
	h := &htmlReader{t: t, packet: packet, rel: rel, truth: truth, cfg: cfg, byTitle: map[string][]string{}, constant: map[string]bool{}}
	var corpus strings.Builder
	for _, d := range metrics.Registry(cfg) {
		for _, name := range []string{d.Title, d.ChartLabel} {
			if name != "" {
				h.byTitle[name] = append(h.byTitle[name], d.ID)
			}
		}
		for _, s := range []string{d.Title, d.Description, d.Numerator, d.Denominator, d.Label, d.ChartLabel, d.BlankReason, d.AbsentReason} {
			for _, n := range numbersIn(s) {
				h.constant[n.exact.RatString()] = true
			}
			corpus.WriteString(strings.Join(strings.Fields(s), " ") + "\n")
		}
	}
	for _, s := range elements(doc, "section") {
		id := attr(s, "id")
		if id == "methodology" || id == "data-dictionary" {
			corpus.WriteString(textOf(s) + "\n")
		}
		if id == "methodology" {
			// The settings in force and the targets are constants too.
			for _, tb := range elements(s, "table") {
				for _, row := range readTable(tb).rows {
					for _, c := range row {
						for _, n := range numbersIn(c) {
							h.constant[n.exact.RatString()] = true
						}
					}
				}
			}
		}
	}
	h.constant[strconv.Itoa(cfg.MinCell)] = true
	h.corpus = corpus.String()
	for _, s := range elements(doc, "section") {
		if htmlSkipped[attr(s, "id")] {
			continue
		}
		h.section(s)
	}
	h.t.Logf("%s.html: %d numbers placed at their figures, %d checked against the packet's published figures", packet, h.placed, h.looseN)
	return h.problems
}

// section reads a section's tables, charts and sentences.
func (h *htmlReader) section(s *html.Node) {
	name := attr(s, "id")
	tables := map[*html.Node]bool{}
	for _, tb := range elements(s, "table") {
		tables[tb] = true
		h.table(name, readTable(tb))
	}
	for _, fig := range elements(s, "figure") {
		h.chart(name, fig)
	}
	// Sentences: every text outside the tables and scripts.
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		// A chart's drawing repeats its option's data and labels (checked
		// in chart) beside axis ticks, which are no figure.
		if n.Type == html.ElementNode && (tables[n] || n.Data == "script" || n.Data == "style" || attr(n, "class") == "container") {
			return
		}
		if n.Type == html.TextNode {
			for _, num := range numbersIn(n.Data) {
				h.loosely(name+": \""+strings.TrimSpace(n.Data)+"\"", num)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(s)
	for _, q := range h.queue {
		h.check(q.where, q.num)
	}
	h.queue = nil
}

var (
	monthLabel   = regexp.MustCompile(`^([A-Z][a-z]{2} \d{4})$`)
	quarterLabel = regexp.MustCompile(`^(\d{4}) Q([1-4])$`)
)

// table places a table's numbers by its layout.
func (h *htmlReader) table(section string, pt pageTable) {
	col := map[string]int{}
	for i, c := range pt.header {
		col[c] = i
	}
	get := func(row []string, name string) (string, bool) {
		i, ok := col[name]
		if !ok || i >= len(row) {
			return "", false
		}
		return row[i], true
	}
	where := func(row []string) string { return section + ": " + pt.caption + ": " + strings.Join(row, " | ") }
	cur := [2]string{h.cfg.PeriodStart.Format("2006-01-02"), h.cfg.PeriodEnd.Format("2006-01-02")}
	_, hasFigure := col["Figure"]
	_, hasProgram := col["Program"]
	_, hasThis := col["This period"]
	_, hasPaired := col["Paired episodes"]
	_, hasNumerator := col["Numerator"]
	switch {
	case hasFigure && hasThis:
		// The headline figures: program ALL, this period and the one before.
		for _, row := range pt.rows {
			ids := h.ids(row[0], true)
			prev := h.previousWindow(cur)
			for _, c := range []struct{ column, part string }{{"This period", "value"}, {"Numerator", metrics.PartNumerator}, {"Denominator", metrics.PartDenominator}, {"Previous period", "value"}} {
				text, ok := get(row, c.column)
				if !ok {
					continue
				}
				w := cur
				if c.column == "Previous period" {
					w = prev
				}
				h.place(where(row), ids, metrics.AllPrograms, metrics.GrainPeriod, w, c.part, text, 0)
			}
			// The trend (each period's value as the packet shows it) and
			// the note (a sentence on the figure, its interval).
			for _, column := range []string{"Trend", "Note"} {
				if text, ok := get(row, column); ok {
					h.loose(where(row), text)
				}
			}
			// Change, target and benchmark: computed from the two periods'
			// values, or settings; shown only when both values are.
		}
	case hasFigure && hasProgram && hasNumerator:
		// A figure table: each figure and program's whole-period rows, in
		// the order of their periods.
		seen := map[string]int{}
		for _, row := range pt.rows {
			ids := h.ids(row[0], false)
			program := programOf(row[col["Program"]])
			k := row[0] + "|" + program
			nth := seen[k]
			seen[k]++
			for _, c := range []struct{ column, part string }{{"Numerator", metrics.PartNumerator}, {"Denominator", metrics.PartDenominator}, {"Value", "value"}} {
				if text, ok := get(row, c.column); ok {
					h.place(where(row), ids, program, metrics.GrainPeriod, [2]string{}, c.part, text, nth)
				}
			}
			if text, ok := get(row, "95% interval"); ok {
				for _, num := range numbersIn(text) {
					h.loosely(where(row), num)
				}
			}
		}
	case hasFigure && hasPaired:
		// Intake beside follow-up: the pair's denominator and both values.
		for _, row := range pt.rows {
			program := programOf(row[col["Program"]])
			pre, post := h.pair(row[0])
			if text, ok := get(row, "Paired episodes"); ok {
				h.place(where(row), pre, program, metrics.GrainPeriod, cur, metrics.PartDenominator, text, 0)
			}
			if text, ok := get(row, "At intake"); ok {
				h.place(where(row), pre, program, metrics.GrainPeriod, cur, "value", text, 0)
			}
			if text, ok := get(row, "At follow-up"); ok {
				h.place(where(row), post, program, metrics.GrainPeriod, cur, "value", text, 0)
			}
		}
	case pt.fallback && len(pt.header) > 1 && (pt.header[0] == "Month" || pt.header[0] == "Quarter"):
		// A trend chart's data: one metric, a column per program.
		ids := h.ids(strings.TrimPrefix(pt.caption, "Data for the chart: "), false)
		for _, row := range pt.rows {
			w, grain, ok := windowOf(row[0])
			for i := 1; i < len(row) && i < len(pt.header); i++ {
				if !ok {
					h.loose(where(row), row[i])
					continue
				}
				h.place(where(row), ids, programOf(pt.header[i]), grain, w, "value", row[i], 0)
			}
		}
	case pt.fallback && len(pt.header) > 1 && pt.header[0] == "Program":
		// A program chart's data: a column per figure, this period.
		for _, row := range pt.rows {
			for i := 1; i < len(row) && i < len(pt.header); i++ {
				h.place(where(row), h.ids(pt.header[i], false), programOf(row[0]), metrics.GrainPeriod, cur, "value", row[i], 0)
			}
		}
	default:
		// Targets and benchmarks are settings; whether one is reached
		// follows from the figure.
		skip := map[int]bool{}
		for i, c := range pt.header {
			skip[i] = c == "Target" || c == "Target met" || c == "Reached" || c == "Benchmark"
		}
		for _, row := range pt.rows {
			for i, c := range row {
				if !skip[i] {
					h.loose(where(row), c)
				}
			}
		}
	}
}

// loose checks a table cell's numbers without a figure to place them at.
func (h *htmlReader) loose(where, text string) {
	for _, num := range numbersIn(text) {
		h.loosely(where, num)
	}
}

// ids are the metrics a figure name can be; the headline adds " (label)"
// (the longest title it begins with).
func (h *htmlReader) ids(name string, headline bool) []string {
	if ids, ok := h.byTitle[name]; ok {
		return ids
	}
	best := ""
	if headline {
		for title := range h.byTitle {
			if strings.HasPrefix(name, title+" (") && len(title) > len(best) {
				best = title
			}
		}
	}
	return h.byTitle[best]
}

// pair is the intake and follow-up metrics of a row label of the recovery
// pairs table.
func (h *htmlReader) pair(label string) (pre, post []string) {
	for _, id := range h.byTitle[label] {
		d := h.rel.registry[id]
		switch d.Window {
		case "pre":
			pre = append(pre, id)
		case "post":
			post = append(post, id)
		}
	}
	return pre, post
}

func programOf(label string) string {
	if label == "All programs" {
		return metrics.AllPrograms
	}
	return label
}

// windowOf reads a month ("Jul 2024") or quarter ("2024 Q3") label.
func windowOf(label string) ([2]string, string, bool) {
	if m := monthLabel.FindStringSubmatch(label); m != nil {
		s, err := time.Parse("Jan 2006", m[1])
		if err != nil {
			return [2]string{}, "", false
		}
		return [2]string{s.Format("2006-01-02"), s.AddDate(0, 1, -1).Format("2006-01-02")}, metrics.GrainMonth, true
	}
	if m := quarterLabel.FindStringSubmatch(label); m != nil {
		y, _ := strconv.Atoi(m[1])
		q, _ := strconv.Atoi(m[2])
		s := time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
		return [2]string{s.Format("2006-01-02"), s.AddDate(0, 3, -1).Format("2006-01-02")}, metrics.GrainQuarter, true
	}
	return [2]string{}, "", false
}

// previousWindow is the period of the same length just before w.
func (h *htmlReader) previousWindow(w [2]string) [2]string {
	s, _ := time.Parse("2006-01-02", w[0])
	e, _ := time.Parse("2006-01-02", w[1])
	months := (e.Year()-s.Year())*12 + int(e.Month()) - int(s.Month()) + 1
	ps := s.AddDate(0, -months, 0)
	return [2]string{ps.Format("2006-01-02"), s.AddDate(0, 0, -1).Format("2006-01-02")}
}

// place checks a number the layout puts at a figure: metric among ids,
// program, grain and window (or, with no window, the nth whole-period row
// of the figure and program in time order).
func (h *htmlReader) place(where string, ids []string, program, grain string, w [2]string, part, text string, nth int) {
	text = strings.TrimSpace(text)
	if text == "" || text == "–" {
		return
	}
	suppressed := strings.HasPrefix(text, "suppressed")
	num, isNum := cellNumber(text)
	if !suppressed && !isNum {
		// words ("not available", "no earlier figure"), or a number in words
		h.loose(where, text)
		return
	}
	var c *releaseCell
	for _, id := range ids {
		if w[0] != "" {
			c = h.rel.cells[strings.Join([]string{h.packet, id, program, grain, w[0], w[1]}, "|")]
		} else {
			c = h.nthPeriod(id, program, nth)
		}
		if c != nil {
			break
		}
	}
	if c == nil {
		if isNum {
			h.loosely(where, num)
		}
		return
	}
	h.placed++
	if !c.suppressed {
		defer h.noteShown(where, c)
	} else {
		if h.sectionHidden == nil {
			h.sectionHidden = map[string][]string{}
		}
		sec := sectionOf(where)
		h.sectionHidden[sec] = append(h.sectionHidden[sec], c.key())
	}
	switch {
	case suppressed:
		return
	case c.suppressed:
		h.fail("%s shows %s for %s %s %s %s to %s, which the release suppresses", where, text, c.metric, c.program, c.grain, c.start, c.end)
		return
	}
	switch part {
	case metrics.PartNumerator, metrics.PartDenominator:
		have := c.num
		if part == metrics.PartDenominator {
			have = c.den
		}
		haveF := 0.0
		if have != nil {
			haveF, _ = have.Float64()
		}
		switch {
		case have == nil && num.decimals == 0:
			// A count the workbook leaves blank: published all the same.
			v := new(big.Rat).Set(num.exact)
			if part == metrics.PartNumerator {
				c.num = v
			} else {
				c.den = v
			}
		case have == nil:
			// Member months, FTE and the like, rounded: no count.
		case num.decimals > 0 && !num.rounds(haveF):
			h.fail("%s shows %s as the %s of %s %s %s to %s, where the workbook shows %s", where, text, part, c.metric, c.program, c.start, c.end, have.RatString())
		case num.decimals == 0 && have.Cmp(num.exact) != 0:
			h.fail("%s shows %s as the %s of %s %s %s to %s, where the workbook shows %s", where, text, part, c.metric, c.program, c.start, c.end, have.RatString())
		}
	default:
		v, ok := c.value()
		if ok && !num.rounds(v) {
			h.fail("%s shows %s for %s %s %s to %s, whose value is %g", where, text, c.metric, c.program, c.start, c.end, v)
		}
	}
}

// nthPeriod is the nth whole-period row of a figure and program, in time
// order.
func (h *htmlReader) nthPeriod(id, program string, nth int) *releaseCell {
	var rows []*releaseCell
	for _, c := range h.rel.cells {
		if c.packet == h.packet && c.metric == id && c.program == program && c.grain == metrics.GrainPeriod {
			rows = append(rows, c)
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].start < rows[j].start })
	if nth < len(rows) {
		return rows[nth]
	}
	return nil
}

// loosely checks a number no layout places: the packet must publish it
// anyway (a shown count, or a value as printed), or the definitions and
// settings state it, or it is part of a date.
func (h *htmlReader) loosely(where string, num shownNumber) {
	h.queue = append(h.queue, queued{where, num})
}

type queued struct {
	where string
	num   shownNumber
}

// check is loosely's check, once the section's tables have placed their
// figures.
func (h *htmlReader) check(where string, num shownNumber) {
	h.looseN++
	if h.stated(where, num) || isDatePart(where, num) {
		return
	}
	if h.counts == nil {
		h.counts = map[string]bool{}
		for _, c := range h.rel.cells {
			if c.packet != h.packet || c.suppressed {
				continue
			}
			for _, r := range []*big.Rat{c.num, c.den} {
				if r != nil {
					h.counts[r.RatString()] = true
				}
			}
			if v, ok := c.value(); ok {
				h.values = append(h.values, v)
			}
		}
		h.values = append(h.values, h.rel.intervals[h.packet]...)
		sort.Float64s(h.values)
	}
	// A number beside its section's figures must be one of them; a count
	// from 1 to k − 1 only that (no protected figure shows one, so one in
	// a sentence would be a hidden figure's).
	sec := sectionOf(where)
	if h.sectionCounts[sec][num.exact.RatString()] || among(num, h.sectionValues[sec]) {
		return
	}
	if num.decimals == 0 && !strings.ContainsAny(num.text, "$%") && num.value >= 1 && num.value <= float64(h.cfg.MinCell-1) {
		h.fail("%s shows %s, a count from 1 to %d that no figure of its section shows", where, num.text, h.cfg.MinCell-1)
		return
	}
	// Nor a hidden count of a figure the section shows as suppressed.
	if num.decimals == 0 && !strings.ContainsAny(num.text, "$%") {
		for _, key := range h.sectionHidden[sec] {
			if tc := h.truth.cells[key]; tc != nil {
				for _, v := range []*big.Rat{tc.num, tc.den} {
					if v != nil && v.Cmp(num.exact) == 0 && v.Sign() != 0 {
						h.fail("%s shows %s, the hidden count of %s %s %s to %s", where, num.text, tc.metric, tc.program, tc.start, tc.end)
						return
					}
				}
			}
		}
	}
	if h.counts[num.exact.RatString()] {
		return
	}
	// A value as printed (an integer printed only as itself).
	tol := 0.5*math.Pow(10, -float64(num.decimals)) + 1e-9
	if num.decimals == 0 && !strings.Contains(num.text, "$") {
		tol = 1e-9 // dollars print whole; a count prints as itself
	}
	i := sort.SearchFloat64s(h.values, num.value-tol)
	if i < len(h.values) && h.values[i] <= num.value+tol {
		return
	}
	h.fail("%s shows %s, which no figure the packet publishes shows", where, num.text)
}

var datePattern = regexp.MustCompile(`\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b|\b\d{4}-\d{2}-\d{2}\b|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b|\b\d{4} Q[1-4]\b|\b\d{2}:\d{2}\b`)

// isDatePart: the number is a day, month, year or time of a date the
// text shows.
func isDatePart(where string, num shownNumber) bool {
	for _, d := range datePattern.FindAllString(where, -1) {
		for _, n := range numbersIn(d) {
			if n.text == num.text || strings.TrimPrefix(n.text, "-") == strings.TrimPrefix(num.text, "-") {
				return true
			}
		}
	}
	return false
}

// value is a published figure's value: numerator / denominator, or the
// numerator alone.
func (c *releaseCell) value() (float64, bool) {
	if c.val != nil {
		return *c.val, true
	}
	return 0, false
}

// chart checks a chart's data (the ECharts option in its script) against
// its data table: each point is the number the table shows in the point's
// row (category) and column (series).
func (h *htmlReader) chart(section string, fig *html.Node) {
	id := attr(fig, "data-chart")
	var option string
	for _, s := range elements(fig, "script") {
		src := textOfScript(s)
		if i := strings.Index(src, "option_"+id+" = "); i >= 0 {
			option = jsonOf(src[i+len("option_"+id+" = "):])
		}
	}
	if option == "" {
		return
	}
	var opt struct {
		XAxis  []struct{ Data []any } `json:"xAxis"`
		Series []struct {
			Name string
			Data []any
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(option), &opt); err != nil {
		h.fail("%s: chart %s: its option is not JSON: %v", section, id, err)
		return
	}
	var table *pageTable
	for _, tb := range elements(fig, "table") {
		pt := readTable(tb)
		if pt.fallback {
			table = &pt
		}
	}
	var categories []string
	if len(opt.XAxis) > 0 {
		for _, c := range opt.XAxis[0].Data {
			categories = append(categories, fmt.Sprint(c))
		}
	}
	lookup := func(series, category string) (string, bool) {
		if table == nil {
			return "", false
		}
		col := -1
		for i, hd := range table.header {
			if hd == series {
				col = i
			}
		}
		for _, row := range table.rows {
			if len(row) > 0 && row[0] == category && col >= 0 && col < len(row) {
				return row[col], true
			}
		}
		// A table of one column per category (rows are the series).
		for i, hd := range table.header {
			if hd == category {
				for _, row := range table.rows {
					if len(row) > i && row[0] == series {
						return row[i], true
					}
				}
			}
		}
		return "", false
	}
	for _, c := range categories {
		for _, num := range numbersIn(c) {
			h.loosely(section+": chart "+id+" label \""+c+"\"", num)
		}
	}
	for _, s := range opt.Series {
		for _, num := range numbersIn(s.Name) {
			h.loosely(section+": chart "+id+" series \""+s.Name+"\"", num)
		}
		for i, d := range s.Data {
			v, ok := pointValue(d)
			if !ok {
				continue
			}
			category := ""
			if i < len(categories) {
				category = categories[i]
			}
			where := fmt.Sprintf("%s: chart %s, series %q, point %q", section, id, s.Name, category)
			text, found := lookup(s.Name, category)
			if !found {
				// No table cell to compare with: the number must be one the
				// packet publishes.
				h.loosely(where, shownNumber{text: strconv.FormatFloat(v, 'g', -1, 64), value: v, exact: new(big.Rat).SetFloat64(v), decimals: 6})
				continue
			}
			if strings.HasPrefix(text, "suppressed") {
				h.fail("%s holds %g where its table shows %q", where, v, text)
				continue
			}
			num, ok := cellNumber(text)
			if !ok || !num.rounds(v) {
				h.fail("%s holds %g where its table shows %q", where, v, text)
			}
		}
	}
}

// jsonOf is the object literal src begins with, its functions (tooltip
// and axis formatters) written as null so it reads as JSON.
func jsonOf(src string) string {
	var b strings.Builder
	depth := 0
	inString := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case inString:
			b.WriteByte(c)
			if c == '\\' && i+1 < len(src) {
				i++
				b.WriteByte(src[i])
			} else if c == '"' {
				inString = false
			}
			continue
		case c == '"':
			inString = true
		case strings.HasPrefix(src[i:], "function"):
			// skip to the body's end
			j := strings.IndexByte(src[i:], '{')
			if j < 0 {
				return ""
			}
			d := 0
			k := i + j
			for ; k < len(src); k++ {
				if src[k] == '{' {
					d++
				} else if src[k] == '}' {
					d--
					if d == 0 {
						break
					}
				}
			}
			b.WriteString("null")
			i = k
			continue
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth == 0 {
				b.WriteByte(c)
				return b.String()
			}
		}
		b.WriteByte(c)
	}
	return ""
}

// pointValue is a chart point's number: a bare number, {"value": n}, or
// the last number of [x, y] / {"value": [...]}; "-" and null are gaps.
func pointValue(d any) (float64, bool) {
	switch v := d.(type) {
	case float64:
		return v, true
	case map[string]any:
		return pointValue(v["value"])
	case []any:
		if len(v) > 0 {
			return pointValue(v[len(v)-1])
		}
	}
	return 0, false
}

func textOfScript(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}
