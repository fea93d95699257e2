// Package ingest loads an agency's export files into the canonical DuckDB
// tables of schema.sql: participants, staff, services, encounters,
// timesheets, surveys (with survey_answers) and assessments (with
// assessment_answers), plus the run log, the rejects, the file versions
// the data stands on and the resolved config.
//
// A load reads the files of a data folder (CSV, gzip CSV, TSV, Excel
// workbooks, Parquet), maps vendor columns and codes through an optional
// profile (PROFILES.md), checks every row against DATA.md's rules in SQL,
// and commits the rows that pass together with one reject per row that
// does not, all in one transaction. It does not compute metrics or write
// reports; it only says what was loaded and what was not, and why.
//
// The folder is the truth (versions.go): after a load the database equals
// a load from empty of the files now in the folder. A source whose files
// changed or were removed, or that refers to one that changed, is rebuilt
// from its files; new files that load after a source's others are loaded
// on top; an unchanged folder reads nothing. Files of a source load oldest
// first by modification time, so the newer export wins; files of a source
// read through different profile sections merge per key instead, the
// newer file's non-blank cells winning (merge.go). A file that lost
// more than half of its rows to rejects is kept with its commonest reason
// and the fix (loss.go), for every command to report.
//
// Each source is described once, in sources.go (columns, key, what a newer
// file replaces, what files of two sections merge on); the shared steps are sql/common.sql's blocks filled in
// from that description, the value rules (dates, booleans, minutes,
// timestamps) live in sql/macros.sql and each source's own checks in
// sql/SOURCE.sql. Go reads what SQL cannot (spreadsheets, vendor date
// formats, code maps, text DuckDB would misread: records.go) and hands
// rows to DuckDB in bulk through the appender.
//
// services, encounters and timesheets are views: each file is typed into a
// table of its own before the transaction, and that table becomes the
// file's part of the stored rows instead of being copied (parts.go).
package ingest
