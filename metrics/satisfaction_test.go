package metrics

import (
	"strings"
	"testing"
	"time"

	"github.com/peerstat/peerstat/config"
)

// A survey agency in the first quarter of 2025. Programs: Bridge and Clinic
// (participants) and Outreach (staff only, no responses). Responses of four
// instruments, with answers placed on the scoring boundaries.
var satisfactionAgency = agency{
	`INSERT INTO participants VALUES
		('P1', 'Bridge', '2024-06-01', NULL, 1980, 'Plan A', 'p.csv', 2),
		('P2', 'Bridge', '2024-06-01', NULL, 1975, 'Plan A', 'p.csv', 3),
		('P3', 'Bridge', '2024-06-01', NULL, 1990, 'Plan B', 'p.csv', 4),
		('P4', 'Clinic', '2024-06-01', NULL, 1970, 'Plan B', 'p.csv', 5)`,
	`INSERT INTO staff VALUES
		('S1', 'peer_specialist', 'Outreach', '2024-01-01', NULL, NULL, 1.0, 20.00, 's.csv', 2)`,
	`INSERT INTO surveys VALUES
		-- mhsip_adult (1 = strongly agree, positive below 2.5, N/A 9)
		('R1', 'mhsip_adult', 'Bridge', '2025-01-10', 'P1', 'sv.csv', 2),
		('R2', 'mhsip_adult', 'Bridge', '2025-01-15', 'P2', 'sv.csv', 3),
		('R3', 'mhsip_adult', 'Bridge', '2025-02-01', NULL, 'sv.csv', 4),
		('R4', 'mhsip_adult', 'Clinic', '2025-02-10', NULL, 'sv.csv', 5),
		('R5', 'mhsip_adult', 'Clinic', '2024-12-31', 'P2', 'sv.csv', 6),
		('R6', 'mhsip_adult', 'Clinic', '2025-03-31', NULL, 'sv.csv', 7),
		('R7', 'mhsip_adult', 'Clinic', '2025-03-01', 'P3', 'sv.csv', 8),
		-- peer_experience (5 = strongly agree, positive above 3.5, N/A 0)
		('E1', 'peer_experience', 'Bridge', '2025-01-20', 'P1', 'sv.csv', 9),
		('E2', 'peer_experience', 'Bridge', '2025-01-21', NULL, 'sv.csv', 10),
		('E3', 'peer_experience', 'Clinic', '2025-02-02', 'P3', 'sv.csv', 11),
		-- recovery_check: a config instrument, scale 1-4, item 2 reversed
		('C1', 'recovery_check', 'Bridge', '2025-01-05', 'P1', 'sv.csv', 12),
		('C2', 'recovery_check', 'Clinic', '2025-02-05', NULL, 'sv.csv', 13),
		-- exit_survey: a config instrument answered only before the period
		('X1', 'exit_survey', 'Clinic', '2024-11-01', NULL, 'sv.csv', 14)`,
	`INSERT INTO survey_answers VALUES
		('R1', 1, 2), ('R1', 2, 3),
		('R1', 11, 1), ('R1', 17, 2),
		('R1', 4, 1), ('R1', 5, 2), ('R1', 6, 3), ('R1', 7, 4),
		('R2', 1, 1), ('R2', 2, 9), ('R2', 3, 2),
		('R2', 11, 1),
		('R2', 4, 1), ('R2', 5, 1), ('R2', 6, 1),
		('R3', 1, 1), ('R3', 2, 9),
		('R4', 1, 1), ('R4', 2, 2), ('R4', 3, 2),
		('R5', 1, 1), ('R5', 2, 1), ('R5', 3, 1),
		('R6', 1, 3), ('R6', 2, 3), ('R6', 3, 3),
		('R7', 1, 2), ('R7', 2, 2), ('R7', 3, 3),
		('E1', 1, 4), ('E1', 2, 4), ('E1', 3, 3), ('E1', 4, 3),
		('E2', 1, 4), ('E2', 2, 4), ('E2', 3, 4), ('E2', 4, 3), ('E2', 5, 0),
		('E3', 1, 5), ('E3', 2, 5), ('E3', 3, 5),
		('C1', 1, 3), ('C1', 2, 4), ('C1', 3, 2),
		('C2', 1, 3), ('C2', 2, 1), ('C2', 3, 8),
		('X1', 1, 5)`,
}

