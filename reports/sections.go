package reports

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/peerstat/peerstat/metrics"
)

// cautionText is the data_from caution printed beside every outcome figure.
func (f *facts) cautionText() string {
	return fmt.Sprintf("Caution: before/after figures are only meaningful when encounter history is complete from %s (data_from) for everyone, enrolled or not (a payer claims feed); agency-only records miss hospital use before enrollment and make the comparison meaningless.",
		orNotSet(f.res.Config.DataFrom.String()))
}

// cautionShort is the caution as it stands beside a figure in a table.
func (f *facts) cautionShort() string {
	return fmt.Sprintf("Only meaningful if encounter history is complete from %s (data_from) for everyone, enrolled or not; agency-only records make the comparison meaningless.",
		orNotSet(f.res.Config.DataFrom.String()))
}

func orNotSet(s string) string {
	if s == "" {
		return "not set"
	}
	return s
}

// ---- cover and summary ----

func (f *facts) coverSection(p *packet, contents []string) section {
	cfg := f.res.Config
	rows := [][]cell{
		{textCell("Agency"), textCell(orNotSet(cfg.AgencyName))},
		{textCell("Report"), textCell(p.Title)},
		{textCell("Prepared for"), textCell(p.Audience)},
		{textCell("Reporting period"), textCell(p.Period)},
		{textCell("Data complete through"), textCell(longDate(cfg.DataThrough.Time))},
		{textCell("Encounter history complete from (data_from)"), textCell(longDate(cfg.DataFrom.Time))},
		{textCell("Programs"), textCell(strings.Join(f.programs[1:], ", "))},
	}
	if f.res.Scope.Payer != "" {
		rows = append(rows, []cell{textCell("Participants covered"), textCell("Only " + payerMembers(f.res.Scope.Payer) + "; staff and timesheet figures are the agency's.")})
	} else {
		rows = append(rows, []cell{textCell("Participants covered"), textCell("All participants")})
	}
	rows = append(rows,
		[]cell{textCell("Generated"), textCell(p.GeneratedAt.UTC().Format("2 January 2006 15:04 MST"))},
		[]cell{textCell("Small-cell suppression"), {Text: p.Notice, Strong: true}},
	)
	if f.k > 0 {
		rows = append(rows, []cell{textCell("Hidden to protect other figures"), textCell(complementsText(f.res.Complements))})
	}
	rows = append(rows, []cell{textCell("Contents"), textCell(strings.Join(contents, " · "))})
	var blocks []block
	blocks = append(blocks, block{Table: &table{Caption: "About this report", Columns: []column{{"Item", 40, false}, {"Detail", 100, true}}, Rows: rows}})
	return section{
		Sheet: "Cover", Anchor: "cover", Title: p.Title + ": " + orNotSet(cfg.AgencyName),
		Blocks: blocks,
	}
}

// lossBlocks are the warning boxes of files that lost more than half of
// their rows to rejects, for the packet's first page.
func (f *facts) lossBlocks() []block {
	var blocks []block
	for _, l := range f.res.Quality.PartialLoss {
		// No count: the packet leaves the agency.
		blocks = append(blocks, block{Caution: true, Note: fmt.Sprintf(
			"Data warning: %s lost %s of its rows to rejects, so the figures that use it are incomplete. The commonest reason: %s. Fix: %s.",
			l.File, l.Share, l.Reason, l.Fix)})
	}
	return blocks
}

// previous is the whole-period row of the same metric and program for the
// period of the same length just before r's, when the rows have it.
func (f *facts) previous(r *metrics.Row) *metrics.Row {
	for i := range f.rows[r.Metric] {
		p := &f.rows[r.Metric][i]
		if p.Program == r.Program && p.Grain == r.Grain && p.PeriodEnd.AddDate(0, 0, 1).Equal(r.PeriodStart) && sameLength(p, r) {
			return p
		}
	}
	return nil
}

// sameLength compares two periods in whole calendar months when both are
// whole months (January-June and July-December are both six months), and in
// days otherwise.
func sameLength(a, b *metrics.Row) bool {
	months := func(r *metrics.Row) (int, bool) {
		after := r.PeriodEnd.AddDate(0, 0, 1)
		if r.PeriodStart.Day() != 1 || after.Day() != 1 {
			return 0, false
		}
		return (after.Year()-r.PeriodStart.Year())*12 + int(after.Month()) - int(r.PeriodStart.Month()), true
	}
	ma, okA := months(a)
	mb, okB := months(b)
	if okA && okB {
		return ma == mb
	}
	return a.PeriodEnd.Sub(a.PeriodStart) == b.PeriodEnd.Sub(b.PeriodStart)
}

