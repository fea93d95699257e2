// Package config reads peerstat.toml: the reporting period, the agency's
// rules (peer roles, unit rounding, documentation deadline, holidays), money
// assumptions and survey instruments. It fills documented defaults, rejects
// unknown keys by name, and never invents a money figure: an unset money key
// stays nil and the metrics that need it are left out.
//
// It does not look at data: defaults that depend on the data (period_start,
// period_end, data_through, data_from) stay zero here and are resolved by the
// metrics package against the loaded tables.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	_ "time/tzdata" // time zones without the system's zoneinfo

	"github.com/BurntSushi/toml"
	"github.com/peerstat/peerstat/internal/dbmem"
)

// Date is a calendar date with no time of day (a TOML local date).
type Date struct{ time.Time }

// UnmarshalTOML accepts a TOML local date (2025-06-30) or a string in that form.
func (d *Date) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case time.Time:
		d.Time = time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)
		return nil
	case string:
		t, err := time.Parse("2006-01-02", strings.TrimSpace(x))
		if err != nil {
			return fmt.Errorf("%q is not a date in the form YYYY-MM-DD", x)
		}
		d.Time = t
		return nil
	}
	return fmt.Errorf("%v is not a date (write it as 2025-06-30)", v)
}

// MarshalTOML writes the date as a TOML local date.
func (d Date) MarshalTOML() ([]byte, error) {
	return []byte(d.Format("2006-01-02")), nil
}

// IsZero reports whether the date was never set.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// String is the ISO form, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

// Instrument defines a survey or a summed assessment scale. A survey has
// its scale, which end means agreement, N/A codes, reversed items, the
// positive cut-off and its domains. A summed scale (Score = "sum", as the
// BARC-10) has its scale, number of items, N/A codes, reversed items and
// the cut-off at or above which a score is high; it is scored only when
// every item is answered.
type Instrument struct {
	Scale         []int            `toml:"scale"`
	Agree         string           `toml:"agree,omitempty"`
	PositiveAbove *float64         `toml:"positive_above,omitempty"`
	PositiveBelow *float64         `toml:"positive_below,omitempty"`
	NA            []int            `toml:"na"`
	Reverse       []int            `toml:"reverse"`
	Domains       map[string][]int `toml:"domains,omitempty"`
	ItemCount     int              `toml:"items,omitempty"`
	Score         string           `toml:"score,omitempty"`
	HighCutoff    *float64         `toml:"cutoff,omitempty"`
}

// Summed reports whether the instrument is a summed assessment scale
// (score = "sum"), not a survey.
func (in Instrument) Summed() bool { return in.Score == "sum" }

// Min is the bottom of the scale.
func (in Instrument) Min() int { return in.Scale[0] }

// Max is the top of the scale.
func (in Instrument) Max() int { return in.Scale[1] }

// Items lists the instrument's items ascending: 1 … items for a summed
// scale, every item that belongs to some domain for a survey.
func (in Instrument) Items() []int {
	if in.Summed() {
		items := make([]int, in.ItemCount)
		for i := range items {
			items[i] = i + 1
		}
		return items
	}
	seen := map[int]bool{}
	var items []int
	for _, d := range in.Domains {
		for _, it := range d {
			if !seen[it] {
				seen[it] = true
				items = append(items, it)
			}
		}
	}
	sort.Ints(items)
	return items
}

// IsNA reports whether v is one of the instrument's not-applicable codes.
func (in Instrument) IsNA(v int) bool {
	for _, na := range in.NA {
		if v == na {
			return true
		}
	}
	return false
}

// Cutoff is the positive cut-off: scores strictly beyond it are positive.
// For a summed scale it is the high cut-off (high when score >= it).
func (in Instrument) Cutoff() float64 {
	if in.Summed() {
		return *in.HighCutoff
	}
	if in.Agree == "low" {
		return *in.PositiveBelow
	}
	return *in.PositiveAbove
}

