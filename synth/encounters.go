package synth

import "slices"

// Encounter settings (DATA.md).
const (
	settingInpatientPsych     = "inpatient_psych"
	settingInpatientMedical   = "inpatient_medical"
	settingDetox              = "detox"
	settingCrisisResidential  = "crisis_residential"
	settingEmergency          = "emergency"
	settingOutpatient         = "outpatient"
	followUpWithinWeekChance  = 0.5
	followUpWithinMonthChance = 0.35
)

// yesNo is an optional true/false column.
type yesNo uint8

const (
	blank yesNo = iota
	no
	yes
)

func yesNoOf(v bool) yesNo {
	if v {
		return yes
	}
	return no
}

// encounter is one row of encounters.csv.
type encounter struct {
	setting              string
	admit, discharge     day // discharge is noEnd while the person is still admitted
	involuntary, planned yesNo
	paidCents            int64 // -1 when not (yet) paid
}

func (e encounter) isStay() bool {
	return e.setting != settingEmergency && e.setting != settingOutpatient
}

// Daily (stays) or per-visit rates in cents, low and high.
var paidRange = map[string][2]int64{
	settingInpatientPsych:    {115000, 135000},
	settingInpatientMedical:  {180000, 260000},
	settingDetox:             {65000, 85000},
	settingCrisisResidential: {42000, 52000},
	settingEmergency:         {70000, 160000},
	settingOutpatient:        {9000, 24000},
}

// generateEncounters writes a participant's hospital, crisis and clinic use
// from data_from to data_through, enrolled or not, as a payer's claims feed
// would show it. After the first peer service the person's rate of
// admissions falls by about a quarter and of emergency visits by a little
// more, varying person to person (a fifth to a quarter fewer bed days and
// visits across a cohort); for people never served by peers it barely
// changes.
func (t *team) generateEncounters(g *generator, p *participant) {
	r := t.draws.hospital
	prog := t.program
	risk := r.logNormal(0.75, 0.6) // relative to the program's typical person; mean about 0.9
	index := p.indexDay()
	inpatientEffect, emergencyEffect := 0.97, 1.0
	if p.peerServed() {
		inpatientEffect = min(1, r.logNormal(0.7, 0.2))
		emergencyEffect = min(1, r.logNormal(0.72, 0.2))
	}
	effect := func(d day, after float64) float64 {
		if d < index {
			return 1
		}
		return after
	}

	var encounters []encounter
	// A peer bridger meets people on the ward: each spell starts during a
	// psychiatric stay.
	var wardStays []encounter
	if prog.meetsOnWard {
		for _, e := range p.enrollments {
			if e.program != "" {
				continue // a step-down to community support, not met on the ward
			}
			admit := e.from - day(r.between(2, 12))
			if admit < historyFrom || len(wardStays) > 0 && admit <= wardStays[len(wardStays)-1].discharge+1 {
				continue
			}
			stay := t.stay(settingInpatientPsych, admit)
			stay.discharge = max(stay.discharge, e.from+day(r.between(0, 6)))
			if stay.discharge > dataThrough {
				stay.discharge = noEnd
				stay.paidCents = -1
			}
			wardStays = append(wardStays, stay)
			if admit > historyFrom && r.chance(0.5) {
				encounters = append(encounters, t.visit(settingEmergency, admit-1))
			}
		}
		encounters = append(encounters, wardStays...)
	}

	inpatientRate := prog.inpatientPerYear * risk
	crisisRate := 0.12 * risk
	if rate := inpatientRate + crisisRate; rate > 0 {
		meanGap := 365 / rate
		d := historyFrom + day(r.spacing(meanGap))
	episodes:
		for d <= dataThrough {
			if !r.chance(effect(d, inpatientEffect)) {
				d += 1 + day(r.spacing(meanGap))
				continue
			}
			episode := t.episode(d, crisisRate/rate)
			first, last := episode[0].admit-1, episode[len(episode)-1].discharge
			for _, w := range wardStays {
				if first <= w.discharge && w.admit <= last+1 {
					if w.discharge == noEnd {
						break episodes
					}
					d = w.discharge + 1 + day(r.spacing(meanGap))
					continue episodes
				}
			}
			encounters = append(encounters, episode...)
			if last == noEnd {
				break
			}
			if episode[len(episode)-1].setting == settingInpatientPsych {
				switch u := r.Float64(); {
				case u < followUpWithinWeekChance:
					encounters = t.appendVisit(encounters, settingOutpatient, last+day(r.between(1, 7)))
				case u < followUpWithinWeekChance+followUpWithinMonthChance:
					encounters = t.appendVisit(encounters, settingOutpatient, last+day(r.between(8, 30)))
				}
			}
			if episode[0].setting != settingCrisisResidential && r.chance(0.15) {
				d = last + day(r.between(2, 30)) // readmitted within 30 days
				continue
			}
			d = last + 1 + day(r.spacing(meanGap))
		}
	}

	stays := slices.Clone(encounters)
	inStay := func(d day) bool {
		for _, s := range stays {
			if s.isStay() && s.admit < d && d < s.discharge {
				return true
			}
		}
		return false
	}
	if rate := (0.6 + prog.inpatientPerYear) * risk; rate > 0 {
		for d := historyFrom + day(r.spacing(365/rate)); d <= dataThrough; d += 1 + day(r.spacing(365/rate)) {
			if r.chance(effect(d, emergencyEffect)) && !inStay(d) {
				encounters = append(encounters, t.visit(settingEmergency, d))
			}
		}
	}
	clinicRate := 2 * r.logNormal(1, 0.5)
	for d := historyFrom + day(r.exp(365/clinicRate)); d <= dataThrough; d += 1 + day(r.exp(365/clinicRate)) {
		if !inStay(d) {
			encounters = append(encounters, t.visit(settingOutpatient, d))
		}
	}

	slices.SortStableFunc(encounters, func(a, b encounter) int {
		if a.admit != b.admit {
			return int(a.admit - b.admit)
		}
		return settingOrder(a.setting) - settingOrder(b.setting)
	})
	for _, e := range encounters {
		t.writeEncounter(g, p, e)
	}
}

