package metrics

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/peerstat/peerstat/config"
)

// allGrains is the grain list of most metrics.
var allGrains = []string{GrainMonth, GrainQuarter, GrainPeriod}

// periodOnly is the grain list of outcome, cost and survey metrics.
var periodOnly = []string{GrainPeriod}

// Registry lists every metric peerstat can produce under cfg, each
// described once. Metric families whose members depend on the settings
// (one per survey instrument and domain, one per timesheet activity) are
// expanded here. The order is the order of METRICS.md.
func Registry(cfg config.Config) []Definition {
	var defs []Definition
	for _, area := range [][]Definition{
		billingDefinitions(),
		reachDefinitions(),
		rdayDefinitions(),
		workforceDefinitions(),
		hospitalDefinitions(),
		outcomeDefinitions(),
		costDefinitions(),
		satisfactionDefinitions(cfg),
		recoveryDefinitions(cfg),
	} {
		defs = append(defs, area...)
	}
	for i := range defs {
		defs[i].Sources = sourcesOf(defs[i])
	}
	releaseFacts(defs)
	return defs
}

// sourcesOf: the sources whose coverage an earlier period needs for the
// figure (METRICS.md "Earlier periods"). Enrolled days, member months and
// episodes come from participants' spells (services' coverage); headcount,
// turnover and peer FTE from staff spells (timesheets' coverage); a figure
// that reads staff only to know who delivered a service needs neither.
// Outcome and cost figures read encounters and the outcome cohorts
// (participants' spells, so services' coverage); the cost figures built on
// program cost read the peer staff's wages too (timesheets' coverage).
func sourcesOf(d Definition) []string {
	switch d.ID {
	case "peer_caseload", "overbilled_staff_days":
		return []string{SourceServices, SourceTimesheets}
	}
	if d.Family == FamilyCost && slices.Contains(d.ConfigKeys, "program_cost") {
		return []string{SourceEncounters, SourceServices, SourceTimesheets}
	}
	switch d.Family {
	case FamilyOutcomes, FamilyCost:
		return []string{SourceEncounters, SourceServices}
	case FamilyVolume, FamilyDocumentation, FamilyRdays, FamilyReach:
		return []string{SourceServices}
	case FamilyWorkforce:
		return []string{SourceTimesheets}
	case FamilyUtilization, FamilyCare:
		return []string{SourceEncounters, SourceServices}
	case FamilySatisfaction:
		return []string{SourceSurveys}
	case FamilyRecovery:
		// assessment episodes are counted from participants' spells
		return []string{SourceAssessments, SourceServices}
	}
	return nil
}

// coverage is where each source's data begins (METRICS.md "Earlier
// periods"): services, timesheets and surveys from the first day of the
// month of their earliest date, encounters from data_from. A source with
// no rows has no entry.
type coverage map[string]time.Time

// earlierRowKept reports whether a row of an earlier period may be
// published: every source the metric reads covers the whole period.
func (c coverage) earlierRowKept(d Definition, r Row) bool {
	if len(d.Sources) == 0 {
		return false
	}
	for _, s := range d.Sources {
		from, ok := c[s]
		if !ok || r.PeriodStart.Before(from) {
			return false
		}
	}
	return true
}

// Lookup finds a definition by metric id.
func Lookup(registry []Definition, id string) (Definition, bool) {
	for _, d := range registry {
		if d.ID == id {
			return d, true
		}
	}
	return Definition{}, false
}

// moneyKeys are the settings without a default that some metrics need.
func moneyKeys(cfg config.Config) map[string]bool {
	set := map[string]bool{}
	for key, v := range map[string]*float64{
		"rday_daily_rate":    cfg.RdayDailyRate,
		"rday_federal_share": cfg.RdayFederalShare,
		"inpatient_per_diem": cfg.InpatientPerDiem,
		"er_visit_cost":      cfg.ERVisitCost,
		"program_cost":       cfg.ProgramCost,
	} {
		set[key] = v != nil
	}
	return set
}

// absences explains each registered metric that has no rows. A metric
// needing an unset money setting names the setting; others say the data
// they need is missing.
func absences(registry []Definition, present map[string]bool, cfg config.Config) []Absence {
	money := moneyKeys(cfg)
	byReason := map[string][]string{}
	for _, d := range registry {
		if present[d.ID] {
			continue
		}
		var unset []string
		for _, k := range d.ConfigKeys {
			if set, isMoney := money[k]; isMoney && !set && k != "program_cost" {
				unset = append(unset, k)
			}
		}
		reason := d.AbsentReason
		if len(unset) > 0 {
			reason = fmt.Sprintf("not configured: set %s in peerstat.toml", strings.Join(unset, " and "))
		}
		if reason == "" {
			reason = "no data: the input files hold nothing this metric counts"
		}
		byReason[reason] = append(byReason[reason], d.ID)
	}
	var out []Absence
	for reason, ids := range byReason {
		out = append(out, Absence{Metrics: ids, Reason: reason})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Metrics[0] < out[j].Metrics[0] })
	return out
}
