-- Statements every source shares. Variables set by the loader for each
-- file: ps_run (run id), ps_source, ps_file (file name as in the folder).
-- `checked` holds the file's rows, typed, with `problem` NULL for a row
-- that loads and ps_problem(column, value, reason) for one that is
-- rejected; its rowids follow the file's order (see ps_line).

-- name: rejects
-- Every rejected row of the file, column named as the file names it; for
-- participants and staff, whose row it was ({{person}}: the person's id,
-- NULL for other sources), so a service or entry of that person says why
-- the person is not there, in this run or a later one (ps_rejected_reason).
INSERT INTO rejects (run_id, source, file, line, "column", value, reason, person_id)
SELECT CAST(getvariable('ps_run') AS BIGINT), CAST(getvariable('ps_source') AS VARCHAR),
       CAST(getvariable('ps_file') AS VARCHAR), ps_line(c.line, c.rowid),
       coalesce(n.in_file, ps_problem_column(c.problem)), ps_problem_value(c.problem), ps_problem_reason(c.problem),
       {{person}}
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

-- The blocks below are each source's shared steps, filled in from its
-- description in sources.go: {{table}} is the source's table, {{key}} its
-- key within a file and {{key_first}} the column a duplicate is named
-- in, {{unit}} what a newer file replaces, {{id}}, {{start}} and {{end}}
-- a spell's person and dates.

-- name: duplicates
-- Later rows of a key already in the file: candidates are the key hashes
-- that occur twice, found by sorting the hashes (9M encounter ids: 1.3-1.5
-- s, against 3.3-4.5 s grouping them), then compared exactly; the first
-- row in file order is kept.
UPDATE checked SET problem = ps_problem('{{key_first}}', CAST({{key_first}} AS VARCHAR), 'duplicate key')
WHERE rowid IN (
    SELECT r FROM (
        SELECT c.rowid AS r, row_number() OVER (PARTITION BY {{c.key}} ORDER BY c.rowid) AS n
        FROM checked c
        SEMI JOIN (SELECT DISTINCT h FROM (SELECT h, lag(h) OVER (ORDER BY h) AS prev
                                       FROM (SELECT hash({{key}}) AS h FROM checked WHERE problem IS NULL))
                   WHERE h = prev) d ON d.h = hash({{c.key}})
        WHERE c.problem IS NULL)
    WHERE n > 1);

-- name: spells
-- Spells of every person this file touches who would have more than one:
-- the stored ones it does not replace (r NULL) and its own, in file order.
-- A file replaces every spell of each person it holds among the rows of
-- files read by the same profile section (ps_same_section); a row of
-- another section's file is replaced only by a spell with its key.
WITH new AS (
    SELECT {{id}} AS id, {{start}} AS s, {{end}} AS e, rowid AS r
    FROM checked WHERE problem IS NULL),
kept AS (
    SELECT {{id}} AS id, {{start}} AS s, {{end}} AS e, NULL::BIGINT AS r
    FROM {{table}} t
    WHERE {{id}} IN (SELECT id FROM new)
      AND source_file NOT IN (SELECT file FROM ps_same_section)
      AND NOT EXISTS (SELECT 1 FROM new WHERE new.id = t.{{id}} AND new.s = t.{{start}})),
spells AS (SELECT * FROM kept UNION ALL SELECT * FROM new)
SELECT id, s, e, r FROM spells
WHERE id IN (SELECT id FROM spells GROUP BY id HAVING count(*) > 1)
ORDER BY id, r NULLS FIRST;

-- name: set aside
-- A unit of several rows (a person's spells, a staff-day's entries) that
-- rows loaded before hold is replaced only when all of the file's rows for
-- it load; otherwise its other rows in the file are set aside and the
-- stored rows stay. A repeated key or entry is not such a row: its first row
-- loads.
UPDATE checked SET problem = ps_problem('{{unit_first}}', CAST({{unit_first}} AS VARCHAR),
    'set aside: another row of this file for this {{unit_name}} was rejected, so the rows loaded before for it stay')
WHERE rowid IN (
    SELECT c.rowid FROM checked c
    SEMI JOIN (SELECT {{unit}} FROM checked
               WHERE problem IS NOT NULL AND ps_problem_reason(problem) NOT IN ('duplicate key', 'duplicate entry')) bad USING ({{unit}})
    SEMI JOIN (SELECT {{unit}} FROM {{table}}) stored USING ({{unit}})
    WHERE c.problem IS NULL);

-- name: older rows stay
-- A rejected row of a unit that rows loaded before hold leaves those rows
-- in place, and its reject says so.
UPDATE checked SET problem = ps_problem(ps_problem_column(problem), ps_problem_value(problem),
    ps_problem_reason(problem) || '; the rows loaded before for this {{unit_name}} stay')