// ---- trends ----

func (f *facts) trendSection(grain string) section {
	name := map[string]string{metrics.GrainMonth: "Monthly trends", metrics.GrainQuarter: "Quarterly trends"}[grain]
	s := section{Sheet: name, Anchor: strings.ToLower(strings.ReplaceAll(name, " ", "-")), Title: name,
		Intro: []string{"One line per program; the black line is all programs together. A gap is a suppressed or empty figure (see the table)."}}
	ids := f.present(f.ranked(func(d metrics.Definition) int { return d.Trend })...)
	for _, id := range ids {
		s.Blocks = append(s.Blocks, chartBlocks(f.trendChart(id, grain))...)
	}
	if len(ids) > 0 {
		t := f.figureTable(name+": figures", ids, []string{grain}, figureOpts{}, true)
		s.Blocks = append([]block{{Only: workbookOnly, Table: t}}, s.Blocks...)
	}
	if len(s.Blocks) == 0 {
		s.Blocks = []block{{Note: "No figures by " + strings.ToLower(grainLabel(grain)) + " in this data."}}
	}
	return s
}

// ---- areas ----

func (f *facts) reachSection(scope string) section {
	s := section{Sheet: "People served", Anchor: "reach", Title: "People served and engaged",
		Intro: []string{strings.TrimSpace("People served, enrollments and discharges of episodes of care (a program change is neither), and how soon new enrollments are engaged. Counts of people are small-cell suppressed. " + scope)}}
	s.Blocks = append(s.Blocks, chartBlocks(
		f.groupChart(barChart, "People served, enrollments and discharges", metrics.ChartReach),
		f.groupChart(barChart, "Engagement of new enrollments", metrics.ChartEngagement),
	)...)
	s.Blocks = append(s.Blocks, f.figureTables("People served and engaged", f.family(metrics.FamilyReach), figureOpts{})...)
	s.Blocks = append(s.Blocks, f.absentBlocks(f.inFamily(metrics.FamilyReach))...)
	return s
}

func (f *facts) workforceSection(title string) section {
	s := section{Sheet: "Workforce", Anchor: "workforce", Title: title,
		Intro: []string{"Staff time and turnover are the agency's own operations: they are not small-cell suppressed, and in an MCO packet they cover the whole agency."}}
	s.Blocks = append(s.Blocks, chartBlocks(
		f.groupChart(barChart, "Billable share of worked time", metrics.ChartBillableShare),
		f.groupChart(barChart, "Hours worked per billable hour", metrics.ChartHoursPerBill),
		f.groupChart(stackedChart, "Non-billable time by activity (share of worked time)", metrics.ChartNonbillable),
		f.groupChart(barChart, "Staff turnover (annualized) and 90-day retention", metrics.ChartTurnover),
		f.groupChart(barChart, "Peer staff turnover (annualized)", metrics.ChartPeerTurnover),
	)...)
	s.Blocks = append(s.Blocks, f.figureTables("Workforce figures", f.family(metrics.FamilyWorkforce), figureOpts{})...)
	s.Blocks = append(s.Blocks, f.absentBlocks(f.inFamily(metrics.FamilyWorkforce))...)
	return s
}

func (f *facts) documentationSection() section {
	s := section{Sheet: "Documentation & R-days", Anchor: "documentation", Title: "Documentation and R-days",
		Intro: []string{"A service meets the documentation standard when its note is linked to a recovery goal and signed on time. Notes still within their deadline are left out."}}
	s.Blocks = append(s.Blocks, chartBlocks(
		f.groupChart(barChart, "Documentation", metrics.ChartDocumentation),
		f.groupChart(barChart, "R-days: share of enrolled days", metrics.ChartRdayShare),
		f.groupChart(barChart, "R-day revenue earned and lost", metrics.ChartRdayRevenue),
	)...)
	ids := f.family(metrics.FamilyVolume, metrics.FamilyDocumentation, metrics.FamilyRdays)
	s.Blocks = append(s.Blocks, f.figureTables("Billing, documentation and R-day figures", ids, figureOpts{settings: f.anyMoney(ids)})...)
	s.Blocks = append(s.Blocks, f.absentBlocks(f.inFamily(metrics.FamilyVolume, metrics.FamilyDocumentation, metrics.FamilyRdays))...)
	return s
}

