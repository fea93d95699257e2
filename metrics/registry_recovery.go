package metrics

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/peerstat/peerstat/config"
)

// Shared wording of the recovery outcome descriptions.
const (
	noAssessments    = "no assessments: add an assessments file (intake and 6-month follow-up interviews with housing, employment and recovery-capital items such as the BARC-10; see the data dictionary)"
	assessmentRule   = "Rows of one participant, kind and date are one assessment, their answers merged; two different non-blank answers to one question make it unknown (a data-quality warning). Assessments dated after data_through are ignored. An episode of care (a run of spells joined by continuations) falls in the window of its enrolled_on and in the program and payer of its first spell."
	intakeRule       = "An episode's intake is its assessment of kind intake nearest to enrolled_on within 30 days before or after it (ties: the earlier date), among the intakes assigned to it: each intake is assigned to the one episode whose enrolled_on is nearest (ties: the earlier episode), so it never serves two."
	followupRule     = "Its follow-up is the assessment of kind followup nearest to intake + 180 days among those 150 to 240 days after the intake, both ends included (the GPRA 5-8 month window; ties: the earlier date), among the follow-ups assigned to it: each follow-up is assigned, among the selected intakes whose window contains it, to the one whose + 180 days is nearest (ties: the earlier intake). A discharge assessment never stands in for a follow-up."
	pairRule         = "Paired episodes are those whose selected intake and selected follow-up both answer the question; another assessment never stands in for a selected one that left it blank."
	recoverySuppress = "Suppressed when a count it rests on (the figure's episodes, the rest of its denominator, or the participants behind it) is from 1 to min_cell − 1."
)

var recoveryKeys = []string{"data_through"}