func settingOrder(setting string) int {
	switch setting {
	case settingEmergency:
		return 0
	case settingOutpatient:
		return 1
	}
	return 2
}

// episode is an admission starting on admit: the stay, now and then a
// transfer to a second stay, and often an emergency visit that led to it.
func (t *team) episode(admit day, crisisShare float64) []encounter {
	r := t.draws.hospital
	prog := t.program
	var setting string
	switch u := r.Float64(); {
	case u < crisisShare:
		setting = settingCrisisResidential
	case r.chance(prog.detoxShare):
		setting = settingDetox
	case r.chance(0.3):
		setting = settingInpatientMedical
	default:
		setting = settingInpatientPsych
	}
	stay := t.stay(setting, admit)
	var episode []encounter
	if stay.planned != yes && admit > historyFrom {
		switch u := r.Float64(); {
		case u < 0.45:
			episode = append(episode, t.visit(settingEmergency, admit-1))
		case u < 0.65:
			episode = append(episode, t.visit(settingEmergency, admit))
		}
	}
	episode = append(episode, stay)
	if setting != settingCrisisResidential && stay.discharge != noEnd && r.chance(0.07) {
		// Transferred: the next stay starts on the discharge day or the day after.
		next := settingInpatientPsych
		if setting == settingInpatientPsych {
			next = settingInpatientMedical
		}
		if movedOn := stay.discharge + day(r.between(0, 1)); movedOn <= dataThrough {
			moved := t.stay(next, movedOn)
			moved.planned = no
			episode = append(episode, moved)
		}
	}
	return episode
}

// stay draws the length, flags and payment of a stay admitted on admit.
func (t *team) stay(setting string, admit day) encounter {
	r := t.draws.hospital
	var nights int
	planned, involuntary := false, false
	switch setting {
	case settingInpatientPsych:
		nights = min(30, max(2, int(r.logNormal(6, 0.35))))
		planned, involuntary = r.chance(0.03), r.chance(0.28)
	case settingInpatientMedical:
		nights = min(14, int(r.logNormal(3, 0.5)))
		planned = r.chance(0.15)
	case settingDetox:
		nights = r.between(3, 6)
		planned = r.chance(0.3)
	case settingCrisisResidential:
		nights = r.between(2, 10)
		planned, involuntary = r.chance(0.1), r.chance(0.05)
	}
	e := encounter{
		setting: setting, admit: admit, discharge: admit + day(nights),
		involuntary: yesNoOf(involuntary), planned: yesNoOf(planned), paidCents: -1,
	}
	if e.discharge > dataThrough {
		e.discharge = noEnd // still admitted when the feed was pulled; not yet paid
		return e
	}
	if !r.chance(0.02) {
		rates := paidRange[setting]
		e.paidCents = int64(max(1, nights)) * (rates[0] + r.Int64N(rates[1]-rates[0]+1))
	}
	return e
}

// visit is an emergency or outpatient encounter on one day.
func (t *team) visit(setting string, d day) encounter {
	e := encounter{setting: setting, admit: d, discharge: d, paidCents: -1}
	if !t.draws.hospital.chance(0.02) {
		rates := paidRange[setting]
		e.paidCents = rates[0] + t.draws.hospital.Int64N(rates[1]-rates[0]+1)
	}
	return e
}

func (t *team) appendVisit(encounters []encounter, setting string, d day) []encounter {
	if d > dataThrough {
		return encounters
	}
	return append(encounters, t.visit(setting, d))
}

func (t *team) writeEncounter(g *generator, p *participant, e encounter) {
	g.lastEncounter++
	b := g.encounters.start()
	b = appendID(b, "E", g.lastEncounter, 9)
	b = append(b, ',')
	b = appendParticipantID(b, p.number)
	b = append(b, ',')
	b = append(b, e.setting...)
	b = append(b, ',')
	b = appendDate(b, e.admit)
	b = append(b, ',')
	if e.discharge != noEnd {
		b = appendDate(b, e.discharge)
	}
	b = append(b, ',')
	b = appendYesNo(b, e.involuntary)
	b = append(b, ',')
	b = appendYesNo(b, e.planned)
	b = append(b, ',')
	if e.paidCents >= 0 {
		b = appendCents(b, e.paidCents)
	}
	g.encounters.end(b)
}

func appendYesNo(b []byte, v yesNo) []byte {
	switch v {
	case yes:
		return append(b, "true"...)
	case no:
		return append(b, "false"...)
	}
	return b
}
