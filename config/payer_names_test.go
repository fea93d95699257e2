package config

import (
	"reflect"
	"strings"
	"testing"
)

func TestPayerNames(t *testing.T) {
	cfg, err := Parse([]byte("[payer_names]\n\"Blue Cross\" = [\"blue-cross\", \" BLUE CROSS \"]\n\"Acme\" = [\"ACME Health\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"blue-cross": "Blue Cross", "BLUE CROSS": "Blue Cross", "ACME Health": "Acme"}
	if got := cfg.PayerSpellings(); !reflect.DeepEqual(got, want) {
		t.Errorf("spellings: got %v, want %v (matched after trimming)", got, want)
	}
	// The stored config reads back with its payer names.
	text, err := cfg.Encode()
	if err != nil {
		t.Fatal(err)
	}
	again, err := Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.PayerSpellings(), want) {
		t.Errorf("after Encode and Parse: got %v, want %v", again.PayerSpellings(), want)
	}
}

func TestPayerNamesRefused(t *testing.T) {
	tests := []struct{ name, toml, want string }{
		{"spelling under two names", "[payer_names]\n\"Blue Cross\" = [\"BC\"]\n\"Blue Shield\" = [\"BC\"]\n",
			`line 3: payer_names: the spelling "BC" is listed under both "Blue Cross" and "Blue Shield"`},
		{"formula-like name", "[payer_names]\n\"=HYPERLINK(1)\" = [\"x\"]\n", `line 2: payer_names: "=HYPERLINK(1)" may not begin with =`},
		{"blank spelling", "[payer_names]\n\"Acme\" = [\" \"]\n", `line 2: payer_names: "Acme" lists a blank spelling`},
		{"name that is another's spelling", "[payer_names]\n\"A\" = [\"B\"]\n\"B\" = [\"C\"]\n", `line 3: payer_names: "B" is a payer name and also listed as a spelling of "A"`},
		{"instrument name", "[instruments.My-Survey]\nscale = [1, 5]\n[instruments.My-Survey.domains]\noverall = [1]\n", `line 1: instrument "My-Survey"`},
		{"domain name", "[instruments.my_survey]\nscale = [1, 5]\n[instruments.my_survey.domains]\n\"=SUM(1)\" = [1]\n", `line 4: instrument my_survey: domain "=SUM(1)"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.toml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %s", err, tt.want)
			}
		})
	}
}