func (f *facts) anyMoney(ids []string) bool {
	for _, id := range ids {
		if f.unit(id) == metrics.UnitUSD {
			return true
		}
	}
	return false
}

func (f *facts) hospitalSection(title string, families []string, charts ...*chart) section {
	s := section{Sheet: "Hospital & crisis", Anchor: "hospital", Title: title,
		Intro: []string{"Hospital, crisis, emergency and outpatient use on enrolled days. Rates per 1,000 member months let programs of different sizes be compared."}}
	s.Blocks = append(s.Blocks, chartBlocks(charts...)...)
	s.Blocks = append(s.Blocks, f.figureTables(title+": figures", f.family(families...), figureOpts{})...)
	s.Blocks = append(s.Blocks, f.absentBlocks(f.inFamily(families...))...)
	return s
}

func (f *facts) utilizationChart() *chart {
	return f.groupChart(barChart, "Hospital, crisis and outpatient use per 1,000 member months", metrics.ChartUtilization)
}

func (f *facts) careRateChart() *chart {
	return f.groupChart(barChart, "Readmission (observed, not risk-adjusted) and follow-up after discharge (FUH-like)", metrics.ChartCare)
}

func (f *facts) satisfactionSection() section {
	s := section{Sheet: "Satisfaction", Anchor: "satisfaction", Title: "Satisfaction",
		Intro: []string{"Share of respondents positive on each survey domain. A respondent counts for a domain when they answered at least two thirds of its items."}}
	for _, instr := range f.instruments() {
		of := func(stat string) []string {
			return f.matching(func(_ string, d metrics.Definition) bool { return d.Instrument == instr && d.Statistic == stat })
		}
		positives := of("positive")
		if c := f.domainChart(instr, positives); c != nil {
			s.Blocks = append(s.Blocks, block{Chart: c})
		}
		ids := of("responses")
		for _, id := range positives {
			ids = append(ids, id)
			for _, m := range of("mean") {
				if f.def(m).Domain == f.def(id).Domain {
					ids = append(ids, m)
				}
			}
		}
		ids = append(ids, f.matching(func(_ string, d metrics.Definition) bool { return d.Instrument == instr })...)
		s.Blocks = append(s.Blocks, f.figureTables("Survey "+instr, dedupe(ids), figureOpts{})...)
	}
	rest := f.matching(func(id string, d metrics.Definition) bool {
		return d.Family == metrics.FamilySatisfaction && !f.placed[id]
	})
	s.Blocks = append(s.Blocks, f.figureTables("Other survey figures", rest, figureOpts{})...)
	s.Blocks = append(s.Blocks, f.absentBlocks(f.inFamily(metrics.FamilySatisfaction))...)
	if len(s.Blocks) == 0 {
		s.Blocks = []block{{Note: "No survey responses in this data."}}
	}
	return s
}

// instruments are the survey instruments with rows, by name.
func (f *facts) instruments() []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range f.order {
		if d := f.def(id); d.Instrument != "" && f.has(id) && !seen[d.Instrument] {
			seen[d.Instrument] = true
			out = append(out, d.Instrument)
		}
	}
	sort.Strings(out)
	return out
}

// domainChart is the positive share of each domain of an instrument, a bar
// per program.
func (f *facts) domainChart(instr string, positives []string) *chart {
	if len(positives) == 0 {
		return nil
	}
	c := &chart{ID: f.chartID(), Kind: barChart, Title: "Positive responses by domain: " + instr,
		XLabel: "Survey domain", YLabel: "Percent positive", Format: fmtPercent,
		Note: f.notes(positives[0])}
	for _, id := range positives {
		c.Categories = append(c.Categories, strings.ReplaceAll(f.def(id).Domain, "_", " "))
	}
	for _, p := range f.programs {
		s := series{Name: programLabel(p), Color: f.programColor(p)}
		any := false
		for _, id := range positives {
			r := f.period(id, p)
			any = any || r != nil
			s.Values = append(s.Values, f.value(r))
		}
		if any {
			c.Series = append(c.Series, s)
		}
	}
	return c
}