// DomainNames lists the domains in name order.
func (in Instrument) DomainNames() []string {
	names := make([]string, 0, len(in.Domains))
	for n := range in.Domains {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Config is peerstat.toml after defaults. Pointer fields are optional with no
// default: nil means "not configured".
type Config struct {
	AgencyName              string   `toml:"agency_name"`
	PeriodStart             Date     `toml:"period_start,omitzero"`
	PeriodEnd               Date     `toml:"period_end,omitzero"`
	DataThrough             Date     `toml:"data_through,omitzero"`
	DataFrom                Date     `toml:"data_from,omitzero"`
	PeerRoles               []string `toml:"peer_roles"`
	UnitRule                string   `toml:"unit_rule"`
	DocDeadlineDays         int      `toml:"doc_deadline_days"`
	DocDeadlineBusinessDays bool     `toml:"doc_deadline_business_days"`
	Holidays                []Date   `toml:"holidays"`
	Timezone                string   `toml:"timezone"`
	MaxUnitsPerDay          int      `toml:"max_units_per_day"`
	RdayCodes               []string `toml:"rday_codes"`
	RdayDailyRate           *float64 `toml:"rday_daily_rate,omitempty"`
	RdayFederalShare        *float64 `toml:"rday_federal_share,omitempty"`
	InpatientSettings       []string `toml:"inpatient_settings"`
	OutcomeWindowDays       int      `toml:"outcome_window_days"`
	BootstrapReps           int      `toml:"bootstrap_reps"`
	Seed                    int64    `toml:"seed"`
	FringeRate              float64  `toml:"fringe_rate"`
	InpatientPerDiem        *float64 `toml:"inpatient_per_diem,omitempty"`
	ERVisitCost             *float64 `toml:"er_visit_cost,omitempty"`
	ProgramCost             *float64 `toml:"program_cost,omitempty"`
	MinCell                 int      `toml:"min_cell"`
	ClinicalRoles           []string `toml:"clinical_roles"`
	StableHousing           []string `toml:"stable_housing"`
	EmployedStatuses        []string `toml:"employed_statuses"`
	ComparePeriods          int      `toml:"compare_periods"`
	// Targets: metric id = number, and "<payer>" = a table of them
	// (config.Target reads it). Benchmarks: NAME = { source = "…", metric
	// id = number or { median, bottom_quartile, top_quartile } }.
	Targets    map[string]any            `toml:"targets,omitempty"`
	Benchmarks map[string]map[string]any `toml:"benchmarks,omitempty"`
	// MemoryLimit is DuckDB's memory limit ("4GB"); "" = what the machine
	// or container allows (internal/dbmem).
	MemoryLimit string `toml:"memory_limit,omitempty"`

	// PayerNames maps each payer's name to the other spellings of it in
	// the data, matched exactly after trimming spaces.
	PayerNames map[string][]string `toml:"payer_names,omitempty"`

	Instruments map[string]Instrument `toml:"instruments"`
}

// Roles a staff spell may have (DATA.md).
var Roles = []string{"peer_specialist", "recovery_coach", "family_peer_specialist", "peer_bridger", "supervisor", "clinician", "admin", "other"}

// Settings an encounter may have (DATA.md).
var Settings = []string{"inpatient_psych", "inpatient_medical", "detox", "crisis_residential", "emergency", "outpatient"}

// Activities a timesheet entry may have (DATA.md).
var Activities = []string{"direct_service", "documentation", "travel", "supervision", "training", "meeting", "admin", "other", "leave"}

// HousingStatuses an assessment's housing answer may have (DATA.md).
var HousingStatuses = []string{"own_or_rent", "with_family", "permanent_supportive", "transitional", "shelter", "street", "institution", "other"}

// EmploymentStatuses an assessment's employment answer may have (DATA.md).
var EmploymentStatuses = []string{"full_time", "part_time", "unemployed_looking", "not_in_labor_force", "student", "retired", "disabled", "other"}

// AssessmentKinds an assessment may be (DATA.md).
var AssessmentKinds = []string{"intake", "followup", "discharge"}

// Default is the configuration with every documented default (METRICS.md).
func Default() Config {
	return Config{
		PeerRoles:               []string{"peer_specialist", "recovery_coach", "family_peer_specialist", "peer_bridger"},
		UnitRule:                "cms8",
		DocDeadlineDays:         3,
		DocDeadlineBusinessDays: true,
		Holidays:                []Date{},
		MaxUnitsPerDay:          16,
		RdayCodes:               []string{},
		InpatientSettings:       []string{"inpatient_psych", "inpatient_medical", "detox"},
		OutcomeWindowDays:       180,
		BootstrapReps:           2000,
		Seed:                    1,
		FringeRate:              0,
		MinCell:                 11,
		ClinicalRoles:           []string{"clinician"},
		StableHousing:           []string{"own_or_rent", "with_family", "permanent_supportive"},
		EmployedStatuses:        []string{"full_time", "part_time"},
		ComparePeriods:          1,
		Instruments:             BuiltinInstruments(),
	}
}

func ptr(f float64) *float64 { return &f }

// BuiltinInstruments are mhsip_adult, peer_experience and barc10 as
// METRICS.md defines them.
func BuiltinInstruments() map[string]Instrument {
	seq := func(from, to int) []int {
		var s []int
		for i := from; i <= to; i++ {
			s = append(s, i)
		}
		return s
	}
	return map[string]Instrument{
		"mhsip_adult": {
			Scale: []int{1, 5}, Agree: "low", PositiveBelow: ptr(2.5), NA: []int{9}, Reverse: []int{},
			Domains: map[string][]int{
				"general_satisfaction":    seq(1, 3),
				"access":                  seq(4, 9),
				"quality_appropriateness": {10, 12, 13, 14, 15, 16, 18, 19, 20},
				"participation":           {11, 17},
				"outcomes":                seq(21, 28),
				"functioning":             seq(29, 32),
				"social_connectedness":    seq(33, 36),
			},
		},
		"peer_experience": {
			Scale: []int{1, 5}, Agree: "high", PositiveAbove: ptr(3.5), NA: []int{0}, Reverse: []int{},
			Domains: map[string][]int{"overall": seq(1, 5)},
		},
		// Brief Assessment of Recovery Capital (Vilsaint et al. 2017): ten
		// items, 1 = strongly disagree … 6 = strongly agree, summed; 47 is
		// the published cut-off associated with sustained remission.
		"barc10": {
			Scale: []int{1, 6}, NA: []int{}, Reverse: []int{},
			ItemCount: 10, Score: "sum", HighCutoff: ptr(47),
		},
	}
}

// Load reads a peerstat.toml. An empty path gives the defaults.
func Load(path string) (Config, error) {
	if path == "" {
		return Default(), nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("read config: %w", err)
	}
	cfg, err := Parse(data)
	if err != nil {
		return Config{}, fmt.Errorf("config %s: %w", path, err)
	}
	return cfg, nil
}

// Parse reads config text over the defaults and checks it. An instrument
// in the text adds to the built-in ones or replaces one of the same name.
func Parse(data []byte) (Config, error) {
	cfg := Default()
	cfg.Instruments = nil
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&cfg)
	if err != nil {
		return Config{}, err
	}
	var keys []string
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		for _, k := range undecoded {
			// [targets] and [benchmarks.NAME] hold metric ids, checked against
			// the registry by the metrics package (the decoder does not mark
			// the keys of their nested tables as read).
			if len(k) > 1 && (k[0] == "targets" || k[0] == "benchmarks") {
				continue
			}
			keys = append(keys, k.String())
		}
	}
	if len(keys) > 0 {
		return Config{}, fmt.Errorf("unknown setting %s: check the spelling against the list in README (a misspelt key would otherwise fall back to its default)", strings.Join(keys, ", "))
	}
	user := cfg.Instruments
	cfg.Instruments = BuiltinInstruments()
	for name, in := range user {
		if in.Agree == "" && in.Score == "" {
			in.Agree = "high"
		}
		if in.Reverse == nil {
			in.Reverse = []int{}
		}
		cfg.Instruments[name] = in
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, withLines(data, err)
	}
	cfg.normalize()
	return cfg, nil
}

