package metrics

// Shared wording of the hospital, outcome and cost descriptions.
const (
	stayRule       = "An inpatient stay (a setting in inpatient_settings) covers the nights from its admit date to the day before its discharge date; a same-day stay covers its admit date, and a stay still open covers nights up to and including data_through."
	episodeRule    = "Stays of one person chain into one episode when a stay is admitted no later than the day after the latest discharge so far (a transfer: gaps of 0 or 1 day chain, 2 days do not)."
	enrolledRule   = "Only events on days the participant is enrolled count, and each falls in the program of the enrollment spell covering its date."
	indexRule      = "Index episodes are closed episodes discharged in the window, at least 30 days before data_through, on a day the participant is enrolled; they fall in the program of the spell covering the discharge date."
	outcomeRule    = "The index date is the first peer service for a peer-served participant and the first enrollment date for a comparison participant (never peer-served); the cohort is everyone whose index date falls in the reporting period, and a member is eligible when the W = outcome_window_days days before the index date start on or after data_from and the W days from the index date end on or before data_through. Hospital use is counted in the pre window (the W days before the index date) and the post window (the index date and the W − 1 days after), from all encounters whether or not the person was enrolled, except that the bed days of an inpatient episode under way on the index date count in neither window."
	outcomeCaution = "The comparison is only meaningful when the encounter history is complete for everyone from data_from (a payer claims feed): agency-only records miss hospital use before enrollment."
	noEncounters   = "no encounters: add an encounters file (hospital, crisis and outpatient use from the EHR or a managed-care claims feed)"
)

var (
	hospitalKeys = []string{"inpatient_settings", "data_through"}
	outcomeKeys  = []string{"inpatient_settings", "peer_roles", "outcome_window_days", "data_from", "data_through"}
)

// hospitalDefinitions: METRICS.md "Hospital and crisis use" (encounters).
func hospitalDefinitions() []Definition {
	return []Definition{
		{
			ID: "admissions_per_1000", Title: "Hospital admissions per 1,000 member months", Area: "hospital", Unit: UnitPer1000, Grains: allGrains,
			Numerator: "inpatient episodes admitted", Denominator: "member months (enrolled days / 30.4375)",
			Description: "Inpatient episodes admitted in the window per 1,000 member months. " + episodeRule + " An episode counts once, on its first admit date, when the participant is enrolled that day, in the program of the spell covering it. Member months are the enrolled days of all participants in the window divided by 30.4375.",
			ConfigKeys:  hospitalKeys, Protected: true, NumeratorCounted: true, AbsentReason: noEncounters,
		},
		{
			ID: "bed_days_per_1000", Title: "Inpatient bed days per 1,000 member months", Area: "hospital", Unit: UnitPer1000, Grains: allGrains,
			Numerator: "bed days (distinct participant-nights in an inpatient stay)", Denominator: "member months (enrolled days / 30.4375)",
			Description: "Inpatient bed days in the window per 1,000 member months. " + stayRule + " A bed day is a distinct participant and night, so overlapping stays are not counted twice. " + enrolledRule,
			ConfigKeys:  hospitalKeys, Protected: true, AbsentReason: noEncounters,
		},
		{
			ID: "er_visits_per_1000", Title: "Emergency visits per 1,000 member months", Area: "hospital", Unit: UnitPer1000, Grains: allGrains,
			Numerator: "emergency visits (distinct participant-dates)", Denominator: "member months (enrolled days / 30.4375)",
			Description: "Emergency department visits in the window per 1,000 member months. A visit is a distinct participant and date with an emergency encounter, except on the day of or the day before an inpatient admission of the same person (any inpatient stay's admit date): that visit led to the admission and is counted there. " + enrolledRule,
			ConfigKeys:  hospitalKeys, Protected: true, NumeratorCounted: true, AbsentReason: noEncounters,
		},
		{
			ID: "involuntary_admissions", Title: "Involuntary admissions", Area: "hospital", Unit: UnitCount, Grains: allGrains,
			Numerator:   "inpatient episodes admitted that are involuntary",
			Description: "Inpatient episodes admitted in the window in which any stay was involuntary (civil commitment). " + episodeRule + " An episode counts on its first admit date, when the participant is enrolled that day, in the program of the spell covering it.",
			ConfigKeys:  hospitalKeys, Protected: true, NumeratorCounted: true, AbsentReason: noEncounters,
		},
		{
			ID: "readmit_30d_rate", Title: "30-day readmission rate", Area: "hospital", Unit: UnitRatio, Grains: allGrains,
			Numerator: "index episodes followed by an unplanned episode admitted 1-30 days after discharge", Denominator: "index episodes",
			Description: "Share of inpatient discharges followed by an unplanned readmission within 30 days, in the spirit of HEDIS Plan All-Cause Readmissions without its age and diagnosis exclusions. " + episodeRule + " " + indexRule + " An index episode is readmitted when an episode whose first stay is not planned is admitted 1 to 30 days after its discharge date, whether or not the person is enrolled on that day.",
			ConfigKeys:  hospitalKeys, Protected: true, NumeratorCounted: true, DenominatorCounted: true, Proportion: true, AbsentReason: noEncounters,
			Shares: []SharedCount{{Name: indexEpisodes, Part: PartDenominator}},
		},
		followupDefinition("followup_7d_rate", "Follow-up within 7 days of a psychiatric discharge", 7),
		followupDefinition("followup_30d_rate", "Follow-up within 30 days of a psychiatric discharge", 30),
	}
}

