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
	// Follows: the row is suppressed whenever a row it is computed from is
	// (the same scope and window; program ALL when AllPrograms).
	Follows []Follow
	// AbsentReason says what data to add when the metric has no rows for a
	// reason other than an unset money setting (e.g. no encounters file).
	AbsentReason string
}

// Parts of a metric row that are counts (Numerator or Denominator).
const (
	PartNumerator   = "numerator"
	PartDenominator = "denominator"
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

// Follow names a metric a derived figure is computed from.
type Follow struct {
	Metric      string
	AllPrograms bool // the ALL row of Metric, whatever the row's program
}

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
	GeneratedAt      time.Time
	// Complements is how many of Rows small-cell suppression hid as
	// complements (not for their own counts) to protect the release.
	Complements int
}
