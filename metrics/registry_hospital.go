package metrics

import "strings"

// Shared wording of the hospital, outcome and cost descriptions.
const (
	stayRule       = "An inpatient stay (a setting in inpatient_settings) covers the nights from its admit date to the day before its discharge date; a same-day stay covers its admit date, and a stay still open covers nights up to and including data_through."
	episodeRule    = "Stays of one person chain into one episode when a stay is admitted no later than the day after the latest discharge so far (a transfer: gaps of 0 or 1 day chain, 2 days do not)."
	enrolledRule   = "Only events on days the participant is enrolled count, and each falls in the program of the enrollment spell covering its date."
	indexRule      = "Index episodes are closed episodes discharged in the window, at least 30 days before data_through, on a day the participant is enrolled; they fall in the program of the spell covering the discharge date."
	outcomeRule    = "The index date is the first peer service for a peer-served participant and the first enrollment date for a comparison participant (never peer-served); the cohort is everyone whose index date falls in the reporting period (an earlier period's rows come from its own cohort, whose index dates fall in that period, with the same windows and data_through), and a member is eligible when the W = outcome_window_days days before the index date start on or after data_from and the W days from the index date end on or before data_through. Hospital use is counted in the pre window (the W days before the index date) and the post window (the index date and the W − 1 days after), from all encounters whether or not the person was enrolled, except that the bed days of an inpatient episode under way on the index date count in neither window."
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
			ID: "admissions_per_1000", Family: FamilyUtilization, Direction: LowerIsBetter, Chart: ChartUtilization, Headline: 30, Trend: 5, Title: "Hospital admissions per 1,000 member months", Area: "hospital", Unit: UnitPer1000, Grains: allGrains,
			Numerator: "inpatient episodes admitted", Denominator: "member months (enrolled days / 30.4375)",
			Description: "Inpatient episodes admitted in the window per 1,000 member months. " + episodeRule + " An episode counts once, on its first admit date, when the participant is enrolled that day, in the program of the spell covering it. Member months are the enrolled days of all participants in the window divided by 30.4375.",
			ConfigKeys:  hospitalKeys, Protected: true, NumeratorCounted: true, AbsentReason: noEncounters,
		},
		{
			ID: "bed_days_per_1000", Family: FamilyUtilization, Direction: LowerIsBetter, Chart: ChartUtilization, Headline: 31, Trend: 6, Title: "Inpatient bed days per 1,000 member months", Area: "hospital", Unit: UnitPer1000, Grains: allGrains,
			Numerator: "bed days (distinct participant-nights in an inpatient stay)", Denominator: "member months (enrolled days / 30.4375)",
			Description: "Inpatient bed days in the window per 1,000 member months. " + stayRule + " A bed day is a distinct participant and night, so overlapping stays are not counted twice. " + enrolledRule,
			ConfigKeys:  hospitalKeys, Protected: true, AbsentReason: noEncounters,
		},
		{
			ID: "er_visits_per_1000", Family: FamilyUtilization, Direction: LowerIsBetter, Chart: ChartUtilization, Headline: 32, Trend: 7, Title: "Emergency visits per 1,000 member months", Area: "hospital", Unit: UnitPer1000, Grains: allGrains,
			Numerator: "emergency visits (distinct participant-dates)", Denominator: "member months (enrolled days / 30.4375)",
			Description: "Emergency department visits in the window per 1,000 member months. A visit is a distinct participant and date with an emergency encounter, except on the day of or the day before an inpatient admission of the same person (any inpatient stay's admit date): that visit led to the admission and is counted there. " + enrolledRule,
			ConfigKeys:  hospitalKeys, Protected: true, NumeratorCounted: true, AbsentReason: noEncounters,
		},
		{
			ID: "involuntary_admissions", Family: FamilyUtilization, Direction: LowerIsBetter, Chart: ChartInvoluntary, Title: "Involuntary admissions", Area: "hospital", Unit: UnitCount, Grains: allGrains,
			Numerator:   "inpatient episodes admitted that are involuntary",
			Description: "Inpatient episodes admitted in the window in which any stay was involuntary (civil commitment). " + episodeRule + " An episode counts on its first admit date, when the participant is enrolled that day, in the program of the spell covering it.",
			ConfigKeys:  hospitalKeys, Protected: true, NumeratorCounted: true, AbsentReason: noEncounters,
		},
		{
			ID: "outpatient_visits_per_1000", Family: FamilyUtilization, Chart: ChartUtilization, Title: "Outpatient visits per 1,000 member months", Area: "hospital", Unit: UnitPer1000, Grains: allGrains,
			Numerator: "outpatient visits (distinct participant-dates with an outpatient encounter)", Denominator: "member months (enrolled days / 30.4375)",
			Description: "Outpatient visits in the window per 1,000 member months. A visit is a distinct participant and date with an outpatient encounter, so two encounters on one day are one visit. " + enrolledRule + " Outpatient use may rise either way with peer support (more people connected to care), so the figure has no better direction.",
			ConfigKeys:  hospitalKeys, Protected: true, NumeratorCounted: true, AbsentReason: noEncounters,
		},
		{
			ID: "crisis_episodes_per_1000", Family: FamilyUtilization, Direction: LowerIsBetter, Chart: ChartUtilization, Title: "Crisis residential episodes per 1,000 member months", Area: "hospital", Unit: UnitPer1000, Grains: allGrains,
			Numerator: "crisis residential episodes admitted", Denominator: "member months (enrolled days / 30.4375)",
			Description: "Crisis residential episodes admitted in the window per 1,000 member months. A person's crisis_residential stays chain into episodes by the rule for inpatient episodes: a stay admitted no later than the day after the latest discharge so far (gaps of 0 or 1 day) joins the episode. An episode counts once, on its first admit date, when the participant is enrolled that day, in the program of the spell covering it.",
			ConfigKeys:  hospitalKeys, Protected: true, NumeratorCounted: true, AbsentReason: noEncounters,
		},
		{
			ID: "readmit_30d_rate", Family: FamilyCare, Direction: LowerIsBetter, Chart: ChartCare, Headline: 35, Trend: 8, Label: "observed, not risk-adjusted", Title: "30-day readmission rate", Area: "hospital", Unit: UnitRatio, Grains: allGrains,
			Numerator: "index episodes followed by an unplanned episode admitted 1-30 days after discharge", Denominator: "index episodes",
			Description: "Share of inpatient discharges followed by an unplanned readmission within 30 days, in the spirit of HEDIS Plan All-Cause Readmissions without its age and diagnosis exclusions. " + episodeRule + " " + indexRule + " An index episode is readmitted when an episode whose first stay is not planned is admitted 1 to 30 days after its discharge date, whether or not the person is enrolled on that day.",
			ConfigKeys:  hospitalKeys, Protected: true, NumeratorCounted: true, DenominatorCounted: true, Proportion: true, AbsentReason: noEncounters,
			Shares: []SharedCount{{Name: indexEpisodes, Part: PartDenominator}},
		},
		followupDefinition("followup_7d_rate", "Follow-up within 7 days of a psychiatric discharge", 7, 36, 9),
		followupDefinition("followup_30d_rate", "Follow-up within 30 days of a psychiatric discharge", 30, 37, 0),
		clinicalFollowupDefinition("followup_clinical_7d_rate", "Clinical follow-up within 7 days of a psychiatric discharge", 7),
		clinicalFollowupDefinition("followup_clinical_30d_rate", "Clinical follow-up within 30 days of a psychiatric discharge", 30),
	}
}