// Validate checks ranges and names; each problem reads as a sentence.
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	switch c.UnitRule {
	case "cms8", "floor", "ceil":
	default:
		bad("unit_rule = %q: use \"cms8\", \"floor\" or \"ceil\"", c.UnitRule)
	}
	if c.MemoryLimit != "" {
		if _, err := dbmem.ParseSize(c.MemoryLimit); err != nil {
			bad("memory_limit = %q: %v", c.MemoryLimit, err)
		}
	}
	if c.DocDeadlineDays < 0 {
		bad("doc_deadline_days = %d: use 0 or more days", c.DocDeadlineDays)
	}
	if c.MaxUnitsPerDay < 0 {
		bad("max_units_per_day = %d: use 0 or more", c.MaxUnitsPerDay)
	}
	if c.OutcomeWindowDays < 1 {
		bad("outcome_window_days = %d: use 1 or more days", c.OutcomeWindowDays)
	}
	if c.BootstrapReps < 1 {
		bad("bootstrap_reps = %d: use 1 or more resamples", c.BootstrapReps)
	}
	if c.FringeRate < 0 {
		bad("fringe_rate = %v: use 0 or more (0.22 for 22%%)", c.FringeRate)
	}
	if c.ComparePeriods < 0 || c.ComparePeriods > 20 {
		bad("compare_periods = %d: use 0 (none) to 20 earlier periods", c.ComparePeriods)
	}
	if c.MinCell < 0 {
		bad("min_cell = %d: use 0 (no suppression) or more", c.MinCell)
	}
	if c.RdayFederalShare != nil && (*c.RdayFederalShare < 0 || *c.RdayFederalShare > 1) {
		bad("rday_federal_share = %v: use a fraction from 0 to 1 (0.5 for 50%%)", *c.RdayFederalShare)
	}
	for _, m := range []struct {
		key string
		v   *float64
	}{{"rday_daily_rate", c.RdayDailyRate}, {"inpatient_per_diem", c.InpatientPerDiem}, {"er_visit_cost", c.ERVisitCost}, {"program_cost", c.ProgramCost}} {
		if m.v != nil && *m.v < 0 {
			bad("%s = %v: a dollar amount cannot be negative", m.key, *m.v)
		}
	}
	if !c.PeriodStart.IsZero() && !c.PeriodEnd.IsZero() && c.PeriodEnd.Before(c.PeriodStart.Time) {
		bad("period_end %s is before period_start %s", c.PeriodEnd, c.PeriodStart)
	}
	for _, r := range c.PeerRoles {
		if !contains(Roles, r) {
			bad("peer_roles: %q is not a staff role (roles are %s)", r, strings.Join(Roles, ", "))
		}
	}
	for _, r := range c.ClinicalRoles {
		if !contains(Roles, r) {
			bad("clinical_roles: %q is not a staff role (roles are %s)", r, strings.Join(Roles, ", "))
		}
	}
	for _, s := range c.StableHousing {
		if !contains(HousingStatuses, s) {
			bad("stable_housing: %q is not a housing status (statuses are %s)", s, strings.Join(HousingStatuses, ", "))
		}
	}
	for _, s := range c.EmployedStatuses {
		if !contains(EmploymentStatuses, s) {
			bad("employed_statuses: %q is not an employment status (statuses are %s)", s, strings.Join(EmploymentStatuses, ", "))
		}
	}
	for _, s := range c.InpatientSettings {
		if !contains(Settings, s) {
			bad("inpatient_settings: %q is not an encounter setting (settings are %s)", s, strings.Join(Settings, ", "))
		}
	}
	if c.Timezone != "" {
		if _, err := time.LoadLocation(c.Timezone); err != nil {
			bad("timezone = %q is not an IANA time zone name such as \"America/Chicago\"", c.Timezone)
		}
	}
	errs = append(errs, c.validateTargets()...)
	names := make([]string, 0, len(c.Instruments))
	for n := range c.Instruments {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !metricIDPart.MatchString(n) {
			errs = append(errs, nameError{n, fmt.Errorf("instrument %q: an instrument's name becomes part of metric ids, so it may use only a-z, 0-9 and _", n)})
			continue
		}
		if err := c.Instruments[n].validate(); err != nil {
			errs = append(errs, fmt.Errorf("instrument %s: %w", n, err))
		}
	}
	if err := c.validatePayerNames(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// metricIDPart is what a name from the config that becomes part of a
// metric id may hold.
var metricIDPart = regexp.MustCompile(`^[a-z0-9_]+$`)

// FormulaLike says whether a name begins with a character that makes a
// spreadsheet run a cell as a formula (=, +, -, @, a tab or a line break).
func FormulaLike(name string) bool {
	return name != "" && strings.ContainsRune("=+-@\t\r\n", rune(name[0]))
}

// validatePayerNames checks [payer_names]: each name is a usable payer
// name and each spelling belongs to one name only.
func (c Config) validatePayerNames() error {
	var errs []error
	owner := map[string]string{}
	names := make([]string, 0, len(c.PayerNames))
	for n := range c.PayerNames {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		name := strings.TrimSpace(n)
		switch {
		case name == "":
			errs = append(errs, fmt.Errorf("payer_names: a blank payer name (give the name the packets should use)"))
			continue
		case FormulaLike(name):
			errs = append(errs, nameError{n, fmt.Errorf("payer_names: %q may not begin with =, +, -, @, a tab or a line break (a spreadsheet would run it as a formula)", n)})
			continue
		}
		for _, sp := range c.PayerNames[n] {
			spelling := strings.TrimSpace(sp)
			if spelling == "" {
				errs = append(errs, nameError{n, fmt.Errorf("payer_names: %q lists a blank spelling", n)})
				continue
			}
			if other, ok := owner[spelling]; ok && other != name {
				errs = append(errs, nameError{n, fmt.Errorf("payer_names: the spelling %q is listed under both %q and %q; list it under one", sp, other, name)})
				continue
			}
			owner[spelling] = name
		}
	}
	for _, n := range names {
		if other, ok := owner[strings.TrimSpace(n)]; ok && other != strings.TrimSpace(n) {
			errs = append(errs, nameError{n, fmt.Errorf("payer_names: %q is a payer name and also listed as a spelling of %q; list its spellings under one name", n, other)})
		}
	}
	return errors.Join(errs...)
}

// nameError is a name the config may not use; Parse adds the line it is
// on.
type nameError struct {
	name string
	err  error
}

func (e nameError) Error() string { return e.err.Error() }
func (e nameError) Unwrap() error { return e.err }

// withLines puts "line N: " before each refused name's problem, N the
// line of the config text where the name is a key (else the first that
// holds it).
func withLines(data []byte, err error) error {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var errs []error
		for _, e := range joined.Unwrap() {
			errs = append(errs, withLines(data, e))
		}
		return errors.Join(errs...)
	}
	var ne nameError
	if !errors.As(err, &ne) || ne.name == "" {
		return err
	}
	lines := strings.Split(string(data), "\n")
	asKey := func(line string) bool {
		line = strings.TrimSpace(line)
		for _, key := range []string{`"` + ne.name + `"`, ne.name} {
			if rest, ok := strings.CutPrefix(line, key); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
				return true
			}
		}
		return strings.HasPrefix(line, "[") && strings.Contains(line, "."+ne.name)
	}
	for _, match := range []func(string) bool{asKey, func(line string) bool { return strings.Contains(line, ne.name) }} {
		for i, line := range lines {
			if match(line) {
				return fmt.Errorf("line %d: %w", i+1, err)
			}
		}
	}
	return err
}

