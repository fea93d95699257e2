package config

import (
	"strings"
	"testing"
)

func TestParseDefaults(t *testing.T) {
	cfg, err := Parse([]byte(`agency_name = "Riverbend"`))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.UnitRule != "cms8" || cfg.DocDeadlineDays != 3 || !cfg.DocDeadlineBusinessDays || cfg.MaxUnitsPerDay != 16 ||
		cfg.OutcomeWindowDays != 180 || cfg.BootstrapReps != 2000 || cfg.Seed != 1 || cfg.MinCell != 11 || cfg.FringeRate != 0 {
		t.Errorf("defaults: got %+v", cfg)
	}
	if cfg.InpatientPerDiem != nil || cfg.RdayDailyRate != nil || cfg.ERVisitCost != nil {
		t.Errorf("money must not default: got per diem %v, rday rate %v, er %v", cfg.InpatientPerDiem, cfg.RdayDailyRate, cfg.ERVisitCost)
	}
	if got := len(cfg.Instruments["mhsip_adult"].Items()); got != 36 {
		t.Errorf("mhsip_adult items: got %d, want 36", got)
	}
	if got := cfg.Instruments["mhsip_adult"].Cutoff(); got != 2.5 {
		t.Errorf("mhsip_adult cutoff: got %v, want 2.5", got)
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"unknown key", "min_cel = 5", "unknown setting min_cel"},
		{"unknown nested key", "[instruments.x]\nscale = [1, 5]\nfoo = 1\n[instruments.x.domains]\nall = [1]", "unknown setting instruments.x.foo"},
		{"unit rule", `unit_rule = "round"`, `unit_rule = "round"`},
		{"federal share", `rday_federal_share = 50`, "fraction from 0 to 1"},
		{"scale needs cutoff", "[instruments.x]\nscale = [0, 10]\n[instruments.x.domains]\nall = [1]", "positive_above is required"},
		{"bad time zone", `timezone = "Mars/Olympus"`, "IANA time zone"},
		{"negative money", `inpatient_per_diem = -1`, "cannot be negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	text := `agency_name = "Riverbend"
period_start = 2024-07-01
period_end = 2025-06-30
holidays = [2024-07-04]
inpatient_per_diem = 1250.0
timezone = "America/Chicago"
[instruments.mhsip_adult]
scale = [1, 5]
agree = "low"
na = [9]
[instruments.mhsip_adult.domains]
overall = [1, 2, 3]
`
	cfg, err := Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	enc, err := cfg.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse([]byte(enc))
	if err != nil {
		t.Fatalf("parse encoded config: %v\n%s", err, enc)
	}
	if back.PeriodStart.String() != "2024-07-01" || back.PeriodEnd.String() != "2025-06-30" || !back.DataThrough.IsZero() {
		t.Errorf("dates: got %s %s %q", back.PeriodStart, back.PeriodEnd, back.DataThrough)
	}
	if back.InpatientPerDiem == nil || *back.InpatientPerDiem != 1250 || back.ERVisitCost != nil {
		t.Errorf("money: got %v %v", back.InpatientPerDiem, back.ERVisitCost)
	}
	if got := back.Instruments["mhsip_adult"].DomainNames(); len(got) != 1 || got[0] != "overall" {
		t.Errorf("replaced instrument domains: got %v", got)
	}
	if len(back.Holidays) != 1 || back.Holidays[0].String() != "2024-07-04" {
		t.Errorf("holidays: got %v", back.Holidays)
	}
}