func followupDefinition(id, title string, days int) Definition {
	n := map[int]string{7: "1-7", 30: "1-30"}[days]
	return Definition{
		ID: id, Title: title, Area: "hospital", Unit: UnitRatio, Grains: allGrains,
		Numerator:   "denominator discharges with a follow-up contact on days " + n + " after discharge",
		Denominator: "psychiatric index episodes not followed by an inpatient admission within 30 days",
		Description: "Share of psychiatric inpatient discharges with a follow-up contact on days " + n + " after the discharge date, after HEDIS Follow-Up After Hospitalization for Mental Illness. " + indexRule + " An episode is psychiatric when its stay with the latest discharge date (ties: the latest admit date) is inpatient_psych; discharges followed by any inpatient admission (planned or not) 1 to 30 days later leave the denominator. A follow-up contact is an outpatient encounter or any service recorded for the participant, peer contacts included, on a day that is not a night of an inpatient stay; a contact on the discharge day itself does not count.",
		ConfigKeys:  hospitalKeys, Protected: true, NumeratorCounted: true, DenominatorCounted: true, Proportion: true, AbsentReason: noEncounters,
		Shares:   []SharedCount{{Name: "psychiatric index episodes not followed by an admission", Part: PartDenominator}},
		Excludes: []Exclusion{{Part: PartDenominator, From: indexEpisodes}},
	}
}

// indexEpisodes is the count readmit_30d_rate's denominator publishes.
const indexEpisodes = "index episodes"

// groupFollows are the outcome groups a figure of group suffix ("peer" or
// "comparison", "" for both ALL groups) is computed from.
func groupFollows(suffix string) []Follow {
	switch suffix {
	case "peer":
		return []Follow{{Metric: "outcome_n_peer"}}
	case "comparison":
		return []Follow{{Metric: "outcome_n_comparison", AllPrograms: true}}
	}
	return []Follow{{Metric: "outcome_n_peer", AllPrograms: true}, {Metric: "outcome_n_comparison", AllPrograms: true}}
}

// outcomeGroup is one side of the before/after comparison.
type outcomeGroup struct {
	suffix, name string
	allOnly      bool
}

var outcomeGroups = []outcomeGroup{
	{"peer", "peer-served participants (by their program on the index date, and ALL)", false},
	{"comparison", "comparison participants (never peer-served; ALL only)", true},
}

