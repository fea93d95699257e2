package metrics

// billingDefinitions: METRICS.md "Billing and documentation" (services).
// Billing and documentation figures describe the agency's own operations
// and are not small-cell suppressed.
func billingDefinitions() []Definition {
	const documented = "billable services whose note is not pending (signed, or unsigned with its deadline on or before data_through), including services too short for a unit"
	const deadline = "A note's deadline is the end of the day doc_deadline_days (default 3) business days after the service date, skipping Saturdays, Sundays and the configured holidays (a service on a weekend or holiday counts from the next business day: a Saturday service is due on Wednesday); with doc_deadline_business_days = false it counts calendar days, and 0 days means the service date itself. Signature times are local time in the configured timezone, so a note signed at 23:59 on the deadline day is on time and one signed at 00:01 the next day is late. An unsigned note is late once its deadline is on or before data_through and pending while the deadline is after it; pending services are left out of every documentation and R-day figure until they are signed or fall due."
	return []Definition{
		{
			ID: "billed_units", Family: FamilyVolume, Headline: 20, Trend: 1, Chart: ChartBilledTrend, Title: "Billed units", Area: "billing", Unit: UnitCount, Grains: allGrains,
			Numerator:   "units of billable services",
			Description: "Units of every service the EHR marks billable, from its minutes by the unit rule (cms8: floor((minutes + 7) / 15), the CMS 8-minute rule applied to each service on its own: 8-22 minutes = 1 unit, 23-37 = 2, under 8 = 0; floor: floor(minutes / 15); ceil: ceil(minutes / 15)). Services fall in months by service date and in programs by the participant's program on that date. Services whose note is still pending count here: they are billed or will be.",
			ConfigKeys:  []string{"unit_rule"},
		},
		{
			ID: "doc_goal_linked_rate", Share: true, Family: FamilyDocumentation, Direction: HigherIsBetter, Chart: ChartDocumentation, Title: "Notes linked to a goal", Area: "billing", Unit: UnitRatio, Grains: allGrains,
			Numerator:   "billable non-pending services with a goal_id",
			Denominator: documented,
			Description: "Share of billable services whose note names the recovery or treatment-plan goal it addresses (goal_id not blank). " + deadline + " Services fall in months by service date and in programs by the participant's program on that date.",
			ConfigKeys:  []string{"doc_deadline_days", "doc_deadline_business_days", "holidays", "timezone", "data_through"},
		},
		{
			ID: "doc_timely_rate", Share: true, Family: FamilyDocumentation, Direction: HigherIsBetter, Chart: ChartDocumentation, Title: "Notes signed on time", Area: "billing", Unit: UnitRatio, Grains: allGrains,
			Numerator:   "billable non-pending services whose note was signed on or before its deadline",
			Denominator: documented,
			Description: "Share of billable services whose progress note was signed by its deadline. " + deadline + " Services fall in months by service date and in programs by the participant's program on that date.",
			ConfigKeys:  []string{"doc_deadline_days", "doc_deadline_business_days", "holidays", "timezone", "data_through"},
		},
		{
			ID: "doc_standard_rate", Share: true, Family: FamilyDocumentation, Direction: HigherIsBetter, Chart: ChartDocumentation, Headline: 21, Trend: 3, Title: "Notes meeting the documentation standard", Area: "billing", Unit: UnitRatio, Grains: allGrains,
			Numerator:   "billable non-pending services both goal-linked and signed on time",
			Denominator: documented,
			Description: "Share of billable services that meet the documentation standard, the \"golden thread\": the note names a plan goal (goal_id not blank) and was signed on time. " + deadline + " Services fall in months by service date and in programs by the participant's program on that date.",
			ConfigKeys:  []string{"doc_deadline_days", "doc_deadline_business_days", "holidays", "timezone", "data_through"},
		},
		{
			ID: "at_risk_units", Family: FamilyDocumentation, Direction: LowerIsBetter, Title: "Units at risk", Area: "billing", Unit: UnitCount, Grains: allGrains,
			Numerator:   "units of billable non-pending services not meeting the documentation standard",
			Description: "Units (by the unit rule) of billable services whose note is not goal-linked or was not signed on time: units an auditor could take back. " + deadline + " Services fall in months by service date and in programs by the participant's program on that date.",
			ConfigKeys:  []string{"unit_rule", "doc_deadline_days", "doc_deadline_business_days", "holidays", "timezone", "data_through"},
		},
		{
			ID: "over_cap_units", Family: FamilyVolume, Direction: LowerIsBetter, Title: "Units over the daily cap", Area: "billing", Unit: UnitCount, Grains: allGrains,
			Numerator:   "units of billable services above max_units_per_day, per participant and day",
			Description: "For each participant and day, the units of all their billable services that day, whatever the code or staff member, above the daily cap max_units_per_day (default 16), summed over participants and days. Pending services count, as in billed units, and these units also stay in billed units. A day falls in its month and in the participant's program on that date.",
			ConfigKeys:  []string{"unit_rule", "max_units_per_day"},
		},
	}
}

