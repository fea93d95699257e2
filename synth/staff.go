package synth

import (
	"math"
	"slices"
	"time"
)

// staffSpell is one row of staff.csv: one person's employment in one
// position, from hire to termination.
type staffSpell struct {
	staffNumber     int
	role            string
	seat            int // index of the team position the spell fills
	hire, end       day // end is the last day employed; noEnd while employed
	terminationType string
	fte             fteChoice
	wageCents       int64
	workdays        [7]bool // scheduled weekdays
	dailyMinutes    int     // paid minutes of a scheduled day
	supervisionDay  time.Weekday

	// Documentation habits: the chance a note names a goal and the chance
	// it is signed within a day or two.
	goalLinkRate, promptSigning float64

	// Per day of history (index = day - historyFrom): whether the person
	// works, is on leave or is off, and the minutes of services the EHR
	// shows them delivering that day.
	status             []dayStatus
	billableMinutes    []int32
	nonbillableMinutes []int32
	servicesDelivered  []uint8

	// transfer: the spell ends the day before the same person's next one.
	transfer bool
}

type dayStatus uint8

const (
	statusOff     dayStatus = iota // not employed or not scheduled
	statusWork                     // at work
	statusLeave                    // scheduled but on paid time off
	statusHoliday                  // scheduled on a federal holiday: holiday pay
)

type fteChoice struct {
	hundredths int
	text       string
	workdays   int
}

var (
	fteFull         = fteChoice{100, "1", 5}
	fteFourDays     = fteChoice{80, "0.8", 4}
	fteThreeQuarter = fteChoice{75, "0.75", 4}
	fteThreeDays    = fteChoice{60, "0.6", 3}
	fteHalf         = fteChoice{50, "0.5", 3}
)

// Annual chance of leaving, by role: peer roles turn over fastest.
func separationRate(role string) float64 {
	switch {
	case isPeerRole(role):
		return 0.38
	case role == roleClinician:
		return 0.22
	default:
		return 0.12
	}
}

// hourlyWage range in cents, by role.
func wageRange(role string) (lo, hi int64) {
	switch role {
	case rolePeerSpecialist:
		return 1850, 2200
	case roleRecoveryCoach:
		return 1800, 2150
	case roleFamilyPeerSpecialist:
		return 1900, 2250
	case rolePeerBridger:
		return 2000, 2400
	case roleClinician:
		return 2900, 3800
	case roleSupervisor:
		return 2700, 3300
	default:
		return 1900, 2400
	}
}

// seat is a position on a team and who holds it now.
type seat struct {
	role     string
	occupant int // index in team.spells, or -1 while vacant
	fillOn   day // when vacant: the day the next hire starts
}

