package ingest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/xuri/excelize/v2"
)

// staging is a file made ready for the checks: a relation `src` with one
// text column per staging column (blank = NULL), plus line (NULL when SQL
// reads the file: see ps_line) and pre_column/pre_value/pre_reason (a
// problem found while converting the row in Go).
type staging struct {
	inFile  map[string]string // staging column -> name in the file
	answers string            // quoted answer columns, comma separated
	// textScan is set when the checks read a delimited text file through
	// SQL: its reader rejects and line steps are settled after the checks.
	textScan      *textScan
	steps         []lineStep     // physical lines of the rows of such a file
	readerRejects []readerReject // records the CSV reader could not split into the header's fields
	rowBase       int64          // first rowid of the file's typed rows (see ps_line)
	// checkedDDL is what the checks create `checked` as (their
	// {{checked}}): a temporary table, or a table of the database for a
	// source stored in parts (see parts.go).
	checkedDDL string
	// goPath: the rows were converted in Go into `stg` (see recheck).
	goPath bool
	// rewritten: the staging columns whose text a profile format or
	// divide/multiply rewrote; stg keeps the file's own text beside them
	// (see quoteFileValues).
	rewritten map[string]bool
	// columnAt gives each staging column's place in the file (its first
	// file column), for reporting a row's first problem in file order.
	columnAt map[string]int
	warnings []string // see fileLayout.mapWarnings
	// punches: the file gives clock_in or clock_out (see expander).
	punches bool
	// absent: the staging columns that are NULL in every row of `src`
	// because the file, read by SQL, does not have them (see emptyColumns).
	absent map[string]bool
}

// readerReject is a record the CSV reader rejected, at its physical line.
type readerReject struct {
	line          int64
	value, reason string
}

