package synth

import "strconv"

// Timesheet activities (DATA.md).
const (
	activityDirectService = "direct_service"
	activityDocumentation = "documentation"
	activityTravel        = "travel"
	activitySupervision   = "supervision"
	activityTraining      = "training"
	activityMeeting       = "meeting"
	activityAdmin         = "admin"
	activityOther         = "other"
	activityLeave         = "leave"
)

// timeEntry is one timesheet row.
type timeEntry struct {
	activity string
	minutes  int
	billable bool
	miles    int // tenths of a mile; 0 = blank
}

// writeTimesheets writes every entry of the team's staff, day by day. A
// worked day's billable direct-service time follows the EHR minutes of
// that day's billable services, rounded to the quarter hour; around it
// go documentation, travel, supervision, meetings, training and admin, so
// peer staff work about two hours for each billable hour. Paid time off
// and holidays are leave.
func (t *team) writeTimesheets(g *generator) {
	var entries []timeEntry
	for i := range t.spells {
		sp := &t.spells[i]
		for d := max(sp.hire, historyFrom); d <= min(sp.end, dataThrough); d++ {
			entries = entries[:0]
			switch sp.status[d-historyFrom] {
			case statusOff:
				continue
			case statusLeave, statusHoliday:
				entries = append(entries, timeEntry{activity: activityLeave, minutes: sp.dailyMinutes, billable: t.draws.timesheets.chance(0.002)})
			case statusWork:
				entries = t.workday(entries, sp, d)
			}
			out := g.timesheetFile(d)
			for _, e := range entries {
				b := out.start()
				b = appendStaffID(b, sp.staffNumber)
				b = append(b, ',')
				b = appendDate(b, d)
				b = append(b, ',')
				b = append(b, e.activity...)
				b = append(b, ',')
				b = strconv.AppendInt(b, int64(e.minutes), 10)
				b = append(b, ',')
				b = appendBool(b, e.billable)
				b = append(b, ',')
				if e.miles > 0 {
					b = appendTenths(b, e.miles)
				}
				out.end(b)
			}
		}
	}
}

// workday lists the entries of a day at work.
func (t *team) workday(entries []timeEntry, sp *staffSpell, d day) []timeEntry {
	r := t.draws.timesheets
	i := d - historyFrom
	billableMinutes := int(sp.billableMinutes[i])
	nonbillableMinutes := int(sp.nonbillableMinutes[i])
	services := int(sp.servicesDelivered[i])
	add := func(activity string, minutes int, billable bool) {
		if minutes <= 0 {
			return
		}
		if activity != activityDirectService && r.chance(0.03) {
			minutes += r.between(1, 14) // not on the quarter hour
		}
		entries = append(entries, timeEntry{activity: activity, minutes: minutes, billable: billable})
	}

	if billableMinutes > 0 {
		recorded := max(15, roundToQuarterHour(billableMinutes))
		switch {
		case r.chance(0.05):
			recorded = billableMinutes // the exact EHR minutes, off the quarter hour
		case r.chance(0.02):
			recorded -= r.between(2, 6) * 15 // time not entered: the EHR shows more than the timesheet
		}
		if recorded > 120 && r.chance(0.6) {
			morning := roundToQuarterHour(recorded / 2)
			add(activityDirectService, morning, true)
			recorded -= morning
		}
		add(activityDirectService, recorded, true)
	}
	if nonbillableMinutes > 0 {
		add(activityDirectService, max(15, roundToQuarterHour(nonbillableMinutes)), false)
	}
	switch {
	case services > 0:
		add(activityDocumentation, max(15, roundToQuarterHour(billableMinutes*20/100+r.between(0, 15))), r.chance(0.004))
	case r.chance(0.3):
		add(activityDocumentation, r.between(1, 3)*15, false)
	}
	if services > 0 && sp.role != roleSupervisor && r.chance(0.5) {
		minutes := roundToQuarterHour(r.between(15, 15*services+15))
		entries = append(entries, timeEntry{activity: activityTravel, minutes: minutes, miles: max(5, minutes*5+r.between(-50, 50))})
	}
	switch sp.role {
	case roleSupervisor:
		add(activitySupervision, r.between(4, 8)*15, false)
	case roleAdmin:
	default:
		if d.weekday() == sp.supervisionDay {
			add(activitySupervision, 60, false)
		}
	}
	if d.weekday() == t.meetingDay {
		add(activityMeeting, 60, false)
	}
	if r.chance(0.03) {
		add(activityTraining, r.between(8, 24)*15, false)
	}
	switch sp.role {
	case roleAdmin, roleSupervisor:
		// Office staff fill their scheduled day.
		worked := 0
		for _, e := range entries {
			worked += e.minutes
		}
		add(activityAdmin, max(30, sp.dailyMinutes-worked-r.between(0, 2)*15), false)
	default:
		if r.chance(0.5) {
			add(activityAdmin, r.between(1, 3)*15, false)
		}
	}
	if r.chance(0.02) {
		add(activityOther, r.between(1, 4)*15, false)
	}
	if services == 0 && sp.role != roleAdmin && sp.role != roleSupervisor {
		// No one seen today: outreach calls, catching up on notes, paperwork.
		add(activityOther, r.between(1, 4)*15, false)
	}
	if r.chance(0.01) {
		add(activityLeave, sp.dailyMinutes/2, false) // left early, sick
	}
	return entries
}