func (f *facts) outcomeBlocks() []block {
	caution := f.cautionText()
	out := []block{{Note: caution, Caution: true}}
	prepost := f.charted(metrics.ChartOutcomeBedDays)
	var pre *chart
	if len(prepost) > 0 {
		pre = &chart{ID: f.chartID(), Kind: barChart, Title: "Bed days before and after the index date",
			XLabel: "Group", YLabel: "Bed days", Format: fmtCount,
			Categories: []string{"Peer support", "Comparison"},
			Note:       f.notes(f.windowed(prepost, "peer", "pre"), f.windowed(prepost, "peer", "post")) + " " + caution}
		for i, when := range []string{"pre", "post"} {
			s := series{Name: map[string]string{"pre": "Before (pre window)", "post": "After (post window)"}[when], Color: okabeIto[i]}
			any := false
			for _, group := range []string{"peer", "comparison"} {
				r := f.period(f.windowed(prepost, group, when), metrics.AllPrograms)
				any = any || r != nil
				s.Values = append(s.Values, f.value(r))
			}
			if any {
				pre.Series = append(pre.Series, s)
			}
		}
	}
	change := f.intervalChart("Change from before to after, with 95% intervals", "Percent change", f.charted(metrics.ChartOutcomeChange))
	did := f.intervalChart("Difference in differences per person (peer support minus comparison), with 95% intervals", "Per person", f.charted(metrics.ChartOutcomeDiD))
	for _, c := range []*chart{change, did} {
		if c != nil {
			c.Note += " " + caution
		}
	}
	paidDid := f.intervalChart("Difference in differences of paid amounts per person, by class of setting, with 95% intervals", "US dollars per person", f.charted(metrics.ChartOutcomePaidDiD))
	if paidDid != nil {
		paidDid.Note += " " + caution
	}
	out = append(out, chartBlocks(pre, change, did, paidDid)...)
	for _, id := range f.family(metrics.FamilyOutcomes) {
		if d := f.def(id); d.Group == "" && f.bound(id, false) != "" {
			if words := f.didWords(id); words != "" {
				out = append(out, block{Note: words})
			}
		}
	}
	ids := f.family(metrics.FamilyOutcomes)
	out = append(out, f.figureTables("Outcome figures (before/after peer support vs comparison group)", ids, figureOpts{intervals: true, caution: f.cautionShort()})...)
	out = append(out, f.absentBlocks(f.inFamily(metrics.FamilyOutcomes))...)
	return out
}

// interval is a figure's whole-period ALL row and its 95% bounds, when all
// three are shown numbers.
func (f *facts) interval(id string) (v, lo, hi float64, ok bool) {
	r := f.period(id, metrics.AllPrograms)
	l := f.period(f.bound(id, false), metrics.AllPrograms)
	h := f.period(f.bound(id, true), metrics.AllPrograms)
	if r == nil || l == nil || h == nil || r.Suppressed || l.Suppressed || h.Suppressed || r.Value == nil || l.Value == nil || h.Value == nil {
		return 0, 0, 0, false
	}
	return *r.Value, *l.Value, *h.Value, true
}

// didWords says in words what a difference in differences shows: when its
// interval contains 0, that no difference was shown, rather than quoting
// the point value as a saving.
func (f *facts) didWords(id string) string {
	v, lo, hi, ok := f.interval(id)
	if !ok {
		return ""
	}
	format := f.format(id)
	span := fmt.Sprintf("%s (95%% interval %s to %s)", format.text(v), format.text(lo), format.text(hi))
	switch {
	case lo <= 0 && hi >= 0:
		return fmt.Sprintf("%s: %s. The interval contains 0, so no difference between the peer and comparison groups was shown; the difference could be chance.", f.title(id), span)
	case hi < 0:
		return fmt.Sprintf("%s: %s. The interval lies wholly below 0: the peer group's figure fell relative to the comparison group's.", f.title(id), span)
	}
	return fmt.Sprintf("%s: %s. The interval lies wholly above 0: the peer group's figure rose relative to the comparison group's.", f.title(id), span)
}

// savingWords says when a saving is not shown as one: a saving is claimed
// only when every difference in differences it rests on has its interval
// wholly below 0.
func (f *facts) savingWords(id string) string {
	d := f.def(id)
	if len(d.RestsOn) == 0 || f.period(id, metrics.AllPrograms) == nil {
		return ""
	}
	var open []string
	for _, did := range d.RestsOn {
		_, _, hi, ok := f.interval(did)
		if !ok {
			return ""
		}
		if hi >= 0 {
			open = append(open, f.title(did))
		}
	}
	if len(open) == 0 {
		return ""
	}
	return fmt.Sprintf("%s: no saving was shown, because the 95%% interval of %s does not lie wholly below 0; the figure is printed for completeness, not as a saving.", f.title(id), strings.Join(open, " and "))
}