// recoveryDefinitions: METRICS.md "Recovery outcomes (assessments)". The
// follow-up rate, status counts and the housing and employment pairs, then
// for each summed scale (barc10 and config instruments with score = "sum",
// in name order) its mean change with a bootstrap interval and its high
// recovery-capital shares. Every figure is protected; grains: period,
// every program and ALL.
func recoveryDefinitions(cfg config.Config) []Definition {
	rec := func(d Definition) Definition {
		d.Area, d.Family, d.Grains = "recovery", FamilyRecovery, periodOnly
		d.Protected, d.AbsentReason = true, noAssessments
		if d.ConfigKeys == nil {
			d.ConfigKeys = recoveryKeys
		}
		return d
	}
	rate := func(d Definition) Definition {
		d = rec(d)
		d.Unit, d.NumeratorCounted, d.DenominatorCounted, d.Proportion = UnitRatio, true, true, true
		return d
	}
	count := func(d Definition) Definition {
		d = rec(d)
		d.Unit, d.NumeratorCounted = UnitCount, true
		d.Chart = ChartFollowupStatus
		return d
	}
	statusBase := "Episodes of care with enrolled_on in the period that have a selected intake are counted by their follow-up status on data_through: done = has a follow-up; missed = none, and the follow-up window closed (intake + 240 on or before data_through); open = none, and the window not yet closed (a window not yet open included); closing within 30 days = the open ones whose window closes 1 to 30 days after data_through. done + open + missed = episodes with an intake. Counts only: no participant is named. "
	housingStatuses := fmt.Sprintf("Stably housed: housing is one of stable_housing (%s).", joinList(cfg.StableHousing))
	employedStatuses := fmt.Sprintf("Employed: employment is one of employed_statuses (%s).", joinList(cfg.EmployedStatuses))
	defs := []Definition{
		rate(Definition{
			ID: "intake_assessed_rate", Title: "Enrollments with an intake assessment",
			Numerator:   "denominator enrollments with an intake assessment",
			Denominator: "enrollments (episode starts) in the period with enrolled_on + 30 on or before data_through",
			Description: "Share of new enrollments with an intake assessment. Enrollments less than 30 days before data_through are left out until their intake window has passed (the same enrollments as the 30-day engagement rate). " + intakeRule + " " + assessmentRule + " " + recoverySuppress,
			Direction:   HigherIsBetter, Chart: ChartAssessed,
		}),
		rate(Definition{
			ID: "followup_assessed_rate", Title: "Follow-up assessment rate (GPRA)",
			Numerator:   "denominator episodes with a follow-up assessment",
			Denominator: "episodes in the period with an intake and intake + 240 on or before data_through",
			Description: "Share of episodes with an intake whose follow-up window has closed that have a follow-up assessment: GPRA's follow-up rate, for which SAMHSA's target is 80%. Episodes whose window (intake + 150 to 240 days) has not closed by data_through are left out until it has. " + intakeRule + " " + followupRule + " " + assessmentRule + " " + recoverySuppress,
			Direction:   HigherIsBetter, Chart: ChartAssessed, Label: "SAMHSA's target is 80%",
		}),
		rate(Definition{
			ID: "housing_stable_intake_rate", Title: "Stably housed at intake",
			Numerator: "paired episodes stably housed at intake", Denominator: "paired episodes (housing answered at both intake and follow-up)",
			Description: "Share of paired episodes stably housed at their selected intake. " + housingStatuses + " " + pairRule + " The same episodes as the follow-up figure, so the two compare like with like. " + intakeRule + " " + followupRule + " " + assessmentRule + " " + recoverySuppress,
			ConfigKeys:  []string{"stable_housing", "data_through"}, Direction: HigherIsBetter, Chart: ChartRecoveryPairs, ChartLabel: "Stably housed", Window: "pre",
		}),
		rate(Definition{
			ID: "housing_stable_followup_rate", Title: "Stably housed at follow-up",
			Numerator: "paired episodes stably housed at follow-up", Denominator: "paired episodes (housing answered at both intake and follow-up)",
			Description: "Share of paired episodes stably housed at their selected follow-up. " + housingStatuses + " " + pairRule + " " + intakeRule + " " + followupRule + " " + assessmentRule + " " + recoverySuppress,
			ConfigKeys:  []string{"stable_housing", "data_through"}, Direction: HigherIsBetter, Chart: ChartRecoveryPairs, ChartLabel: "Stably housed", Window: "post",
		}),
		rate(Definition{
			ID: "employed_intake_rate", Title: "Employed at intake",
			Numerator: "paired episodes employed at intake", Denominator: "paired episodes (employment answered at both intake and follow-up)",
			Description: "Share of paired episodes employed at their selected intake. " + employedStatuses + " " + pairRule + " " + intakeRule + " " + followupRule + " " + assessmentRule + " " + recoverySuppress,
			ConfigKeys:  []string{"employed_statuses", "data_through"}, Direction: HigherIsBetter, Chart: ChartRecoveryPairs, ChartLabel: "Employed", Window: "pre",
		}),
		rate(Definition{
			ID: "employed_followup_rate", Title: "Employed at follow-up",
			Numerator: "paired episodes employed at follow-up", Denominator: "paired episodes (employment answered at both intake and follow-up)",
			Description: "Share of paired episodes employed at their selected follow-up. " + employedStatuses + " " + pairRule + " " + intakeRule + " " + followupRule + " " + assessmentRule + " " + recoverySuppress,
			ConfigKeys:  []string{"employed_statuses", "data_through"}, Direction: HigherIsBetter, Chart: ChartRecoveryPairs, ChartLabel: "Employed", Window: "post",
		}),
		count(Definition{
			ID: "followup_done", Title: "Intakes with a follow-up done", ChartLabel: "Done",
			Numerator:   "episodes with an intake and a follow-up",
			Description: "Intakes whose follow-up assessment is done. " + statusBase + intakeRule + " " + followupRule + " " + assessmentRule + " " + recoverySuppress,
		}),
		count(Definition{
			ID: "followup_open", Title: "Intakes with the follow-up window still open", ChartLabel: "Window open",
			Numerator:   "episodes with an intake, no follow-up, and intake + 240 after data_through",
			Description: "Intakes with no follow-up yet whose follow-up window (intake + 150 to 240 days) has not closed by data_through. " + statusBase + intakeRule + " " + followupRule + " " + assessmentRule + " " + recoverySuppress,
		}),
		count(Definition{
			ID: "followup_closing_30d", Title: "Intakes whose follow-up window closes within 30 days", ChartLabel: "Closes within 30 days",
			Numerator:   "open episodes whose window closes 1 to 30 days after data_through",
			Description: "Intakes with no follow-up yet whose follow-up window closes 1 to 30 days after data_through: among the open ones, not added to them. " + statusBase + intakeRule + " " + followupRule + " " + assessmentRule + " " + recoverySuppress,
		}),
		count(Definition{
			ID: "followup_missed", Title: "Intakes whose follow-up was missed", ChartLabel: "Missed",
			Numerator:   "episodes with an intake, no follow-up, and intake + 240 on or before data_through",
			Description: "Intakes with no follow-up whose follow-up window closed on or before data_through. " + statusBase + intakeRule + " " + followupRule + " " + assessmentRule + " " + recoverySuppress,
			Direction:   LowerIsBetter,
		}),
	}
	names := make([]string, 0, len(cfg.Instruments))
	for n, in := range cfg.Instruments {
		if in.Summed() && len(in.Scale) == 2 {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		defs = append(defs, scaleDefinitions(name, cfg.Instruments[name], rec)...)
	}
	return defs
}

// scaleDefinitions are one summed scale's figures: mean change with its
// bootstrap bounds, and the shares with a high score at intake and at
// follow-up.
func scaleDefinitions(name string, in config.Instrument, rec func(Definition) Definition) []Definition {
	label := scaleLabel(name)
	cut := strconv.FormatFloat(in.Cutoff(), 'f', -1, 64)
	keys := []string{"instruments." + name, "data_through"}
	absent := fmt.Sprintf("no %s assessments are loaded: add assessments rows with instrument = %s and its items q1-q%d", name, name, in.ItemCount)
	scoring := fmt.Sprintf("The %s score is the sum of items 1-%d (each %d to %d", label, in.ItemCount, in.Min(), in.Max())
	if len(in.Reverse) > 0 {
		scoring += fmt.Sprintf("; items %s reversed as %d − v", itemList(in.Reverse), in.Min()+in.Max())
	}
	scoring += fmt.Sprintf("), so %d to %d, and is defined only when all %d items are answered", in.ItemCount*in.Min(), in.ItemCount*in.Max(), in.ItemCount)
	if len(in.NA) > 0 {
		scoring += fmt.Sprintf(" (N/A codes %s count as unanswered)", itemList(in.NA))
	}
	scoring += "."
	highRule := fmt.Sprintf("High recovery capital: a score of %s or more.", cut)
	if name == "barc10" {
		scoring = "The BARC-10 (Brief Assessment of Recovery Capital, Vilsaint et al. 2017) score is the sum of its 10 items (1 = strongly disagree … 6 = strongly agree, none reversed, no N/A), so 10 to 60, and is defined only when all 10 are answered."
		highRule = "High recovery capital: a score of 47 or more, the published cut-off associated with sustained remission (Vilsaint et al. 2017); it is a marker of recovery capital, not a finding that a person has recovered."
	}
	pairs := fmt.Sprintf("Paired episodes are those whose selected intake and selected follow-up both have a %s score; another assessment never stands in for a selected one.", label)
	scale := func(d Definition) Definition {
		d = rec(d)
		d.ConfigKeys, d.AbsentReason, d.Scale = keys, absent, name
		return d
	}
	change := scale(Definition{
		ID: name + "_mean_change", Title: label + ": mean change from intake to follow-up", Unit: UnitScore,
		Numerator:          "Σ (follow-up score − intake score) over paired episodes",
		Denominator:        "paired episodes (a score at both intake and follow-up)",
		Description:        "Mean change in the " + label + " score from the selected intake to the selected follow-up, over paired episodes; positive means more recovery capital at follow-up. " + scoring + " " + pairs + " " + intakeRule + " " + followupRule + " " + assessmentRule + " Suppressed when the paired count (used as the denominator) or the participants behind it are from 1 to min_cell − 1.",
		DenominatorCounted: true, Direction: HigherIsBetter, Statistic: "mean_change", Chart: ChartRecoveryChange,
	})
	defs := []Definition{
		change,
		scale(Definition{
			ID: name + "_high_intake_rate", Title: label + ": high recovery capital at intake", Unit: UnitRatio,
			Numerator: "paired episodes with a score of " + cut + " or more at intake", Denominator: "paired episodes (a score at both intake and follow-up)",
			Description:      "Share of paired episodes with high recovery capital at their selected intake. " + highRule + " " + scoring + " " + pairs + " " + intakeRule + " " + followupRule + " " + assessmentRule + " " + recoverySuppress,
			NumeratorCounted: true, DenominatorCounted: true, Proportion: true, Direction: HigherIsBetter,
			Statistic: "high", Window: "pre", Chart: ChartRecoveryPairs, ChartLabel: label + " " + cut + " or more", Label: highLabel(name, cut),
		}),
		scale(Definition{
			ID: name + "_high_followup_rate", Title: label + ": high recovery capital at follow-up", Unit: UnitRatio,
			Numerator: "paired episodes with a score of " + cut + " or more at follow-up", Denominator: "paired episodes (a score at both intake and follow-up)",
			Description:      "Share of paired episodes with high recovery capital at their selected follow-up. " + highRule + " " + scoring + " " + pairs + " " + intakeRule + " " + followupRule + " " + assessmentRule + " " + recoverySuppress,
			NumeratorCounted: true, DenominatorCounted: true, Proportion: true, Direction: HigherIsBetter,
			Statistic: "high", Window: "post", Chart: ChartRecoveryPairs, ChartLabel: label + " " + cut + " or more", Label: highLabel(name, cut),
		}),
	}
	for _, bound := range []struct{ suffix, word, rank string }{
		{"_ci_low", "Lower", "⌈0.025R⌉-th"},
		{"_ci_high", "Upper", "⌈0.975R⌉-th"},
	} {
		d := change
		d.ID = change.ID + bound.suffix
		d.BoundOf, d.BoundHigh = change.ID, bound.suffix == "_ci_high"
		d.Chart, d.ChartLabel, d.Numerator, d.Denominator = "", "", "", ""
		d.DenominatorCounted = false
		d.Title = bound.word + " 95% bound: " + change.Title
		d.ConfigKeys = append(append([]string{}, keys...), "bootstrap_reps", "seed")
		d.Description = bound.word + " bound of the 95% percentile bootstrap interval of " + change.ID + ": R = bootstrap_reps resamples of the paired episodes with replacement (those of the row's program, or of ALL), drawn in participant_id and episode order from a PCG generator (Go math/rand/v2) seeded with (seed, 0), so a rerun gives the same interval; the bound is the " + bound.rank + " smallest of the R resample means. Blank when there are no paired episodes. Suppressed exactly when " + change.ID + " is."
		defs = append(defs, d)
	}
	return defs
}

// scaleLabel is a summed scale's plain name: the BARC-10 as published,
// others with spaces for underscores.
func scaleLabel(name string) string {
	if name == "barc10" {
		return "BARC-10"
	}
	return instrumentLabel(name)
}

// highLabel is what a report says beside a high-recovery-capital figure,
// so no reader takes the cut-off for a finding of recovery.
func highLabel(name, cut string) string {
	if name == "barc10" {
		return "47 = published cut-off associated with sustained remission (Vilsaint et al. 2017), not \"recovered\""
	}
	return "score of " + cut + " or more (the configured cut-off)"
}

// joinList writes config values as "a, b and c".
func joinList(xs []string) string {
	switch len(xs) {
	case 0:
		return "none"
	case 1:
		return xs[0]
	}
	out := ""
	for i, x := range xs {
		switch {
		case i == 0:
			out = x
		case i == len(xs)-1:
			out += " and " + x
		default:
			out += ", " + x
		}
	}
	return out
}
