// Package synth writes a synthetic peer-support agency in the input format
// of DATA.md: participants, staff, services and timesheets (one file per
// calendar year), encounters, surveys, assessments and a peerstat.toml, so peerstat can
// be tried, tested and benchmarked without anyone's health records.
//
// The agency, Riverbend Peer Network, has five programs; Care Coordination
// is the comparison group, served by clinicians only. Its history runs from
// 2023-01-01 to 2025-08-31 and its reporting period is fiscal year 2025
// (2024-07-01 to 2025-06-30). The files carry the patterns the metrics look
// for: staff turnover with rehires and a promotion (a transfer), re-enrolled
// participants, notes signed late or not at all, services outside
// enrollment, EHR minutes above the timesheet, hospital stays with
// transfers, readmissions and emergency visits the day before admission,
// and a modest, noisy fall in hospital use after a person's first peer
// service that the comparison program does not show.
//
// The same Options always give byte-identical files: every draw comes from
// a PCG stream seeded by Options.Seed, dates are fixed calendar dates (never
// the clock) and nothing is read from a map in random order. Rows are
// generated one team and one participant at a time and streamed to the
// files, so memory stays bounded however many participants are asked for.
//
// synth does not model any real agency or population, does not write the
// other formats peerstat reads (xlsx, parquet, tsv, gzip) and does not
// produce rejects on purpose: every row it writes follows DATA.md's rules,
// and its data-quality findings (late notes, services outside enrollment,
// odd timesheet minutes) are rows a loader keeps.
package synth

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/peerstat/peerstat/internal/progress"
)

// Options says how big an agency to write and from which seed.
type Options struct {
	// Participants is the number of people served (distinct
	// participant_ids); staff, services and every other file scale with it.
	Participants int
	// Seed selects the agency: the same seed writes the same bytes.
	Seed uint64
	// Progress, when set (to a terminal), shows a bar while the teams are
	// written. It changes nothing in the files.
	Progress io.Writer
}

// DefaultOptions are the options of sample_data/.
var DefaultOptions = Options{Participants: 1000, Seed: 1}

// FileRows is the number of data rows (the header not counted) written to
// one file.
type FileRows struct {
	Name string
	Rows int
}

// Summary lists the data files written, in the order they were opened;
// ConfigFile is written beside them.
type Summary struct {
	Files []FileRows
}

// Rows is the number of rows written to the files whose names start with
// source (e.g. "services" counts every services_YYYY.csv).
func (s Summary) Rows(source string) int {
	n := 0
	for _, f := range s.Files {
		if strings.HasPrefix(f.Name, source) {
			n += f.Rows
		}
	}
	return n
}

// ConfigFile is the name of the config written beside the data.
const ConfigFile = "peerstat.toml"

// Generate writes the agency into dir, creating it (mode 0700) when
// missing. Files are created mode 0600 and replace files of the same name;
// other files in dir are left alone.
func Generate(dir string, opts Options) (Summary, error) {
	if opts.Participants < 1 {
		return Summary{}, fmt.Errorf("the number of participants must be at least 1, not %d", opts.Participants)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return Summary{}, err
	}
	g := &generator{opts: opts}
	if err := g.open(dir); err != nil {
		g.closeAll()
		return Summary{}, err
	}
	plans := planTeams(opts)
	bar := progress.New(opts.Progress, "writing the agency", len(plans))
	for i, plan := range plans {
		bar.Step(i, fmt.Sprintf("team %d of %d", i+1, len(plans)))
		g.generateTeam(plan) // the team's staff and day tables are dropped once it is written
	}
	bar.Done()
	var summary Summary
	for _, f := range g.files() {
		summary.Files = append(summary.Files, FileRows{f.name, f.rows})
	}
	if err := g.closeAll(); err != nil {
		return Summary{}, err
	}
	if err := writeConfig(dir, opts); err != nil {
		return Summary{}, err
	}
	return summary, nil
}

// generator holds the open files and the running id counters.
type generator struct {
	opts Options

	participants, staff, encounters, surveys, assessments *csvFile
	services, timesheets                                  []*csvFile // one per history year

	lastStaff, lastParticipant, lastService, lastEncounter, lastResponse, lastAssessment int
}