// stage reads a file into `src`. Plain CSV and Parquet files are read by
// DuckDB alone (the fast path: `src` is a view over the file, so the checks
// read it once, in parallel). Spreadsheets and files whose profile section
// converts values are read row by row in Go and reach DuckDB through the
// appender, never one INSERT per row.
func (l *loader) stage(ctx context.Context, f dataFile, scan *textScan) (staging, error) {
	sec := f.sec
	var (
		header, headerRaw []string
		sheet             *sheetRows
		err               error
	)
	switch f.format {
	case formatXLSX:
		sheet, err = openSheet(f)
		if err != nil {
			return staging{}, err
		}
		defer sheet.close()
		header, headerRaw = sheet.header, sheet.headerRaw
	case formatParquet:
		header, headerRaw, err = l.parquetColumns(ctx, f)
		if err != nil {
			return staging{}, err
		}
	default:
		header, headerRaw = scan.header, scan.headerRaw
	}
	plan, err := planFile(f.name, f.src, sec, header, headerRaw, l.loc, f.format == formatXLSX)
	if err != nil {
		return staging{}, err
	}
	st := staging{inFile: plan.inFile, columnAt: plan.columnAt()}
	for _, c := range plan.present() {
		st.punches = st.punches || c == "clock_in" || c == "clock_out"
	}
	// What the checks need to know of the file beyond its rows: which
	// columns it has (a blank punch is named only in a file with that
	// column) and whether its billable is unknown (a punch clock).
	if err := l.setVariable(ctx, "ps_file_columns", plan.present()); err != nil {
		return st, err
	}
	if err := l.setVariable(ctx, "ps_billable_unknown", plan.billableUnknown); err != nil {
		return st, err
	}
	var answers []string
	for _, c := range plan.stage {
		if isAnswerColumn(c) {
			answers = append(answers, quoteIdent(c))
		}
	}
	st.answers = strings.Join(answers, ", ")

	// The relation the file's own columns come from, as c0, c1, … text.
	var fileRel string
	switch f.format {
	case formatParquet:
		cols := make([]string, len(headerRaw))
		for i := range headerRaw {
			cols[i] = fmt.Sprintf("CAST(%s AS VARCHAR) AS c%d", quoteIdent(headerRaw[i]), i)
		}
		fileRel = fmt.Sprintf("(SELECT %s FROM read_parquet(%s))", strings.Join(cols, ", "), quote(f.path))
	case formatCSV, formatCSVGzip, formatTSV:
		fileRel = csvRelation(f, len(header))
	}

	irregular := scan != nil && scan.irregular != ""
	if f.format != formatXLSX && plan.plainColumns() && !irregular {
		// line is NULL for every row read here (ps_line numbers them from
		// their rowid); the narrowest type keeps that empty column of
		// millions of rows small in the checks' table.
		sel := []string{"NULL::UTINYINT AS line", "NULL::VARCHAR AS pre_column", "NULL::VARCHAR AS pre_value", "NULL::VARCHAR AS pre_reason"}
		st.absent = map[string]bool{"line": true}
		for i, c := range plan.stage {
			expr := "NULL::VARCHAR"
			if len(plan.fields[i].index) != 1 {
				st.absent[c] = true
			}
			if idx := plan.fields[i].index; len(idx) == 1 {
				expr = fmt.Sprintf("ps_clean(c%d)", idx[0])
				if f.format != formatParquet && !scan.padded {
					expr = fmt.Sprintf("c%d", idx[0]) // no cell to trim (see padScan)
				}
			}
			sel = append(sel, expr+" AS "+quoteIdent(c))
		}
		view := fmt.Sprintf("CREATE OR REPLACE TEMP VIEW src AS SELECT %s FROM %s", strings.Join(sel, ", "), fileRel)
		if _, err := l.conn.ExecContext(ctx, view); err != nil {
			return st, readError(f, err)
		}
		// The checks read the view; the reader's rejects and the rows'
		// lines are settled after them (see check).
		st.textScan = scan
		return st, nil
	}

	// Go path: rows converted one by one, appended in bulk to `stg`.
	rawFields := plan.rewritten()
	st.rewritten = map[string]bool{}
	for _, i := range rawFields {
		st.rewritten[plan.stage[i]] = true
	}
	if err := l.createStaging(ctx, plan.stage, rawFields); err != nil {
		return st, err
	}
	app, err := l.appender(ctx, "stg")
	if err != nil {
		return st, err
	}
	row := make([]driver.Value, 5+len(plan.stage)+len(rawFields))
	out := make([]string, len(plan.stage))
	appendRow := func(line int64, cells []string, pre *problem) error {
		for i := range out {
			out[i] = ""
		}
		p := plan.convert(cells, out)
		if pre != nil && (p == nil || pre.at <= p.at) {
			p = pre
		}
		if p != nil {
			row[4+len(plan.stage)] = int64(p.at)
		} else {
			row[4+len(plan.stage)] = nil
		}
		for k, i := range rawFields {
			if v, blank := plan.fields[i].text(cells); blank {
				row[5+len(plan.stage)+k] = nil
			} else {
				row[5+len(plan.stage)+k] = v
			}
		}
		row[0] = line
		row[1], row[2], row[3] = nil, nil, nil
		if p != nil {
			row[1], row[2], row[3] = p.column, p.value, p.reason
		}
		for i, v := range out {
			if v == "" {
				row[4+i] = nil
			} else {
				row[4+i] = v
			}
		}
		return app.AppendRow(row...)
	}
	switch f.format {
	case formatXLSX:
		err = sheet.each(plan.fileColumns(), appendRow)
	case formatCSV, formatCSVGzip, formatTSV:
		if irregular {
			l.tr.mark("%s: read in Go (%s)", f.name, scan.irregular)
			err = eachTextRecord(f, len(header), &st, appendRow)
			break
		}
		err = l.eachRawRow(ctx, f, fileRel, plan, scan, &st, appendRow)
	default:
		err = l.eachRawRow(ctx, f, fileRel, plan, scan, &st, appendRow)
	}
	if cerr := app.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("stage %s: %w", f.name, cerr)
	}
	if err != nil {
		return st, err
	}
	st.goPath = true
	st.warnings = plan.mapWarnings(f.name)
	_, err = l.conn.ExecContext(ctx, "CREATE OR REPLACE TEMP VIEW src AS SELECT * FROM stg")
	return st, err
}

// csvRelation reads a delimited text file with every column as text, named
// c0, c1, …; records that do not split into the header's fields are kept
// aside in ps_reader_rejects.
func csvRelation(f dataFile, columns int) string {
	cols := make([]string, columns)
	for i := range cols {
		cols[i] = fmt.Sprintf("'c%d': 'VARCHAR'", i)
	}
	delim := ","
	if f.format == formatTSV {
		delim = "\t"
	}
	buffer := ""
	if b := csvBuffer(f); b > 0 {
		buffer = fmt.Sprintf(", buffer_size = %d", b)
	}
	return fmt.Sprintf(`read_csv(%s, auto_detect = false, header = true, delim = %s, quote = '"', escape = '"',
		columns = {%s}, store_rejects = true, rejects_table = 'ps_reader_rejects', rejects_scan = 'ps_reader_scans'%s)`,
		quote(f.textPath()), quote(delim), strings.Join(cols, ", "), buffer)
}

