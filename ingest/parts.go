package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
)

// Stored parts. Ingest types each file into a table of its own before the
// load's transaction (see Load). For the three sources that grow with the
// agency, services, encounters and timesheets, that table is kept as the
// file's part of the stored rows rather than copied into one table: at ten
// million services the copies and the checkpoint after them cost about a
// third of the load (issue 5). Each of these sources is a view (schema.sql):
// the rows of its base table, then, part by part in load order, the rows
// that are neither rejected nor replaced (problem IS NULL), with the file
// and line they came from.
//
// Rows of a part are never deleted, only marked: a row read by SQL knows
// its line only from its rowid (see ps_line), and DuckDB renumbers the
// rowids of a table it has deleted rows from when it checkpoints. A file
// that replaces stored rows deletes them from the base table and marks
// them in the parts. Once at most half of a part's rows are still stored,
// or a source has more than maxParts parts, the oldest such part's rows
// move into the base table with their lines written out, and the part is
// dropped.

// maxParts bounds the parts of one source's view (a folder of monthly
// exports over five years is 60).
const maxParts = 64

// partSources are the sources stored in parts.
var partSources = []string{"services", "encounters", "timesheets"}

func storedInParts(source string) bool {
	for _, s := range partSources {
		if s == source {
			return true
		}
	}
	return false
}

// emptyWithout names, for each source stored in parts, the columns of its
// check block that are NULL in every row when the file lacks any one of
// the staging columns listed (see the check blocks: start_time is read
// from start_time, shift_start and shift_end from both punches). line is
// NULL for every file read by SQL (see stage). TestEmptyWithout holds the
// check blocks to this list.
var emptyWithout = map[string]map[string][]string{
	"services":   {"line": {"line"}, "start_time": {"start_time"}},
	"encounters": {"line": {"line"}},
	"timesheets": {"line": {"line"}, "entry_id": {"entry_id"}, "shift_start": {"clock_in", "clock_out"}, "shift_end": {"clock_in", "clock_out"}},
}

// virtualEmpty: parts declare their empty columns virtual (false only in
// TestEmptyWithout, which checks the list against the check blocks).
var virtualEmpty = true

// emptyColumns are the columns of source's check block that are NULL in
// every row of a file whose absent staging columns are absent.
func emptyColumns(source string, absent map[string]bool) map[string]bool {
	out := map[string]bool{}
	if !virtualEmpty {
		return out
	}
	for col, from := range emptyWithout[source] {
		for _, c := range from {
			if absent[c] {
				out[col] = true
				break
			}
		}
	}
	return out
}

// baseTable holds a part source's rows that are not in a part.
func baseTable(source string) string { return source + "__base" }

// partTable is the table the i-th file of a run is typed into.
func partTable(source string, run int64, i int) string {
	return fmt.Sprintf("%s__r%d_%d", source, run, i)
}

// strayTable matches a table a run stopped before its commit may leave
// behind: a part it read but never stored, or its table of checked rows.
var strayTable = regexp.MustCompile(`^((services|encounters|timesheets)__r[0-9]+_[0-9]+|checked)$`)

type part struct {
	source, table, file string
	rowBase, rows, live int64
}