// satisfactionConfig sets the period, turns suppression off (the figures
// are tiny) and adds three instruments.
const satisfactionConfig = `
period_start = 2025-01-01
period_end = 2025-03-31
min_cell = 0

[instruments.recovery_check]
scale = [1, 4]
agree = "high"
positive_above = 2.5
na = [8]
reverse = [2]
[instruments.recovery_check.domains]
hope = [1, 2, 3]

[instruments.exit_survey]
scale = [1, 5]
[instruments.exit_survey.domains]
overall = [1]

[instruments.unused_survey]
scale = [1, 5]
[instruments.unused_survey.domains]
overall = [1, 2]
`

type surveyCase struct {
	name, metric, program string
	num, den, val         *float64
}

func checkSurveyCases(t *testing.T, res Result, tests []surveyCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := find(t, res, tt.metric, tt.program, "period", "2025-01-01")
			if r.Suppressed {
				t.Errorf("%s %s: got suppressed, want shown (min_cell = 0)", tt.metric, tt.program)
			}
			if !r.PeriodEnd.Equal(surveyDate(t, "2025-03-31")) {
				t.Errorf("%s %s period_end: got %s, want 2025-03-31", tt.metric, tt.program, r.PeriodEnd.Format("2006-01-02"))
			}
			wantFigures(t, r, tt.num, tt.den, tt.val)
		})
	}
}

func TestSatisfactionMHSIP(t *testing.T) {
	db := openAgency(t, satisfactionAgency)
	res := compute(t, db, satisfactionConfig)
	const gs = "survey_mhsip_adult_general_satisfaction"
	checkSurveyCases(t, res, []surveyCase{
		// general_satisfaction = items 1-3; a score needs 3 × answered >= 6.
		// Bridge: R1 answers 2, 3 (2 of 3 items, scores): mean 5/2 = 2.5,
		// exactly the cut-off, not positive (2 × 5 < 5 × 2 is false).
		// R2 answers 1, 9, 2: 9 is the N/A code, so 2 answered, mean 3/2 =
		// 1.5, positive. R3 answers 1 and N/A: 1 of 3, no score.
		// positive 1 / 2 scored.
		{"general positive Bridge", gs + "_positive", "Bridge", f(1), f(2), f(0.5)},
		// sum of scores 2.5 + 1.5 = 4; mean 4 / 2 = 2.
		{"general mean Bridge", gs + "_mean", "Bridge", f(4), f(2), f(2)},
		// Clinic: R4 1, 2, 2 = 5/3 positive; R6 3, 3, 3 = 3 not positive;
		// R7 2, 2, 3 = 7/3 positive (2 × 7 = 14 < 5 × 3 = 15); R5 is dated
		// 2024-12-31, before the period. positive 2 / 3.
		{"general positive Clinic", gs + "_positive", "Clinic", f(2), f(3), f(2.0 / 3)},
		// sum 5/3 + 3 + 7/3 = 7; mean 7 / 3. R7's participant P3 is enrolled
		// in Bridge: the response row's program (Clinic) is what counts.
		{"general mean Clinic", gs + "_mean", "Clinic", f(7), f(3), f(7.0 / 3)},
		// ALL pools respondents: 3 positive of 5 scored = 0.6, not the mean of
		// the programs' shares (0.5 + 2/3) / 2 = 0.5833.
		{"general positive ALL pooled", gs + "_positive", "ALL", f(3), f(5), f(0.6)},
		// sum 4 + 7 = 11 over 5 respondents = 2.2.
		{"general mean ALL pooled", gs + "_mean", "ALL", f(11), f(5), f(2.2)},
		// Outreach has no responses: 0 of 0, blank value.
		{"general positive Outreach empty", gs + "_positive", "Outreach", f(0), f(0), nil},
		{"general mean Outreach empty", gs + "_mean", "Outreach", f(0), f(0), nil},
		// access = items 4-9 (6 items, a score needs 4). R1 answers 4 items
		// exactly (2/3): 1 + 2 + 3 + 4 = 10, mean 2.5, not positive. R2
		// answers 3 items, one short: no score.
		{"access exactly two thirds Bridge", "survey_mhsip_adult_access_positive", "Bridge", f(0), f(1), f(0)},
		{"access mean Bridge", "survey_mhsip_adult_access_mean", "Bridge", f(2.5), f(1), f(2.5)},
		// participation = items 11 and 17 (both needed: 3 × 1 < 2 × 2). R1
		// answers 1, 2 = 1.5, positive; R2 answers only item 11: no score.
		{"participation Bridge", "survey_mhsip_adult_participation_positive", "Bridge", f(1), f(1), f(1)},
		{"participation mean Bridge", "survey_mhsip_adult_participation_mean", "Bridge", f(1.5), f(1), f(1.5)},
		{"participation Clinic no scores", "survey_mhsip_adult_participation_positive", "Clinic", f(0), f(0), nil},
		// outcomes (items 21-28): nobody answered.
		{"outcomes ALL unanswered", "survey_mhsip_adult_outcomes_positive", "ALL", f(0), f(0), nil},
		// responses in the period, anonymous ones included: Bridge R1, R2,
		// R3 = 3; Clinic R4, R6, R7 = 3 (R5 before the period); ALL 6.
		{"responses Bridge", "survey_mhsip_adult_responses", "Bridge", f(3), nil, f(3)},
		{"responses Clinic", "survey_mhsip_adult_responses", "Clinic", f(3), nil, f(3)},
		{"responses ALL", "survey_mhsip_adult_responses", "ALL", f(6), nil, f(6)},
		{"responses Outreach", "survey_mhsip_adult_responses", "Outreach", f(0), nil, f(0)},
	})
}

