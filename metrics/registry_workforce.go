package metrics

import (
	"strings"

	"github.com/peerstat/peerstat/config"
)

// workforceDefinitions: METRICS.md "Workforce" (staff, timesheets), with one
// nonbillable_share_<activity> per timesheet activity except leave.
// Workforce figures describe the agency's own operations and are not
// small-cell suppressed.
func workforceDefinitions() []Definition {
	const minutes = "Worked minutes are timesheet minutes of every activity except leave; billable minutes are worked minutes marked billable (a leave entry marked billable counts as neither, and is listed in the data-quality checks). Entries fall in months by work date and in programs by the program of the staff member's employment spell covering the work date (else the spell begun most recently before it)."
	const spells = "A staff spell that begins within one day after the same person's previous spell ends (hire date on or before the previous termination date + 1) is a transfer, not a separation: the earlier spell's end is not counted. Any other termination date is a separation, counted in the window of the termination date and in the program, role and termination type of the spell that ends; a later rehire is a new spell."
	const headcount = "Average headcount = employed staff-days in the window (each spell counts on every day from its hire date to its termination date, both ends included; open spells to the end of the window) / days in the window, by the spell's program."
	const annualized = "The value is annualized: separations / average headcount × 365.25 / days in the window, so months, quarters and the period read as yearly rates."
	defs := []Definition{
		{
			ID: "billable_ratio", Share: true, Family: FamilyWorkforce, Direction: HigherIsBetter, Chart: ChartBillableShare, Headline: 24, Trend: 2, Title: "Billable share of worked time", Area: "workforce", Unit: UnitRatio, Grains: allGrains,
			Numerator:   "billable timesheet minutes",
			Denominator: "worked timesheet minutes",
			Description: "Share of staff working time that was billable. " + minutes,
		},
		{
			ID: "hours_per_billable_hour", Family: FamilyWorkforce, Direction: LowerIsBetter, Display: DisplayMultiple, Chart: ChartHoursPerBill, Title: "Hours worked per billable hour", Area: "workforce", Unit: UnitRatio, Grains: allGrains,
			Numerator:   "worked timesheet minutes",
			Denominator: "billable timesheet minutes",
			Description: "Hours staff worked for each billable hour (worked minutes / billable minutes; blank when nothing was billable). " + minutes,
		},
	}
	for _, activity := range config.Activities {
		if activity == "leave" {
			continue
		}
		words := strings.ReplaceAll(activity, "_", " ")
		defs = append(defs, Definition{
			ID: "nonbillable_share_" + activity, Share: true, Family: FamilyWorkforce, Direction: LowerIsBetter, Chart: ChartNonbillable, ChartLabel: words, Title: "Non-billable " + words + " share of worked time", Area: "workforce", Unit: UnitRatio, Grains: allGrains,
			Numerator:   "worked minutes of " + words + " not marked billable",
			Denominator: "worked timesheet minutes",
			Description: "Share of staff working time spent on " + words + " that was not billable (timesheet activity " + activity + ", billable = false). " + minutes,
		})
	}
	return append(defs,
		Definition{
			ID: "turnover_rate", Family: FamilyWorkforce, Direction: LowerIsBetter, Chart: ChartTurnover, Headline: 25, Title: "Staff turnover (annualized)", Area: "workforce", Unit: UnitRatio, Grains: allGrains,
			Numerator:   "separations",
			Denominator: "average headcount",
			Description: "Staff separations relative to the average number employed. " + spells + " " + headcount + " " + annualized,
		},
		Definition{
			ID: "voluntary_turnover_rate", Family: FamilyWorkforce, Direction: LowerIsBetter, Chart: ChartTurnover, Title: "Voluntary staff turnover (annualized)", Area: "workforce", Unit: UnitRatio, Grains: allGrains,
			Numerator:   "voluntary separations",
			Denominator: "average headcount",
			Description: "Separations with termination type voluntary, relative to the average number employed. " + spells + " " + headcount + " " + annualized,
		},
		Definition{
			ID: "peer_turnover_rate", Family: FamilyWorkforce, Direction: LowerIsBetter, Chart: ChartPeerTurnover, Title: "Peer staff turnover (annualized)", Area: "workforce", Unit: UnitRatio, Grains: allGrains,
			Numerator:   "separations of peer-role spells",
			Denominator: "average headcount of peer-role spells",
			Description: "Separations of spells with a peer role (peer_roles), relative to the average number employed in peer-role spells. A move between a peer and a non-peer role within one day is a transfer, not a separation. " + spells + " " + headcount + " " + annualized,
			ConfigKeys:  []string{"peer_roles"},
		},
		Definition{
			ID: "retention_90d", Share: true, Family: FamilyWorkforce, Direction: HigherIsBetter, Chart: ChartTurnover, Headline: 26, Title: "90-day retention of new hires", Area: "workforce", Unit: UnitRatio, Grains: allGrains,
			Numerator:   "new hires still employed 90 days after hire",
			Denominator: "spells hired in the window, not transfers, with hire_date + 90 on or before data_through",
			Description: "Share of new hires still employed 90 days after their hire date. New hires are the spells whose hire date falls in the window, including rehires; a spell that begins as a transfer (within one day after the person's previous spell ends) is not a new hire and is left out. Hires less than 90 days before data_through are left out until their 90 days have passed (hire_date + 90 on or before data_through). A hire is retained when the employment is still running on hire_date + 90: its termination date is blank or on or after hire_date + 90, following any transfers (a person who transfers to another program within their first 90 days and stays is retained). Hires fall in the window and program of their hire date and spell.",
			ConfigKeys:  []string{"data_through"},
		},
		Definition{
			ID: "headcount_avg", Family: FamilyWorkforce, Title: "Average headcount", Area: "workforce", Unit: UnitCount, Grains: allGrains,
			Numerator:   "employed staff-days",
			Denominator: "days in the window",
			Description: "Average number of staff employed on a day of the window. " + headcount + " It counts spells, not full-time equivalents.",
		},
		Definition{
			ID: "overbilled_staff_days", Family: FamilyWorkforce, Direction: LowerIsBetter, Title: "Staff-days billed beyond timesheet", Area: "workforce", Unit: UnitCount, Grains: allGrains,
			Numerator:   "staff-days where EHR billable service minutes exceed billable timesheet minutes by more than 15",
			Description: "Days on which the minutes of billable services a staff member delivered, by the EHR (every participant, pending notes included), exceed the billable minutes on their timesheet that day by more than 15: a day with billable services and no timesheet counts. A sign of services billed without the time to back them. Days fall in months by date and in the program of the staff member's spell covering the day (else the spell begun most recently before it).",
		},
	)
}
