package metrics

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/peerstat/peerstat/config"
)

// satisfactionDefinitions: METRICS.md "Satisfaction (surveys)", one family
// per configured instrument (built-in or from peerstat.toml): for each
// domain a positive share and a mean score, and the number of responses.
// Instruments come in name order, domains in name order within each.
func satisfactionDefinitions(cfg config.Config) []Definition {
	names := make([]string, 0, len(cfg.Instruments))
	for n := range cfg.Instruments {
		names = append(names, n)
	}
	sort.Strings(names)
	var defs []Definition
	for _, name := range names {
		in := cfg.Instruments[name]
		if len(in.Scale) != 2 || in.Summed() {
			continue // a summed scale is an assessment instrument (registry_recovery.go)
		}
		keys := []string{"instruments." + name}
		absent := fmt.Sprintf("no %s survey responses are loaded: add a surveys file whose rows have instrument = %s", name, name)
		common := surveyRules(in)
		defs = append(defs, Definition{
			ID: "survey_" + name + "_responses", Title: instrumentLabel(name) + " survey responses", Area: "satisfaction",
			Unit: UnitCount, Grains: periodOnly,
			Numerator: "responses with survey_date in the period",
			Description: fmt.Sprintf("Number of %s survey responses dated within the reporting period, by the program written on the response and for ALL. Each response row is one respondent, named or anonymous; a person who answered twice counts twice. %s",
				name, surveyCommon),
			ConfigKeys: keys, AbsentReason: absent,
			Protected: true, NumeratorCounted: true, AgencyWide: true,
			Family: FamilySatisfaction, Instrument: name, Statistic: "responses",
		})
		for _, domain := range in.DomainNames() {
			items := in.Domains[domain]
			base := "survey_" + name + "_" + domain
			scored := []SharedCount{{Name: "respondents scored on " + base, Part: PartDenominator}}
			scoreRule := fmt.Sprintf("A respondent has a score on %s when they answered at least two thirds of its %d items (%s), that is 3 × answered >= 2 × %d; the score is the mean of the answered items. %s",
				domain, len(distinctItems(items)), itemList(items), len(distinctItems(items)), common)
			defs = append(defs,
				Definition{
					ID: base + "_positive", Title: instrumentLabel(name) + " " + strings.ReplaceAll(domain, "_", " ") + ": share positive", Area: "satisfaction",
					Unit: UnitRatio, Grains: periodOnly,
					Numerator:   "respondents positive on the domain",
					Denominator: "respondents with a domain score",
					Description: fmt.Sprintf("Share of respondents to the %s survey in the period whose %s score is positive, among respondents with a %s score. %s %s %s",
						name, domain, domain, scoreRule, positiveRule(in), surveyCommon),
					ConfigKeys: keys, AbsentReason: absent,
					Protected: true, NumeratorCounted: true, DenominatorCounted: true, Proportion: true,
					AgencyWide: true, Shares: scored,
					Family: FamilySatisfaction, Instrument: name, Domain: domain, Statistic: "positive",
					Direction: HigherIsBetter, Headline: satisfactionHeadline[name+"/"+domain],
				},
				Definition{
					ID: base + "_mean", Title: instrumentLabel(name) + " " + strings.ReplaceAll(domain, "_", " ") + ": mean score", Area: "satisfaction",
					Unit: UnitScore, Grains: periodOnly,
					Numerator:   "sum of domain scores",
					Denominator: "respondents with a domain score",
					Description: fmt.Sprintf("Mean %s score of the respondents to the %s survey in the period who have one, on the instrument's own scale (%s). %s Each score is kept to 18 decimal places before summing, so the figure is the same on every run. %s",
						domain, name, direction(in), scoreRule, surveyCommon),
					ConfigKeys: keys, AbsentReason: absent,
					Protected: true, DenominatorCounted: true, AgencyWide: true, Shares: scored,
					Family: FamilySatisfaction, Instrument: name, Domain: domain, Statistic: "mean",
					Direction: meanDirection(in),
				},
			)
		}
	}
	return defs
}