func TestSatisfactionPeerExperience(t *testing.T) {
	db := openAgency(t, satisfactionAgency)
	res := compute(t, db, satisfactionConfig)
	const ov = "survey_peer_experience_overall"
	checkSurveyCases(t, res, []surveyCase{
		// overall = items 1-5; a score needs 4 answered (3 × 4 = 12 >= 10).
		// E1: 4, 4, 3, 3 = 14 / 4 = 3.5, exactly the cut-off, not positive
		// (14 > 3.5 × 4 = 14 is false). E2: 4, 4, 4, 3 and N/A 0 = 15 / 4 =
		// 3.75, positive (were the 0 counted: 15 / 5 = 3, not positive).
		// E3 (Clinic): 3 answered, no score.
		{"overall positive Bridge", ov + "_positive", "Bridge", f(1), f(2), f(0.5)},
		// 3.5 + 3.75 = 7.25; / 2 = 3.625.
		{"overall mean Bridge", ov + "_mean", "Bridge", f(7.25), f(2), f(3.625)},
		{"overall positive Clinic unscored", ov + "_positive", "Clinic", f(0), f(0), nil},
		{"overall positive ALL", ov + "_positive", "ALL", f(1), f(2), f(0.5)},
		{"overall mean ALL", ov + "_mean", "ALL", f(7.25), f(2), f(3.625)},
		{"responses Clinic", "survey_peer_experience_responses", "Clinic", f(1), nil, f(1)},
		{"responses ALL", "survey_peer_experience_responses", "ALL", f(3), nil, f(3)},
	})
}

