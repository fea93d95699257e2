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

// A model whose SQL has the line "-- materialize: view" becomes a view;
// any other, a table.
func TestViewDirective(t *testing.T) {
	models, err := Models()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"billing__int_services":       "VIEW",
		"core__stg_timesheet_minutes": "VIEW",
		"core__stg_services":          "TABLE",
		"workforce__int_staff_days":   "TABLE",
	}
	for _, m := range models {
		if kind, ok := want[m.Name]; ok {
			if m.Kind() != kind {
				t.Errorf("%s: got %s, want %s", m.Name, m.Kind(), kind)
			}
			delete(want, m.Name)
		}
	}
	for name := range want {
		t.Errorf("model %s not found", name)
	}
}

// DependOn follows reads: a model that reads a cfg_scope reader depends on
// the scope too, and one that reads neither does not.
func TestDependOn(t *testing.T) {
	models, err := Models()
	if err != nil {
		t.Fatal(err)
	}
	dep := DependOn(models, "cfg_scope")
	for name, want := range map[string]bool{
		"core__stg_participants":    true,  // reads cfg_scope itself
		"core__stg_services":        true,  // through core__stg_participants
		"core__stg_timesheets":      false, // staff and timesheets are agency-wide
		"workforce__int_staff_days": false,
	} {
		if dep[name] != want {
			t.Errorf("%s depends on cfg_scope: got %v, want %v", name, dep[name], want)
		}
	}
}