// clinicalFollowupDefinition: the follow-up rate counting only outpatient
// encounters and services by clinical_roles staff.
func clinicalFollowupDefinition(id, title string, days int) Definition {
	d := followupDefinition(id, title, days, 0, 0)
	n := map[int]string{7: "1-7", 30: "1-30"}[days]
	d.Numerator = "denominator discharges with an outpatient encounter or a service by clinical_roles staff on days " + n + " after discharge"
	d.Description = "Share of psychiatric inpatient discharges with a clinical follow-up contact on days " + n + " after the discharge date: an outpatient encounter, or a service by a staff member whose spell on the service date has a role in clinical_roles (default clinician). Closer to HEDIS Follow-Up After Hospitalization for Mental Illness, which counts only visits with a mental-health provider, than the follow-up rate that also counts peer contacts; still not the HEDIS measure (no age, diagnosis or visit-code rules). " + indexRule + " An episode is psychiatric when its stay with the latest discharge date (ties: the latest admit date) is inpatient_psych; discharges followed by any inpatient admission 1 to 30 days later leave the denominator. A contact on a day that is a night of an inpatient stay, or on the discharge day itself, does not count. When the data has no outpatient encounters and none of the denominator's people has a service by clinical staff, the rate is blank (not available), not 0%."
	d.ConfigKeys = append(append([]string{}, hospitalKeys...), "clinical_roles")
	d.BlankReason = "not available: no outpatient encounters or services by clinical staff"
	return d
}