func TestSatisfactionConfigInstruments(t *testing.T) {
	db := openAgency(t, satisfactionAgency)
	res := compute(t, db, satisfactionConfig)
	const hope = "survey_recovery_check_hope"
	checkSurveyCases(t, res, []surveyCase{
		// recovery_check: scale 1-4, agree high, positive above 2.5, item 2
		// reversed (v -> 1 + 4 - v). C1: 3, 4 -> 1, 2 = 6 / 3 = 2, not
		// positive (unreversed it would be 9 / 3 = 3, positive).
		{"reversed item Bridge", hope + "_positive", "Bridge", f(0), f(1), f(0)},
		{"reversed item mean Bridge", hope + "_mean", "Bridge", f(2), f(1), f(2)},
		// C2: 3, 1 -> 4, and N/A 8: 2 of 3 answered, 7 / 2 = 3.5, positive
		// (7 > 2.5 × 2 = 5; unreversed 4 / 2 = 2 would not be).
		{"reversed item Clinic", hope + "_positive", "Clinic", f(1), f(1), f(1)},
		{"reversed item mean Clinic", hope + "_mean", "Clinic", f(3.5), f(1), f(3.5)},
		// ALL: 1 of 2 positive; mean (2 + 3.5) / 2 = 2.75.
		{"reversed item ALL", hope + "_positive", "ALL", f(1), f(2), f(0.5)},
		{"reversed item mean ALL", hope + "_mean", "ALL", f(5.5), f(2), f(2.75)},
		// exit_survey's only response (2024-11-01) is before the period: the
		// instrument is in use, so its rows exist with zero counts.
		{"responses outside period ALL", "survey_exit_survey_responses", "ALL", f(0), nil, f(0)},
		{"responses outside period Clinic", "survey_exit_survey_responses", "Clinic", f(0), nil, f(0)},
		{"domain outside period ALL", "survey_exit_survey_overall_positive", "ALL", f(0), f(0), nil},
		{"mean outside period ALL", "survey_exit_survey_overall_mean", "ALL", f(0), f(0), nil},
	})

	t.Run("instrument without responses has no rows", func(t *testing.T) {
		for _, r := range res.Rows {
			if strings.HasPrefix(r.Metric, "survey_unused_survey_") {
				t.Fatalf("got a row of %s, want none: no unused_survey response is loaded", r.Metric)
			}
		}
		absent := map[string]string{}
		for _, a := range res.Absent {
			for _, m := range a.Metrics {
				absent[m] = a.Reason
			}
		}
		for _, id := range []string{"survey_unused_survey_responses", "survey_unused_survey_overall_positive", "survey_unused_survey_overall_mean"} {
			if !strings.Contains(absent[id], "no unused_survey survey responses") {
				t.Errorf("absence of %s: got %q, want it to say no unused_survey responses are loaded", id, absent[id])
			}
		}
	})

	t.Run("one period row per program and ALL", func(t *testing.T) {
		count := map[string]int{}
		for _, r := range res.Rows {
			if strings.HasPrefix(r.Metric, "survey_") {
				if r.Grain != GrainPeriod {
					t.Errorf("%s %s: got grain %s, want period only", r.Metric, r.Program, r.Grain)
				}
				count[r.Metric]++
			}
		}
		// Instruments in use: mhsip_adult (7 domains), peer_experience (1),
		// recovery_check (1), exit_survey (1): 2 × 10 domain metrics + 4
		// response counts = 24 metrics, each with Bridge, Clinic, Outreach, ALL.
		if len(count) != 24 {
			t.Errorf("survey metrics with rows: got %d, want 24", len(count))
		}
		for m, n := range count {
			if n != 4 {
				t.Errorf("%s: got %d rows, want 4 (Bridge, Clinic, Outreach, ALL)", m, n)
			}
		}
	})
}

func TestSatisfactionReplacedBuiltin(t *testing.T) {
	// A config instrument named peer_experience replaces the built-in: its
	// domains hope (items 1, 2) and voice (3, 4, 5), no N/A codes listed.
	cfg := `
period_start = 2025-01-01
period_end = 2025-03-31
min_cell = 0
[instruments.peer_experience]
scale = [1, 5]
agree = "high"
[instruments.peer_experience.domains]
hope = [1, 2]
voice = [3, 4, 5]
`
	db := openAgency(t, satisfactionAgency)
	res := compute(t, db, cfg)
	checkSurveyCases(t, res, []surveyCase{
		// hope: E1 4, 4 = 4; E2 4, 4 = 4; E3 5, 5 = 5; all above 3.5.
		{"hope Bridge", "survey_peer_experience_hope_positive", "Bridge", f(2), f(2), f(1)},
		{"hope ALL", "survey_peer_experience_hope_positive", "ALL", f(3), f(3), f(1)},
		// (4 + 4 + 5) / 3 = 13 / 3.
		{"hope mean ALL", "survey_peer_experience_hope_mean", "ALL", f(13), f(3), f(13.0 / 3)},
		// voice needs 2 of 3: E1 3, 3 = 3, not positive; E2 4, 3 and a stored
		// 0 (off the 1-5 scale, not counted) = 3.5, exactly the cut-off, not
		// positive; E3 answers only item 3, no score.
		{"voice ALL", "survey_peer_experience_voice_positive", "ALL", f(0), f(2), f(0)},
		{"voice mean ALL", "survey_peer_experience_voice_mean", "ALL", f(6.5), f(2), f(3.25)},
		{"voice Clinic unscored", "survey_peer_experience_voice_positive", "Clinic", f(0), f(0), nil},
	})
	t.Run("built-in domain gone", func(t *testing.T) {
		for _, r := range res.Rows {
			if strings.HasPrefix(r.Metric, "survey_peer_experience_overall") {
				t.Fatalf("got a row of %s, want none: the config instrument replaced the built-in", r.Metric)
			}
		}
	})
	t.Run("unconfigured instrument ignored", func(t *testing.T) {
		for _, r := range res.Rows {
			if strings.HasPrefix(r.Metric, "survey_recovery_check") || strings.HasPrefix(r.Metric, "survey_exit_survey") {
				t.Fatalf("got a row of %s, want none: the instrument is not configured in this run", r.Metric)
			}
		}
	})
}

