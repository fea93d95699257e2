package reports

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/peerstat/peerstat/internal/outset"
	"github.com/peerstat/peerstat/metrics"
)

// Packet files are named here and nowhere else: peerstat-board.*,
// peerstat-mco-<payer>.* (the payer as PayerSlug gives it), and
// peerstat-mco.* for all participants when the data names no payer.
const (
	boardBase = "peerstat-board"
	mcoBase   = "peerstat-mco"
)

// packetExtensions are the files each packet is written as.
var packetExtensions = []string{".xlsx", ".html"}

// WriteBoard writes peerstat-board.xlsx and peerstat-board.html into dir and
// returns their paths.
func WriteBoard(dir string, res metrics.Result) ([]string, error) {
	return writePacket(dir, boardPacket(res))
}

// WriteMCO writes the MCO contract packet for one payer ("" = all
// participants) into dir and returns the paths of its files. res must have
// been computed for that payer (res.Scope.Payer), so that no MCO sees
// another's members.
func WriteMCO(dir, payer string, res metrics.Result) ([]string, error) {
	if res.Scope.Payer != payer {
		return nil, fmt.Errorf("MCO packet for %q: the metrics were computed for %s; compute them for this payer so the packet shows only its members",
			payer, scopeName(res.Scope.Payer))
	}
	base, err := mcoFileBase(payer)
	if err != nil {
		return nil, err
	}
	return writePacket(dir, mcoPacket(base, payer, res))
}

func mcoFileBase(payer string) (string, error) {
	if payer == "" {
		return mcoBase, nil
	}
	slug := PayerSlug(payer)
	if slug == "" {
		return "", fmt.Errorf("payer %q has no letter or digit to name its packet file with: give it a name in [payer_names] of the config, e.g. \"Other Payer\" = [%q]", payer, payer)
	}
	return mcoBase + "-" + slug, nil
}