func followupDefinition(id, title string, days, headline, trend int) Definition {
	n := map[int]string{7: "1-7", 30: "1-30"}[days]
	return Definition{
		ID: id, Title: title, Area: "hospital", Unit: UnitRatio, Grains: allGrains,
		Numerator:   "denominator discharges with a follow-up contact on days " + n + " after discharge",
		Denominator: "psychiatric index episodes not followed by an inpatient admission within 30 days",
		Description: "Share of psychiatric inpatient discharges with a follow-up contact on days " + n + " after the discharge date, after HEDIS Follow-Up After Hospitalization for Mental Illness. " + indexRule + " An episode is psychiatric when its stay with the latest discharge date (ties: the latest admit date) is inpatient_psych; discharges followed by any inpatient admission (planned or not) 1 to 30 days later leave the denominator. A follow-up contact is an outpatient encounter or any service recorded for the participant, peer contacts included (HEDIS FUH counts only mental-health-provider visits; see the clinical follow-up rates), on a day that is not a night of an inpatient stay; a contact on the discharge day itself does not count. When the data has no outpatient encounters and none of the denominator's people has a service, the rate is blank (not available), not 0%.",
		ConfigKeys:  hospitalKeys, Protected: true, NumeratorCounted: true, DenominatorCounted: true, Proportion: true, AbsentReason: noEncounters,
		Shares:   []SharedCount{{Name: "psychiatric index episodes not followed by an admission", Part: PartDenominator}},
		Excludes: []Exclusion{{Part: PartDenominator, From: indexEpisodes}},
		Family:   FamilyCare, Direction: HigherIsBetter, Chart: ChartCare, Headline: headline, Trend: trend, Label: "FUH-like",
		BlankReason: "not available: no outpatient encounters or services",
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
	"outpatient_visits_change_peer", "paid_change_peer",
	"bed_days_change_comparison", "any_inpatient_change_comparison", "er_visits_change_comparison",
	"outpatient_visits_change_comparison", "paid_change_comparison",
	"bed_days_did", "er_visits_did", "outpatient_visits_did",
	"paid_did", "paid_inpatient_did", "paid_crisis_did", "paid_emergency_did", "paid_outpatient_did",
}

// paidClassWords say what each class of setting holds.
var paidClassWords = []struct{ class, words string }{
	{"inpatient", "inpatient (inpatient_psych, inpatient_medical and any other setting in inpatient_settings)"},
	{"crisis", "crisis (crisis_residential, and detox unless it is in inpatient_settings)"},
	{"emergency", "emergency"},
	{"outpatient", "outpatient"},
}

const (
	paidRule   = "Paid amounts are the paid_amount of every encounter admitted in the window (a blank paid_amount counts 0; the methodology gives the share of window encounters with it blank), except the stays of the inpatient episode under way on the index date, which count in neither window: total hospital, crisis and outpatient spending in the encounters file, what a payer's claims feed carries."
	noPaid     = "no paid amounts: no encounter has a paid_amount (a managed-care claims feed carries what was paid)"
	didInWords = " When its 95% interval contains 0, the report says in words that no difference was shown."
)

// outcomeDefinitions: METRICS.md "Outcomes: before and after peer support".
func outcomeDefinitions() []Definition {
	var defs []Definition
	base := func(id, title, unit, num, desc string, allOnly bool) Definition {
		return Definition{
			ID: id, Title: title, Area: "outcomes", Unit: unit, Grains: periodOnly, AllOnly: allOnly,
			Numerator: num, Description: desc, ConfigKeys: outcomeKeys,
			Protected: true, GroupTested: true, AbsentReason: noEncounters,
			Family: FamilyOutcomes,
		}
	}
	suppressNote := " Suppressed when either group (for a program's peer figures: that program's peer group or the whole comparison group) has 1 to min_cell − 1 eligible members."
	for _, g := range outcomeGroups {
		d := base("outcome_n_"+g.suffix, "Eligible cohort members, "+g.suffix+" group", UnitCount, "eligible cohort members",
			"Number of eligible cohort members among "+g.name+". "+outcomeRule+" "+outcomeCaution+suppressNote, g.allOnly)
		d.NumeratorCounted, d.Group = true, g.suffix
		if g.suffix == "peer" {
			d.Headline = 40
		}
		d.DistinctPeople = true
		defs = append(defs, d)
		for _, w := range []struct{ id, word string }{{"pre", "before"}, {"post", "after"}} {
			d := base(w.id+"_bed_days_"+g.suffix, "Bed days "+w.word+" the index date, "+g.suffix+" group", UnitDays,
				"total bed days in the "+w.id+" window",
				"Total inpatient bed days in the "+w.id+" window of the eligible "+g.name+". "+stayRule+" "+outcomeRule+" "+outcomeCaution+suppressNote, g.allOnly)
			d.Chart, d.Group, d.Window = ChartOutcomeBedDays, g.suffix, w.id
			defs = append(defs, d)
		}
		changes := []struct{ id, title, what, label string }{
			{"bed_days_change_", "Change in bed days", "total bed days", "Bed days"},
			{"any_inpatient_change_", "Change in people with any inpatient use", "number of people with any inpatient use (at least one bed day)", "Any inpatient use"},
			{"er_visits_change_", "Change in emergency visits", "total emergency visits (distinct dates, not counting the day of or before an inpatient admission)", "ER visits"},
		}
		for _, w := range []struct{ id, word string }{{"pre", "before"}, {"post", "after"}} {
			d := base(w.id+"_outpatient_visits_"+g.suffix, "Outpatient visits "+w.word+" the index date, "+g.suffix+" group", UnitCount,
				"total outpatient visits in the "+w.id+" window",
				"Total outpatient visits (distinct dates with an outpatient encounter) in the "+w.id+" window of the eligible "+g.name+". "+outcomeRule+" "+outcomeCaution+suppressNote, g.allOnly)
			d.NumeratorCounted, d.Group, d.Window = true, g.suffix, w.id
			defs = append(defs, d)
			paid := base(w.id+"_paid_"+g.suffix, "Paid "+w.word+" the index date, "+g.suffix+" group", UnitUSD, "",
				"Total paid amounts in the "+w.id+" window of the eligible "+g.name+". "+paidRule+" "+outcomeRule+" "+outcomeCaution+suppressNote, g.allOnly)
			paid.Group, paid.Window, paid.AbsentReason, paid.Chart = g.suffix, w.id, noPaid, ChartOutcomePaid
			paid.ChartLabel = "All settings"
			defs = append(defs, paid)
			for _, pc := range paidClassWords {
				d := base(w.id+"_paid_"+pc.class+"_"+g.suffix, "Paid "+w.word+" the index date, "+pc.class+", "+g.suffix+" group", UnitUSD, "",
					"Total paid amounts of "+pc.words+" encounters in the "+w.id+" window of the eligible "+g.name+"; the classes of setting sum to the total. "+paidRule+" "+outcomeRule+" "+outcomeCaution+suppressNote, g.allOnly)
				d.Group, d.Window, d.AbsentReason, d.Chart, d.ChartLabel = g.suffix, w.id, noPaid, ChartOutcomePaid, strings.ToUpper(pc.class[:1])+pc.class[1:]
				defs = append(defs, d)
			}
		}
		changes = append(changes,
			struct{ id, title, what, label string }{"outpatient_visits_change_", "Change in outpatient visits", "total outpatient visits (distinct dates with an outpatient encounter)", "Outpatient visits"},
			struct{ id, title, what, label string }{"paid_change_", "Change in paid amounts", "total paid amounts (" + paidRule + ")", "Paid amounts"},
		)
		for _, c := range changes {
			d := base(c.id+g.suffix, c.title+", "+g.suffix+" group", UnitRatio, "",
				"Relative change (post − pre) / pre in the "+c.what+" of the eligible "+g.name+"; blank when the pre total is 0 or the group is empty. "+outcomeRule+" "+outcomeCaution+suppressNote, g.allOnly)
			d.Group = g.suffix
			if c.id == "paid_change_" {
				d.AbsentReason = noPaid
			}
			d.Signed = true
			d.Direction, d.Chart, d.ChartLabel = LowerIsBetter, ChartOutcomeChange, c.label+": "+map[string]string{"peer": "peer support", "comparison": "comparison"}[g.suffix]
			if c.id == "outpatient_visits_change_" {
				d.Direction = DirectionNone // outpatient use may rise either way
			}
			defs = append(defs, d)
		}
	}
	for _, m := range []struct {
		id, title, unit, what, label string
		headline                     int
	}{
		{"bed_days_did", "Difference in differences, bed days", UnitDays, "bed days", "Bed days per person", 41},
		{"er_visits_did", "Difference in differences, emergency visits", UnitCount, "emergency visits", "ER visits per person", 42},
		{"outpatient_visits_did", "Difference in differences, outpatient visits", UnitCount, "outpatient visits", "Outpatient visits per person", 43},
	} {
		d := base(m.id, m.title, m.unit, "",
			"Mean change per person (post − pre) in "+m.what+" of the eligible peer group minus the same for the eligible comparison group: negative means peer-served participants used less after the index date than the comparison group did. Blank when either group is empty. "+outcomeRule+" "+outcomeCaution+suppressNote, true)
		d.Direction, d.Chart, d.ChartLabel, d.Headline, d.Signed = LowerIsBetter, ChartOutcomeDiD, m.label, m.headline, true
		if m.id == "outpatient_visits_did" {
			d.Direction = DirectionNone
		}
		d.Description += didInWords
		defs = append(defs, d)
	}
	paidDid := base("paid_did", "Difference in differences, paid amounts per person", UnitUSD, "",
		"Mean change per person (post − pre) in paid amounts of the eligible peer group minus the same for the eligible comparison group: negative means the payer paid less for peer-served participants after the index date, relative to the comparison group. Blank when either group is empty. "+paidRule+" "+outcomeRule+" "+outcomeCaution+suppressNote+didInWords, true)
	paidDid.Direction, paidDid.Chart, paidDid.ChartLabel, paidDid.Headline, paidDid.AbsentReason = LowerIsBetter, ChartOutcomePaidDiD, "All settings", 44, noPaid
	paidDid.Signed = true
	defs = append(defs, paidDid)
	for _, pc := range paidClassWords {
		d := base("paid_"+pc.class+"_did", "Difference in differences, paid amounts per person, "+pc.class, UnitUSD, "",
			"The difference in differences of paid amounts per person for "+pc.words+" encounters only (the classes of setting sum to the total), so the cost case shows where money moved: a fall in inpatient spending beside a rise in outpatient spending is the expected shape of peer support. "+paidRule+" "+outcomeRule+" "+outcomeCaution+suppressNote+didInWords, true)
		d.Direction, d.Chart, d.ChartLabel, d.AbsentReason = LowerIsBetter, ChartOutcomePaidDiD, strings.ToUpper(pc.class[:1])+pc.class[1:], noPaid
		d.Signed = true
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
			d.BoundOf, d.BoundHigh = id, bound.suffix == "_ci_high"
			d.Headline, d.Trend, d.Chart, d.ChartLabel = 0, 0, "", ""
			d.Title = bound.word + " 95% bound: " + b.Title
			d.NumeratorCounted = false
			d.DistinctPeople = false
			d.ConfigKeys = append(append([]string{}, outcomeKeys...), "bootstrap_reps", "seed")
			d.Description = bound.word + " bound of the 95% percentile bootstrap interval of " + id + ": R = bootstrap_reps resamples of people with replacement within each group (peers of the row's program, or of ALL, and the comparison group), drawn in participant_id order from a PCG generator (Go math/rand/v2) seeded with (seed, 0), so a rerun gives the same interval; the bound is the " + bound.rank + " smallest of the R' replicates left after dropping those where the statistic is undefined (a pre total of 0; their number is listed in the methodology). Blank when the group is empty or every replicate is dropped. Suppressed exactly when " + id + " is."
			defs = append(defs, d)
		}
	}
	return defs
}