// defaultCSVBuffer is DuckDB's read_csv buffer (16 x max_line_size).
const defaultCSVBuffer = 32 << 20

// csvBuffer is the read_csv buffer for a plain text file, 0 for DuckDB's
// own: an eighth of the file when that is larger. With DuckDB's buffer, a
// table made from a large file could be left for the next checkpoint to
// rewrite (8.9M encounters: CREATE TABLE 13.6 s, then CHECKPOINT 13.2 s
// and a database 216 MB against 137 MB; with 64 MB, 13.7 + 0.01 s); a
// buffer as large as a smaller file reads it on fewer threads (1M
// services, ingest with 64 MB for every file: 11.4-12.9 s against
// 7.8-8.1 s with DuckDB's).
func csvBuffer(f dataFile) int64 {
	if f.format == formatCSVGzip {
		return 0
	}
	info, err := os.Stat(f.path)
	if err != nil || info.Size()/8 <= defaultCSVBuffer {
		return 0
	}
	return info.Size() / 8
}

// nameColumns records how the file names each staging column, for the
// rejects of the file being loaded.
func (l *loader) nameColumns(ctx context.Context, inFile map[string]string) error {
	if _, err := l.conn.ExecContext(ctx, "DELETE FROM ps_column_names"); err != nil {
		return err
	}
	for canonical, name := range inFile {
		if _, err := l.conn.ExecContext(ctx, "INSERT INTO ps_column_names VALUES (?, ?)", canonical, name); err != nil {
			return err
		}
	}
	return nil
}

// createStaging makes the Go path's staging table: the staging columns,
// then the file's own text of the fields the profile rewrites (raw__ and
// the column's name), for rejects to quote.
func (l *loader) createStaging(ctx context.Context, columns []string, rawFields []int) error {
	defs := []string{"line BIGINT", "pre_column VARCHAR", "pre_value VARCHAR", "pre_reason VARCHAR"}
	for _, c := range columns {
		defs = append(defs, quoteIdent(c)+" VARCHAR")
	}
	// pre_at: the file column of the problem found in Go (see recheck).
	defs = append(defs, "pre_at INTEGER")
	for _, i := range rawFields {
		defs = append(defs, quoteIdent("raw__"+columns[i])+" VARCHAR")
	}
	_, err := l.conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE stg ("+strings.Join(defs, ", ")+")")
	return err
}