// staffTeam simulates hires, separations, rehires and promotions on the
// team's positions from history start to data_through.
func (t *team) staffTeam(g *generator) {
	r := t.draws.staffing
	prog := t.program
	positions := max(2, int(math.Round(float64(t.participants)/participantsPerPosition)))
	seats := []seat{{role: roleSupervisor}}
	for range positions - 1 {
		seats = append(seats, seat{role: prog.serviceRole})
	}
	if prog.name == programs[0].name && t.indexInProgram%2 == 0 {
		seats = append(seats, seat{role: roleAdmin})
	}
	var opensLater []int
	if r.chance(0.4) {
		// The team grows by one position during the history.
		seats = append(seats, seat{role: prog.serviceRole})
		opensLater = append(opensLater, len(seats)-1)
	}

	for i := range seats {
		s := &seats[i]
		if slices.Contains(opensLater, i) {
			s.occupant = -1
			s.fillOn = r.dayBetween(dayOf(2023, time.April, 1), dayOf(2024, time.December, 31))
			continue
		}
		meanDays := 365 / separationRate(s.role)
		longest := float64(historyFrom - earliestHire - 1)
		tenure := r.exp(meanDays)
		if tenure > longest {
			tenure = r.Float64() * longest
		}
		hire := historyFrom - 1 - day(tenure)
		end := historyFrom + day(r.exp(meanDays))
		s.occupant = t.addSpell(g.newStaffNumber(), s.role, i, hire, end)
	}

	// Some teams lose their supervisor during the history and promote a
	// peer into the job: the peer's spell ends the day before the new one
	// starts (a transfer, not a separation).
	forcePromotion := t.index%5 == 0
	if forcePromotion {
		sup := &t.spells[seats[0].occupant]
		latest := r.dayBetween(dayOf(2023, time.September, 1), dayOf(2024, time.December, 31))
		sup.end = min(sup.end, latest)
	}

	type former struct {
		staffNumber int
		role        string
		leftOn      day
	}
	var formerStaff []former // left voluntarily; may come back
	rehired := false

	for {
		// The next event: a spell ending or a vacancy being filled.
		next, on, ending := -1, day(0), false
		for i, s := range seats {
			var d day
			if s.occupant >= 0 {
				d = t.spells[s.occupant].end
			} else {
				d = s.fillOn
			}
			if d <= dataThrough && (next < 0 || d < on) {
				next, on, ending = i, d, s.occupant >= 0
			}
		}
		if next < 0 {
			break
		}
		s := &seats[next]
		if !ending {
			// Fill the vacancy: a new face, or now and then someone coming back.
			staffNumber := -1
			for k, f := range formerStaff {
				comeBack := 0.12
				if !rehired {
					comeBack = 0.4
				}
				if f.role == s.role && f.leftOn < on-30 && r.chance(comeBack) {
					staffNumber = f.staffNumber
					formerStaff = slices.Delete(formerStaff, k, k+1)
					rehired = true
					break
				}
			}
			if staffNumber < 0 {
				staffNumber = g.newStaffNumber()
			}
			s.occupant = t.addSpell(staffNumber, s.role, next, on, t.newHireEnd(on, s.role))
			continue
		}

		leaving := &t.spells[s.occupant]
		s.occupant = -1
		s.fillOn = on + 1 + day(r.between(14, 75))
		if leaving.transfer {
			continue // the person already holds their next spell
		}
		leaving.terminationType = r.pickString([]string{"voluntary", "involuntary", "other"}, []float64{0.74, 0.19, 0.07})
		if leaving.terminationType == "voluntary" {
			formerStaff = append(formerStaff, former{leaving.staffNumber, leaving.role, on})
		}
		if s.role != roleSupervisor || !(forcePromotion || r.chance(0.5)) {
			continue
		}
		forcePromotion = false
		startsOn := on + 1 + day(r.between(0, 21))
		if startsOn > dataThrough {
			continue
		}
		candidate := -1
		for _, other := range seats {
			if other.occupant < 0 || other.role == roleAdmin || other.role == roleSupervisor {
				continue
			}
			c := &t.spells[other.occupant]
			if c.hire <= startsOn-180 && c.end > startsOn+30 && (candidate < 0 || c.hire < t.spells[candidate].hire) {
				candidate = other.occupant
			}
		}
		if candidate < 0 {
			continue
		}
		c := &t.spells[candidate]
		c.end = startsOn - 1
		c.terminationType = "other"
		c.transfer = true
		s.occupant = t.addSpell(c.staffNumber, roleSupervisor, next, startsOn, t.newHireEnd(startsOn, roleSupervisor))
	}

	for i := range t.spells {
		if t.spells[i].end > dataThrough {
			t.spells[i].end = noEnd
			t.spells[i].terminationType = ""
		}
	}
	slices.SortStableFunc(t.spells, func(a, b staffSpell) int {
		if a.staffNumber != b.staffNumber {
			return a.staffNumber - b.staffNumber
		}
		return int(a.hire - b.hire)
	})
	t.spellsBySeat = make([][]int, len(seats))
	for i := range t.spells {
		sp := &t.spells[i]
		t.spellsBySeat[sp.seat] = append(t.spellsBySeat[sp.seat], i)
		t.scheduleDays(sp)
	}
	t.seatRoles = make([]string, len(seats))
	for i, s := range seats {
		t.seatRoles[i] = s.role
	}
}

