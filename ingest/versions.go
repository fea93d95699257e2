package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/peerstat/peerstat/config"
)

// The data folder is the truth (DATA.md, Loading and bad input): after a
// load the database equals a load from empty of the files now in the
// folder. A source whose files were changed or removed since the last
// load, or that refers to a source that changed (services to participants
// and staff), is rebuilt: its rows and rejects are dropped and every one
// of its files is read again, in order. A source that only gained files
// that load after all of its others (the next month's export) has them
// loaded on top, as a load from empty would. A source whose files are all
// as they were is not read at all. A change of the profile or of the
// settings the checks use rebuilds every source.

// What happened to a file in a run (FileResult.Change).
const (
	ChangeAdded     = "added"     // a file name not loaded before
	ChangeChanged   = "changed"   // the name was loaded before with other bytes
	ChangeReloaded  = "reloaded"  // same bytes, read again: its source was rebuilt
	ChangeUnchanged = "unchanged" // same bytes, its source not rebuilt: not read
	ChangeRemoved   = "removed"   // loaded before, gone from the folder: its rows taken out
)

// timeStep is the grain of modification times when ordering files: file
// systems (FAT, zip archives) keep times in 2-second steps.
const timeStep = 2 * time.Second

// storedVersion is a row of file_versions.
type storedVersion struct {
	FileResult
	size     int64
	modified time.Time
	sameAs   string
}

// runPlan is what a load will do: the files in load order, with their
// hashes when known, and the sources it rebuilds.
type runPlan struct {
	files    []dataFile
	rebuild  map[string]bool
	appended map[string]bool          // sources only new files are added to
	stored   map[string]storedVersion // by source + "/" + file
	order    map[string]time.Time     // each file's order time, by source + "/" + file
	settings string                   // the fingerprint of the profile and settings
	// replaced counts, for each file read in the run, the rows it
	// replaced of each earlier file (by source + "/" + file, then file).
	replaced map[string]map[string]int64
	// storedAt is each stored file's place in the last load's order.
	storedAt map[string]int
}

func versionKey(source, file string) string { return source + "/" + file }