WHERE rowid IN (
    SELECT c.rowid FROM checked c
    SEMI JOIN (SELECT {{unit}} FROM {{table}}) stored USING ({{unit}})
    WHERE c.problem IS NOT NULL AND ps_problem_reason(c.problem) NOT IN ('duplicate key', 'duplicate entry')
      AND NOT starts_with(ps_problem_reason(c.problem), 'set aside'));

-- name: replaced files
-- How many stored rows of each file the file's rows replace: every row of
-- each unit it loads among the files its own profile section reads
-- (ps_same_section), and the rows with a key it loads among other
-- sections' files.
SELECT source_file, count(*) FROM (
    SELECT s.source_file FROM {{table}} s
    SEMI JOIN (SELECT {{unit}} FROM checked WHERE problem IS NULL) c USING ({{unit}})
    WHERE s.source_file IN (SELECT file FROM ps_same_section)
    UNION ALL
    SELECT s.source_file FROM {{table}} s
    SEMI JOIN (SELECT {{key}} FROM checked WHERE problem IS NULL) c USING ({{key}})
    WHERE s.source_file NOT IN (SELECT file FROM ps_same_section))
GROUP BY source_file;

-- name: replace
DELETE FROM {{table}} WHERE rowid IN (
    SELECT s.rowid FROM {{table}} s
    SEMI JOIN (SELECT {{unit}} FROM checked WHERE problem IS NULL) c USING ({{unit}})
    WHERE s.source_file IN (SELECT file FROM ps_same_section)
    UNION ALL
    SELECT s.rowid FROM {{table}} s
    SEMI JOIN (SELECT {{key}} FROM checked WHERE problem IS NULL) c USING ({{key}})
    WHERE s.source_file NOT IN (SELECT file FROM ps_same_section));

-- name: merge
-- Files of one source read by different profile sections (an EHR's staff
-- list and the HR roster) are not versions of each other: a row with the
-- merge key of another section's stored row takes that row's cells where
-- its own are blank ({{merge}} sets each column, filled in from the
-- columns both have), then replaces it (see replace). Should two stored
-- rows share the key (entry ids of one section on two days), the first in
-- file and line order is the one merged.
UPDATE checked SET {{merge}}
FROM (SELECT * FROM {{table}}
      SEMI JOIN (SELECT {{merge_key}} FROM checked WHERE problem IS NULL) k USING ({{merge_key}})
      WHERE source_file NOT IN (SELECT file FROM ps_same_section)
      QUALIFY row_number() OVER (PARTITION BY {{merge_key}} ORDER BY source_file, source_line) = 1) o
WHERE checked.problem IS NULL AND {{key_match}};

-- name: replace answers
-- The stored answers of the responses the file's rows replace, except,
-- for a row merged with another section's response of the same
-- instrument, the answers of items the row leaves blank: those stay (an
-- answer, an N/A code included, is a non-blank cell). Runs before the
-- replaced rows are deleted; `answers` holds the file's given answers.
DELETE FROM {{answer_table}} WHERE rowid IN (
    SELECT a.rowid FROM {{answer_table}} a
    SEMI JOIN (SELECT {{key_first}} FROM checked WHERE problem IS NULL) c USING ({{key_first}})
    ANTI JOIN (SELECT c.{{key_first}}, o.item
               FROM checked c
               JOIN {{table}} s ON s.{{key_first}} = c.{{key_first}} AND s.instrument = c.instrument
                              AND s.source_file NOT IN (SELECT file FROM ps_same_section)
               JOIN {{answer_table}} o ON o.{{key_first}} = c.{{key_first}}
               WHERE c.problem IS NULL
                 AND NOT EXISTS (SELECT 1 FROM answers x WHERE x.r = c.rowid AND x.item = o.item)) keep
        USING ({{key_first}}, item));

-- name: answers
-- Each answer of a survey or an assessment must be a whole number, an N/A
-- code or on the scale, of an item the row's instrument has; the first bad
-- item (lowest number) is named. Runs after the source's own answers block.
UPDATE checked SET problem = bad.problem
FROM (
    SELECT r, arg_min(ps_problem('q' || item, answer_text, reason), item) AS problem
    FROM (
        SELECT a.r, a.item, a.answer_text,
               CASE WHEN a.answer IS NULL THEN 'not a whole number'
                    WHEN list_contains(i.na, a.answer) THEN NULL
                    WHEN NOT list_contains(i.items, a.item) THEN 'not an item of the instrument'
                    WHEN a.answer NOT BETWEEN i.lo AND i.hi THEN 'answer outside the instrument''s scale'
               END AS reason
        FROM answers a
        JOIN checked c ON c.rowid = a.r
        JOIN ps_instruments i ON i.name = c.instrument
        WHERE c.problem IS NULL)
    WHERE reason IS NOT NULL
    GROUP BY r) bad
WHERE checked.rowid = bad.r;