func TestSatisfactionRegistry(t *testing.T) {
	cfg := surveyConfig(t, satisfactionConfig)
	defs := satisfactionDefinitions(cfg)
	byID := map[string]Definition{}
	for _, d := range defs {
		if _, dup := byID[d.ID]; dup {
			t.Errorf("definition %s: got it twice, want once", d.ID)
		}
		byID[d.ID] = d
	}
	// mhsip_adult 7 domains, peer_experience 1, recovery_check 1,
	// exit_survey 1, unused_survey 1: 11 domains × 2 + 5 instruments = 27.
	if len(defs) != 27 {
		t.Errorf("satisfaction definitions: got %d, want 27", len(defs))
	}
	tests := []struct {
		id                                 string
		unit                               string
		numCounted, denCounted, proportion bool
	}{
		{"survey_mhsip_adult_general_satisfaction_positive", UnitRatio, true, true, true},
		{"survey_mhsip_adult_general_satisfaction_mean", UnitScore, false, true, false},
		{"survey_mhsip_adult_responses", UnitCount, true, false, false},
		{"survey_recovery_check_hope_positive", UnitRatio, true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			d, ok := byID[tt.id]
			if !ok {
				t.Fatalf("no definition %s", tt.id)
			}
			if d.Area != "satisfaction" || d.Unit != tt.unit || !d.Protected || d.GroupTested || d.AllOnly {
				t.Errorf("got area %q unit %q protected %v group %v allOnly %v, want satisfaction %s true false false", d.Area, d.Unit, d.Protected, d.GroupTested, d.AllOnly, tt.unit)
			}
			if d.NumeratorCounted != tt.numCounted || d.DenominatorCounted != tt.denCounted || d.Proportion != tt.proportion {
				t.Errorf("got counted %v/%v proportion %v, want %v/%v %v", d.NumeratorCounted, d.DenominatorCounted, d.Proportion, tt.numCounted, tt.denCounted, tt.proportion)
			}
			if len(d.Grains) != 1 || d.Grains[0] != GrainPeriod {
				t.Errorf("grains: got %v, want [period]", d.Grains)
			}
			if d.Description == "" || d.Title == "" || d.Numerator == "" {
				t.Errorf("got title %q numerator %q description %q, want all filled", d.Title, d.Numerator, d.Description)
			}
		})
	}
	t.Run("description states the reversed items and cut-off", func(t *testing.T) {
		d := byID["survey_recovery_check_hope_positive"]
		for _, want := range []string{"Item 2 is reverse-scored", "5 − v", "strictly above 2.5", "N/A code 8", "3 × answered >= 2 × 3"} {
			if !strings.Contains(d.Description, want) {
				t.Errorf("description: got %q, want it to contain %q", d.Description, want)
			}
		}
	})
}

func surveyDate(t *testing.T, iso string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", iso)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func surveyConfig(t *testing.T, text string) config.Config {
	t.Helper()
	cfg, err := config.Parse([]byte(text))
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	return cfg
}
