package ingest

import (
	"database/sql"
	"fmt"
)

// addPartColumns gives the stored parts of a source every column its base
// table has gained since they were written (timesheets' entry_id and
// clocked), as NULL, so the source's view can still be built over them.
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
	return nil
}