// newHireEnd draws how long a new hire stays: some leave in the first
// three months, the rest at the role's usual rate.
func (t *team) newHireEnd(hire day, role string) day {
	if t.draws.staffing.chance(0.1) {
		return hire + day(t.draws.staffing.between(14, 89))
	}
	return hire + 1 + day(t.draws.staffing.exp(365/separationRate(role)))
}

func (t *team) addSpell(staffNumber int, role string, seat int, hire, end day) int {
	r := t.draws.staffing
	sp := staffSpell{staffNumber: staffNumber, role: role, seat: seat, hire: hire, end: end}
	switch {
	case role == roleSupervisor:
		sp.fte = fteFull
	case role == roleClinician:
		sp.fte = r.pickFTE([]fteChoice{fteFull, fteFourDays}, []float64{0.8, 0.2})
	case role == roleAdmin:
		sp.fte = r.pickFTE([]fteChoice{fteFull, fteHalf}, []float64{0.7, 0.3})
	default:
		sp.fte = r.pickFTE([]fteChoice{fteFull, fteFourDays, fteThreeQuarter, fteThreeDays, fteHalf}, []float64{0.45, 0.15, 0.1, 0.15, 0.15})
	}
	lo, hi := wageRange(role)
	sp.wageCents = lo + int64(r.IntN(int(hi-lo+1)))
	for _, prev := range t.spells {
		if prev.staffNumber == staffNumber {
			sp.wageCents = max(sp.wageCents, prev.wageCents+50) // rehired or promoted: paid at least a little more
		}
	}

	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	r.Shuffle(len(weekdays), func(i, j int) { weekdays[i], weekdays[j] = weekdays[j], weekdays[i] })
	scheduled := weekdays[:sp.fte.workdays]
	if isPeerRole(role) && r.chance(t.program.weekendChance) {
		if r.chance(0.6) {
			scheduled[0] = time.Saturday
		} else {
			scheduled[0] = time.Sunday
		}
	}
	for _, wd := range scheduled {
		sp.workdays[wd] = true
	}
	sp.supervisionDay = scheduled[r.IntN(len(scheduled))]
	sp.dailyMinutes = roundToQuarterHour(sp.fte.hundredths * 24 / sp.fte.workdays)
	sp.goalLinkRate = 0.78 + 0.2*r.Float64()
	sp.promptSigning = 0.7 + 0.27*r.Float64()
	t.spells = append(t.spells, sp)
	return len(t.spells) - 1
}

// scheduleDays marks, for each day of history, whether the person works,
// is on leave (a few runs of days a year) or has a holiday.
func (t *team) scheduleDays(sp *staffSpell) {
	days := int(dataThrough-historyFrom) + 1
	sp.status = make([]dayStatus, days)
	sp.billableMinutes = make([]int32, days)
	sp.nonbillableMinutes = make([]int32, days)
	sp.servicesDelivered = make([]uint8, days)
	leaveLeft := 0
	for d := max(sp.hire, historyFrom); d <= min(sp.end, dataThrough); d++ {
		if !sp.workdays[d.weekday()] {
			continue
		}
		i := d - historyFrom
		switch {
		case isHoliday(d):
			sp.status[i] = statusHoliday
		case leaveLeft > 0:
			sp.status[i] = statusLeave
			leaveLeft--
		case t.draws.staffing.chance(0.03):
			sp.status[i] = statusLeave
			leaveLeft = min(t.draws.staffing.geometric(0.45), 9)
		default:
			sp.status[i] = statusWork
		}
	}
}

func (sp *staffSpell) worksOn(d day) bool {
	return d >= historyFrom && d <= dataThrough && sp.status[d-historyFrom] == statusWork
}

func roundToQuarterHour(minutes int) int {
	return (minutes + 7) / 15 * 15
}