// PayerSpellings maps every spelling [payer_names] lists, trimmed, to its
// payer's name.
func (c Config) PayerSpellings() map[string]string {
	m := map[string]string{}
	for n, spellings := range c.PayerNames {
		for _, sp := range spellings {
			m[strings.TrimSpace(sp)] = strings.TrimSpace(n)
		}
	}
	return m
}

func (in Instrument) validate() error {
	if len(in.Scale) != 2 || in.Scale[0] >= in.Scale[1] {
		return fmt.Errorf("scale must be [min, max] with min < max, e.g. [1, 5]")
	}
	switch in.Score {
	case "":
	case "sum":
		return in.validateSummed()
	default:
		return fmt.Errorf("score = %q: the only scoring rule is \"sum\" (a summed scale such as the BARC-10); leave it out for a survey", in.Score)
	}
	if in.ItemCount != 0 || in.HighCutoff != nil {
		return fmt.Errorf("items and cutoff belong to a summed scale: add score = \"sum\", or give a survey's domains instead")
	}
	switch in.Agree {
	case "high":
		if in.PositiveAbove == nil {
			if in.Scale[0] != 1 || in.Scale[1] != 5 {
				return fmt.Errorf("positive_above is required for a scale other than 1-5")
			}
		}
	case "low":
		if in.PositiveBelow == nil {
			if in.Scale[0] != 1 || in.Scale[1] != 5 {
				return fmt.Errorf("positive_below is required for a scale other than 1-5")
			}
		}
	default:
		return fmt.Errorf("agree = %q: use \"high\" (top of scale = strongly agree) or \"low\" (1 = strongly agree)", in.Agree)
	}
	if len(in.Domains) == 0 {
		return fmt.Errorf("no domains: add [instruments.NAME.domains] with lists of item numbers")
	}
	for _, name := range in.DomainNames() {
		if !metricIDPart.MatchString(name) {
			return nameError{name, fmt.Errorf("domain %q: a domain's name becomes part of metric ids, so it may use only a-z, 0-9 and _", name)}
		}
	}
	for name, items := range in.Domains {
		if len(items) == 0 {
			return fmt.Errorf("domain %s has no items", name)
		}
		for _, it := range items {
			if it < 1 {
				return fmt.Errorf("domain %s: item %d is not an item number (q1 is item 1)", name, it)
			}
		}
	}
	for _, na := range in.NA {
		if na >= in.Scale[0] && na <= in.Scale[1] {
			return fmt.Errorf("N/A code %d lies inside the scale %d-%d", na, in.Scale[0], in.Scale[1])
		}
	}
	return nil
}

