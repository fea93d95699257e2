package synth

import (
	"math"
	"strconv"
)

// Assessments: the agency adopted an intake and 6-month follow-up
// interview (GPRA-style housing and employment questions, and the BARC-10
// recovery-capital scale) when its history starts, so only enrollments
// from then on have them.
const (
	barc10      = "barc10"
	barc10Items = 10
)

var (
	housingStatuses = []string{"own_or_rent", "with_family", "permanent_supportive", "transitional", "shelter", "street", "institution", "other"}
	housingAtIntake = []float64{0.25, 0.2, 0.1, 0.15, 0.15, 0.08, 0.04, 0.03}
	stableHousing   = map[string]bool{"own_or_rent": true, "with_family": true, "permanent_supportive": true}

	employmentStatuses = []string{"full_time", "part_time", "unemployed_looking", "not_in_labor_force", "student", "retired", "disabled", "other"}
	employmentAtIntake = []float64{0.1, 0.12, 0.33, 0.1, 0.05, 0.05, 0.22, 0.03}
)

// assessmentAnswers is what one interview records.
type assessmentAnswers struct {
	housing, employment string // "" = left blank
	barc                []int  // nil = no BARC-10; 0 = item left blank
}

// generateAssessments writes the participant's assessments: an intake for
// most enrollments (episode starts; a program change is none) (a few more than 30 days after enrolled_on, too late to
// count), a follow-up for about 70% of the intakes whose window has opened
// (most near 6 months, some outside the 150-240-day window), and a
// discharge interview for some discharges. Some answers are left blank;
// housing, employment and recovery capital tend to improve by follow-up.
func (t *team) generateAssessments(g *generator, p *participant) {
	r := t.draws.assessments
	capital := r.NormFloat64()*0.8 + 4.0 // the person's recovery capital, per item
	for i, e := range p.enrollments {
		// A program change (a spell beginning the day after the last
		// ended) continues the episode: no new intake, and the spell it
		// continues was not a discharge.
		continued := i > 0 && e.from == p.enrollments[i-1].to+1
		continues := i+1 < len(p.enrollments) && p.enrollments[i+1].from == e.to+1
		if !continues && continued && e.to != noEnd && e.to <= dataThrough && r.chance(0.3) {
			g.writeAssessment(p, e.to, "discharge", t.interview(nil, capital+0.2))
		}
		if continued || e.from < historyFrom || !r.chance(0.88) {
			continue
		}
		intake := e.from + day(r.between(-5, 14))
		if r.chance(0.03) {
			intake = e.from + day(r.between(31, 45)) // too late to be the episode's intake
		}
		if intake > dataThrough {
			continue
		}
		at := t.interview(nil, capital)
		g.writeAssessment(p, intake, "intake", at)
		if intake+150 <= dataThrough && r.chance(0.7) {
			followup := intake + day(min(240, max(150, 180+int(math.Round(r.NormFloat64()*22)))))
			if r.chance(0.08) {
				followup = intake + day(r.between(241, 280)) // reached too late
			}
			if followup <= dataThrough {
				g.writeAssessment(p, followup, "followup", t.interview(&at, capital+0.35+r.NormFloat64()*0.3))
			}
		}
		if !continues && e.to != noEnd && e.to <= dataThrough && r.chance(0.3) {
			g.writeAssessment(p, e.to, "discharge", t.interview(&at, capital+0.2))
		}
	}
}

// interview draws one assessment's answers; before is the intake's, for a
// later interview (people tend to keep or improve their housing and work).
func (t *team) interview(before *assessmentAnswers, capital float64) assessmentAnswers {
	r := t.draws.assessments
	var a assessmentAnswers
	switch {
	case before == nil || before.housing == "":
		a.housing = r.pickString(housingStatuses, housingAtIntake)
	case !stableHousing[before.housing] && r.chance(0.35):
		a.housing = r.pickString(housingStatuses[:3], []float64{0.45, 0.35, 0.2})
	case r.chance(0.85):
		a.housing = before.housing
	default:
		a.housing = r.pickString(housingStatuses, housingAtIntake)
	}
	switch {
	case before == nil || before.employment == "":
		a.employment = r.pickString(employmentStatuses, employmentAtIntake)
	case before.employment == "unemployed_looking" && r.chance(0.35):
		a.employment = r.pickString(employmentStatuses[:2], []float64{0.3, 0.7})
	case r.chance(0.9):
		a.employment = before.employment
	default:
		a.employment = r.pickString(employmentStatuses, employmentAtIntake)
	}
	if r.chance(0.04) {
		a.housing = ""
	}
	if r.chance(0.04) {
		a.employment = ""
	}
	if r.chance(0.85) {
		a.barc = make([]int, barc10Items)
		for i := range a.barc {
			if r.chance(0.015) {
				continue // skipped: the score is left undefined
			}
			a.barc[i] = int(min(6, max(1, math.Round(capital+r.NormFloat64()*0.8))))
		}
	}
	return a
}

// writeAssessment writes one assessments row.
func (g *generator) writeAssessment(p *participant, d day, kind string, a assessmentAnswers) {
	g.lastAssessment++
	b := g.assessments.start()
	b = appendID(b, "AS", g.lastAssessment, 8)
	b = append(b, ',')
	b = appendParticipantID(b, p.number)
	b = append(b, ',')
	b = appendDate(b, d)
	b = append(b, ',')
	b = append(b, kind...)
	b = append(b, ',')
	b = append(b, a.housing...)
	b = append(b, ',')
	b = append(b, a.employment...)
	b = append(b, ',')
	if a.barc != nil {
		b = append(b, barc10...)
	}
	for q := range barc10Items {
		b = append(b, ',')
		if a.barc != nil && a.barc[q] != 0 {
			b = strconv.AppendInt(b, int64(a.barc[q]), 10)
		}
	}
	g.assessments.end(b)
}
