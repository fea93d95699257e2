package config

import (
	"strings"
	"testing"
)

// The built-in BARC-10 and a summed scale from the config (METRICS.md
// "Recovery outcomes"): items 1 … N, a high cut-off, and none of a
// survey's keys; they survive the encode/parse round trip of the stored
// config.
func TestSummedInstruments(t *testing.T) {
	cfg, err := Parse([]byte(`stable_housing = ["own_or_rent"]
[instruments.my_recovery_scale]
scale = [1, 6]
items = 12
score = "sum"
cutoff = 55
na = [9]
reverse = [3]
`))
	if err != nil {
		t.Fatal(err)
	}
	barc := cfg.Instruments["barc10"]
	if !barc.Summed() || len(barc.Items()) != 10 || barc.Cutoff() != 47 || barc.Min() != 1 || barc.Max() != 6 {
		t.Errorf("barc10: got summed %v, %d items, cutoff %v, scale %v; want a summed 1-6 scale of 10 items, cutoff 47",
			barc.Summed(), len(barc.Items()), barc.Cutoff(), barc.Scale)
	}
	if got := cfg.EmployedStatuses; strings.Join(got, ",") != "full_time,part_time" {
		t.Errorf("employed_statuses default: got %v", got)
	}
	if got := cfg.StableHousing; strings.Join(got, ",") != "own_or_rent" {
		t.Errorf("stable_housing: got %v, want [own_or_rent]", got)
	}
	enc, err := cfg.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse([]byte(enc))
	if err != nil {
		t.Fatalf("parse encoded config: %v\n%s", err, enc)
	}
	mine := back.Instruments["my_recovery_scale"]
	if !mine.Summed() || len(mine.Items()) != 12 || mine.Cutoff() != 55 || mine.Agree != "" ||
		len(mine.NA) != 1 || len(mine.Reverse) != 1 || mine.Reverse[0] != 3 {
		t.Errorf("my_recovery_scale after the round trip: got %+v", mine)
	}
	if !back.Instruments["barc10"].Summed() {
		t.Errorf("barc10 after the round trip: not summed")
	}
}

func TestSummedInstrumentRejects(t *testing.T) {
	for _, tt := range []struct{ name, text, want string }{
		{"no items", "[instruments.r]\nscale = [1, 6]\nscore = \"sum\"\ncutoff = 40", "needs items"},
		{"no cutoff", "[instruments.r]\nscale = [1, 6]\nscore = \"sum\"\nitems = 10", "needs cutoff"},
		{"survey keys", "[instruments.r]\nscale = [1, 6]\nscore = \"sum\"\nitems = 10\ncutoff = 40\nagree = \"high\"", "survey keys"},
		{"domains", "[instruments.r]\nscale = [1, 6]\nscore = \"sum\"\nitems = 10\ncutoff = 40\n[instruments.r.domains]\na = [1]", "no domains"},
		{"other rule", "[instruments.r]\nscale = [1, 6]\nscore = \"mean\"\nitems = 10\ncutoff = 40", `score = "mean"`},
		{"cutoff without sum", "[instruments.r]\nscale = [1, 5]\ncutoff = 40\n[instruments.r.domains]\na = [1]", `add score = "sum"`},
		{"reverse beyond items", "[instruments.r]\nscale = [1, 6]\nscore = \"sum\"\nitems = 10\ncutoff = 40\nreverse = [11]", "item 11"},
		{"housing status", `stable_housing = ["couch"]`, `"couch" is not a housing status`},
		{"employment status", `employed_statuses = ["gig"]`, `"gig" is not an employment status`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}