// listParts returns the parts of source in load order.
func listParts(ctx context.Context, q queryer, source string) ([]part, error) {
	rows, err := q.QueryContext(ctx, `SELECT part, file, row_base, rows, live_rows FROM stored_parts
		WHERE source = ? ORDER BY run_id, file_index`, source)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []part
	for rows.Next() {
		p := part{source: source}
		if err := rows.Scan(&p.table, &p.file, &p.rowBase, &p.rows, &p.live); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// baseColumn is a column of a base table, the shape of the source's view.
type baseColumn struct{ name, typ string }

func baseColumns(ctx context.Context, q queryer, source string) ([]baseColumn, error) {
	rows, err := q.QueryContext(ctx, `SELECT column_name, data_type FROM duckdb_columns()
		WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?
		ORDER BY column_index`, baseTable(source))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []baseColumn
	for rows.Next() {
		var c baseColumn
		if err := rows.Scan(&c.name, &c.typ); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no table %s", baseTable(source))
	}
	return out, nil
}

// partRows selects a part's stored rows in the shape of its base table.
func partRows(cols []baseColumn, p part) string {
	sel := make([]string, len(cols))
	for i, c := range cols {
		switch c.name {
		case "source_file":
			sel[i] = quote(p.file) + " AS source_file"
		case "source_line":
			sel[i] = fmt.Sprintf("CAST(coalesce(line, rowid - %d + 2) AS BIGINT) AS source_line", p.rowBase)
		default:
			sel[i] = fmt.Sprintf("CAST(%s AS %s) AS %s", quoteIdent(c.name), c.typ, quoteIdent(c.name))
		}
	}
	return fmt.Sprintf("SELECT %s FROM %s WHERE problem IS NULL", strings.Join(sel, ", "), quoteIdent(p.table))
}

// refreshView redefines source's view over its base table and parts.
func refreshView(ctx context.Context, conn *sql.Conn, source string) error {
	cols, err := baseColumns(ctx, conn, source)
	if err != nil {
		return err
	}
	parts, err := listParts(ctx, conn, source)
	if err != nil {
		return err
	}
	selects := []string{"SELECT * FROM " + baseTable(source)}
	for _, p := range parts {
		selects = append(selects, partRows(cols, p))
	}
	_, err = conn.ExecContext(ctx, fmt.Sprintf("CREATE OR REPLACE VIEW %s AS\n%s", source, strings.Join(selects, "\nUNION ALL\n")))
	return err
}

// replaceInParts deletes the base table's rows that the file's rows
// replace and marks those of the parts, and returns how many there were.
// One query finds which tables hold such rows (one hash of the file's
// keys, whatever the number of parts); only those are changed.
func (l *loader) replaceInParts(ctx context.Context, f dataFile) (map[string]int64, error) {
	source := f.src.name
	key := strings.Join(f.src.unit, ", ")
	parts, err := listParts(ctx, l.conn, source)
	if err != nil {
		return nil, err
	}
	tables := []string{baseTable(source)}
	stored := []string{fmt.Sprintf("SELECT 0 AS i, %s FROM %s", key, baseTable(source))}
	for i, p := range parts {
		if p.live > 0 {
			stored = append(stored, fmt.Sprintf("SELECT %d AS i, %s FROM %s WHERE problem IS NULL", i+1, key, quoteIdent(p.table)))
		}
		tables = append(tables, p.table)
	}
	loads := fmt.Sprintf("(SELECT %s FROM checked WHERE problem IS NULL) c USING (%s)", key, key)
	// replaced is the rows of table i the file replaces.
	replaced := func(i int) string { return fmt.Sprintf("%s s SEMI JOIN %s", quoteIdent(tables[i]), loads) }
	var hit []int
	if across := l.crossSection(f); across != nil {
		// Files of other sections are in the run: which rows the file
		// replaces depends on the section of the file they came from.
		replaced = func(i int) string {
			file := "s.source_file"
			if i > 0 {
				file = quote(parts[i-1].file)
			}
			return fmt.Sprintf("%s s WHERE %s", quoteIdent(tables[i]), across(file))
		}
		for i := range tables {
			if i == 0 || parts[i-1].live > 0 {
				hit = append(hit, i)
			}
		}
	} else {
		rows, err := l.conn.QueryContext(ctx, fmt.Sprintf("SELECT DISTINCT i FROM (%s) s SEMI JOIN %s ORDER BY i",
			strings.Join(stored, " UNION ALL "), loads))
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", f.name, err)
		}
		for rows.Next() {
			var i int
			if err := rows.Scan(&i); err != nil {
				rows.Close()
				return nil, err
			}
			hit = append(hit, i)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	mark := quote(fmt.Sprintf("replaced by %s in run %d", f.name, l.run))
	count := map[string]int64{}
	for _, i := range hit {
		t := quoteIdent(tables[i])
		if i == 0 {
			from, err := l.countByFile(ctx, fmt.Sprintf("SELECT source_file, count(*) FROM %s GROUP BY source_file", replaced(i)))
			if err != nil {
				return nil, err
			}
			for file, n := range from {
				count[file] += n
			}
		}
		matching := fmt.Sprintf("rowid IN (SELECT s.rowid FROM %s)", replaced(i))
		stmt := "DELETE FROM " + t + " WHERE " + matching
		if i > 0 {
			stmt = fmt.Sprintf("UPDATE %s SET problem = %s WHERE problem IS NULL AND %s", t, mark, matching)
		}
		res, err := l.conn.ExecContext(ctx, stmt)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", f.name, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return nil, err
		}
		if i > 0 && n > 0 {
			if _, err := l.conn.ExecContext(ctx, "UPDATE stored_parts SET live_rows = live_rows - ? WHERE part = ?", n, tables[i]); err != nil {
				return nil, err
			}
		}
		if i > 0 && n > 0 {
			count[parts[i-1].file] += n
		}
	}
	return count, nil
}

// keepPart makes the file's checked rows its part of the stored rows (or
// drops them when none is stored) and redefines the source's view.
func (l *loader) keepPart(ctx context.Context, p *prepared, fr FileResult) error {
	source := p.f.src.name
	if fr.RowsLoaded == 0 {
		_, err := l.conn.ExecContext(ctx, "DROP TABLE checked")
		return err
	}
	rows := fr.RowsRead - int64(len(p.staged.readerRejects))
	if _, err := l.conn.ExecContext(ctx, "ALTER TABLE checked RENAME TO "+quoteIdent(p.table)); err != nil {
		return err
	}
	if _, err := l.conn.ExecContext(ctx, `INSERT INTO stored_parts
		(source, part, file, run_id, file_index, row_base, rows, live_rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		source, p.table, p.f.name, l.run, p.index, p.staged.rowBase, rows, fr.RowsLoaded); err != nil {
		return err
	}
	return refreshView(ctx, l.conn, source)
}

// compactParts moves into the base table the rows of each part of which
// at most half are still stored, and of the oldest parts of a source with
// more than maxParts, and drops those parts.
func (l *loader) compactParts(ctx context.Context) error {
	for _, source := range partSources {
		parts, err := listParts(ctx, l.conn, source)
		if err != nil {
			return err
		}
		var cols []baseColumn
		changed, left := false, len(parts)
		for _, p := range parts {
			if 2*p.live > p.rows && left <= maxParts {
				continue
			}
			if p.live > 0 {
				if cols == nil {
					if cols, err = baseColumns(ctx, l.conn, source); err != nil {
						return err
					}
				}
				if _, err := l.conn.ExecContext(ctx, "INSERT INTO "+baseTable(source)+" "+partRows(cols, p)); err != nil {
					return fmt.Errorf("move the rows of %s into %s: %w", p.file, baseTable(source), err)
				}
			}
			if _, err := l.conn.ExecContext(ctx, "DROP TABLE "+quoteIdent(p.table)+"; DELETE FROM stored_parts WHERE part = "+quote(p.table)); err != nil {
				return err
			}
			changed = true
			left--
		}
		if changed {
			if err := refreshView(ctx, l.conn, source); err != nil {
				return err
			}
		}
	}
	return nil
}

// dropStrayTables drops the tables a run stopped before its commit left
// in the database: files it read but never stored.
func dropStrayTables(ctx context.Context, conn *sql.Conn) error {
	rows, err := conn.QueryContext(ctx, `SELECT table_name FROM duckdb_tables()
		WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
		  AND table_name NOT IN (SELECT part FROM stored_parts)`)
	if err != nil {
		return err
	}
	var stray []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		if strayTable.MatchString(name) {
			stray = append(stray, name)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, name := range stray {
		if _, err := conn.ExecContext(ctx, "DROP TABLE IF EXISTS main."+quoteIdent(name)); err != nil {
			return err
		}
	}
	return nil
}

// upgradeLayout moves a database an older peerstat wrote, with one table
// per part source, to base tables under the views. It runs before
// schema.sql.
func upgradeLayout(db *sql.DB) error {
	for _, source := range partSources {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM duckdb_tables()
			WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?`, source).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			if _, err := db.Exec("ALTER TABLE " + source + " RENAME TO " + baseTable(source)); err != nil {
				return fmt.Errorf("upgrade the %s table: %w", source, err)
			}
		}
	}
	return nil
}
