package ingest

import (
	"math/big"
	"testing"
)

// Patterns with * and ? anywhere, ranked exact > range > more literal
// characters, whatever order the profile writes them in.
func TestValueMapPatterns(t *testing.T) {
	patterns := map[string][]string{
		"supervisor":      {"*Manager*", "Director*"},
		"admin":           {"*Director", "Admin*", "Office Manager"},
		"peer_specialist": {"Peer Specialist ?", "*Peer*", "100-199"},
		"clinician":       {"*Therapist", "150"},
		"":                {"Intern"}, // blank
	}
	m, err := NewValueMap(patterns, "other", true)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ code, want string }{
		{"Production Manager", "supervisor"},             // *Manager* in the middle and at the end
		{"  area manager, north  ", "supervisor"},        // case and surrounding spaces ignored
		{"Office Manager", "admin"},                      // exact beats *Manager*
		{"Director of Peer Services", "supervisor"},      // Director* (8 literals) beats *Peer* (4)
		{"Program Director", "admin"},                    // *Director
		{"Peer Specialist 2", "peer_specialist"},         // ? is one character
		{"Peer Specialist 12", "peer_specialist"},        // not "Peer Specialist ?", but *Peer*
		{"Family Therapist", "clinician"},                // *Therapist
		{"150", "clinician"},                             // exact beats the range
		{"151", "peer_specialist"},                       // the range
		{"intern", ""},                                   // mapped to blank
		{"Driver", "other"},                              // the default
		{"Manager", "supervisor"},                        // * matches nothing too
		{"Peer Support Therapist", "clinician"},          // *Therapist (9) beats *Peer* (4)
		{"Admin Assistant (Peer) Manager", "supervisor"}, // *Manager* (7 literals) beats Admin* (5) and *Peer* (4)
	} {
		if got, ok := m.Map(tt.code); !ok || got != tt.want {
			t.Errorf("Map(%q): got %q (%v), want %q", tt.code, got, ok, tt.want)
		}
	}
}

// The same code matched equally well by two targets is refused, naming
// both patterns, so the result never depends on the order in the TOML.
func TestValueMapAmbiguous(t *testing.T) {
	m, err := NewValueMap(map[string][]string{
		"supervisor": {"*Lead*"},
		"admin":      {"*Aide*"},
	}, "other", true)
	if err != nil {
		t.Fatal(err)
	}
	best, rival := m.Lookup("Lead Aide")
	if best < 0 || rival < 0 {
		t.Fatalf("Lookup(Lead Aide): got %d, %d, want two rival patterns", best, rival)
	}
	got := m.pattern(best) + " / " + m.pattern(rival)
	if want := `"*Aide*" (admin) / "*Lead*" (supervisor)`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if _, ok := m.Map("Lead Aide"); ok {
		t.Error("an ambiguous code must not be mapped")
	}
	// Two patterns of one target are not rivals.
	same, _ := NewValueMap(map[string][]string{"admin": {"*Lead*", "*Clerk*"}}, "", false)
	if got, ok := same.Map("Lead Clerk"); !ok || got != "admin" {
		t.Errorf("same target: got %q %v, want admin", got, ok)
	}
}

func TestGlobMatch(t *testing.T) {
	for _, tt := range []struct {
		pattern, s string
		want       bool
	}{
		{"*", "", true},
		{"*", "anything", true},
		{"a*b", "ab", true},
		{"a*b", "axxb", true},
		{"a*b", "axxbc", false},
		{"*manager*", "production manager ii", true},
		{"?", "", false},
		{"?", "é", true},
		{"h00??", "h0038", true},
		{"h00??", "h003", false},
		{"*a*a*a*", "aaa", true},
		{"*a*a*a*", "aa", false},
	} {
		if got := globMatch(tt.pattern, tt.s); got != tt.want {
			t.Errorf("globMatch(%q, %q): got %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}

func TestScaled(t *testing.T) {
	for _, tt := range []struct {
		v     string
		num   int64
		den   int64
		whole bool
		want  string
	}{
		{"52000", 1, 2080, false, "25"},
		{"62506", 1, 2080, false, "30.05096153846154"}, // 62506/2080 = 30.0509615384615384…: the nearest float64, in the fewest digits that read back as it
		{"$104,000.00", 1, 2080, false, "50"},
		{"0.1", 3, 1, false, "0.3"}, // exact: not 0.30000000000000004
		{"7.5", 60, 1, true, "450"},
		{"n/a", 1, 2080, false, "n/a"}, // left for the column's own check
	} {
		r := bigRat(tt.num, tt.den)
		if got := scaled(tt.v, r, tt.whole); got != tt.want {
			t.Errorf("scaled(%q, %d/%d): got %s, want %s", tt.v, tt.num, tt.den, got, tt.want)
		}
	}
}

func bigRat(a, b int64) *big.Rat { return big.NewRat(a, b) }

// The prefix, suffix and substring shortcuts agree with the general
// matcher.
func TestGlobShapes(t *testing.T) {
	for _, pattern := range []string{"*", "**", "h00*", "*director", "*manager*", "a*b", "?x*", "*a*b*", "x"} {
		shape, fixed := shapeOf(pattern)
		p := mapPattern{lower: pattern, shape: shape, fixed: fixed}
		for _, code := range []string{"", "h0038", "program director", "area manager ii", "ab", "axb", "zx", "a", "x", "director"} {
			if pattern == "x" {
				continue // not a glob pattern
			}
			if got, want := p.globMatches(code), globMatch(pattern, code); got != want {
				t.Errorf("%q on %q: shape %d says %v, the matcher %v", pattern, code, shape, got, want)
			}
		}
	}
}
