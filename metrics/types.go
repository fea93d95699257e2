package metrics

import (
	"time"

	"github.com/peerstat/peerstat/config"
)

// Grains a metric row can have (DATA.md).
const (
	GrainMonth   = "month"
	GrainQuarter = "quarter"
	GrainPeriod  = "period"
)

// AllPrograms is the program name of agency-wide rows.
const AllPrograms = "ALL"

// Units a metric can have (DATA.md).
const (
	UnitRatio   = "ratio"
	UnitPer1000 = "per_1000_member_months"
	UnitCount   = "count"
	UnitDays    = "days"
	UnitUSD     = "usd"
	UnitScore   = "score"
)

// Row is one line of metrics.csv. A nil number is blank.
type Row struct {
	Metric      string
	Program     string
	Grain       string
	PeriodStart time.Time
	PeriodEnd   time.Time
	Numerator   *float64
	Denominator *float64
	Value       *float64
	Unit        string
	Suppressed  bool
	// Contributors is the number of distinct participants behind the
	// numerator, where the metric counts people's events; -1 when it does
	// not apply. Used by suppression, never written out.
	Contributors int64
	// GroupMin is the smaller of the peer and comparison group sizes for
	// outcome, DiD and cost metrics; -1 otherwise.
	GroupMin int64
}

// Definition describes one metric once: metrics.csv, report headers and
// tooltips, and the methodology text all read it from here.
type Definition struct {
	ID          string // e.g. "doc_timely_rate"
	Title       string // short heading for a report: "Notes signed on time"
	Area        string // billing, rdays, workforce, hospital, outcomes, cost, satisfaction
	Unit        string
	Grains      []string // grains the metric has rows for
	AllOnly     bool     // only program ALL (outcome, DiD, cost metrics)
	Numerator   string   // plain words; "" for value-only metrics
	Denominator string   // plain words; "" when there is none
	Description string   // one paragraph, plain English
	ConfigKeys  []string // settings the metric depends on
	// Protected metrics describe people's health and are small-cell suppressed.
	Protected bool
	// Suppression tests (METRICS.md): numerator a count of events or people;
	// denominator a count; a proportion (denominator − numerator tested).
	NumeratorCounted   bool
	DenominatorCounted bool
	Proportion         bool
	// GroupTested: suppressed when either outcome group has 1..k-1 members.
	GroupTested bool
	// Release-wide facts small-cell suppression and its audit read
	// (METRICS.md "Small-cell suppression"); a metric joins every relation
	// its entry implies, so a new metric needs only these fields.
	//
	// DistinctPeople: the numerator counts distinct people, so programs and
	// payers do not sum to ALL exactly (complemented as if they did, audited
	// as part <= ALL <= sum of parts) and months do not sum to quarters.
	DistinctPeople bool
	// AgencyWide: the figure is the agency's in every packet (anonymous
	// survey responses have no payer), so it is no part of the payer sums
	// and an MCO packet shows the board's row.
	AgencyWide bool
	// Shares names counts this metric publishes that another metric
	// publishes too (the same number in the same scope and window).
	Shares []SharedCount
	// Excludes: this metric's count is a wider count less the people a rule
	// left out; the difference is tested like a cell.
	Excludes []Exclusion
	// Totals: a count of this metric is the sum of the numerators of other
	// metrics in the same scope, program and window (intakes assessed =
	// follow-ups done + open + missed).
	Totals []CountTotal
	// Follows: the row is suppressed whenever a row it is computed from is
	// (the same scope and window; program ALL when AllPrograms).
	Follows []Follow
	// AbsentReason says what data to add when the metric has no rows for a
	// reason other than an unset money setting (e.g. no encounters file).
	AbsentReason string

	// What reports know about the figure: they select and show figures by
	// these facts only, never by id.

	// Family is the report section family the figure belongs to (Family*).
	Family string
	// Display is how a value is shown; "" = the unit's usual display.
	Display Display
	// Direction says which way is better (METRICS.md "Earlier periods,
	// targets and benchmarks"); reports colour a change only when set.
	Direction Direction
	// Headline is the figure's place on the first page (1 first); 0 = not
	// a headline figure.
	Headline int
	// Trend is the figure's place among the monthly and quarterly trend
	// charts (1 first); 0 = not charted by month.
	Trend int
	// Chart names the chart group the figure is drawn in (Chart*), and
	// ChartLabel its label there ("" = its title).
	Chart      string
	ChartLabel string
	// BoundOf is, for an interval bound, the metric it bounds; BoundHigh
	// tells the upper bound from the lower.
	BoundOf   string
	BoundHigh bool
	// Share: the numerator is counted within the denominator (a
	// proportion) though the figure is not suppressed (Proportion says so
	// for protected ones): its change is in percentage points.
	Share bool
	// Signed figures can be negative (changes, DiDs, savings, ROI): their
	// change from the previous period is a difference in their unit.
	Signed bool
	// BoardOnly figures never appear in an MCO packet (peer FTE is not
	// split by payer).
	BoardOnly bool
	// Instrument and Domain name a survey figure's instrument and domain
	// ("" for the responses count); Statistic is "positive", "mean" or
	// "responses".
	Instrument, Domain, Statistic string
	// Scale names a recovery figure's summed assessment scale (barc10);
	// "" for the figures of housing, employment and follow-up.
	Scale string
	// Group ("peer", "comparison") and Window ("pre", "post") place an
	// outcome figure in the before/after comparison.
	Group, Window string
	// Sources are the sources whose coverage an earlier period needs for
	// the figure to have rows there (METRICS.md "Earlier periods"):
	// Source* names. Figures with none are made for the reporting period
	// only.
	Sources []string
	// RestsOn lists the DiD figures a saving is computed from: the report
	// calls it a saving only when each of their 95% intervals lies wholly
	// below 0, and otherwise says no difference was shown.
	RestsOn []string
	// BlankReason is what a blank value with a denominator above 0 means
	// ("not available: no outpatient encounters or services"), for a figure
	// that is blank rather than 0% when none of its inputs exist.
	BlankReason string
	// Label is the one plain phrase a report uses beside the title where
	// a reader could mistake the figure for a published standard (e.g.
	// "observed, not risk-adjusted").
	Label string
}