// appender opens a DuckDB appender on a temporary table of the run's
// connection, inside its transaction.
func (l *loader) appender(ctx context.Context, table string) (*duckdb.Appender, error) {
	var app *duckdb.Appender
	err := l.conn.Raw(func(dc any) error {
		var err error
		app, err = duckdb.NewAppender(dc.(driver.Conn), "temp", "main", table)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("open appender: %w", err)
	}
	return app, nil
}

// eachRawRow reads a CSV or Parquet file with DuckDB into a temporary table
// and hands its rows, in file order and with their lines, to fn in batches
// (a connection cannot stream a query and append at the same time).
func (l *loader) eachRawRow(ctx context.Context, f dataFile, fileRel string, plan *fileLayout, scan *textScan, st *staging, fn func(int64, []string, *problem) error) error {
	used := map[int]bool{}
	var cols []int // file columns the layout reads, ascending
	for _, fld := range plan.fields {
		for _, i := range fld.index {
			if !used[i] {
				used[i] = true
				cols = append(cols, i)
			}
		}
	}
	sort.Ints(cols)
	sel := []string{"NULL AS no_column"}
	if len(cols) > 0 {
		sel = sel[:0]
		for _, i := range cols {
			sel = append(sel, fmt.Sprintf("c%d", i))
		}
	}
	if _, err := l.conn.ExecContext(ctx, fmt.Sprintf("CREATE OR REPLACE TEMP TABLE raw AS SELECT %s FROM %s", strings.Join(sel, ", "), fileRel)); err != nil {
		return readError(f, err)
	}
	if f.format.text() {
		if err := l.collectReaderRejects(ctx, scan, st); err != nil {
			return err
		}
	}
	// Rows are numbered in file order from the table's first rowid.
	var first, last sql.NullInt64
	var total int64
	for attempt := 0; ; attempt++ {
		if err := l.conn.QueryRowContext(ctx, "SELECT min(rowid), max(rowid), count(*) FROM raw").Scan(&first, &last, &total); err != nil {
			return err
		}
		if total == 0 || last.Int64-first.Int64+1 == total {
			break
		}
		if attempt > 0 {
			return fmt.Errorf("stage %s: rows of the file are not numbered in order", f.name)
		}
		if _, err := l.conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE raw AS SELECT * FROM raw ORDER BY rowid"); err != nil {
			return err
		}
	}
	width := 0
	for _, c := range cols {
		width = max(width, c+1)
	}
	const batch = 50000
	type rawRow struct {
		line  int64
		cells []string
	}
	for from := int64(0); from < total; from += batch {
		rows, err := l.conn.QueryContext(ctx, fmt.Sprintf("SELECT rowid - ?, %s FROM raw WHERE rowid >= ? AND rowid < ? ORDER BY rowid", strings.Join(sel, ", ")),
			first.Int64, first.Int64+from, first.Int64+from+batch)
		if err != nil {
			return err
		}
		var got []rawRow
		scanArgs := make([]any, 1+len(sel))
		values := make([]sql.NullString, len(sel))
		for rows.Next() {
			var position int64
			scanArgs[0] = &position
			for i := range values {
				scanArgs[1+i] = &values[i]
			}
			if err := rows.Scan(scanArgs...); err != nil {
				rows.Close()
				return err
			}
			cells := make([]string, width)
			for i, c := range cols {
				cells[c] = values[i].String
			}
			if len(cols) == 0 {
				cells = nil
			}
			got = append(got, rawRow{lineOfRow(st.steps, position), cells})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range got {
			if err := fn(r.line, r.cells, nil); err != nil {
				return err
			}
		}
	}
	st.steps = nil // lines are explicit in stg
	return nil
}

// collectReaderRejects keeps the CSV reader's rejected records for the
// run's rejects (see recordReaderRejects), and works out the physical lines of the rows it
// loaded (st.steps).
func (l *loader) collectReaderRejects(ctx context.Context, scan *textScan, st *staging) error {
	rows, err := l.conn.QueryContext(ctx, `SELECT line, any_value(error_type::VARCHAR), any_value(coalesce(csv_line, ''))
		FROM ps_reader_rejects GROUP BY line ORDER BY line`)
	if err != nil {
		if strings.Contains(err.Error(), "ps_reader_rejects") {
			st.steps = scan.lines.rowLines(nil)
			return nil
		}
		return err
	}
	var lines []int64
	var rejects []readerReject
	for rows.Next() {
		var r readerReject
		var kind string
		if err := rows.Scan(&r.line, &kind, &r.value); err != nil {
			rows.Close()
			return err
		}
		lines = append(lines, r.line)
		r.reason = strings.ToLower(kind)
		switch kind {
		case "MISSING COLUMNS", "TOO MANY COLUMNS":
			r.reason = "wrong number of fields"
		case "UNQUOTED VALUE":
			r.reason = "bad quoting"
		case "LINE SIZE OVER MAXIMUM":
			r.reason = "line too long"
		}
		r.value = strings.TrimSpace(r.value)
		if len(r.value) > 200 {
			r.value = r.value[:200] + "…"
		}
		rejects = append(rejects, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := l.conn.ExecContext(ctx, "DELETE FROM ps_reader_rejects; DELETE FROM ps_reader_scans"); err != nil {
		return err
	}
	st.steps = scan.lines.rowLines(lines)
	for i := range rejects {
		rejects[i].line = scan.lines.physical(rejects[i].line)
	}
	st.readerRejects = rejects
	return nil
}

// recordReaderRejects writes the CSV reader's rejects of a file as
// rejects of this run (inside the transaction).
func (l *loader) recordReaderRejects(ctx context.Context, st *staging) error {
	for _, r := range st.readerRejects {
		if _, err := l.conn.ExecContext(ctx, `INSERT INTO rejects (run_id, source, file, line, "column", value, reason)
			VALUES (getvariable('ps_run'), getvariable('ps_source'), getvariable('ps_file'), ?, '', ?, ?)`,
			r.line, r.value, r.reason); err != nil {
			return err
		}
	}
	return nil
}

// readError explains a file DuckDB could not read.
func readError(f dataFile, err error) error {
	switch f.format {
	case formatParquet:
		return fmt.Errorf("%s could not be read as Parquet (%v); export it again or save it as CSV", f.name, err)
	}
	what := map[fileFormat]string{formatCSV: "CSV", formatCSVGzip: "gzip-compressed CSV", formatTSV: "tab-separated text", formatXLSX: "an Excel workbook"}[f.format]
	if f.format.text() && csvReaderDump(err) {
		// DuckDB's CSV reader failed on the file as a whole and explains
		// with a page of its options, which says nothing to the user.
		sep := "comma"
		if f.format == formatTSV {
			sep = "tab"
		}
		return fmt.Errorf("%s could not be read as %s: check that it is %s-separated text with the same line ends throughout and every quoted value closed, or save it again as CSV UTF-8 from the program that made it", f.name, what, sep)
	}
	return fmt.Errorf("%s could not be read as %s (%v)", f.name, what, err)
}

// csvReaderDump tells an error of DuckDB's CSV reader that lists the
// reader's options (its "sniffer" settings) from a short one.
func csvReaderDump(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "(Auto-Detected)") || strings.Contains(msg, "(Set By User)") || strings.Contains(msg, "CSV Reader was used with the following options")
}

// parquetColumns lists a Parquet file's column names.
func (l *loader) parquetColumns(ctx context.Context, f dataFile) ([]string, []string, error) {
	rows, err := l.conn.QueryContext(ctx, fmt.Sprintf("SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(%s))", quote(f.path)))
	if err != nil {
		return nil, nil, readError(f, err)
	}
	defer rows.Close()
	var header, raw []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, nil, err
		}
		raw = append(raw, name)
		header = append(header, normalizeHeader(name))
	}
	return header, raw, rows.Err()
}

