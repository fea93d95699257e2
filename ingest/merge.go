package ingest

import (
	"context"
	"fmt"
	"slices"
)

// Files of one source read through different profile sections (the EHR's
// staff list and the HR roster, an EHR's encounters and the MCO's claims
// feed) are not versions of each other (DATA.md, Loading and bad input):
// a row whose merge key (sources.go) another section's stored row has
// takes that row's cells where its own are blank, and then replaces it;
// between files the same section reads, a newer file replaces whole units
// as before. Timesheet entries merge on entry_id when both rows give one;
// an entry without one cannot be paired with another export's entries,
// so the newer file's entries of a staff-day replace the other export's
// entries of that day (see crossDay).

// otherSections reports whether the run has files of f's source that
// another profile section reads (or, for a file no section reads, that a
// section reads). Without them there is nothing to merge.
func (l *loader) otherSections(f dataFile) bool {
	for _, g := range l.plan.files {
		if g.src.name == f.src.name && g.sec != f.sec {
			return true
		}
	}
	return false
}

// mergeSections fills the blank cells of the file's rows from the stored
// rows of other sections' files with their merge key, then runs the
// source's checks of a merged row ("merged" block). It runs after the
// checks of the file's own rows and before the rows it replaces are
// taken out, so a merged row is checked as it will be stored.
func (l *loader) mergeSections(ctx context.Context, f dataFile) error {
	src := f.src
	if len(src.mergeKey()) == 0 || !l.otherSections(f) {
		return nil
	}
	var stored bool
	if err := l.conn.QueryRowContext(ctx, "SELECT EXISTS (FROM "+src.name+
		" WHERE source_file NOT IN (SELECT file FROM ps_same_section))").Scan(&stored); err != nil || !stored {
		return err
	}
	cols, err := l.mergeColumns(ctx, src)
	if err != nil {
		return err
	}
	if len(cols) > 0 {
		if _, err := l.conn.ExecContext(ctx, src.sharedSQL("merge", src.mergePairs(cols)...)); err != nil {
			return fmt.Errorf("merge %s with the other exports of %s: %w", f.name, src.name, err)
		}
	}
	if hasBlock(src.name, "merged") {
		if _, err := l.conn.ExecContext(ctx, sqlBlock(src.name, "merged")); err != nil {
			return fmt.Errorf("check the merged rows of %s: %w", f.name, err)
		}
	}
	l.tr.mark("%s: merge", f.name)
	return nil
}

// mergeColumns are the source's merge columns (sources.go) that both the
// file's checked rows and the stored rows have.
func (l *loader) mergeColumns(ctx context.Context, src source) ([]string, error) {
	names := func(table string) ([]string, error) {
		rows, err := l.conn.QueryContext(ctx, "SELECT * FROM "+table+" LIMIT 0")
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		return rows.Columns()
	}
	checked, err := names("checked")
	if err != nil {
		return nil, err
	}
	stored, err := names(src.name)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, c := range src.mergeColumns() {
		if slices.Contains(checked, c) && slices.Contains(stored, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

// crossDay is the condition, on a stored row s of a file another section
// reads, that the file's rows (loads) replace it: a row with its entry
// key (timesheets' entry_id), or any row of a unit (staff-day) the file
// holds when either side has no entry key.
func crossDay(src source, loads string) string {
	unit := ""
	for _, u := range src.unit {
		unit += fmt.Sprintf("c.%s = s.%s AND ", u, u)
	}
	return fmt.Sprintf(`(s.%[1]s IN (SELECT %[1]s FROM %[2]s WHERE %[1]s IS NOT NULL)
		OR EXISTS (SELECT 1 FROM %[2]s c WHERE %[3]s(c.%[1]s IS NULL OR s.%[1]s IS NULL)))`, src.entryKey, loads, unit)
}

// crossSection, for a source stored in parts whose unit is not its merge
// key (timesheets), when the run has files of other sections, gives the
// condition on a stored row s, from the file named by the SQL expression
// file, that the file's loaded rows replace it: the whole unit between
// files of one section, and across sections the rows crossDay says. nil:
// the file replaces whole units, whatever the file.
func (l *loader) crossSection(f dataFile) func(file string) string {
	src := f.src
	if src.entryKey == "" || !l.otherSections(f) {
		return nil
	}
	unit := ""
	for _, u := range src.unit {
		unit += fmt.Sprintf(" AND c.%s = s.%s", u, u)
	}
	loads := "(SELECT * FROM checked WHERE problem IS NULL)"
	return func(file string) string {
		return fmt.Sprintf(`(%[1]s IN (SELECT file FROM ps_same_section) AND EXISTS (SELECT 1 FROM %[2]s c WHERE TRUE%[3]s)
			OR %[1]s NOT IN (SELECT file FROM ps_same_section) AND %[4]s)`, file, loads, unit, crossDay(src, loads))
	}
}
