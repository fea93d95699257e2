package synth

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// table is every row of one source, read back with encoding/csv (which
// also checks that each row has as many fields as the header).
type table struct {
	cols  map[string]int
	rows  [][]string
	where []string // file:line of each row
}

func (tb table) get(row []string, col string) string { return row[tb.cols[col]] }

func loadSource(t *testing.T, dir, source string) table {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, source+"*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s files in %s", source, dir)
	}
	slices.Sort(files)
	var tb table
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		records, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if tb.cols == nil {
			tb.cols = map[string]int{}
			for i, h := range records[0] {
				tb.cols[h] = i
			}
		}
		for i, r := range records[1:] {
			tb.rows = append(tb.rows, r)
			tb.where = append(tb.where, filepath.Base(path)+":"+strconv.Itoa(i+2))
		}
	}
	return tb
}

// span is an inclusive range of days; an open end is far in the future.
type span struct{ from, to time.Time }

func (s span) covers(d time.Time) bool { return !d.Before(s.from) && !d.After(s.to) }

var openEnd = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

func spanOf(t *testing.T, where, from, to string) span {
	s := span{parseDate(t, where, from), openEnd}
	if to != "" {
		s.to = parseDate(t, where, to)
		if s.to.Before(s.from) {
			t.Errorf("%s: ends %s before it starts %s", where, to, from)
		}
	}
	return s
}

// checkNoOverlap fails when two spans of one person overlap.
func checkNoOverlap(t *testing.T, what string, spans map[string][]span) {
	t.Helper()
	var ids []string
	for id := range spans {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		s := slices.Clone(spans[id])
		slices.SortFunc(s, func(a, b span) int { return a.from.Compare(b.from) })
		for i := 1; i < len(s); i++ {
			if !s[i].from.After(s[i-1].to) {
				t.Errorf("%s %s: spell from %s overlaps the one ending %s", what, id, s[i].from.Format(time.DateOnly), s[i-1].to.Format(time.DateOnly))
			}
		}
	}
}

// agencyFacts are what checkAgency saw, for tests of the agency's shape.
type agencyFacts struct {
	programs, comparisonPrograms, payers []string
	participants, enrollmentSpells       int
	reenrolled, stillEnrolled            int
	staffSpells, rehires, transfers      int
	separations                          int

	services, outsideEnrollment, weekendServices int
	edgeMinutes                                  map[int]bool
	offsetStamps, unsignedNotes, lateNotes       int
	unlinkedGoals, nonbillable                   int

	settings                                    map[string]int
	openStays, hospitalTransfers, readmissions  int
	emergencyBeforeAdmit, planned, involuntary  int
	activities                                  map[string]int
	travelWithMiles, offQuarterHour, overbilled int
	peerWorkedMinutes, peerBillableMinutes      int
	instruments                                 map[string]int
	anonymous, notApplicable                    int
	peerOutcome, comparisonOutcome              outcome
	earliestService, latestService              time.Time
}

// outcome is the hospital use of a group's outcome cohort (METRICS.md,
// simplified: inpatient bed days and emergency visits in the 180 days
// before and from the index day).
type outcome struct {
	people                                 int
	preBedDays, postBedDays, preER, postER int
}

var peerRoleSet = map[string]bool{rolePeerSpecialist: true, roleRecoveryCoach: true, roleFamilyPeerSpecialist: true, rolePeerBridger: true}