// Parts of a metric row that are counts (Numerator or Denominator), and,
// for a proportion, the count its denominator holds beyond its numerator
// (PartRest = denominator − numerator: the episodes with no follow-up).
const (
	PartNumerator   = "numerator"
	PartDenominator = "denominator"
	PartRest        = "denominator − numerator"
)

// SharedCount says that a metric's numerator or denominator is the count
// Name, which every metric naming it publishes as the same number.
type SharedCount struct {
	Name string
	Part string // PartNumerator or PartDenominator
	// AllOnly: the counts agree only in the ALL rows (placed in programs
	// differently).
	AllOnly bool
}

// Exclusion says that a metric's Part is the SharedCount From less the
// people a rule leaves out.
type Exclusion struct {
	Part, From string
}

// CountTotal says that a metric's Part is the sum of the numerators of
// Metrics. Narrower: the count leaves out people a rule excludes (the
// enrollments within 30 days of data_through), so where the two differ the
// difference is tested like a cell (an exclusion) instead.
type CountTotal struct {
	Part     string
	Metrics  []string
	Narrower bool
}

// Follow names a metric a derived figure is computed from.
type Follow struct {
	Metric      string
	AllPrograms bool // the ALL row of Metric, whatever the row's program
}

// Direction is which way a figure is better.
type Direction int

const (
	DirectionNone  Direction = iota // neither (outpatient visits may rise either way)
	HigherIsBetter                  // e.g. follow-up, retention
	LowerIsBetter                   // e.g. readmission, bed days
)

// String is the direction in words, as the methodology prints it.
func (d Direction) String() string {
	switch d {
	case HigherIsBetter:
		return "higher is better"
	case LowerIsBetter:
		return "lower is better"
	}
	return "none"
}

// Display is how a figure's value is shown in reports.
type Display string

const (
	DisplayPercent  Display = "percent"  // a share or rate: 0.253 -> 25.3%
	DisplayMultiple Display = "multiple" // a ratio that is a multiple: 1.62×
	DisplayPer1000  Display = "per1000"
	DisplayScore    Display = "score"
	DisplayCount    Display = "count" // counts and days
	DisplayUSD      Display = "usd"
)

// IsProportion reports whether the figure is a proportion: its numerator
// is counted within its denominator.
func (d Definition) IsProportion() bool { return d.Proportion || d.Share }

// Shown is the display of the definition: its own, else its unit's.
func (d Definition) Shown() Display {
	if d.Display != "" {
		return d.Display
	}
	switch d.Unit {
	case UnitRatio:
		return DisplayPercent
	case UnitPer1000:
		return DisplayPer1000
	case UnitScore:
		return DisplayScore
	case UnitUSD:
		return DisplayUSD
	}
	return DisplayCount
}

// Sources whose coverage decides whether an earlier period has a figure.
// Figures counted from participants' spells need the services' coverage
// and figures counted from staff spells the timesheets'.
const (
	SourceServices    = "services"
	SourceEncounters  = "encounters"
	SourceTimesheets  = "timesheets"
	SourceSurveys     = "surveys"
	SourceAssessments = "assessments"
)

// Report section families (Definition.Family).
const (
	FamilyVolume        = "volume"        // billed units, units over the cap
	FamilyDocumentation = "documentation" // note standard and units at risk
	FamilyRdays         = "rdays"
	FamilyReach         = "reach"
	FamilyWorkforce     = "workforce"
	FamilyUtilization   = "utilization" // hospital and crisis use per 1,000
	FamilyCare          = "care"        // readmission and follow-up
	FamilyOutcomes      = "outcomes"
	FamilyCost          = "cost"
	FamilySatisfaction  = "satisfaction"
	FamilyRecovery      = "recovery" // assessments: follow-up, housing, employment, recovery capital
)

