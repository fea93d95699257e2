package synth

import "strconv"

// generateServices writes a participant's services: contacts every week or
// two while enrolled, each with a team member at work that day (usually the
// person's own peer or clinician), and a few outside enrollment.
func (t *team) generateServices(g *generator, p *participant) {
	r := t.draws.services
	prog := t.program
	intensity := r.logNormal(1, 0.45)
	for _, e := range p.enrollments {
		from, to := max(e.from, historyFrom), min(e.to, dataThrough)
		if from > to {
			continue
		}
		primary := t.primarySeat()
		d := from + day(r.between(0, 10))
		switch {
		case e.from < historyFrom:
			d = from + day(r.between(0, int(prog.daysBetweenContacts)))
		case prog.meetsOnWard:
			d = from // met on the ward the day the spell starts
		}
		// Some people drift away: after a while the contacts thin out.
		driftFrom := noEnd
		if r.chance(0.15) {
			driftFrom = from + day(r.between(30, 120))
		}
		for d <= to {
			served, staff := t.staffAtWork(d, to, primary)
			if staff < 0 {
				break
			}
			t.writeService(g, p, e, served, staff)
			if r.chance(0.05) {
				if other := t.anyoneAtWork(served); other >= 0 {
					t.writeService(g, p, e, served, other) // a second contact that day
				}
			}
			if r.chance(0.004) {
				t.serviceOutsideEnrollment(g, p, e)
			}
			meanGap := prog.daysBetweenContacts * intensity
			if served >= driftFrom {
				meanGap *= 3
			}
			d = served + 1 + day(r.exp(max(0, meanGap-1)))
		}
	}
}

// primarySeat is the position whose holder mainly serves the person.
func (t *team) primarySeat() int {
	var seats []int
	for i, role := range t.seatRoles {
		if role == t.program.serviceRole {
			seats = append(seats, i)
		}
	}
	return seats[t.draws.services.IntN(len(seats))]
}

// staffAtWork finds the first day from d to last on which the holder of
// the primary seat, or failing that another team member, is at work. Staff
// bunch their visits: a visit often moves a few days to join others the
// same staff member already has that day.
func (t *team) staffAtWork(d, last day, primary int) (day, int) {
	r := t.draws.services
	for ; d <= last && d <= dataThrough; d++ {
		for _, i := range t.spellsBySeat[primary] {
			sp := &t.spells[i]
			if !sp.canSee(d) || !r.chance(0.85) {
				continue
			}
			if sp.servicesDelivered[d-historyFrom] == 0 && r.chance(0.6) {
				for later := d + 1; later <= min(d+4, last, dataThrough); later++ {
					if n := sp.servicesDelivered[later-historyFrom]; n > 0 && n < 4 && sp.canSee(later) {
						return later, i
					}
				}
			}
			return d, i
		}
		if i := t.anyoneAtWork(d); i >= 0 {
			return d, i
		}
	}
	return 0, -1
}

// anyoneAtWork picks a team member at work on d who sees participants:
// service staff, and now and then the supervisor.
func (t *team) anyoneAtWork(d day) int {
	total := 0.0
	for i := range t.spells {
		total += t.serviceWeight(i, d)
	}
	if total == 0 {
		return -1
	}
	u := t.draws.services.Float64() * total
	last := -1
	for i := range t.spells {
		w := t.serviceWeight(i, d)
		if w == 0 {
			continue
		}
		if u < w {
			return i
		}
		u -= w
		last = i
	}
	return last
}

func (t *team) serviceWeight(spell int, d day) float64 {
	sp := &t.spells[spell]
	if !sp.canSee(d) {
		return 0
	}
	switch sp.role {
	case roleAdmin:
		return 0
	case roleSupervisor:
		return 0.1
	}
	return 1
}

// canSee reports whether the staff member is at work on d with room in
// the day for another participant.
func (sp *staffSpell) canSee(d day) bool {
	if !sp.worksOn(d) {
		return false
	}
	i := d - historyFrom
	return sp.servicesDelivered[i] < 6 && sp.billableMinutes[i]+sp.nonbillableMinutes[i] < 360
}