// checkAgency reads the files in dir, fails the test on any row that
// breaks DATA.md's rules or the agency's own (every service's staff spell
// covers its date, and so on), and returns what it saw.
func checkAgency(t *testing.T, dir string) agencyFacts {
	t.Helper()
	f := agencyFacts{edgeMinutes: map[int]bool{}, settings: map[string]int{}, activities: map[string]int{}, instruments: map[string]int{}}
	from, through := historyFrom.time(), dataThrough.time()

	// participants
	participants := loadSource(t, dir, "participants")
	enrollments := map[string][]span{}
	programOf := map[string]string{}
	programSet, payerSet := map[string]bool{}, map[string]bool{}
	for i, r := range participants.rows {
		where := participants.where[i]
		id := participants.get(r, "participant_id")
		s := spanOf(t, where, participants.get(r, "enrolled_on"), participants.get(r, "discharged_on"))
		enrollments[id] = append(enrollments[id], s)
		programOf[id] = participants.get(r, "program")
		programSet[programOf[id]] = true
		if p := participants.get(r, "payer"); p != "" {
			payerSet[p] = true
		}
		if s.to == openEnd {
			f.stillEnrolled++
		}
		if by := participants.get(r, "birth_year"); by != "" {
			if y, err := strconv.Atoi(by); err != nil || y < 1900 || y > 2010 {
				t.Errorf("%s: birth_year %q", where, by)
			}
		}
	}
	checkNoOverlap(t, "participant", enrollments)
	f.participants, f.enrollmentSpells = len(enrollments), len(participants.rows)
	for _, s := range enrollments {
		if len(s) > 1 {
			f.reenrolled++
		}
	}
	enrolledOn := func(id string, d time.Time) bool {
		for _, s := range enrollments[id] {
			if s.covers(d) {
				return true
			}
		}
		return false
	}

	// staff
	staff := loadSource(t, dir, "staff")
	type staffSpell struct {
		span
		role string
	}
	staffSpells := map[string][]staffSpell{}
	staffSpans := map[string][]span{}
	for i, r := range staff.rows {
		where := staff.where[i]
		id := staff.get(r, "staff_id")
		role := staff.get(r, "role")
		s := spanOf(t, where, staff.get(r, "hire_date"), staff.get(r, "termination_date"))
		staffSpells[id] = append(staffSpells[id], staffSpell{s, role})
		staffSpans[id] = append(staffSpans[id], s)
		if !slices.Contains([]string{rolePeerSpecialist, roleRecoveryCoach, roleFamilyPeerSpecialist, rolePeerBridger, roleSupervisor, roleClinician, roleAdmin, "other"}, role) {
			t.Errorf("%s: role %q", where, role)
		}
		terminated, kind := staff.get(r, "termination_date") != "", staff.get(r, "termination_type")
		if terminated != (kind != "") || terminated && !slices.Contains([]string{"voluntary", "involuntary", "other"}, kind) {
			t.Errorf("%s: termination_date %q with termination_type %q", where, staff.get(r, "termination_date"), kind)
		}
		if fte, err := strconv.ParseFloat(staff.get(r, "fte"), 64); err != nil || fte <= 0 || fte > 1.5 {
			t.Errorf("%s: fte %q", where, staff.get(r, "fte"))
		}
		if wage, err := strconv.ParseFloat(staff.get(r, "hourly_wage"), 64); err != nil || wage <= 0 {
			t.Errorf("%s: hourly_wage %q", where, staff.get(r, "hourly_wage"))
		}
		programSet[staff.get(r, "program")] = true
	}
	checkNoOverlap(t, "staff", staffSpans)
	f.staffSpells = len(staff.rows)
	for _, spells := range staffSpells {
		slices.SortFunc(spells, func(a, b staffSpell) int { return a.from.Compare(b.from) })
		for i, s := range spells {
			if s.to != openEnd {
				f.separations++
			}
			if i > 0 {
				if s.from.Sub(spells[i-1].to) <= 24*time.Hour {
					f.transfers++
					f.separations--
				} else {
					f.rehires++
				}
			}
		}
	}
	roleOn := func(id string, d time.Time) (string, bool) {
		for _, s := range staffSpells[id] {
			if s.covers(d) {
				return s.role, true
			}
		}
		return "", false
	}

	// services
	services := loadSource(t, dir, "services")
	serviceIDs := map[string]bool{}
	peerServices := map[string]int{}
	firstPeerService := map[string]time.Time{}
	ehrBillable := map[string]int{} // by staff_id and day
	f.earliestService, f.latestService = openEnd, time.Time{}
	for i, r := range services.rows {
		where := services.where[i]
		id, pid, sid := services.get(r, "service_id"), services.get(r, "participant_id"), services.get(r, "staff_id")
		if serviceIDs[id] {
			t.Errorf("%s: service_id %s repeated", where, id)
		}
		serviceIDs[id] = true
		d := parseDate(t, where, services.get(r, "service_date"))
		if !strings.HasPrefix(where, "services_"+strconv.Itoa(d.Year())+".csv") {
			t.Errorf("%s: a service of %s in the file of another year", where, services.get(r, "service_date"))
		}
		if d.Before(f.earliestService) {
			f.earliestService = d
		}
		if d.After(f.latestService) {
			f.latestService = d
		}
		if _, ok := enrollments[pid]; !ok {
			t.Errorf("%s: participant %s is not in participants.csv", where, pid)
			continue
		}
		role, ok := roleOn(sid, d)
		if !ok {
			t.Errorf("%s: no spell of staff %s covers %s", where, sid, d.Format(time.DateOnly))
			continue
		}
		minutes, err := strconv.Atoi(services.get(r, "minutes"))
		if err != nil || minutes < 1 || minutes > 1440 {
			t.Errorf("%s: minutes %q", where, services.get(r, "minutes"))
		}
		billable := services.get(r, "billable")
		if billable != "true" && billable != "false" {
			t.Errorf("%s: billable %q", where, billable)
		}
		if !enrolledOn(pid, d) {
			f.outsideEnrollment++
		}
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			f.weekendServices++
		}
		switch minutes {
		case 7, 8, 22, 23:
			f.edgeMinutes[minutes] = true
		}
		if billable == "true" {
			ehrBillable[sid+" "+services.get(r, "service_date")] += minutes
		} else {
			f.nonbillable++
		}
		if services.get(r, "goal_id") == "" {
			f.unlinkedGoals++
		}
		switch signed := services.get(r, "note_signed_at"); {
		case signed == "":
			f.unsignedNotes++
		default:
			at, err := parseTimestamp(signed)
			if err != nil {
				t.Errorf("%s: note_signed_at %q: %v", where, signed, err)
				break
			}
			if len(signed) > len("2006-01-02T15:04:05") {
				f.offsetStamps++
			}
			if at.Before(d) {
				t.Errorf("%s: note signed %s before the service on %s", where, signed, d.Format(time.DateOnly))
			}
			if at.Sub(d) > 7*24*time.Hour {
				f.lateNotes++
			}
		}
		if peerRoleSet[role] {
			peerServices[programOf[pid]]++
			if first, ok := firstPeerService[pid]; !ok || d.Before(first) {
				firstPeerService[pid] = d
			}
		}
	}
	f.services = len(services.rows)
	for _, p := range sortedKeys(programSet) {
		f.programs = append(f.programs, p)
		if peerServices[p] == 0 {
			f.comparisonPrograms = append(f.comparisonPrograms, p)
		}
	}
	f.payers = sortedKeys(payerSet)

	// encounters
	encounters := loadSource(t, dir, "encounters")
	encounterIDs := map[string]bool{}
	type stay struct {
		span
		setting string
		planned bool
	}
	stays := map[string][]stay{}
	emergencies := map[string][]time.Time{}
	for i, r := range encounters.rows {
		where := encounters.where[i]
		id, pid, setting := encounters.get(r, "encounter_id"), encounters.get(r, "participant_id"), encounters.get(r, "setting")
		if encounterIDs[id] {
			t.Errorf("%s: encounter_id %s repeated", where, id)
		}
		encounterIDs[id] = true
		if _, ok := enrollments[pid]; !ok {
			t.Errorf("%s: participant %s is not in participants.csv", where, pid)
		}
		s := spanOf(t, where, encounters.get(r, "admit_date"), encounters.get(r, "discharge_date"))
		if s.from.Before(from) || s.from.After(through) {
			t.Errorf("%s: admitted %s, outside the history", where, encounters.get(r, "admit_date"))
		}
		f.settings[setting]++
		switch setting {
		case settingEmergency:
			emergencies[pid] = append(emergencies[pid], s.from)
		case settingOutpatient:
		case settingInpatientPsych, settingInpatientMedical, settingDetox, settingCrisisResidential:
			if s.to == openEnd {
				f.openStays++
			}
			planned := encounters.get(r, "planned") == "true"
			if planned {
				f.planned++
			}
			if encounters.get(r, "involuntary") == "true" {
				f.involuntary++
			}
			stays[pid] = append(stays[pid], stay{s, setting, planned})
		default:
			t.Errorf("%s: setting %q", where, setting)
		}
	}
	inpatient := func(s stay) bool { return s.setting != settingCrisisResidential }
	for pid, list := range stays {
		var hospital []stay
		for _, s := range list {
			if inpatient(s) {
				hospital = append(hospital, s)
			}
		}
		for i := 1; i < len(hospital); i++ {
			gap := hospital[i].from.Sub(hospital[i-1].to)
			switch {
			case gap <= 24*time.Hour:
				f.hospitalTransfers++
			case gap <= 30*24*time.Hour && !hospital[i].planned:
				f.readmissions++
			}
		}
		for _, e := range emergencies[pid] {
			for _, s := range hospital {
				if e.Equal(s.from.AddDate(0, 0, -1)) {
					f.emergencyBeforeAdmit++
				}
			}
		}
	}

	// timesheets
	timesheets := loadSource(t, dir, "timesheets")
	tsBillable := map[string]int{}
	for i, r := range timesheets.rows {
		where := timesheets.where[i]
		sid, date := timesheets.get(r, "staff_id"), timesheets.get(r, "work_date")
		d := parseDate(t, where, date)
		if !strings.HasPrefix(where, "timesheets_"+strconv.Itoa(d.Year())+".csv") {
			t.Errorf("%s: an entry of %s in the file of another year", where, date)
		}
		role, ok := roleOn(sid, d)
		if !ok {
			t.Errorf("%s: no spell of staff %s covers %s", where, sid, date)
			continue
		}
		activity := timesheets.get(r, "activity")
		if !slices.Contains([]string{activityDirectService, activityDocumentation, activityTravel, activitySupervision, activityTraining, activityMeeting, activityAdmin, activityOther, activityLeave}, activity) {
			t.Errorf("%s: activity %q", where, activity)
		}
		f.activities[activity]++
		minutes, err := strconv.Atoi(timesheets.get(r, "minutes"))
		if err != nil || minutes < 1 || minutes > 1440 {
			t.Errorf("%s: minutes %q", where, timesheets.get(r, "minutes"))
		}
		if minutes%15 != 0 {
			f.offQuarterHour++
		}
		if activity == activityTravel && timesheets.get(r, "miles") != "" {
			f.travelWithMiles++
		}
		billable := timesheets.get(r, "billable") == "true"
		if activity != activityLeave && peerRoleSet[role] {
			f.peerWorkedMinutes += minutes
			if billable {
				f.peerBillableMinutes += minutes
			}
		}
		if billable && activity != activityLeave {
			tsBillable[sid+" "+date] += minutes
		}
	}
	for key, minutes := range ehrBillable {
		if minutes-tsBillable[key] > 15 {
			f.overbilled++
		}
	}

	// surveys
	surveys := loadSource(t, dir, "surveys")
	for i, r := range surveys.rows {
		where := surveys.where[i]
		instrument := surveys.get(r, "instrument")
		f.instruments[instrument]++
		if surveys.get(r, "program") == "" {
			t.Errorf("%s: no program", where)
		}
		d := parseDate(t, where, surveys.get(r, "survey_date"))
		if d.Before(from) || d.After(through) {
			t.Errorf("%s: surveyed %s, outside the history", where, surveys.get(r, "survey_date"))
		}
		switch pid := surveys.get(r, "participant_id"); {
		case pid == "":
			f.anonymous++
		case enrollments[pid] == nil:
			t.Errorf("%s: participant %s is not in participants.csv", where, pid)
		}
		items, na := mhsipItems, mhsipNA
		if instrument == peerExperience {
			items, na = peerItems, peerNA
		}
		for q := 1; q <= mhsipItems; q++ {
			answer := surveys.get(r, "q"+strconv.Itoa(q))
			if answer == "" {
				continue
			}
			v, err := strconv.Atoi(answer)
			switch {
			case q > items:
				t.Errorf("%s: q%d answered on %s, which has %d items", where, q, instrument, items)
			case err == nil && v == na:
				f.notApplicable++
			case err != nil || v < 1 || v > 5:
				t.Errorf("%s: q%d = %q is outside the 1-5 scale", where, q, answer)
			}
		}
	}

	// Hospital use before and after the index day of people whose index
	// falls in the reporting period.
	const window = 180
	for pid, spells := range enrollments {
		index, peer := firstPeerService[pid]
		if !peer {
			index = slices.MinFunc(spells, func(a, b span) int { return a.from.Compare(b.from) }).from
		}
		if index.Before(periodStart.time()) || index.After(periodEnd.time()) ||
			index.AddDate(0, 0, -window).Before(from) || index.AddDate(0, 0, window-1).After(through) {
			continue
		}
		o := &f.comparisonOutcome
		if peer {
			o = &f.peerOutcome
		}
		o.people++
		admits := map[time.Time]bool{}
		nights := map[time.Time]bool{}
		for _, s := range stays[pid] {
			if !inpatient(s) {
				continue
			}
			admits[s.from] = true
			if s.covers(index) {
				continue // ongoing on the index day: counted in neither window
			}
			last := s.to.AddDate(0, 0, -1)
			if s.to.Equal(s.from) {
				last = s.from
			}
			for n := s.from; !n.After(last) && !n.After(through); n = n.AddDate(0, 0, 1) {
				nights[n] = true
			}
		}
		for n := range nights {
			switch days := int(n.Sub(index).Hours() / 24); {
			case days >= -window && days < 0:
				o.preBedDays++
			case days >= 0 && days < window:
				o.postBedDays++
			}
		}
		visits := map[time.Time]bool{}
		for _, e := range emergencies[pid] {
			if !admits[e] && !admits[e.AddDate(0, 0, 1)] {
				visits[e] = true
			}
		}
		for e := range visits {
			switch days := int(e.Sub(index).Hours() / 24); {
			case days >= -window && days < 0:
				o.preER++
			case days >= 0 && days < window:
				o.postER++
			}
		}
	}
	return f
}