// sheetRows reads the rows of a workbook's sheet: the one named after the
// source, or else the first.
type sheetRows struct {
	file              *excelize.File
	rows              *excelize.Rows
	name              string
	header, headerRaw []string
}

func openSheet(f dataFile) (*sheetRows, error) {
	book, err := excelize.OpenFile(f.path)
	if err != nil {
		return nil, fmt.Errorf("%s could not be read as an Excel workbook (%v); save it again as .xlsx, or as CSV", f.name, err)
	}
	sheets := book.GetSheetList()
	if len(sheets) == 0 {
		book.Close()
		return nil, fmt.Errorf("%s has no sheets", f.name)
	}
	sheet := sheets[0]
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), f.src.name) {
			sheet = s
		}
	}
	rows, err := book.Rows(sheet)
	if err != nil {
		book.Close()
		return nil, fmt.Errorf("%s, sheet %s: %v", f.name, sheet, err)
	}
	sr := &sheetRows{file: book, rows: rows, name: sheet}
	if !rows.Next() {
		sr.close()
		return nil, fmt.Errorf("%s, sheet %s: %w", f.name, sheet, errNoHeader)
	}
	cells, err := rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		sr.close()
		return nil, fmt.Errorf("%s, sheet %s: %v", f.name, sheet, err)
	}
	for _, c := range cells {
		sr.headerRaw = append(sr.headerRaw, trimSpaceBOM(c))
		sr.header = append(sr.header, normalizeHeader(c))
	}
	if strings.Join(sr.header, "") == "" {
		sr.close()
		return nil, fmt.Errorf("%s, sheet %s: %w", f.name, sheet, errNoHeader)
	}
	return sr, nil
}

// each hands every non-empty row after the header to fn with its row
// number (the header is row 1). A cell of one of the columns the file's
// layout reads (used) that holds a formula with no saved value is the
// row's problem: the workbook was written by a program that does not
// calculate, and a blank would silently stand in for the value.
func (s *sheetRows) each(used []int, fn func(int64, []string, *problem) error) error {
	line := int64(1)
	for s.rows.Next() {
		line++
		cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("sheet %s row %d: %v", s.name, line, err)
		}
		var pre *problem
		for _, i := range used {
			if i < len(cells) && cells[i] != "" {
				continue
			}
			axis, err := excelize.CoordinatesToCellName(i+1, int(line))
			if err != nil {
				return err
			}
			if formula, err := s.file.GetCellFormula(s.name, axis); err == nil && formula != "" {
				pre = &problem{column: s.headerRaw[i], value: "=" + formula,
					reason: "formula with no saved value: open the file in Excel and save it again", at: i}
				break
			}
		}
		if pre == nil && strings.TrimSpace(strings.Join(cells, "")) == "" {
			continue
		}
		if err := fn(line, cells, pre); err != nil {
			return err
		}
	}
	return s.rows.Error()
}

func (s *sheetRows) close() {
	if s.rows != nil {
		s.rows.Close()
	}
	s.file.Close()
}