// Chart groups (Definition.Chart): the figures drawn together in one chart.
const (
	ChartDocumentation  = "documentation"
	ChartRdayShare      = "rday_share"
	ChartRdayRevenue    = "rday_revenue"
	ChartBillableShare  = "billable_share"
	ChartHoursPerBill   = "hours_per_billable"
	ChartNonbillable    = "nonbillable"
	ChartTurnover       = "turnover"
	ChartPeerTurnover   = "peer_turnover"
	ChartUtilization    = "utilization"
	ChartCare           = "care"
	ChartInvoluntary    = "involuntary"
	ChartReach          = "reach"
	ChartEngagement     = "engagement"
	ChartOutcomeBedDays = "outcome_bed_days"
	ChartOutcomeChange  = "outcome_change"
	ChartOutcomeDiD     = "outcome_did"
	ChartOutcomePaid    = "outcome_paid"
	ChartOutcomePaidDiD = "outcome_paid_did"
	ChartSavings        = "savings"
	ChartBilledTrend    = "billed_trend"
	ChartAssessed       = "assessed"        // intake- and follow-up-assessed rates
	ChartFollowupStatus = "followup_status" // intakes by follow-up status, per program
	ChartRecoveryPairs  = "recovery_pairs"  // intake vs follow-up shares (Window pre/post)
	ChartRecoveryChange = "recovery_change" // a summed scale's mean change
)

// Absence says why a metric (or a family of metrics) has no rows, and what
// to fill in to get it: "rday_revenue: set rday_daily_rate and
// rday_federal_share in peerstat.toml".
type Absence struct {
	Metrics []string
	Reason  string
}

// Scope limits the participants a run of the metrics covers: an MCO packet
// covers only one payer's members. Staff and timesheet metrics are the
// agency's and are not limited.
type Scope struct {
	Payer string // "" = every participant
	// NoPayer: the participants with no payer, a group no file shows but
	// small-cell suppression protects like a packet (METRICS.md).
	NoPayer bool
}

// Quality holds the data-quality figures the reports show.
type Quality struct {
	RejectsByReason []RejectCount
	Warnings        []Warning
	Files           []FileLoad
	// PartialLoss: loaded files that lost more than half of their rows
	// to rejects, shown on every packet's first page.
	PartialLoss []FileLoss
}

// FileLoss is a file that lost "all" or "more than half" (Share) of its
// rows to rejects, with the commonest reason and the fix.
type FileLoss struct {
	Source, File, Share, Reason, Fix string
}

// RejectCount is how many rows of a source were rejected for one reason.
type RejectCount struct {
	Source, Reason string
	Rows           int64
}

// Warning is a data-quality check with the number of rows or cases it found.
type Warning struct {
	Check string // e.g. "timesheet entries not in quarter-hour increments"
	Count int64
}

// PunchClockCheck is the quality__warnings check counting the staff-days
// whose billable minutes were filled from the EHR (METRICS.md
// "Workforce"); the methodology states the count.
const PunchClockCheck = "punch-clock staff-days whose billable minutes were filled from the EHR's billable services"

// PunchClockDays is the number of staff-days filled that way.
func (q Quality) PunchClockDays() int64 {
	for _, w := range q.Warnings {
		if w.Check == PunchClockCheck {
			return w.Count
		}
	}
	return 0
}

// FileLoad is what the latest load of a file did.
type FileLoad struct {
	Source, File                                     string
	RowsRead, RowsLoaded, RowsRejected, RowsReplaced int64
}

// Result is everything a report needs: rows, their definitions, the
// resolved settings, and what is absent and why.
type Result struct {
	Scope    Scope
	Config   config.Config // resolved: period and data dates filled from the data
	Programs []string      // programs named in participants and staff, sorted
	Payers   []string      // payers named in participants, sorted
	Rows     []Row         // sorted by metric, program, grain, period_start
	Registry []Definition  // definitions of the metrics that have rows
	Absent   []Absence
	Quality  Quality
	// BootstrapDropped counts replicates dropped per interval metric because
	// the statistic was undefined (a pre total of 0).
	BootstrapDropped map[string]int
	// PaidBlank gives, for each period with paid figures, how many
	// encounters fell in the outcome windows of its eligible cohort and how
	// many of them had a blank paid_amount (counted 0): the methodology
	// states the share (METRICS.md "Outcomes").
	PaidBlank   []PaidBlank
	GeneratedAt time.Time
	// Complements is how many of Rows small-cell suppression hid as
	// complements (not for their own counts) to protect the release.
	Complements int
}

// PaidBlank is one period's count of outcome-window encounters and of
// those with a blank paid_amount.
type PaidBlank struct {
	PeriodStart, PeriodEnd time.Time
	Encounters, Blank      int64
	// Follows is the figure whose suppression the share follows (the
	// paid-amount DiD, which rests on both outcome groups).
	Follows string
}

// Share is the share of the window encounters whose paid_amount was blank
// (0 when there were none).
func (p PaidBlank) Share() float64 {
	if p.Encounters == 0 {
		return 0
	}
	return float64(p.Blank) / float64(p.Encounters)
}