func (g *generator) open(dir string) error {
	var err error
	create := func(name string, header []string) *csvFile {
		if err != nil {
			return nil
		}
		var f *csvFile
		f, err = createCSV(dir, name, header)
		return f
	}
	g.participants = create("participants.csv", participantsHeader)
	g.staff = create("staff.csv", staffHeader)
	for _, y := range historyYears() {
		g.services = append(g.services, create("services_"+strconv.Itoa(y)+".csv", servicesHeader))
	}
	for _, y := range historyYears() {
		g.timesheets = append(g.timesheets, create("timesheets_"+strconv.Itoa(y)+".csv", timesheetsHeader))
	}
	g.encounters = create("encounters.csv", encountersHeader)
	g.surveys = create("surveys.csv", surveysHeader)
	g.assessments = create("assessments.csv", assessmentsHeader)
	return err
}

func (g *generator) files() []*csvFile {
	files := []*csvFile{g.participants, g.staff}
	files = append(files, g.services...)
	files = append(files, g.timesheets...)
	return append(files, g.encounters, g.surveys, g.assessments)
}

func (g *generator) closeAll() error {
	var errs []error
	for _, f := range g.files() {
		if f != nil {
			errs = append(errs, f.close())
		}
	}
	return errors.Join(errs...)
}

func (g *generator) newStaffNumber() int {
	g.lastStaff++
	return g.lastStaff
}

// serviceFile is the services file of the year of d.
func (g *generator) serviceFile(d day) *csvFile { return g.services[d.year()-historyFrom.year()] }

func (g *generator) timesheetFile(d day) *csvFile { return g.timesheets[d.year()-historyFrom.year()] }

// teamPlan says which program a team belongs to and how many people it
// serves.
type teamPlan struct {
	program        *program
	index          int // across the agency
	indexInProgram int
	participants   int
}

// team is one program team: its staff positions and the participants it
// serves. Teams are generated one after another, each from its own random
// streams.
type team struct {
	teamPlan
	draws teamDraws

	spells       []staffSpell
	spellsBySeat [][]int // spell indexes of each position, in hire order
	seatRoles    []string
	meetingDay   time.Weekday
}

// planTeams splits the participants among the programs by their shares
// (largest remainder, so the total is exact) and each program into teams
// of about teamParticipants.
func planTeams(opts Options) []teamPlan {
	counts := make([]int, len(programs))
	remainders := make([]float64, len(programs))
	assigned := 0
	for i, p := range programs {
		exact := p.share * float64(opts.Participants)
		counts[i] = int(exact)
		remainders[i] = exact - float64(counts[i])
		assigned += counts[i]
	}
	for ; assigned < opts.Participants; assigned++ {
		best := 0
		for i := range remainders {
			if remainders[i] > remainders[best] {
				best = i
			}
		}
		counts[best]++
		remainders[best] = -1
	}

	var teams []teamPlan
	for i := range programs {
		n := max(1, int(math.Round(float64(counts[i])/teamParticipants)))
		for k := range n {
			size := counts[i] / n
			if k < counts[i]%n {
				size++
			}
			teams = append(teams, teamPlan{program: &programs[i], index: len(teams), indexInProgram: k, participants: size})
		}
	}
	return teams
}

// teamDraws are a team's random streams, one per concern, so that a change
// in how one file is drawn leaves the others as they were.
type teamDraws struct {
	staffing, people, services, hospital, surveys, timesheets, assessments random
}

func newTeamDraws(seed uint64, team int) teamDraws {
	stream := func(concern uint64) random { return newRandom(seed, uint64(team)<<3|concern) }
	return teamDraws{
		staffing: stream(0), people: stream(1), services: stream(2),
		hospital: stream(3), surveys: stream(4), timesheets: stream(5), assessments: stream(6),
	}
}

func (g *generator) generateTeam(plan teamPlan) {
	t := &team{teamPlan: plan, draws: newTeamDraws(g.opts.Seed, plan.index)}
	t.meetingDay = time.Monday + time.Weekday(t.draws.staffing.IntN(5))
	t.staffTeam(g)
	t.writeStaff(g)
	for range t.participants {
		t.generateParticipant(g)
	}
	t.writeTimesheets(g)
}