// rdayDefinitions: METRICS.md "R-days" (rehabilitation-option days).
// R-day figures describe the agency's own operations and are not small-cell
// suppressed.
func rdayDefinitions() []Definition {
	const rday = "An R-day is a day a participant is enrolled (a spell covers it) on which they received at least one billable service of at least 1 unit (by the unit rule) that meets the documentation standard (goal-linked and its note signed on time) and whose service code is one of rday_codes (empty, the default: any code). Each participant-day counts once however many services it has, and falls in its month and in the participant's program on that date. Services whose note is pending (unsigned, deadline after data_through) are left out."
	const qualifying = "a billable, non-pending service of at least 1 unit with a code in rday_codes"
	money := []string{"rday_daily_rate", "rday_federal_share"}
	return []Definition{
		{
			ID: "rday_rate", Share: true, Family: FamilyRdays, Direction: HigherIsBetter, Chart: ChartRdayShare, Headline: 22, Trend: 4, Title: "R-day rate", Area: "rdays", Unit: UnitRatio, Grains: allGrains,
			Numerator:   "R-days",
			Denominator: "enrolled days",
			Description: "Share of enrolled days that are R-days. " + rday + " Enrolled days are the days of the window covered by a participant's enrollment spells, both ends counted.",
			ConfigKeys:  []string{"rday_codes", "unit_rule", "doc_deadline_days", "doc_deadline_business_days", "holidays", "data_through"},
		},
		{
			ID: "rday_lost_days", Family: FamilyRdays, Direction: LowerIsBetter, Title: "R-days lost to documentation", Area: "rdays", Unit: UnitDays, Grains: allGrains,
			Numerator:   "enrolled days with " + qualifying + ", none of them meeting the documentation standard",
			Description: "Enrolled participant-days that would have been R-days but for the documentation: the participant had " + qualifying + " that day, but none of those services met the documentation standard. " + rday,
			ConfigKeys:  []string{"rday_codes", "unit_rule", "doc_deadline_days", "doc_deadline_business_days", "holidays", "data_through"},
		},
		{
			ID: "rday_revenue", Family: FamilyRdays, Direction: HigherIsBetter, Chart: ChartRdayRevenue, Headline: 23, Title: "R-day revenue", Area: "rdays", Unit: UnitUSD, Grains: allGrains,
			Numerator:   "R-days × rday_daily_rate × rday_federal_share",
			Description: "R-days times the daily R-day rate times the federal share: the federal match the R-days earn. " + rday + " Shown only when both rday_daily_rate and rday_federal_share are set; there is no default.",
			ConfigKeys:  append([]string{"rday_codes"}, money...),
		},
		{
			ID: "rday_revenue_lost", Family: FamilyRdays, Direction: LowerIsBetter, Chart: ChartRdayRevenue, Title: "R-day revenue lost to documentation", Area: "rdays", Unit: UnitUSD, Grains: allGrains,
			Numerator:   "R-days lost × rday_daily_rate × rday_federal_share",
			Description: "R-days lost to documentation (see rday_lost_days) times the daily R-day rate times the federal share: the federal match the agency did not earn because the notes fell short. Shown only when both rday_daily_rate and rday_federal_share are set; there is no default.",
			ConfigKeys:  append([]string{"rday_codes"}, money...),
		},
	}
}