// serviceOutsideEnrollment writes a contact a few days before the spell
// starts or after it ends: outreach, or a follow-up after discharge. The
// data-quality figures count these.
func (t *team) serviceOutsideEnrollment(g *generator, p *participant, e enrollment) {
	r := t.draws.services
	var d day
	if e.to != noEnd && r.chance(0.7) {
		d = e.to + day(r.between(1, 10))
	} else {
		d = e.from - day(r.between(1, 6))
	}
	if d < historyFrom || d > dataThrough || p.enrolledOn(d) {
		return
	}
	if staff := t.anyoneAtWork(d); staff >= 0 {
		t.writeService(g, p, e, d, staff)
	}
}

func (t *team) writeService(g *generator, p *participant, e enrollment, d day, staff int) {
	r := t.draws.services
	sp := &t.spells[staff]
	minutes := t.serviceMinutes(sp.role)
	billable := r.chance(0.93)
	if sp.role == roleSupervisor {
		billable = r.chance(0.85)
	}
	var code string
	switch {
	case isPeerRole(sp.role):
		code = codePeerSupport
	case sp.role == roleClinician && r.chance(0.3):
		code = codePsychosocialRehab
	default:
		code = codeCommunitySupport
	}
	if !billable && r.chance(0.5) {
		code = "" // a non-billable contact the EHR leaves uncoded
	}

	i := d - historyFrom
	if billable {
		sp.billableMinutes[i] += int32(minutes)
	} else {
		sp.nonbillableMinutes[i] += int32(minutes)
	}
	sp.servicesDelivered[i]++
	if isPeerRole(sp.role) && d < p.firstPeerService {
		p.firstPeerService = d
	}

	out := g.serviceFile(d)
	g.lastService++
	b := out.start()
	b = appendID(b, "SV", g.lastService, 9)
	b = append(b, ',')
	b = appendParticipantID(b, p.number)
	b = append(b, ',')
	b = appendStaffID(b, sp.staffNumber)
	b = append(b, ',')
	b = appendDate(b, d)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(minutes), 10)
	b = append(b, ',')
	b = append(b, code...)
	b = append(b, ',')
	b = appendBool(b, billable)
	b = append(b, ',')
	if r.chance(sp.goalLinkRate) {
		b = append(b, e.goals[r.IntN(len(e.goals))]...)
	}
	b = append(b, ',')
	b = t.appendNoteSigned(b, sp, d)
	out.end(b)
}

// serviceMinutes draws the length of a service: mostly a conversation of
// under an hour, some long ones, a few brief check-ins, and now and then a
// length right at a billing-unit edge (7/8, 22/23, 37/38 minutes).
func (t *team) serviceMinutes(role string) int {
	r := t.draws.services
	prog := t.program
	switch u := r.Float64(); {
	case u < 0.06:
		edges := []int{7, 8, 22, 23, 37, 38, 52, 53}
		return edges[r.IntN(len(edges))]
	case u < 0.16:
		return r.between(5, 25)
	case u < 0.165 && role == rolePeerBridger:
		return r.between(200, 330) // a long day at the hospital: over the daily unit cap
	case u < 0.78:
		return max(10, int(r.logNormal(float64(prog.typicalMinutes), 0.25)))
	default:
		return min(240, int(r.logNormal(float64(prog.longMinutes), 0.2)))
	}
}

// appendNoteSigned writes when the staff member signed the service note:
// usually the same or the next business day, sometimes a week or more
// late, now and then never; a note signed after data_through is still
// unsigned in the export.
func (t *team) appendNoteSigned(b []byte, sp *staffSpell, d day) []byte {
	r := t.draws.services
	if r.chance(0.015) {
		return b
	}
	var businessDays int
	switch u := r.Float64(); {
	case u < sp.promptSigning:
		businessDays = []int{0, 0, 0, 1, 1, 2}[r.IntN(6)]
	case u < sp.promptSigning+(1-sp.promptSigning)*0.6:
		businessDays = r.between(3, 6)
	default:
		businessDays = r.between(7, 30)
	}
	signed := d
	for n := 0; n < businessDays; {
		signed++
		if !signed.isWeekend() && !isHoliday(signed) {
			n++
		}
	}
	if signed > dataThrough {
		return b
	}
	hour := r.between(8, 18)
	if businessDays == 0 {
		hour = r.between(11, 19)
	}
	if r.chance(0.04) {
		hour = r.between(20, 23) // catching up at night
	}
	form := stampLocal
	switch u := r.Float64(); {
	case u < 0.08:
		form = stampOffset
	case u < 0.10:
		form = stampSpace
	}
	return appendLocalTimestamp(b, signed, hour, r.IntN(60), form)
}