// windowed is the figure among ids of one group and window ("" if none).
func (f *facts) windowed(ids []string, group, window string) string {
	for _, id := range ids {
		if d := f.def(id); d.Group == group && d.Window == window {
			return id
		}
	}
	return ""
}

func (f *facts) outcomeSection() section {
	w := f.res.Config.OutcomeWindowDays
	return section{Sheet: "Outcomes", Anchor: "outcomes", Title: "Outcomes before and after peer support",
		Intro:  []string{fmt.Sprintf("Hospital use in the %d days before and the %d days after each person's index date (first peer service, or first enrollment for the comparison group), with 95%% bootstrap intervals.", w, w)},
		Blocks: f.outcomeBlocks()}
}

func (f *facts) costSection(title string) section {
	cfg := f.res.Config
	s := section{Sheet: "Cost case", Anchor: "cost", Title: title,
		Intro: []string{"Every dollar figure rests on the assumptions listed with it. Avoided use comes from the before/after comparison, so the outcome caution applies."}}
	at := &table{Caption: "Assumptions (settings in force)", Columns: []column{{"Setting", 24, false}, {"Value", 30, false}, {"Used for", 70, true}}}
	usedFor := map[string]string{
		"inpatient_per_diem": "dollars per avoided bed day (gross savings)",
		"er_visit_cost":      "dollars per avoided emergency visit (gross savings)",
		"program_cost":       "cost of serving the outcome cohort; when not configured, program cost comes from peer staff wages in the timesheets",
		"fringe_rate":        "added to peer staff wages for program cost",
		"rday_daily_rate":    "dollars per R-day (R-day revenue)",
		"rday_federal_share": "share of the R-day rate counted as revenue (the state's federal match)",
	}
	for _, k := range costAssumptions {
		v, _ := settingValue(cfg, k)
		at.Rows = append(at.Rows, []cell{textCell(k), textCell(v), textCell(usedFor[k])})
	}
	s.Blocks = append(s.Blocks, block{Table: at}, block{Note: f.cautionText(), Caution: true})
	if note := f.earlierCostNote(); note != "" {
		s.Blocks = append(s.Blocks, block{Note: note})
	}
	s.Blocks = append(s.Blocks, chartBlocks(f.figureChart("Savings and cost (dollars)", metrics.AllPrograms, f.charted(metrics.ChartSavings)))...)
	for _, id := range f.family(metrics.FamilyCost) {
		if words := f.savingWords(id); words != "" {
			s.Blocks = append(s.Blocks, block{Note: words})
		}
	}
	s.Blocks = append(s.Blocks, f.figureTables("Cost figures", f.family(metrics.FamilyCost), figureOpts{intervals: true, settings: true, caution: f.cautionShort()})...)
	s.Blocks = append(s.Blocks, f.absentBlocks(f.inFamily(metrics.FamilyCost))...)
	return s
}

// ---- data quality, methodology, dictionary ----

// earlierCostNote says, when program_cost is configured and a cost figure
// built on it has an earlier period's row, that the earlier period's cost
// comes from the timesheets instead (METRICS.md "Cost case"): the two are
// not worked out alike.
func (f *facts) earlierCostNote() string {
	if f.res.Config.ProgramCost == nil {
		return ""
	}
	for _, id := range f.family(metrics.FamilyCost) {
		if !slices.Contains(f.def(id).ConfigKeys, "program_cost") {
			continue
		}
		for _, r := range f.rows[id] {
			if r.Grain == metrics.GrainPeriod && r.PeriodStart.Before(f.res.Config.PeriodStart.Time) {
				return "This period's program cost is the configured program_cost; the earlier periods' program cost comes from peer staff wages in the timesheets (program_cost is the cost of serving this period's cohort), so the change from an earlier period in program cost, net savings and return on investment compares two ways of costing."
			}
		}
	}
	return ""
}