// planRun decides the load order and what to rebuild. A file whose name,
// size and modification time are those of a stored version is taken to
// have its bytes; any other is hashed, unless nothing was ever loaded
// (then every file is read, and hashed as it is).
func (l *loader) planRun(ctx context.Context, files []dataFile) (*runPlan, error) {
	plan := &runPlan{rebuild: map[string]bool{}, appended: map[string]bool{}, stored: map[string]storedVersion{},
		order: map[string]time.Time{}, replaced: map[string]map[string]int64{}, storedAt: map[string]int{}}
	storedOrder := map[string][]string{} // each source's files in the order they loaded
	rows, err := l.conn.QueryContext(ctx, `SELECT source, file, sha256, size, modified, rows_read, rows_loaded,
		rows_rejected, rows_replaced, coalesce(same_as, '') FROM file_versions ORDER BY load_order`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var v storedVersion
		if err := rows.Scan(&v.Source, &v.File, &v.SHA256, &v.size, &v.modified, &v.RowsRead, &v.RowsLoaded,
			&v.RowsRejected, &v.RowsReplaced, &v.sameAs); err != nil {
			rows.Close()
			return nil, err
		}
		plan.stored[versionKey(v.Source, v.File)] = v
		plan.storedAt[versionKey(v.Source, v.File)] = len(plan.storedAt)
		storedOrder[v.Source] = append(storedOrder[v.Source], v.File)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	firstSeen := map[string]time.Time{}
	rows, err = l.conn.QueryContext(ctx, "SELECT sha256, first_modified FROM file_times")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var sum string
		var t time.Time
		if err := rows.Scan(&sum, &t); err != nil {
			rows.Close()
			return nil, err
		}
		firstSeen[sum] = t
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var storedSettings string
	_ = l.conn.QueryRowContext(ctx, "SELECT fingerprint FROM load_settings").Scan(&storedSettings)
	if plan.settings, err = l.settingsFingerprint(); err != nil {
		return nil, err
	}

	fresh := len(plan.stored) == 0 && len(firstSeen) == 0
	for i := range files {
		f := &files[i]
		if fresh {
			continue
		}
		if v, ok := plan.stored[versionKey(f.src.name, f.name)]; ok && v.size == f.size && v.modified.Equal(f.modified.UTC().Truncate(time.Microsecond)) {
			f.sha256 = v.SHA256
			continue
		}
		h := hashFile(f.path)
		if h.err != nil {
			return nil, fmt.Errorf("read %s: %w", f.name, h.err)
		}
		f.sha256 = h.sum
	}
	for _, f := range files {
		t := f.modified
		if first, ok := firstSeen[f.sha256]; ok && f.sha256 != "" && first.Before(t) {
			t = first
		}
		plan.order[versionKey(f.src.name, f.name)] = t
	}
	// Load order: sources in their order, then each source's files by
	// order time in whole steps, then by name.
	step := func(f dataFile) int64 {
		return plan.order[versionKey(f.src.name, f.name)].Unix() / int64(timeStep/time.Second)
	}
	sort.SliceStable(files, func(i, j int) bool {
		a, b := files[i], files[j]
		if a.src.name != b.src.name {
			return sourceIndex(a.src.name) < sourceIndex(b.src.name)
		}
		if sa, sb := step(a), step(b); sa != sb {
			return sa < sb
		}
		return a.name < b.name
	})
	plan.files = files

	// A source changes when its set of file versions does.
	current := map[string]map[string]string{}
	for _, f := range files {
		if current[f.src.name] == nil {
			current[f.src.name] = map[string]string{}
		}
		current[f.src.name][f.name] = f.sha256
	}
	before := map[string]map[string]string{}
	for _, v := range plan.stored {
		if before[v.Source] == nil {
			before[v.Source] = map[string]string{}
		}
		before[v.Source][v.File] = v.SHA256
	}
	for _, src := range sources {
		cur, old := current[src.name], before[src.name]
		if fresh || storedSettings != plan.settings {
			plan.rebuild[src.name] = true
			continue
		}
		// Sources whose rows are checked against a changed one are
		// derived again; sources come after those they refer to.
		for _, ref := range src.refersTo {
			if plan.rebuild[ref] || plan.appended[ref] {
				plan.rebuild[src.name] = true
			}
		}
		kept, added := true, false
		for name, sum := range old {
			kept = kept && cur[name] == sum
		}
		for name := range cur {
			if _, ok := old[name]; !ok {
				added = true
			}
		}
		var order []string // the stored files in this run's order
		for _, f := range files {
			if _, ok := old[f.name]; ok && f.src.name == src.name {
				order = append(order, f.name)
			}
		}
		switch {
		case plan.rebuild[src.name]:
		case !kept || strings.Join(order, "\n") != strings.Join(storedOrder[src.name], "\n"):
			// A file changed or went, or the files now load in another
			// order (a modification time moved earlier).
			plan.rebuild[src.name] = true
		case added && plan.addedLast(src.name, old):
			// Only new files, each loading after every stored one: a
			// load from empty would load the stored files as they were,
			// then these, so they load on top of the stored rows.
			plan.appended[src.name] = true
		case added:
			plan.rebuild[src.name] = true
		}
	}
	return plan, nil
}

// addedLast reports whether every file of source that is not among old
// (the stored versions) loads after every one that is.
func (plan *runPlan) addedLast(source string, old map[string]string) bool {
	seenNew := false
	for _, f := range plan.files {
		if f.src.name != source {
			continue
		}
		_, stored := old[f.name]
		if stored && seenNew {
			return false
		}
		seenNew = seenNew || !stored
	}
	return true
}

// reads reports whether the run reads the file: every file of a rebuilt
// source, and the new files of a source they are added to.
func (plan *runPlan) reads(f dataFile) bool {
	if plan.rebuild[f.src.name] {
		return true
	}
	_, stored := plan.stored[versionKey(f.src.name, f.name)]
	return plan.appended[f.src.name] && !stored
}

func sourceIndex(name string) int {
	for i, s := range sources {
		if s.name == name {
			return i
		}
	}
	return len(sources)
}

// settingsFingerprint covers what the loaded rows depend on besides the
// files: the profile's text and the settings the checks read (timezone,
// instruments).
func (l *loader) settingsFingerprint() (string, error) {
	h := sha256.New()
	h.Write(l.profile.text) // the profile chosen (given, the folder's or the stored one)
	h.Write([]byte{0})
	checks := config.Config{Timezone: l.opts.Config.Timezone, Instruments: l.opts.Config.Instruments}
	text, err := checks.Encode()
	if err != nil {
		return "", err
	}
	h.Write([]byte(text))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// clearSources drops the rows, parts, rejects and file versions of the
// sources the run rebuilds (inside its transaction).
func (l *loader) clearSources(ctx context.Context, rebuild map[string]bool) error {
	for _, src := range sources {
		if !rebuild[src.name] {
			continue
		}
		// rowDeletes thin row groups of participant rows (see settleVacuum);
		// the other statements drop whole tables or touch small logs.
		var rowDeletes, other []string
		if storedInParts(src.name) {
			parts, err := listParts(ctx, l.conn, src.name)
			if err != nil {
				return err
			}
			for _, p := range parts {
				other = append(other, "DROP TABLE IF EXISTS main."+quoteIdent(p.table))
			}
			other = append(other, "DELETE FROM stored_parts WHERE source = "+quote(src.name))
			rowDeletes = append(rowDeletes, "DELETE FROM "+baseTable(src.name))
		} else {
			if src.answers {
				rowDeletes = append(rowDeletes, "DELETE FROM "+src.answerTable())
			}
			rowDeletes = append(rowDeletes, "DELETE FROM "+src.name)
		}
		other = append(other, "DELETE FROM rejects WHERE source = "+quote(src.name),
			"DELETE FROM file_versions WHERE source = "+quote(src.name))
		for i, stmt := range append(rowDeletes, other...) {
			res, err := l.conn.ExecContext(ctx, stmt)
			if err != nil {
				return fmt.Errorf("take out the earlier %s rows: %w", src.name, err)
			}
			if n, err := res.RowsAffected(); err == nil && n > 0 && i < len(rowDeletes) {
				l.deleted = true
			}
		}
		if storedInParts(src.name) {
			if err := refreshView(ctx, l.conn, src.name); err != nil {
				return err
			}
		}
	}
	return nil
}

// recordVersions writes the file versions of the rebuilt sources and the
// first time each content was seen, and settles the settings fingerprint.
func (l *loader) recordVersions(ctx context.Context, plan *runPlan, results []FileResult, sameAs map[string]string) error {
	for i, f := range plan.files {
		fr := results[i]
		key := versionKey(f.src.name, f.name)
		modified := f.modified.UTC()
		if plan.reads(f) {
			var same any
			if s := sameAs[key]; s != "" {
				same = s
			}
			if _, err := l.conn.ExecContext(ctx, `INSERT INTO file_versions (source, file, sha256, size, modified, load_order,
				run_id, rows_read, rows_loaded, rows_rejected, rows_replaced, same_as) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				f.src.name, f.name, fr.SHA256, f.size, modified, i, l.run, fr.RowsRead, fr.RowsLoaded, fr.RowsRejected, fr.RowsReplaced, same); err != nil {
				return err
			}
		} else if v := plan.stored[key]; !v.modified.Equal(modified.Truncate(time.Microsecond)) || v.size != f.size {
			if _, err := l.conn.ExecContext(ctx, "UPDATE file_versions SET size = ?, modified = ?, load_order = ? WHERE source = ? AND file = ?",
				f.size, modified, i, f.src.name, f.name); err != nil {
				return err
			}
		}
		if plan.reads(f) && fr.RowsRejected > 0 && 2*fr.RowsRejected > fr.RowsRead {
			reason, err := l.commonestReason(ctx, f)
			if err != nil {
				return err
			}
			if _, err := l.conn.ExecContext(ctx, "UPDATE file_versions SET commonest_reason = ?, fix = ? WHERE source = ? AND file = ?",
				reason, fixFor(reason), f.src.name, f.name); err != nil {
				return err
			}
		}
		if _, err := l.conn.ExecContext(ctx, `INSERT INTO file_times VALUES (?, ?)
			ON CONFLICT (sha256) DO UPDATE SET first_modified = least(first_modified, excluded.first_modified)`,
			fr.SHA256, modified); err != nil {
			return err
		}
	}
	_, err := l.conn.ExecContext(ctx, "DELETE FROM load_settings; INSERT INTO load_settings VALUES (?)", plan.settings)
	return err
}

// removedFiles are the stored file versions of rebuilt sources that the
// folder no longer holds.
func (plan *runPlan) removedFiles() []FileResult {
	present := map[string]bool{}
	for _, f := range plan.files {
		present[versionKey(f.src.name, f.name)] = true
	}
	var out []FileResult
	for key, v := range plan.stored {
		if !present[key] {
			fr := v.FileResult
			fr.Change = ChangeRemoved
			fr.Skipped = true
			out = append(out, fr)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Source != out[j].Source {
			return sourceIndex(out[i].Source) < sourceIndex(out[j].Source)
		}
		return out[i].File < out[j].File
	})
	return out
}

// changeOf says what happened to a file in this run.
func (plan *runPlan) changeOf(f dataFile, sum string) string {
	v, ok := plan.stored[versionKey(f.src.name, f.name)]
	switch {
	case !ok:
		return ChangeAdded
	case v.SHA256 != sum:
		return ChangeChanged
	case plan.rebuild[f.src.name]:
		return ChangeReloaded
	}
	return ChangeUnchanged
}

// replacedRows records that f replaced rows of replacedFile, and returns
// the warning when f's name sorts before replacedFile's, as f loads later
// by modification time: the user may expect name order.
func (plan *runPlan) replacedRows(f dataFile, replacedFile string, rows int64) string {
	key := versionKey(f.src.name, f.name)
	if plan.replaced[key] == nil {
		plan.replaced[key] = map[string]int64{}
	}
	plan.replaced[key][replacedFile] += rows
	if replacedFile <= f.name {
		return ""
	}
	when := func(name string) string {
		return plan.order[versionKey(f.src.name, name)].Local().Format("2006-01-02 15:04:05")
	}
	return fmt.Sprintf("%s replaced %s of %s: it loads later because it was modified later (%s, against %s), though its name sorts first; if %s is the newer export, save it again so its modification time is the later one",
		f.name, countRows(rows), replacedFile, when(f.name), when(replacedFile), replacedFile)
}

// orderList is the run's load order as the run log shows it.
func (plan *runPlan) orderList() string {
	var names []string
	for _, f := range plan.files {
		names = append(names, f.name)
	}
	return strings.Join(names, ", ")
}

// countRows is "1 row", "2 rows".
func countRows(n int64) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

// rebuildOrderWarnings names each file that loads before other files of
// its source only because the database recorded an earlier time for its
// bytes than its own modification time (a copy or unzip touched it), and
// that shares keys with them: a rebuild from empty (a new or deleted
// database) has no recorded times and would load it after them, so its
// rows, not theirs, would win. The recorded times live only in the
// database (the outputs' manifest exists only while a set is placed, and
// peerstat never replaces a database file), so this is said while they
// are known: in every run whose order they change. Sharing keys is known
// exactly for a later file read in the run (the rows it replaced of the
// earlier one); for one not read, from whether it replaced any rows when
// it was.
func (plan *runPlan) rebuildOrderWarnings() []string {
	own := func(f dataFile) int64 { return f.modified.Unix() / int64(timeStep/time.Second) }
	recorded := func(f dataFile) int64 {
		return plan.order[versionKey(f.src.name, f.name)].Unix() / int64(timeStep/time.Second)
	}
	before := func(a, b dataFile, at func(dataFile) int64) bool {
		if at(a) != at(b) {
			return at(a) < at(b)
		}
		return a.name < b.name
	}
	when := func(t time.Time) string { return t.Local().Format("2006-01-02 15:04:05") }
	var out []string
	for i, a := range plan.files {
		var passed []string
		for _, b := range plan.files[i+1:] {
			if b.src.name == a.src.name && before(a, b, recorded) && before(b, a, own) && plan.mayShareKeys(a, b) {
				passed = append(passed, b.name)
			}
		}
		if len(passed) == 0 {
			continue
		}
		out = append(out, fmt.Sprintf("%[1]s loads before %[2]s because this database recorded an earlier modification time for its contents (%[3]s) than the file has now (%[4]s: a copy or unzip changed it); a rebuild from empty (a new or deleted database) orders files by their own times and would load it after %[2]s, so where they share keys the rows of %[1]s would win",
			a.name, strings.Join(passed, ", "), when(plan.order[versionKey(a.src.name, a.name)]), when(a.modified)))
	}
	return append(out, plan.reorderWarnings()...)
}

// reorderWarnings names each file read in the run that replaced rows of a
// file it loaded before in the last load: their modification times now
// order them the other way round (one was saved again, or moved back), so
// the other file's rows no longer win where they share keys.
func (plan *runPlan) reorderWarnings() []string {
	when := func(source, name string) string {
		return plan.order[versionKey(source, name)].Local().Format("2006-01-02 15:04:05")
	}
	var out []string
	for _, b := range plan.files {
		from := plan.replaced[versionKey(b.src.name, b.name)]
		for _, a := range sortedKeys(from) {
			was, stored := plan.storedAt[versionKey(b.src.name, a)]
			if at, ok := plan.storedAt[versionKey(b.src.name, b.name)]; !stored || !ok || at > was || a > b.name {
				// a > b.name: the name-order warning (replacedRows) says it.
				continue
			}
			out = append(out, fmt.Sprintf("%[1]s now loads after %[2]s, the other way round from the last load, as their modification times now order them (%[3]s, against %[4]s), so it replaced %[5]s of %[2]s",
				b.name, a, when(b.src.name, b.name), when(b.src.name, a), countRows(from[a])))
		}
	}
	return out
}

// mayShareKeys reports whether b, which loads after a, replaced rows of a
// in this run, or, not read in it, replaced any rows when it was read (a
// file with the same bytes as an earlier one of the run replaces nothing).
func (plan *runPlan) mayShareKeys(a, b dataFile) bool {
	if plan.reads(b) {
		return plan.replaced[versionKey(b.src.name, b.name)][a.name] > 0
	}
	return plan.stored[versionKey(b.src.name, b.name)].RowsReplaced > 0
}