// intervalMetrics are the outcome metrics with a bootstrap interval, in
// the order bootstrap.go computes them.
var intervalMetrics = []string{
	"bed_days_change_peer", "any_inpatient_change_peer", "er_visits_change_peer",
	"bed_days_change_comparison", "any_inpatient_change_comparison", "er_visits_change_comparison",
	"bed_days_did", "er_visits_did",
}

// outcomeDefinitions: METRICS.md "Outcomes: before and after peer support".
func outcomeDefinitions() []Definition {
	var defs []Definition
	base := func(id, title, unit, num, desc string, allOnly bool) Definition {
		return Definition{
			ID: id, Title: title, Area: "outcomes", Unit: unit, Grains: periodOnly, AllOnly: allOnly,
			Numerator: num, Description: desc, ConfigKeys: outcomeKeys,
			Protected: true, GroupTested: true, AbsentReason: noEncounters,
		}
	}
	suppressNote := " Suppressed when either group (for a program's peer figures: that program's peer group or the whole comparison group) has 1 to min_cell − 1 eligible members."
	for _, g := range outcomeGroups {
		d := base("outcome_n_"+g.suffix, "Eligible cohort members, "+g.suffix+" group", UnitCount, "eligible cohort members",
			"Number of eligible cohort members among "+g.name+". "+outcomeRule+" "+outcomeCaution+suppressNote, g.allOnly)
		d.NumeratorCounted = true
		d.DistinctPeople = true
		defs = append(defs, d)
		for _, w := range []struct{ id, word string }{{"pre", "before"}, {"post", "after"}} {
			d := base(w.id+"_bed_days_"+g.suffix, "Bed days "+w.word+" the index date, "+g.suffix+" group", UnitDays,
				"total bed days in the "+w.id+" window",
				"Total inpatient bed days in the "+w.id+" window of the eligible "+g.name+". "+stayRule+" "+outcomeRule+" "+outcomeCaution+suppressNote, g.allOnly)
			d.Follows = groupFollows(g.suffix)
			defs = append(defs, d)
		}
		changes := []struct{ id, title, what string }{
			{"bed_days_change_", "Change in bed days", "total bed days"},
			{"any_inpatient_change_", "Change in people with any inpatient use", "number of people with any inpatient use (at least one bed day)"},
			{"er_visits_change_", "Change in emergency visits", "total emergency visits (distinct dates, not counting the day of or before an inpatient admission)"},
		}
		for _, c := range changes {
			d := base(c.id+g.suffix, c.title+", "+g.suffix+" group", UnitRatio, "",
				"Relative change (post − pre) / pre in the "+c.what+" of the eligible "+g.name+"; blank when the pre total is 0 or the group is empty. "+outcomeRule+" "+outcomeCaution+suppressNote, g.allOnly)
			d.Follows = groupFollows(g.suffix)
			defs = append(defs, d)
		}
	}
	for _, m := range []struct{ id, title, unit, what string }{
		{"bed_days_did", "Difference in differences, bed days", UnitDays, "bed days"},
		{"er_visits_did", "Difference in differences, emergency visits", UnitCount, "emergency visits"},
	} {
		d := base(m.id, m.title, m.unit, "",
			"Mean change per person (post − pre) in "+m.what+" of the eligible peer group minus the same for the eligible comparison group: negative means peer-served participants used less after the index date than the comparison group did. Blank when either group is empty. "+outcomeRule+" "+outcomeCaution+suppressNote, true)
		d.Follows = groupFollows("")
		defs = append(defs, d)
	}
	for _, id := range intervalMetrics {
		b, _ := Lookup(defs, id)
		for _, bound := range []struct{ suffix, word, rank string }{
			{"_ci_low", "Lower", "⌈0.025R⌉-th"},
			{"_ci_high", "Upper", "⌈0.975R⌉-th"},
		} {
			d := b
			d.ID = id + bound.suffix
			d.Title = bound.word + " 95% bound: " + b.Title
			d.NumeratorCounted = false
			d.DistinctPeople = false
			d.Follows = append(append([]Follow{}, b.Follows...), Follow{Metric: id})
			d.ConfigKeys = append(append([]string{}, outcomeKeys...), "bootstrap_reps", "seed")
			d.Description = bound.word + " bound of the 95% percentile bootstrap interval of " + id + ": R = bootstrap_reps resamples of people with replacement within each group (peers of the row's program, or of ALL, and the comparison group), drawn in participant_id order from a PCG generator (Go math/rand/v2) seeded with (seed, 0), so a rerun gives the same interval; the bound is the " + bound.rank + " smallest of the R' replicates left after dropping those where the statistic is undefined (a pre total of 0; their number is listed in the methodology). Blank when the group is empty or every replicate is dropped. Suppressed exactly when " + id + " is."
			defs = append(defs, d)
		}
	}
	return defs
}