// satisfactionHeadline places the built-in instruments' overall domains
// on the first page.
var satisfactionHeadline = map[string]int{
	"mhsip_adult/general_satisfaction": 45,
	"peer_experience/overall":          46,
}

// instrumentLabel is an instrument's plain name: the built-ins as their
// publishers name them, others with spaces for underscores.
func instrumentLabel(name string) string {
	switch name {
	case "mhsip_adult":
		return "MHSIP"
	case "peer_experience":
		return "Peer experience"
	}
	return strings.ReplaceAll(name, "_", " ")
}

// meanDirection: a mean is better higher when the top of the scale means
// agreement, lower when 1 does (agree = "low", as MHSIP).
func meanDirection(in config.Instrument) Direction {
	if in.Agree == "low" {
		return LowerIsBetter
	}
	return HigherIsBetter
}

// surveyCommon is the rule shared by every survey metric: period, program,
// pooling and when an instrument has rows.
const surveyCommon = "A response counts when its survey_date is in the reporting period; programs are the program written on the response (one that no participant or staff spell names counts in ALL only), and ALL pools every respondent (it is not an average of the programs' figures). The metric has rows, with zeros, whenever at least one response of the instrument is loaded, even if none falls in the period; it is absent when none is. Figures resting on 1 to min_cell − 1 respondents are suppressed."

// surveyRules describes the answers an instrument counts: scale, N/A codes
// and reversed items.
func surveyRules(in config.Instrument) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Answers on the %d to %d scale count; blank answers", in.Min(), in.Max())
	if len(in.NA) > 0 {
		fmt.Fprintf(&b, " and the N/A code%s %s", plural(len(in.NA)), itemList(in.NA))
	}
	b.WriteString(" count as not answered.")
	if len(in.Reverse) > 0 {
		fmt.Fprintf(&b, " Item%s %s %s reverse-scored (an answer v counts as %d − v).",
			plural(len(in.Reverse)), itemList(in.Reverse), map[bool]string{true: "is", false: "are"}[len(in.Reverse) == 1], in.Min()+in.Max())
	}
	return b.String()
}

// positiveRule states the cut-off and which side of it is positive.
func positiveRule(in config.Instrument) string {
	cut := strconv.FormatFloat(in.Cutoff(), 'f', -1, 64)
	side := "above"
	if in.Agree == "low" {
		side = "below"
	}
	return fmt.Sprintf("A score is positive when it is strictly %s %s (%s); a score exactly at %s is not positive, and the comparison is exact (sum of answers against %s × answered), so no rounding moves a respondent across the line.",
		side, cut, direction(in), cut, cut)
}

// direction says which end of the scale means agreement.
func direction(in config.Instrument) string {
	if in.Agree == "low" {
		return fmt.Sprintf("%d = strongly agree, %d = strongly disagree", in.Min(), in.Max())
	}
	return fmt.Sprintf("%d = strongly disagree, %d = strongly agree", in.Min(), in.Max())
}

// itemList writes item numbers as "1, 2, 3" (or "1-3" runs of three or more).
func itemList(items []int) string {
	s := distinctItems(items)
	var parts []string
	for i := 0; i < len(s); {
		j := i
		for j+1 < len(s) && s[j+1] == s[j]+1 {
			j++
		}
		if j-i >= 2 {
			parts = append(parts, fmt.Sprintf("%d-%d", s[i], s[j]))
		} else {
			for k := i; k <= j; k++ {
				parts = append(parts, strconv.Itoa(s[k]))
			}
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// distinctItems is the items ascending, each once.
func distinctItems(items []int) []int {
	seen := map[int]bool{}
	var out []int
	for _, it := range items {
		if !seen[it] {
			seen[it] = true
			out = append(out, it)
		}
	}
	sort.Ints(out)
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