func (f *facts) qualitySection() section {
	q := f.res.Quality
	s := section{Sheet: "Data quality", Anchor: "data-quality", Title: "Data quality",
		Intro: []string{"Rows that broke a rule were not loaded; each is listed in rejects.csv with its file, line, column and value."}}
	rej := &table{Caption: "Rejected rows by reason", Columns: []column{{"Source", 16, false}, {"Reason", 70, true}, {"Rows", 12, false}},
		Empty: "No rows were rejected."}
	for _, r := range q.RejectsByReason {
		n := float64(r.Rows)
		rej.Rows = append(rej.Rows, []cell{textCell(r.Source), textCell(r.Reason), numCell(&n, fmtCount)})
	}
	warn := &table{Caption: "Warnings", Columns: []column{{"Check", 70, true}, {"Count", 12, false}}, Empty: "No warnings."}
	for _, w := range q.Warnings {
		n := float64(w.Count)
		warn.Rows = append(warn.Rows, []cell{textCell(w.Check), numCell(&n, fmtCount)})
	}
	files := &table{Caption: "Files loaded", Columns: []column{{"Source", 16, false}, {"File", 40, false}, {"Rows read", 12, false},
		{"Rows loaded", 12, false}, {"Rows rejected", 13, false}, {"Rows replaced", 13, false}}, Empty: "No file loads recorded."}
	for _, fl := range q.Files {
		row := []cell{textCell(fl.Source), textCell(fl.File)}
		for _, n := range []int64{fl.RowsRead, fl.RowsLoaded, fl.RowsRejected, fl.RowsReplaced} {
			v := float64(n)
			row = append(row, numCell(&v, fmtCount))
		}
		files.Rows = append(files.Rows, row)
	}
	s.Blocks = []block{{Table: rej}, {Table: warn}, {Table: files}}
	s.Blocks = append(s.Blocks, f.figureTables("Data-quality figures", f.matching(func(id string, d metrics.Definition) bool { return d.Area == "quality" }), figureOpts{})...)
	return s
}

func (f *facts) methodologySection() section {
	cfg := f.res.Config
	s := section{Sheet: "Methodology", Anchor: "methodology", Title: "Methodology",
		Intro: []string{
			"Each figure has one definition, implemented once; metrics.csv, this report and the workbook all come from it. Settings are shown with the values in force for this report.",
			fmt.Sprintf("Small-cell suppression: %s Workforce, billing, documentation and R-day figures describe the agency's own operations and are not suppressed.", sentence(f.noticeText())),
		}}
	if f.k > 0 {
		s.Intro = append(s.Intro, auditText)
	}
	if n := f.res.Quality.PunchClockDays(); n > 0 {
		s.Intro = append(s.Intro, fmt.Sprintf("Punch clocks: a punch clock does not know which minutes are billable, so on %d staff-days of timesheet files whose profile says billable = \"unknown\" the billable minutes are the minutes of the staff member's billable EHR services that day, capped at the day's worked minutes; the rest of the worked minutes are non-billable minutes of the punches' activities, shared in proportion to each punch's minutes. A shift crossing midnight belongs to its work date: a service whose start time falls in a punch's shift (from check-in up to check-out) counts for that shift's day, so a service at 2:00 in a 22:00-6:00 shift fills the day the shift began; a service without a start time counts for its service date.", n))
	}
	if text := f.paidBlankText(); text != "" {
		s.Intro = append(s.Intro, text)
	}
	defs := &table{Caption: "Definitions", Columns: []column{{"Metric", 30, false}, {"Title", 34, false}, {"Area", 12, false},
		{"Unit", 22, false}, {"Numerator", 40, true}, {"Denominator", 36, true}, {"Definition", 80, true},
		{"Settings in force", 50, true}, {"Suppression", 22, false}}}
	for _, d := range f.res.Registry {
		supp := "not suppressed"
		if d.Protected {
			supp = "small-cell suppressed"
		}
		defs.Rows = append(defs.Rows, []cell{textCell(d.ID), textCell(d.Title), textCell(d.Area), textCell(unitLabel(d.Unit)),
			textCell(orDash(d.Numerator)), textCell(orDash(d.Denominator)), textCell(d.Description),
			textCell(keyValues(cfg, d.ConfigKeys)), textCell(supp)})
	}
	set := &table{Caption: "Settings in force", Columns: []column{{"Setting", 28, false}, {"Value", 90, true}}}
	for _, st := range settings(cfg) {
		set.Rows = append(set.Rows, []cell{textCell(st.Key), textCell(st.Value)})
	}
	instr := &table{Caption: "Survey instruments", Columns: []column{{"Instrument", 18, false}, {"Scale", 10, false}, {"Agreement", 30, false},
		{"Positive", 40, false}, {"N/A codes", 10, false}, {"Reversed items", 16, false}, {"Domains (items)", 90, true}},
		Rows: instrumentRows(cfg), Empty: "No survey instruments configured."}
	abs := &table{Caption: "Figures not produced, and why", Columns: []column{{"Metrics", 50, true}, {"Reason", 80, true}}, Empty: "Every figure was produced."}
	for _, a := range f.res.Absent {
		abs.Rows = append(abs.Rows, []cell{textCell(strings.Join(a.Metrics, ", ")), textCell(sentence(a.Reason))})
	}
	boot := &table{Caption: fmt.Sprintf("Bootstrap resamples dropped (of %d per interval) because the statistic was undefined (a pre total of 0)", cfg.BootstrapReps),
		Columns: []column{{"Interval", 40, false}, {"Resamples dropped", 18, false}}, Empty: "No resamples were dropped."}
	var names []string
	for k := range f.res.BootstrapDropped {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		n := float64(f.res.BootstrapDropped[k])
		boot.Rows = append(boot.Rows, []cell{textCell(k), numCell(&n, fmtCount)})
	}
	tb := &table{Caption: "Targets and benchmarks (from peerstat.toml; peerstat ships no benchmark figures)",
		Columns: []column{{"Figure", 40, true}, {"Unit", 22, false}, {"Target", 14, false}, {"Benchmark", 80, true}},
		Empty:   "No targets or benchmarks are configured."}
	metricIDs, _ := cfg.TargetMetrics()
	seen := map[string]bool{}
	for _, b := range cfg.BenchmarkList() {
		if !seen[b.Metric] {
			metricIDs = append(metricIDs, b.Metric)
		}
		seen[b.Metric] = true
	}
	for _, id := range dedupe(metricIDs) {
		target := ""
		if v, ok := cfg.Target(id, f.res.Scope.Payer); ok {
			target = f.format(id).text(v)
		}
		var bench []string
		for _, b := range cfg.BenchmarksFor(id) {
			if b.Quartiles() {
				bench = append(bench, fmt.Sprintf("%s (%s): median %s, quartiles %s to %s", b.Name, b.Source, f.format(id).text(*b.Median), f.format(id).text(*b.Bottom), f.format(id).text(*b.Top)))
			} else {
				bench = append(bench, fmt.Sprintf("%s (%s): %s", b.Name, b.Source, f.format(id).text(*b.Value)))
			}
		}
		tb.Rows = append(tb.Rows, []cell{f.figure(id), textCell(unitLabel(f.def(id).Unit)), textCell(target), textCell(strings.Join(bench, "; "))})
	}
	s.Blocks = []block{{Table: defs}, {Table: set}, {Table: tb}, {Table: instr}, {Table: abs}, {Table: boot}}
	return s
}

