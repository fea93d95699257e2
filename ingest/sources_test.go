package ingest

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Every "-- name:" block of sql/ is one Go runs, so a misspelt name fails
// here instead of silently skipping its step; every source has its check
// and, unless stored in parts, its insert; and Go asking for a block of a
// kind that does not exist panics.
func TestEveryNamedBlockIsKnown(t *testing.T) {
	entries, err := fs.ReadDir(sqlFiles, "sql")
	if err != nil {
		t.Fatal(err)
	}
	nameLine := regexp.MustCompile(`(?m)^--\s*name\s*:\s*(.*)$`)
	for _, e := range entries {
		file := strings.TrimSuffix(e.Name(), ".sql")
		text, _ := sqlFiles.ReadFile("sql/" + e.Name())
		known := sourceBlocks
		if file == "common" {
			known = commonBlocks
		} else if file == "macros" {
			known = nil
		} else if _, ok := sourceByName(file); !ok {
			t.Errorf("sql/%s: no source of that name", e.Name())
		}
		for _, m := range nameLine.FindAllStringSubmatch(string(text), -1) {
			if name := strings.TrimSpace(m[1]); !slices.Contains(known, name) {
				t.Errorf("sql/%s: block %q is not one ingest runs (known: %q)", e.Name(), name, known)
			}
		}
	}
	for _, src := range sources {
		if !hasBlock(src.name, "check") {
			t.Errorf("sql/%s.sql has no check block", src.name)
		}
		if !storedInParts(src.name) && !hasBlock(src.name, "insert") {
			t.Errorf("sql/%s.sql has no insert block", src.name)
		}
	}
	defer func() {
		if recover() == nil {
			t.Errorf("sqlBlock(services, %q): got no panic, want one", "refrences")
		}
	}()
	sqlBlock("services", "refrences")
}

// Each source's shared steps fill in from its description: every
// placeholder is given, and the key and unit appear where they belong.
func TestSharedStepsFillIn(t *testing.T) {
	for _, src := range sources {
		var steps []string
		if len(src.key) > 0 {
			steps = append(steps, "duplicates")
		}
		steps = append(steps, "older rows stay")
		if !storedInParts(src.name) {
			steps = append(steps, "replace", "replaced files")
		}
		if src.spells != nil {
			steps = append(steps, "spells")
		}
		if len(src.mergeKey()) > 0 {
			steps = append(steps, "merge")
		} else {
			t.Errorf("%s: no merge key, so files of two profile sections could not merge", src.name)
		}
		if src.answers {
			steps = append(steps, "replace answers")
		}
		if src.unitRows() {
			steps = append(steps, "set aside")
		}
		if src.unitName == "" {
			t.Errorf("%s: no unitName, which rejects name the unit by", src.name)
		}
		for _, step := range steps {
			text := src.sharedSQL(step)
			if strings.Contains(text, "{{") {
				t.Errorf("%s %s: placeholder left in %s", src.name, step, text)
			}
		}
	}
	if got := sourcesByName(t, "participants").sharedSQL("duplicates"); !strings.Contains(got, "PARTITION BY c.participant_id, c.enrolled_on") {
		t.Errorf("participants duplicates: got %s, want the key (participant_id, enrolled_on)", got)
	}
	if got := sourcesByName(t, "staff").sharedSQL("replace"); !strings.Contains(got, "USING (staff_id)") || !strings.Contains(got, "USING (staff_id, hire_date)") {
		t.Errorf("staff replace: got %s, want the unit (staff_id) within a section and the key (staff_id, hire_date) across", got)
	}
	if got := sourcesByName(t, "staff").sharedSQL("merge"); !strings.Contains(got, "hourly_wage = coalesce(checked.hourly_wage, o.hourly_wage)") || !strings.Contains(got, "checked.hire_date = o.hire_date") {
		t.Errorf("staff merge: got %s, want each column coalesced and the key matched", got)
	}
	// A row's minutes, however its file gives them, are its own: a merged
	// row never takes them from the other export.
	if got := sourcesByName(t, "timesheets").sharedSQL("merge"); !strings.Contains(got, "checked.entry_id = o.entry_id") ||
		!strings.Contains(got, "miles = coalesce(") || strings.Contains(got, "minutes = ") || strings.Contains(got, "clock_in = ") {
		t.Errorf("timesheets merge: got %s, want entries matched on entry_id, miles coalesced, minutes and clock times not", got)
	}
}

func sourcesByName(t *testing.T, name string) source {
	t.Helper()
	s, ok := sourceByName(name)
	if !ok {
		t.Fatalf("no source %s", name)
	}
	return s
}