// validateSummed checks a summed scale: items and cutoff, and none of a
// survey's keys.
func (in Instrument) validateSummed() error {
	switch {
	case in.ItemCount < 1:
		return fmt.Errorf("a summed scale needs items = N, its number of items (q1 … qN)")
	case in.HighCutoff == nil:
		return fmt.Errorf("a summed scale needs cutoff, the score at or above which it is high (47 for the BARC-10)")
	case in.Agree != "" || in.PositiveAbove != nil || in.PositiveBelow != nil:
		return fmt.Errorf("agree, positive_above and positive_below are survey keys; a summed scale has cutoff instead")
	case len(in.Domains) > 0:
		return fmt.Errorf("a summed scale has no domains: its score is the sum of all its items")
	}
	for _, na := range in.NA {
		if na >= in.Scale[0] && na <= in.Scale[1] {
			return fmt.Errorf("N/A code %d lies inside the scale %d-%d", na, in.Scale[0], in.Scale[1])
		}
	}
	for _, it := range in.Reverse {
		if it < 1 || it > in.ItemCount {
			return fmt.Errorf("reverse: item %d is not one of items 1-%d", it, in.ItemCount)
		}
	}
	return nil
}

// normalize fills the instrument cut-off defaults (2.5 / 3.5 for a 1-5 scale).
func (c *Config) normalize() {
	for name, in := range c.Instruments {
		if in.Reverse == nil {
			in.Reverse = []int{}
		}
		if in.Agree == "high" && in.PositiveAbove == nil {
			in.PositiveAbove = ptr(3.5)
		}
		if in.Agree == "low" && in.PositiveBelow == nil {
			in.PositiveBelow = ptr(2.5)
		}
		if in.NA == nil {
			in.NA = []int{}
		}
		c.Instruments[name] = in
	}
}

// Encode writes the config as TOML (how ingest stores the resolved config).
func (c Config) Encode() (string, error) {
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(c); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// Location is the configured time zone, or nil when none is set.
func (c Config) Location() *time.Location {
	if c.Timezone == "" {
		return nil
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return nil
	}
	return loc
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