func (t *team) writeStaff(g *generator) {
	for i := range t.spells {
		sp := &t.spells[i]
		b := g.staff.start()
		b = appendStaffID(b, sp.staffNumber)
		b = append(b, ',')
		b = append(b, sp.role...)
		b = append(b, ',')
		b = append(b, t.program.name...)
		b = append(b, ',')
		b = appendDate(b, sp.hire)
		b = append(b, ',')
		if sp.end != noEnd {
			b = appendDate(b, sp.end)
		}
		b = append(b, ',')
		b = append(b, sp.terminationType...)
		b = append(b, ',')
		b = append(b, sp.fte.text...)
		b = append(b, ',')
		b = appendCents(b, sp.wageCents)
		g.staff.end(b)
	}
}

func appendStaffID(b []byte, n int) []byte { return appendID(b, "ST", n, 5) }

func appendParticipantID(b []byte, n int) []byte { return appendID(b, "P", n, 7) }

// holidays of the config, indexed by day from history start.
var holidayList = federalHolidays()

var holidaySet = func() []bool {
	set := make([]bool, calendarEnd-historyFrom+1)
	for _, h := range holidayList {
		set[h-historyFrom] = true
	}
	return set
}()

func isHoliday(d day) bool {
	return d >= historyFrom && d <= calendarEnd && holidaySet[d-historyFrom]
}

// writeConfig writes peerstat.toml: the period, the agency's calendar, the
// money assumptions, so the sample reports show dollars, and two targets
// and one benchmark marked as an example, so the first page shows them.
func writeConfig(dir string, opts Options) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# A synthetic agency written by `peerstat gen --participants %d --seed %d`.\n", opts.Participants, opts.Seed)
	b.WriteString("# Every person, program and amount in this folder is invented.\n")
	fmt.Fprintf(&b, "agency_name = %q\n", agencyName)
	fmt.Fprintf(&b, "period_start = %s\n", periodStart)
	fmt.Fprintf(&b, "period_end = %s\n", periodEnd)
	fmt.Fprintf(&b, "data_through = %s\n", dataThrough)
	fmt.Fprintf(&b, "data_from = %s\n", historyFrom)
	b.WriteString("timezone = \"America/Chicago\"\n")
	b.WriteString("# US federal holidays (observed) of 2023-2025: note deadlines skip them.\n")
	b.WriteString("holidays = [\n")
	for _, h := range holidayList {
		fmt.Fprintf(&b, "  %s,\n", h)
	}
	b.WriteString("]\n")
	quoted := make([]string, len(rdayCodes))
	for i, c := range rdayCodes {
		quoted[i] = strconv.Quote(c)
	}
	fmt.Fprintf(&b, "rday_codes = [%s]\n", strings.Join(quoted, ", "))
	fmt.Fprintf(&b, "rday_daily_rate = %s\n", rdayDailyRate)
	fmt.Fprintf(&b, "rday_federal_share = %s\n", rdayFederalShare)
	fmt.Fprintf(&b, "fringe_rate = %s\n", fringeRate)
	fmt.Fprintf(&b, "inpatient_per_diem = %s\n", inpatientPerDiem)
	fmt.Fprintf(&b, "er_visit_cost = %s\n", erVisitCost)
	b.WriteString("\n# Contract targets (examples: set your own), by metric id, for all programs\n")
	b.WriteString("# over the reporting period; the first page says whether each is met.\n")
	b.WriteString("[targets]\n")
	b.WriteString("followup_7d_rate = 0.50\n")
	b.WriteString("readmit_30d_rate = 0.12\n")
	b.WriteString("\n# AN EXAMPLE, NOT A PUBLISHED FIGURE: peerstat ships no benchmarks. Enter the\n")
	b.WriteString("# ones your contract uses, with who published them and which year.\n")
	b.WriteString("[benchmarks.\"Example state average\"]\n")
	b.WriteString("source = \"EXAMPLE ONLY - replace with your state's or NCQA's published figure and year\"\n")
	b.WriteString("followup_30d_rate = { median = 0.57, bottom_quartile = 0.45, top_quartile = 0.66 }\n")

	path := dir + string(os.PathSeparator) + ConfigFile
	f, err := createFile(path)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", ConfigFile, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", ConfigFile, err)
	}
	return nil
}
