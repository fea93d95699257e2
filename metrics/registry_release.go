package metrics

import "strings"

// releaseFacts completes each definition's release-wide facts, the ones
// small-cell suppression and its audit read (METRICS.md "Small-cell
// suppression"), from what the entry already says, so a new metric joins
// every relation by its registry entry alone:
//   - figures with the same counted denominator, described in the same
//     words in the same area (and instrument, domain or scale), publish one
//     count (the follow-up rates' psychiatric index episodes, a survey
//     domain's respondents, a scale's paired episodes);
//   - survey figures are the agency's in every packet (AgencyWide);
//   - an interval bound is computed from the figure it bounds, an outcome
//     group's figures from the group's eligible members, and DiD, cost and
//     saving figures from both ALL groups (Follows).
//
// The facts no wording shows are listed in sameCounts below.
func releaseFacts(defs []Definition) {
	for i := range defs {
		d := &defs[i]
		if d.DenominatorCounted && d.Denominator != "" {
			name := strings.Join([]string{d.Area, d.Denominator, d.Instrument, d.Domain, d.Scale}, "|")
			d.Shares = append(d.Shares, SharedCount{Name: name, Part: PartDenominator})
		}
		if d.Family == FamilySatisfaction {
			d.AgencyWide = true
		}
		switch {
		case d.BoundOf != "":
			d.Follows = append(d.Follows, Follow{Metric: d.BoundOf})
		case d.GroupTested && strings.HasPrefix(d.ID, "outcome_n_"):
		case d.GroupTested:
			d.Follows = append(d.Follows, groupFollows(d.Group)...)
		}
		if f, ok := sameCounts[d.ID]; ok {
			d.Shares = append(d.Shares, f.shares...)
			d.Excludes = append(d.Excludes, f.excludes...)
			d.Totals = append(d.Totals, f.totals...)
			d.DistinctPeople = d.DistinctPeople || f.distinct
		}
	}
	for i := range defs {
		if defs[i].BoundOf == "" {
			continue
		}
		if base, ok := Lookup(defs, defs[i].BoundOf); ok {
			defs[i].Follows = append(defs[i].Follows, base.Follows...)
		}
	}
}

// Counts METRICS.md names as one number in two figures, exclusions, and
// distinct-person counts, that no wording in the entries shows.
var sameCounts = map[string]struct {
	shares   []SharedCount
	excludes []Exclusion
	totals   []CountTotal
	distinct bool
}{
	"participants_served": {distinct: true},
	// peer_caseload's ALL numerator is participants_peer_served's ALL (a
	// program's places people by the staff who served them).
	"participants_peer_served": {distinct: true, shares: []SharedCount{{Name: "participants with a peer service", Part: PartNumerator, AllOnly: true}}},
	"peer_caseload":            {distinct: true, shares: []SharedCount{{Name: "participants with a peer service", Part: PartNumerator, AllOnly: true}}},
	"enrollments":              {shares: []SharedCount{{Name: enrollmentsCount, Part: PartNumerator}}},
	// The engagement enrollments are the intake-assessed rate's, and
	// enrollments less those within 30 days of data_through.
	"engagement_30d_rate":    {shares: []SharedCount{{Name: engagementCount, Part: PartDenominator}}, excludes: []Exclusion{{Part: PartDenominator, From: enrollmentsCount}}},
	"first_service_10d_rate": {shares: []SharedCount{{Name: engagementCount, Part: PartDenominator}}, excludes: []Exclusion{{Part: PartDenominator, From: enrollmentsCount}}},
	// Enrollments never served leave the median's cases.
	"days_to_first_service_median": {excludes: []Exclusion{{Part: PartNumerator, From: engagementCount}}},
	// The GPRA rate's episodes with no follow-up are the missed ones: one
	// count, published as its denominator − numerator and as
	// followup_missed.
	"followup_assessed_rate": {shares: []SharedCount{{Name: missedCount, Part: PartRest}}},
	"followup_missed":        {shares: []SharedCount{{Name: missedCount, Part: PartNumerator}}},
	// Episodes with an intake are done + open + missed; the intake rate's
	// numerator is those of them enrolled at least 30 days before
	// data_through (all of them in a window that ends so).
	"intake_assessed_rate": {
		shares:   []SharedCount{{Name: engagementCount, Part: PartDenominator}},
		excludes: []Exclusion{{Part: PartDenominator, From: enrollmentsCount}},
		totals:   []CountTotal{{Part: PartNumerator, Metrics: []string{"followup_done", "followup_open", "followup_missed"}, Narrower: true}},
	},
}

const (
	missedCount      = "episodes whose follow-up was missed"
	enrollmentsCount = "enrollments in the window"
	engagementCount  = "enrollments at least 30 days before data_through"
)