// costDefinitions: METRICS.md "Cost case".
func costDefinitions() []Definition {
	costRule := "Cost per peer service minute = wages of peer-role staff spells over the period (timesheet minutes, leave included, / 60 × hourly_wage) × (1 + fringe_rate) / minutes of peer services the whole agency delivered in the period (agency-wide in a payer's packet too, since the wages are the agency's); program cost = minutes of peer services the eligible peer cohort received in their post windows × that cost per minute, or program_cost when it is set (the cost of the reporting period's cohort: an earlier period always uses the timesheet-based cost, and has no rows of the figures built on program cost when that cannot be computed)."
	wageAbsent := "needs encounters (for the outcome cohort) and, unless program_cost is set in peerstat.toml, hourly_wage on every peer-role staff spell with timesheet minutes in the reporting period: add the missing hourly wages to the staff file or set program_cost"
	avoided := " Avoided use rests on the before/after comparison: " + outcomeCaution + " Suppressed when either outcome group has 1 to min_cell − 1 eligible members."
	def := func(id, title, unit, desc string, keys []string, absent string) Definition {
		return Definition{
			ID: id, Title: title, Area: "cost", Unit: unit, Grains: periodOnly, AllOnly: true,
			Description: desc, ConfigKeys: keys, Protected: true, GroupTested: true, AbsentReason: absent,
			Family: FamilyCost,
		}
	}
	money := []string{"inpatient_per_diem", "er_visit_cost"}
	costKeys := []string{"program_cost", "fringe_rate", "peer_roles"}
	defs := []Definition{
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
		def("paid_savings", "Savings in paid claims", UnitUSD,
			"What the payer actually paid less for the peer cohort, from the claims: −paid_did × outcome_n_peer. Present only when encounters carry paid amounts. A saving is claimed only when paid_did's 95% interval lies wholly below 0; otherwise the report says no difference was shown."+avoided,
			outcomeKeys, noPaid),
		def("paid_net_savings", "Net savings in paid claims", UnitUSD,
			"Savings in paid claims minus program cost. "+costRule+" Present only when encounters carry paid amounts."+avoided,
			append(append([]string{}, outcomeKeys...), costKeys...), noPaid),
		def("roi", "Return on investment", UnitRatio,
			"Net savings / program cost: dollars saved per dollar spent beyond breaking even; blank when program cost is 0. "+costRule+avoided,
			append(append([]string{}, money...), costKeys...), wageAbsent),
	}
	for i := range defs {
		d := &defs[i]
		d.Signed = d.ID != "program_cost"
		switch d.ID {
		case "avoided_bed_days":
			d.RestsOn = []string{"bed_days_did"}
		case "avoided_er_visits":
			d.RestsOn = []string{"er_visits_did"}
		case "gross_savings", "net_savings", "roi":
			d.RestsOn = []string{"bed_days_did", "er_visits_did"}
		case "paid_savings", "paid_net_savings":
			d.RestsOn = []string{"paid_did"}
		}
		switch d.ID {
		case "gross_savings":
			d.Direction, d.Chart = HigherIsBetter, ChartSavings
		case "program_cost":
			d.Chart = ChartSavings
		case "net_savings":
			d.Direction, d.Chart, d.Headline = HigherIsBetter, ChartSavings, 50
		case "roi":
			d.Direction, d.Headline = HigherIsBetter, 51
		case "paid_savings":
			d.Direction, d.Chart = HigherIsBetter, ChartSavings
		case "paid_net_savings":
			d.Direction, d.Chart, d.Headline = HigherIsBetter, ChartSavings, 49
		}
	}
	return defs
}