// CheckPayerNames refuses payer names that would not give each payer a
// packet file of its own: two names giving the same file name (they differ
// only in case or punctuation), or a name giving none. Run it before any
// output is written.
func CheckPayerNames(payers []string) error {
	byBase := map[string]string{}
	var errs []error
	for _, p := range payers {
		base, err := mcoFileBase(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if other, ok := byBase[base]; ok {
			errs = append(errs, fmt.Errorf("payers %q and %q would both be written as %s.xlsx, one packet over the other: if they are one payer, say so in [payer_names] of the config (%q = [%q]); if not, rename one in the participants file",
				other, p, base, other, p))
			continue
		}
		byBase[base] = p
	}
	return errors.Join(errs...)
}

// IsPacketFile says whether a file name in OUT is one of the packets
// peerstat writes (so a run can remove the packets it did not write).
func IsPacketFile(name string) bool {
	ext := filepath.Ext(name)
	if ext != ".xlsx" && ext != ".html" {
		return false
	}
	base := strings.TrimSuffix(name, ext)
	if base == boardBase || base == mcoBase {
		return true
	}
	slug, ok := strings.CutPrefix(base, mcoBase+"-")
	return ok && slug != "" && PayerSlug(slug) == slug
}

func scopeName(payer string) string {
	if payer == "" {
		return "all participants"
	}
	return fmt.Sprintf("payer %q", payer)
}

// PayerSlug is a payer's name as it appears in file names: lower case, each
// run of characters other than letters and digits as one "-", no "-" at
// either end.
func PayerSlug(payer string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(payer) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// writePacket renders the packet's files and writes each whole, readable by
// its owner only: a report describes people's care.
func writePacket(dir string, p *packet) ([]string, error) {
	book, err := writeWorkbook(p)
	if err != nil {
		return nil, fmt.Errorf("%s.xlsx: %w", p.FileBase, err)
	}
	page, err := writePage(p)
	if err != nil {
		return nil, fmt.Errorf("%s.html: %w", p.FileBase, err)
	}
	var paths []string
	for i, data := range [][]byte{book, page} {
		path := filepath.Join(dir, p.FileBase+packetExtensions[i])
		if err := outset.WriteBytes(path, data); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

func newPacket(res metrics.Result, base, title, audience string) (*packet, *facts) {
	f := newFacts(res)
	cfg := res.Config
	p := &packet{
		FileBase: base, Title: title, Agency: orNotSet(cfg.AgencyName), Audience: audience,
		Period:  longDate(cfg.PeriodStart.Time) + " to " + longDate(cfg.PeriodEnd.Time),
		MinCell: cfg.MinCell, Notice: f.noticeText(), GeneratedAt: res.GeneratedAt,
	}
	return p, f
}

// finish puts the cover first and any figure no section showed into the
// methodology section.
func finish(p *packet, f *facts, sections []section) *packet {
	for i := range sections {
		sections[i].Blocks = absentFirst(sections[i].Blocks)
		if sections[i].Anchor == "methodology" {
			sections[i].Blocks = append(sections[i].Blocks, f.otherFigures()...)
		}
	}
	var contents []string
	for _, s := range sections {
		contents = append(contents, s.Title)
	}
	// The headline figures open the packet (the first page and the first
	// sheet); the cover, what the report is and covers, follows them.
	cover := f.coverSection(p, contents)
	if len(sections) > 0 && sections[0].Anchor == "summary" {
		p.Sections = append([]section{sections[0], cover}, sections[1:]...)
	} else {
		p.Sections = append([]section{cover}, sections...)
	}
	p.Sections[0].Blocks = append(f.lossBlocks(), p.Sections[0].Blocks...)
	return p
}

// absentFirst moves the notes on missing figures to the top of a section,
// where a reader looking for those figures sees them first.
func absentFirst(blocks []block) []block {
	var absent, rest []block
	for _, b := range blocks {
		if b.Absent {
			absent = append(absent, b)
		} else {
			rest = append(rest, b)
		}
	}
	return append(absent, rest...)
}

func boardPacket(res metrics.Result) *packet {
	p, f := newPacket(res, boardBase, "Board report", "Board of directors")
	hospital := f.hospitalSection("Hospital and crisis use", []string{metrics.FamilyUtilization, metrics.FamilyCare}, f.utilizationChart(), f.careRateChart(),
		f.groupChart(barChart, "Involuntary admissions", metrics.ChartInvoluntary))
	sections := []section{
		f.summarySection(false),
		f.trendSection(metrics.GrainMonth),
		f.trendSection(metrics.GrainQuarter),
		f.reachSection(""),
		f.workforceSection("Workforce"),
		f.documentationSection(),
		hospital,
		f.satisfactionSection(),
		f.recoverySection(""),
		f.outcomeSection(),
		f.costSection("The cost case"),
		f.qualitySection(),
		f.methodologySection(),
		f.dictionarySection(),
	}
	return finish(p, f, sections)
}

func mcoPacket(base, payer string, res metrics.Result) *packet {
	audience := "Managed-care partners (all participants)"
	if payer != "" {
		audience = payer + " (managed-care organization)"
	}
	res.Rows, res.Registry = mcoRows(res)
	p, f := newPacket(res, base, "MCO contract packet", audience)
	scope := "Participant figures cover all participants."
	if payer != "" {
		scope = "Participant figures cover only " + payerMembers(payer) + "."
	}

	volume := section{Sheet: "Volume & reach", Anchor: "volume", Title: "Service volume and reach",
		Intro: []string{scope + " Each figure is shown with its numerator and denominator."}}
	volumeIDs := f.family(metrics.FamilyVolume, metrics.FamilyRdays)
	var volumeCharts []*chart
	for _, id := range f.charted(metrics.ChartBilledTrend) {
		volumeCharts = append(volumeCharts, f.trendChart(id, metrics.GrainMonth))
	}
	volumeCharts = append(volumeCharts, f.groupChart(barChart, "R-days: share of enrolled days", metrics.ChartRdayShare))
	volume.Blocks = append(volume.Blocks, chartBlocks(volumeCharts...)...)
	volume.Blocks = append(volume.Blocks, f.figureTables("Service volume", volumeIDs, figureOpts{settings: f.anyMoney(volumeIDs)})...)
	volume.Blocks = append(volume.Blocks, f.absentBlocks(f.inFamily(metrics.FamilyVolume, metrics.FamilyRdays))...)

	quality := section{Sheet: "Quality & compliance", Anchor: "quality", Title: "Quality and compliance",
		Intro: []string{"Documentation standard (goal-linked notes signed on time), follow-up after psychiatric discharge and 30-day readmission. " + scope}}
	quality.Blocks = append(quality.Blocks, chartBlocks(
		f.groupChart(barChart, "Documentation standard", metrics.ChartDocumentation),
		f.careRateChart(),
	)...)
	quality.Blocks = append(quality.Blocks, f.figureTables("Documentation", f.family(metrics.FamilyDocumentation), figureOpts{})...)
	quality.Blocks = append(quality.Blocks, f.figureTables("Follow-up and readmission", f.family(metrics.FamilyCare), figureOpts{})...)
	quality.Blocks = append(quality.Blocks, f.absentBlocks(f.inFamily(metrics.FamilyDocumentation, metrics.FamilyCare))...)

	results := section{Sheet: "Results", Anchor: "results", Title: "Measurable results",
		Intro: []string{"Hospital and emergency use per 1,000 member months, and hospital use before and after peer support against a comparison group, with 95% intervals. " + scope}}
	results.Blocks = append(results.Blocks, chartBlocks(f.utilizationChart())...)
	results.Blocks = append(results.Blocks, f.figureTables("Utilization", f.family(metrics.FamilyUtilization), figureOpts{})...)
	results.Blocks = append(results.Blocks, f.absentBlocks(f.inFamily(metrics.FamilyUtilization))...)
	results.Blocks = append(results.Blocks, f.outcomeBlocks()...)

	cost := f.costSection("Cost-effectiveness")
	cost.Sheet = "Cost-effectiveness"
	workforce := f.workforceSection("Workforce capacity")
	workforce.Sheet = "Workforce capacity"

	sections := []section{
		f.summarySection(true),
		f.reachSection(scope),
		volume,
		quality,
		results,
		f.satisfactionSection(),
		f.recoverySection(scope),
		cost,
		workforce,
		f.methodologySection(),
		f.qualitySection(),
		f.dictionarySection(),
	}
	return finish(p, f, sections)
}

// mcoRows leaves out the figures the registry keeps to the board packet
// (peer caseload: peer FTE is not split by payer).
func mcoRows(res metrics.Result) ([]metrics.Row, []metrics.Definition) {
	board := map[string]bool{}
	for _, d := range metrics.Registry(res.Config) {
		board[d.ID] = d.BoardOnly
	}
	for _, d := range res.Registry {
		board[d.ID] = d.BoardOnly
	}
	var rows []metrics.Row
	for _, r := range res.Rows {
		if !board[r.Metric] {
			rows = append(rows, r)
		}
	}
	var defs []metrics.Definition
	for _, d := range res.Registry {
		if !d.BoardOnly {
			defs = append(defs, d)
		}
	}
	return rows, defs
}
