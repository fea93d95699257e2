package metrics

// billingDefinitions: METRICS.md "Billing and documentation" (services).
func billingDefinitions() []Definition {
	return []Definition{
		{
			ID: "billed_units", Title: "Billed units", Area: "billing", Unit: UnitCount, Grains: allGrains,
			Numerator:   "units of billable services",
			Description: "Units of every service the EHR marks billable, from its minutes by the unit rule (cms8: floor((minutes + 7) / 15), the CMS 8-minute rule applied to each service on its own: 8-22 minutes = 1 unit, 23-37 = 2, under 8 = 0). Services fall in months by service date and in programs by the participant's program on that date.",
			ConfigKeys:  []string{"unit_rule"},
		},
	}
}

// rdayDefinitions: METRICS.md "R-days".
func rdayDefinitions() []Definition { return nil }