func parseTimestamp(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04:05-07:00", "2006-01-02 15:04"} {
		if at, err := time.Parse(layout, s); err == nil {
			return time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC), nil
		}
	}
	return time.Time{}, fmt.Errorf("not a timestamp DATA.md accepts")
}

func sortedKeys(set map[string]bool) []string {
	var keys []string
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestRowsFollowTheRules checks every row of agencies of several sizes.
func TestRowsFollowTheRules(t *testing.T) {
	tests := []struct {
		name string
		opts Options
	}{
		{"one participant", Options{Participants: 1, Seed: 1}},
		{"small", Options{Participants: 60, Seed: 5}},
		{"defaults", DefaultOptions},
		{"two thousand", Options{Participants: 2000, Seed: 11}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := checkAgency(t, generate(t, tt.opts))
			if f.participants != tt.opts.Participants {
				t.Errorf("%d participants, want %d", f.participants, tt.opts.Participants)
			}
			if !slices.Contains(f.comparisonPrograms, "Care Coordination") && f.participants >= 10 {
				t.Errorf("programs without peer services: %v, want Care Coordination among them", f.comparisonPrograms)
			}
		})
	}
}

// TestDefaultAgencyShape pins what the sample agency must show (issue 2):
// the patterns every metric needs to have something to count.
func TestDefaultAgencyShape(t *testing.T) {
	f := checkAgency(t, generate(t, DefaultOptions))
	atLeast := func(what string, got, want int) {
		t.Helper()
		if got < want {
			t.Errorf("%s: got %d, want at least %d", what, got, want)
		}
	}
	between := func(what string, got, lo, hi int) {
		t.Helper()
		if got < lo || got > hi {
			t.Errorf("%s: got %d, want %d to %d", what, got, lo, hi)
		}
	}
	between("programs", len(f.programs), 3, 5)
	if len(f.comparisonPrograms) != 1 || f.comparisonPrograms[0] != "Care Coordination" {
		t.Errorf("programs without peer services: %v, want [Care Coordination]", f.comparisonPrograms)
	}
	between("payers", len(f.payers), 2, 3)
	between("participants", f.participants, 1000, 1000)
	atLeast("re-enrolled participants", f.reenrolled, 20)
	atLeast("enrollment spells", f.enrollmentSpells, f.participants+f.reenrolled)
	atLeast("participants still enrolled", f.stillEnrolled, 50)
	between("staff spells", f.staffSpells, 30, 55)
	atLeast("rehires", f.rehires, 1)
	atLeast("transfers", f.transfers, 1)
	atLeast("separations", f.separations, 8)

	between("services", f.services, 8000, 30000)
	atLeast("services outside enrollment", f.outsideEnrollment, 5)
	if f.outsideEnrollment*50 > f.services {
		t.Errorf("%d of %d services outside enrollment, want a few", f.outsideEnrollment, f.services)
	}
	atLeast("weekend services", f.weekendServices, 50)
	between("service lengths of 7, 8, 22 and 23 minutes present", len(f.edgeMinutes), 4, 4)
	atLeast("note timestamps with a UTC offset", f.offsetStamps, 50)
	atLeast("unsigned notes", f.unsignedNotes, 50)
	atLeast("notes signed more than a week late", f.lateNotes, 50)
	atLeast("services without a goal", f.unlinkedGoals, 50)
	atLeast("non-billable services", f.nonbillable, 50)
	if f.earliestService.Before(historyFrom.time()) || f.latestService.After(dataThrough.time()) {
		t.Errorf("services from %v to %v, want inside the history", f.earliestService, f.latestService)
	}

	for _, s := range []string{settingInpatientPsych, settingInpatientMedical, settingDetox, settingCrisisResidential, settingEmergency, settingOutpatient} {
		atLeast(s+" encounters", f.settings[s], 10)
	}
	atLeast("open stays", f.openStays, 1)
	atLeast("hospital transfers", f.hospitalTransfers, 5)
	atLeast("readmissions within 30 days", f.readmissions, 10)
	atLeast("emergency visits the day before an admission", f.emergencyBeforeAdmit, 20)
	atLeast("planned stays", f.planned, 10)
	atLeast("involuntary stays", f.involuntary, 10)

	for _, a := range []string{activityDirectService, activityDocumentation, activityTravel, activitySupervision, activityTraining, activityMeeting, activityAdmin, activityOther, activityLeave} {
		atLeast(a+" timesheet entries", f.activities[a], 10)
	}
	if f.travelWithMiles != f.activities[activityTravel] {
		t.Errorf("%d of %d travel entries have miles, want all", f.travelWithMiles, f.activities[activityTravel])
	}
	atLeast("entries off the quarter hour", f.offQuarterHour, 10)
	atLeast("staff-days the EHR exceeds the timesheet by more than 15 minutes", f.overbilled, 10)
	if ratio := float64(f.peerWorkedMinutes) / float64(f.peerBillableMinutes); ratio < 1.7 || ratio > 2.6 {
		t.Errorf("peer staff work %.2f hours per billable hour, want about 2", ratio)
	}

	atLeast("mhsip_adult responses", f.instruments[mhsipAdult], 50)
	atLeast("peer_experience responses", f.instruments[peerExperience], 50)
	atLeast("anonymous responses", f.anonymous, 20)
	atLeast("N/A answers", f.notApplicable, 20)

	// The before/after figures show a reduction for people served by peers.
	peer, comparison := f.peerOutcome, f.comparisonOutcome
	atLeast("peer outcome cohort", peer.people, 50)
	atLeast("comparison outcome cohort", comparison.people, 30)
	if peer.postBedDays >= peer.preBedDays || peer.postER >= peer.preER {
		t.Errorf("peer cohort bed days %d -> %d, emergency visits %d -> %d: want fewer after the first peer service", peer.preBedDays, peer.postBedDays, peer.preER, peer.postER)
	}
	perPerson := func(o outcome) float64 { return float64(o.postBedDays-o.preBedDays) / float64(o.people) }
	if did := perPerson(peer) - perPerson(comparison); did >= 0 {
		t.Errorf("difference in differences of bed days per person = %.2f, want below 0", did)
	}
}

// TestComparisonGroupNeverSeesPeers holds for any seed: the comparison
// program has no peer staff.
func TestComparisonGroupNeverSeesPeers(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		f := checkAgency(t, generate(t, Options{Participants: 400, Seed: seed}))
		if !slices.Contains(f.comparisonPrograms, "Care Coordination") {
			t.Errorf("seed %d: Care Coordination has peer services", seed)
		}
	}
}
