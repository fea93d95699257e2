// Package ingest loads an agency's export files into the canonical DuckDB
// tables of schema.sql: participants, staff, services, encounters,
// timesheets, surveys (with survey_answers) and assessments (with
// assessment_answers), plus the run log, the
// rejects and the resolved config.
//
// A load reads every file of a data folder (CSV, gzip CSV, TSV, Excel
// workbooks, Parquet), maps vendor columns and codes through an optional
// profile (PROFILES.md), checks every row against DATA.md's rules in SQL,
// and commits the rows that pass together with one reject per row that
// does not, all in one transaction. It does not compute metrics or write
// reports; it only says what was loaded and what was not, and why.
//
// The value rules (dates, booleans, minutes, timestamps) live in
// sql/macros.sql and each source's checks in sql/SOURCE.sql; Go reads what
// SQL cannot (spreadsheets, vendor date formats, code maps) and hands rows
// to DuckDB in bulk through the appender.
//
// services, encounters and timesheets are views: each file is typed into a
// table of its own before the transaction, and that table becomes the
// file's part of the stored rows instead of being copied (parts.go).
package ingest