// paidBlankText states the share of the encounters in the outcome
// windows whose paid_amount was blank and so counted 0 (METRICS.md
// "Outcomes"), for the reporting period and each earlier one with paid
// figures. A period whose paid_did is suppressed (its groups are small)
// shows no share: a figure of a suppressed cohort is never given.
func (f *facts) paidBlankText() string {
	var parts []string
	for _, p := range f.res.PaidBlank {
		share := "not shown, as the outcome groups' figures are suppressed"
		if r := f.paidDid(p); r != nil && !r.Suppressed {
			share = fixed(p.Share()*100, 1) + "%"
		}
		what := fmt.Sprintf("earlier period %s to %s: %s", p.PeriodStart.Format("2006-01-02"), p.PeriodEnd.Format("2006-01-02"), share)
		if p.PeriodStart.Equal(f.res.Config.PeriodStart.Time) {
			what = fmt.Sprintf("reporting period %s to %s: %s", p.PeriodStart.Format("2006-01-02"), p.PeriodEnd.Format("2006-01-02"), share)
		}
		parts = append(parts, what)
	}
	if len(parts) == 0 {
		return ""
	}
	return "Paid amounts: the share of the encounters in the outcome windows (pre and post, peer and comparison groups) whose paid_amount was blank, and so counted $0, is " + strings.Join(parts, "; ") + "."
}

// paidDid is the ALL row, in the period starting on start, of the figure
// the share of blank paid amounts follows.
func (f *facts) paidDid(p metrics.PaidBlank) *metrics.Row {
	for i := range f.rows[p.Follows] {
		if r := &f.rows[p.Follows][i]; r.Program == metrics.AllPrograms && r.Grain == metrics.GrainPeriod && r.PeriodStart.Equal(p.PeriodStart) {
			return r
		}
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "– (value only)"
	}
	return s
}

