package metrics

// Shared wording of the reach and engagement descriptions.
const (
	continuationRule = "A spell that begins on the day after the same participant's previous spell ends (enrolled_on = previous discharged_on + 1; a same-day program change is read so at load) is a continuation, a program change: not a new enrollment and not a discharge. Any other spell start is an enrollment and any other discharged_on a discharge. An episode of care is a run of spells joined by continuations, from the first spell's enrolled_on to the last spell's discharged_on (open while that is blank)."
	engagementBase   = "enrollments (episode starts) with enrolled_on in the window and enrolled_on + 30 on or before data_through (the same enrollments as the intake-assessed rate)"
	servedRule       = "A participant is served in a window when they have at least one service, billable or not, dated in it; they count once per window, in the program of the service date (the spell covering it, else the spell begun most recently before it, else their first spell), once in ALL."
	enrollmentPlace  = "Enrollment figures fall in the window of enrolled_on and in the program (and payer) of the episode's first spell."
)

// reachDefinitions: METRICS.md "Reach and engagement" (participants,
// services, staff). Every figure is protected: its counts of people are
// small-cell suppressed.
func reachDefinitions() []Definition {
	reach := func(d Definition) Definition {
		d.Area, d.Family, d.Grains = "reach", FamilyReach, allGrains
		d.Protected, d.NumeratorCounted = true, true
		return d
	}
	return []Definition{
		reach(Definition{
			ID: "participants_served", Title: "Participants served", Unit: UnitCount,
			Numerator:   "distinct participants with a service in the window",
			Description: "Number of different participants with at least one service (billable or not) in the window. " + servedRule + " Quarters and the period count people once, so they are not the sum of their months.",
			Direction:   HigherIsBetter, Headline: 1, Chart: ChartReach,
		}),
		reach(Definition{
			ID: "participants_peer_served", Title: "Participants served by peer staff", Unit: UnitCount,
			Numerator:   "distinct participants with a peer service in the window",
			Description: "Number of different participants with at least one peer service in the window: a service delivered by a staff member whose spell covering the service date has a peer role (peer_roles). " + servedRule,
			ConfigKeys:  []string{"peer_roles"}, Direction: HigherIsBetter, Headline: 2, Chart: ChartReach,
		}),
		reach(Definition{
			ID: "enrollments", Title: "Enrollments (new episodes of care)", Unit: UnitCount,
			Numerator:   "episodes of care starting in the window",
			Description: "Enrollments: episodes of care whose first spell begins in the window. " + continuationRule + " " + enrollmentPlace,
			Headline:    3, Chart: ChartReach,
		}),
		reach(Definition{
			ID: "discharges", Title: "Discharges (episodes of care ended)", Unit: UnitCount,
			Numerator:   "episodes of care ending in the window",
			Description: "Discharges: episodes of care whose last spell's discharged_on falls in the window; a program change (continuation) is not a discharge. " + continuationRule + " A discharge falls in the program (and payer) of the spell that ends.",
			Chart:       ChartReach,
		}),
		reach(Definition{
			ID: "episode_days_median", Title: "Median length of episodes of care ended (days)", Unit: UnitDays,
			Numerator:   "episodes of care ending in the window (the cases the median is taken over)",
			Description: "Median length in days (discharged_on − enrolled_on + 1, both ends counted) of the episodes of care ending in the window: the middle value, or the mean of the two middle values; blank when none ended. " + continuationRule + " An episode falls in the window of its last discharged_on and in the program (and payer) of its last spell.",
		}),
		reach(Definition{
			ID: "engagement_30d_rate", Title: "Engaged within 30 days of enrollment", Unit: UnitRatio,
			Numerator: "denominator enrollments with services on at least 2 different days in their first 30 days", Denominator: engagementBase,
			Description:        "Share of new enrollments with services (billable or not, any staff) on at least two different days from enrolled_on to enrolled_on + 29. Enrollments less than 30 days before data_through are left out until their 30 days are in the data. " + continuationRule + " " + enrollmentPlace,
			DenominatorCounted: true, Proportion: true, ConfigKeys: []string{"data_through"},
			Direction: HigherIsBetter, Headline: 4, Chart: ChartEngagement,
		}),
		reach(Definition{
			ID: "first_service_10d_rate", Title: "First service within 10 days of enrollment", Unit: UnitRatio,
			Numerator: "denominator enrollments with a service in their first 10 days", Denominator: engagementBase,
			Description:        "Share of new enrollments with a service from enrolled_on to enrolled_on + 9 (a service on the enrollment day counts). Same enrollments as the 30-day engagement rate. " + continuationRule + " " + enrollmentPlace,
			DenominatorCounted: true, Proportion: true, ConfigKeys: []string{"data_through"},
			Direction: HigherIsBetter, Chart: ChartEngagement,
		}),
		reach(Definition{
			ID: "days_to_first_service_median", Title: "Median days from enrollment to first service", Unit: UnitDays,
			Numerator:   "enrollments with a first service (the cases the median is taken over)",
			Description: "Median number of days from enrolled_on to the first service on or after it (0 = a service on the enrollment day), over the enrollments of the 30-day engagement rate that have a service on or after enrolled_on within the episode and on or before data_through; enrollments never served are left out, and the numerator says how many count. " + continuationRule + " " + enrollmentPlace,
			ConfigKeys:  []string{"data_through"}, Direction: LowerIsBetter,
		}),
		reach(Definition{
			ID: "peer_caseload", Title: "Participants per peer FTE", Unit: UnitRatio, Display: DisplayCount,
			Numerator: "distinct participants with a peer service in the window", Denominator: "peer FTE of the window",
			Description: "Participants with a peer service in the window per full-time-equivalent peer staff member. Peer FTE = Σ over peer-role staff spells of fte (blank = 1) × days of the window the spell is employed / days in the window. A participant counts in the program of the staff spell that delivered the peer service (as its FTE is placed): one seen by peers of two programs counts in both, once in ALL. Peer FTE is not split by payer, so this figure is in the board packet and metrics.csv only, never in an MCO packet.",
			ConfigKeys:  []string{"peer_roles"}, BoardOnly: true,
		}),
	}
}
