package metrics

import (
	"fmt"
	"sort"
	"strings"

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
	return defs
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
