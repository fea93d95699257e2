package queries

import (
	"strings"
	"testing"
)

func TestModelsComeAfterWhatTheyRead(t *testing.T) {
	models, err := Models()
	if err != nil {
		t.Fatal(err)
	}
	position := map[string]int{}
	for i, m := range models {
		position[m.Name] = i
	}
	for _, m := range models {
		for _, r := range m.Reads {
			if position[r] >= position[m.Name] {
				t.Errorf("%s runs at %d but reads %s, which runs at %d", m.Name, position[m.Name], r, position[r])
			}
		}
		if !strings.Contains(m.Name, "__") {
			t.Errorf("model %s: name it <area>__<model>", m.Name)
		}
		if !strings.HasPrefix(strings.TrimSpace(m.SQL), "--") {
			t.Errorf("model %s: start with a comment saying what it is", m.Name)
		}
	}
}

func TestOrderRefusesCycles(t *testing.T) {
	_, err := order([]Model{
		{Name: "a__x", Layer: "marts", Reads: []string{"a__y"}},
		{Name: "a__y", Layer: "marts", Reads: []string{"a__x"}},
	})
	if err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("got %v, want a cycle error", err)
	}
}

func TestOrderIsByLayerThenName(t *testing.T) {
	got, err := order([]Model{
		{Name: "b__m", Layer: "marts"},
		{Name: "z__s", Layer: "staging"},
		{Name: "a__i", Layer: "intermediate", Reads: []string{"z__s"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range got {
		names = append(names, m.Name)
	}
	if strings.Join(names, " ") != "z__s a__i b__m" {
		t.Errorf("got %v, want [z__s a__i b__m]", names)
	}
}