// costDefinitions: METRICS.md "Cost case".
func costDefinitions() []Definition {
	costRule := "Cost per peer service minute = wages of peer-role staff spells over the reporting period (timesheet minutes, leave included, / 60 × hourly_wage) × (1 + fringe_rate) / minutes of peer services the whole agency delivered in the period (agency-wide in a payer's packet too, since the wages are the agency's); program cost = minutes of peer services the eligible peer cohort received in their post windows × that cost per minute, or program_cost when it is set."
	wageAbsent := "needs encounters (for the outcome cohort) and, unless program_cost is set in peerstat.toml, hourly_wage on every peer-role staff spell with timesheet minutes in the reporting period: add the missing hourly wages to the staff file or set program_cost"
	avoided := " Avoided use rests on the before/after comparison: " + outcomeCaution + " Suppressed when either outcome group has 1 to min_cell − 1 eligible members."
	def := func(id, title, unit, desc string, keys []string, absent string) Definition {
		return Definition{
			ID: id, Title: title, Area: "cost", Unit: unit, Grains: periodOnly, AllOnly: true,
			Description: desc, ConfigKeys: keys, Protected: true, GroupTested: true, AbsentReason: absent,
			Follows: groupFollows(""),
		}
	}
	money := []string{"inpatient_per_diem", "er_visit_cost"}
	costKeys := []string{"program_cost", "fringe_rate", "peer_roles"}
	return []Definition{
		def("avoided_bed_days", "Bed days avoided", UnitDays,
			"Inpatient bed days the peer cohort avoided: −bed_days_did × outcome_n_peer (a negative figure, more use than the comparison group, is reported as is)."+avoided,
			outcomeKeys, noEncounters),
		def("avoided_er_visits", "Emergency visits avoided", UnitCount,
			"Emergency visits the peer cohort avoided: −er_visits_did × outcome_n_peer (a negative figure is reported as is)."+avoided,
			outcomeKeys, noEncounters),
		def("gross_savings", "Gross savings", UnitUSD,
			"Dollars of hospital use avoided: avoided_bed_days × inpatient_per_diem + avoided_er_visits × er_visit_cost. Not produced until both dollar settings are configured."+avoided,
			money, noEncounters),
		def("program_cost", "Program cost", UnitUSD,
			costRule+" Blank when no peer service minutes fall in the period and program_cost is not set.",
			costKeys, wageAbsent),
		def("net_savings", "Net savings", UnitUSD,
			"Gross savings minus program cost. "+costRule+" Not produced until inpatient_per_diem and er_visit_cost are configured."+avoided,
			append(append([]string{}, money...), costKeys...), wageAbsent),
		def("roi", "Return on investment", UnitRatio,
			"Net savings / program cost: dollars saved per dollar spent beyond breaking even; blank when program cost is 0. "+costRule+avoided,
			append(append([]string{}, money...), costKeys...), wageAbsent),
	}
}
