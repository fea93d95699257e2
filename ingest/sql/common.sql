-- Statements every source shares. Variables set by the loader for each
-- file: ps_run (run id), ps_source, ps_file (file name as in the folder).
-- `checked` holds the file's rows, typed, with `problem` NULL for a row
-- that loads and ps_problem(column, value, reason) for one that is
-- rejected; its rowids follow the file's order (see ps_line).

-- name: rejects
-- Every rejected row of the file, column named as the file names it.
INSERT INTO rejects (run_id, source, file, line, "column", value, reason)
SELECT CAST(getvariable('ps_run') AS BIGINT), CAST(getvariable('ps_source') AS VARCHAR),
       CAST(getvariable('ps_file') AS VARCHAR), ps_line(c.line, c.rowid),
       coalesce(n.in_file, ps_problem_column(c.problem)), ps_problem_value(c.problem), ps_problem_reason(c.problem)
FROM checked c LEFT JOIN ps_column_names n ON n.canonical = ps_problem_column(c.problem)
WHERE c.problem IS NOT NULL
ORDER BY c.rowid;

-- name: timezone
-- A timestamp with a UTC offset when no timezone is configured: a
-- structural error, reported with its line.
SELECT ps_line(line, rowid), ps_problem_column(problem), ps_problem_value(problem)
FROM checked WHERE ps_problem_reason(problem) = 'needs timezone' LIMIT 1;

-- name: renumber
-- Rows of a file with blank lines, quoted line breaks or records the CSV
-- reader rejected: move each row to its physical line (ps_line_steps says
-- from which row on, counting from 0, the line is ps_line + off).
CREATE OR REPLACE {{checked}} AS
SELECT c.* REPLACE (ps_line(c.line, c.rowid) + coalesce(s.off, 0) AS line)
FROM checked c ASOF LEFT JOIN ps_line_steps s ON ps_line(c.line, c.rowid) - 2 >= s.row_from
ORDER BY c.rowid;
