package synth

import (
	"math"
	"strconv"
)

// enrollment is one spell of a participant in the team's program.
type enrollment struct {
	from, to day // to is the discharge day; noEnd while enrolled
	goals    []string
	program  string // "" = the team's program; else the program stepped down to
}

// participant is the person being generated; only one is held at a time.
type participant struct {
	number      int
	enrollments []enrollment
	// firstPeerService is the day of the first service by peer staff, or
	// noEnd when peer staff never served the person.
	firstPeerService day
}

func (p *participant) peerServed() bool { return p.firstPeerService != noEnd }

// indexDay is the outcome index of METRICS.md: the first peer service, or
// for someone never served by peers, their first enrollment.
func (p *participant) indexDay() day {
	if p.peerServed() {
		return p.firstPeerService
	}
	return p.enrollments[0].from
}

func (p *participant) enrolledOn(d day) bool {
	for _, e := range p.enrollments {
		if d >= e.from && d <= e.to {
			return true
		}
	}
	return false
}

func (t *team) generateParticipant(g *generator) {
	g.lastParticipant++
	p := &participant{number: g.lastParticipant, firstPeerService: noEnd}
	p.enrollments = t.enrollments(p.number)
	t.writeParticipant(g, p)
	t.generateServices(g, p)
	t.generateEncounters(g, p)
	t.generateSurveys(g, p)
	t.generateAssessments(g, p)
}

// enrollments draws a person's spells: about three in ten were already
// enrolled when history starts; some are discharged and come back.
func (t *team) enrollments(participantNumber int) []enrollment {
	r := t.draws.people
	prog := t.program
	var from day
	if r.chance(0.3) {
		earliest := earliestEnroll
		if prog.meetsOnWard {
			earliest = historyFrom - 120 // bridger spells are short
		}
		from = r.dayBetween(earliest, historyFrom-1)
	} else {
		// The agency grows: enrollments get more frequent year by year.
		from = historyFrom + day(math.Sqrt(r.Float64())*float64(dataThrough-historyFrom))
	}
	var spells []enrollment
	goalNumber := 0
	stepped := ""
	for {
		length := day(max(7, r.logNormal(prog.medianStayDays, prog.staySpread)))
		if from < historyFrom && from+length < historyFrom+14 {
			// Still enrolled when history starts: that is why they are here.
			length = historyFrom - from + day(r.between(14, 120))
		}
		e := enrollment{from: from, to: from + length, program: stepped}
		for range r.between(1, 3) {
			goalNumber++
			e.goals = append(e.goals, goalID(participantNumber, goalNumber))
		}
		if e.to > dataThrough {
			e.to = noEnd
			spells = append(spells, e)
			break
		}
		spells = append(spells, e)
		if stepped == "" && prog.stepDownTo != "" && len(spells) < 3 && e.to < dataThrough && r.chance(prog.stepDownChance) {
			// A program change: the next spell begins the day after.
			stepped, from = prog.stepDownTo, e.to+1
			continue
		}
		if len(spells) == 3 || !r.chance(prog.reenrollChance) {
			break
		}
		from = e.to + 1 + day(max(7, r.logNormal(120, 0.8)))
		if from > dataThrough {
			break
		}
	}
	return spells
}

func goalID(participantNumber, goal int) string {
	b := appendID(nil, "G", participantNumber, 7)
	b = append(b, '-')
	return string(strconv.AppendInt(b, int64(goal), 10))
}

func (t *team) writeParticipant(g *generator, p *participant) {
	r := t.draws.people
	prog := t.program
	birthYear := 0
	if !r.chance(0.02) {
		birthYear = r.between(prog.bornFrom, prog.bornTo)
	}
	payer := t.drawPayer()
	for i, e := range p.enrollments {
		if i > 0 && r.chance(0.1) {
			payer = t.drawPayer() // changed plans between spells
		}
		b := g.participants.start()
		b = appendParticipantID(b, p.number)
		b = append(b, ',')
		if e.program != "" {
			b = append(b, e.program...)
		} else {
			b = append(b, prog.name...)
		}
		b = append(b, ',')
		b = appendDate(b, e.from)
		b = append(b, ',')
		if e.to != noEnd {
			b = appendDate(b, e.to)
		}
		b = append(b, ',')
		if birthYear != 0 {
			b = strconv.AppendInt(b, int64(birthYear), 10)
		}
		b = append(b, ',')
		b = append(b, payer...)
		g.participants.end(b)
	}
}

func (t *team) drawPayer() string {
	u := t.draws.people.Float64()
	for _, p := range payers {
		if u < p.share {
			return p.name
		}
		u -= p.share
	}
	return "" // no payer on file
}
