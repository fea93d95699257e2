package ingest

import (
	"context"
	"database/sql"
	"fmt"
)

// addPartColumns gives the stored parts of a source every column its base
// table has gained since they were written (timesheets' entry_id, clocked
// and shift times, services' start_time), as NULL, and builds the source's
// view again over them: the view an older peerstat made lists the parts'
// columns as they were, and no longer matches its base table.
func addPartColumns(db *sql.DB) error {
	rows, err := db.Query(`SELECT p.part, c.column_name, c.data_type
		FROM stored_parts p
		JOIN duckdb_columns() c ON c.database_name = current_database() AND c.schema_name = 'main'
		 AND c.table_name = p.source || '__base'
		WHERE c.column_name NOT IN ('source_file', 'source_line')
		  AND NOT EXISTS (SELECT 1 FROM duckdb_columns() pc
		                  WHERE pc.database_name = current_database() AND pc.schema_name = 'main'
		                    AND pc.table_name = p.part AND pc.column_name = c.column_name)
		ORDER BY p.part, c.column_index`)
	if err != nil {
		return err
	}
	var alters []string
	for rows.Next() {
		var part, col, typ string
		if err := rows.Scan(&part, &col, &typ); err != nil {
			rows.Close()
			return err
		}
		alters = append(alters, fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", quoteIdent(part), quoteIdent(col), typ))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, a := range alters {
		if _, err := db.Exec(a); err != nil {
			return fmt.Errorf("bring a stored part up to date: %w", err)
		}
	}
	return refreshStaleViews(db)
}

// refreshStaleViews builds again each part source's view whose columns are
// not its base table's.
func refreshStaleViews(db *sql.DB) error {
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, source := range partSources {
		var stale bool
		if err := conn.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?) <>
			(SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?)`,
			source, baseTable(source)).Scan(&stale); err != nil {
			return err
		}
		if stale {
			if err := refreshView(ctx, conn, source); err != nil {
				return fmt.Errorf("bring the %s view up to date: %w", source, err)
			}
		}
	}
	return nil
}
