package synth

import (
	"math"
	"strconv"
	"time"
)

// Survey instruments (METRICS.md).
const (
	mhsipAdult     = "mhsip_adult"
	mhsipItems     = 36
	mhsipNA        = 9
	peerExperience = "peer_experience"
	peerItems      = 5
	peerNA         = 0
)

// mhsipDomainShift moves a person's answers on some domains: people rate
// their own outcomes and functioning lower (a higher number on this
// 1 = strongly agree scale) than access and satisfaction.
func mhsipDomainShift(item int) float64 {
	switch {
	case item >= 21 && item <= 28: // outcomes
		return 0.35
	case item >= 29 && item <= 32: // functioning
		return 0.4
	case item >= 33: // social connectedness
		return 0.2
	case item >= 4 && item <= 9: // access
		return -0.1
	}
	return 0
}

// generateSurveys writes the participant's survey responses: the MHSIP
// adult survey each May to people enrolled then, and for people served by
// peers the peer experience survey at discharge and in November.
func (t *team) generateSurveys(g *generator, p *participant) {
	r := t.draws.surveys
	// How the person feels about the agency, on each instrument's scale.
	mhsipLatent := r.NormFloat64()*0.55 + 2.25
	if t.program.peer {
		mhsipLatent -= 0.25
	}
	peerLatent := r.NormFloat64()*0.6 + 4.1

	for _, y := range historyYears() {
		may := dayOf(y, time.May, 1)
		if may+30 > dataThrough || !p.enrolledOn(may+14) || !r.chance(0.3) {
			continue
		}
		t.writeSurvey(g, p, mhsipAdult, weekdayOnOrAfter(may+day(r.between(0, 26))), r.chance(0.35), mhsipLatent)
	}
	if !p.peerServed() {
		return
	}
	for _, e := range p.enrollments {
		if e.to == noEnd || e.to < historyFrom || !r.chance(0.4) {
			continue
		}
		if d := e.to + day(r.between(0, 10)); d <= dataThrough {
			t.writeSurvey(g, p, peerExperience, d, r.chance(0.2), peerLatent)
		}
	}
	for _, y := range historyYears() {
		november := dayOf(y, time.November, 1)
		if november+29 > dataThrough || !p.enrolledOn(november+14) || !r.chance(0.2) {
			continue
		}
		t.writeSurvey(g, p, peerExperience, weekdayOnOrAfter(november+day(r.between(0, 25))), r.chance(0.2), peerLatent)
	}
}

func weekdayOnOrAfter(d day) day {
	for d.isWeekend() {
		d++
	}
	return d
}

func (t *team) writeSurvey(g *generator, p *participant, instrument string, d day, anonymous bool, latent float64) {
	r := t.draws.surveys
	g.lastResponse++
	b := g.surveys.start()
	b = appendID(b, "R", g.lastResponse, 8)
	b = append(b, ',')
	b = append(b, instrument...)
	b = append(b, ',')
	b = append(b, t.program.name...)
	b = append(b, ',')
	b = appendDate(b, d)
	b = append(b, ',')
	if !anonymous {
		b = appendParticipantID(b, p.number)
	}
	items, na, shift := peerItems, peerNA, func(int) float64 { return 0 }
	if instrument == mhsipAdult {
		items, na, shift = mhsipItems, mhsipNA, mhsipDomainShift
	}
	stopsAt := items
	if instrument == mhsipAdult && r.chance(0.05) {
		stopsAt = 28 // gave up before the functioning questions
	}
	for q := 1; q <= mhsipItems; q++ {
		b = append(b, ',')
		switch {
		case q > stopsAt:
		case r.chance(0.02): // skipped
		case r.chance(0.03):
			b = strconv.AppendInt(b, int64(na), 10)
		default:
			answer := math.Round(latent + shift(q) + r.NormFloat64()*0.6)
			b = strconv.AppendInt(b, int64(min(5, max(1, answer))), 10)
		}
	}
	g.surveys.end(b)
}