func (f *facts) dictionarySection() section {
	t := &table{Caption: "Input columns (DATA.md)", Columns: []column{{"Source", 14, false}, {"Column", 20, false}, {"Type", 11, false},
		{"Required", 10, false}, {"Notes", 100, true}}}
	for _, c := range dataDictionary {
		t.Rows = append(t.Rows, []cell{textCell(c.Source), textCell(c.Column), textCell(c.Type), textCell(c.Required), textCell(c.Notes)})
	}
	return section{Sheet: "Data dictionary", Anchor: "data-dictionary", Title: "Data dictionary",
		Intro:  []string{"The files peerstat reads and what each column means. A file belongs to a source when its name starts with the source name (services.csv, services_2025-01.csv)."},
		Blocks: []block{{Table: t}}}
}

// otherFigures shows any metric no section has placed, so nothing computed
// goes unseen.
func (f *facts) otherFigures() []block {
	ids := f.matching(func(id string, _ metrics.Definition) bool { return !f.placed[id] && !f.isInterval(id) })
	return f.figureTables("Other figures", ids, figureOpts{intervals: true, settings: f.anyMoney(ids)})
}

func (f *facts) noticeText() string {
	if f.k == 0 {
		return suppressionOffText
	}
	return fmt.Sprintf("Counts from 1 to %d are suppressed (min_cell = %d)", f.k-1, f.k)
}

const suppressionOffText = "SUPPRESSION OFF — internal use only"

// complementsText says how many of a packet's figures were hidden as
// complements, not for a small count of their own.
func complementsText(n int) string {
	switch n {
	case 0:
		return "No figure in this packet is hidden only to protect another."
	case 1:
		return "1 figure in this packet is hidden although its own counts are not small: shown, it would let a reader work out a hidden count from this and the other packets."
	}
	return fmt.Sprintf("%d figures in this packet are hidden although their own counts are not small: shown, they would let a reader work out a hidden count from this and the other packets.", n)
}

// auditText explains, in the methodology, how the release is protected
// as a whole.
const auditText = "Every file of one run (metrics.csv, the board packet and every MCO packet) is protected as one release, as if one reader held them all: " +
	"programs add up to all programs, months to quarters and quarters to the period, the MCO packets and the participants with no payer (a group no file shows) to the board, and a count two figures share is one number (the follow-up rate's episodes without a follow-up are the missed follow-ups; enrollments with an intake assessment are the follow-ups done, open and missed, where no enrollment was too recent to count, and otherwise the ones left out are tested like a count). " +
	"When a figure is hidden, further figures in each of these sums are hidden too (complements, chosen fewest participants first), until every sum hides none, or at least two whose counts and participants each total 0 or at least min_cell; a figure that shows 0 is never a complement, and a figure computed from a hidden one is hidden. " +
	"Before any file is written the run audits its own release: it solves all these relations for the hidden counts, by exact rational elimination (is a count fixed by the shown figures?) and by linear-programming bounds with every count at least 0 (can a hidden count only be one value, or only be below min_cell?), solving each connected group of hidden counts whole when it holds up to 40 of them; in groups of up to 400 a count is cleared only by a point of the linear program that moves it (to min_cell or more, when small), checked in exact arithmetic, and found out when the program cannot move it; in larger groups a count is also asked of the linear program of the relations within two steps of it (three steps where two hold it at its value), which has fewer relations and so proves a count it fixes, or holds below min_cell, found out; what that leaves open is bounded by propagating every relation in turn until no bound narrows (the shuttle method, whose bounds prove a count found out but can be looser than the linear program's, a known limit). A count found out gets a further complement and the audit runs again; a count hidden for being small that cannot be protected stops the run (a figure hidden only as a complement that the others fix, such as enrollments that all passed the 30-day wait, is counted as shown). " +
	"A hidden count of 0 that the others fix is found out like any other and gets a further complement; where none can undo it (a sum shown as 0 pins every hidden 0 inside it, such as a month's 0 readmissions across all programs), the figure is counted as shown rather than stopping the run, as the shown 0 already tells the reader as much. Bounds that only whole numbers allow (tighter than the linear program's) are out of scope. Distinct-person counts (people served, cohort members) are complemented as if they added up and audited as part <= all <= sum of parts. Survey figures have no payer: every MCO packet shows the agency's."

func dedupe(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// payerMembers says whom a payer's MCO packet counts (METRICS.md Small-cell
// suppression: a figure belongs to the payer of the spell that gives its
// program), for the packet's scope note and its cover sheet.
func payerMembers(payer string) string {
	return "members whose payer is " + payer + ", with the services and hospital stays that fall in their " + payer +
		" enrollment spells and, in the before/after comparison, those whose index date falls in one (a member who changed plans appears in each plan's packet with that plan's spells only)"
}
