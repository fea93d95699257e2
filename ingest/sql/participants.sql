-- participants: one row per enrollment spell, key (participant_id, enrolled_on).

-- name: check
CREATE OR REPLACE {{checked}} AS
SELECT line, participant_id, program,
       t_enrolled_on AS enrolled_on, t_discharged_on AS discharged_on, t_birth_year AS birth_year, payer,
       CASE
           WHEN pre_reason IS NOT NULL THEN ps_problem(pre_column, pre_value, pre_reason)
           WHEN participant_id IS NULL THEN ps_problem('participant_id', NULL, 'missing value')
           WHEN program IS NULL THEN ps_problem('program', NULL, 'missing value')
           WHEN ps_name_problem('program', program) IS NOT NULL THEN ps_name_problem('program', program)
           WHEN enrolled_on IS NULL THEN ps_problem('enrolled_on', NULL, 'missing value')
           WHEN t_enrolled_on IS NULL THEN ps_problem('enrolled_on', enrolled_on, 'not a date (expected YYYY-MM-DD)')
           WHEN discharged_on IS NOT NULL AND t_discharged_on IS NULL
               THEN ps_problem('discharged_on', discharged_on, 'not a date (expected YYYY-MM-DD)')
           WHEN birth_year IS NOT NULL AND t_birth_year IS NULL
               THEN ps_problem('birth_year', birth_year, 'not a whole number')
           WHEN t_discharged_on < t_enrolled_on
               THEN ps_problem('discharged_on', discharged_on, 'discharged before enrolled')
           WHEN ps_name_problem('payer', payer) IS NOT NULL THEN ps_name_problem('payer', payer)
       END AS problem
FROM (SELECT *, ps_date(enrolled_on) AS t_enrolled_on, ps_date(discharged_on) AS t_discharged_on,
             ps_whole(birth_year) AS t_birth_year
      FROM src);

-- name: duplicates
-- Later rows of a key already in the file: candidates are the key hashes
-- that occur twice, found by sorting the hashes (9M encounter ids: 1.3-1.5
-- s, against 3.3-4.5 s grouping them), then compared exactly; the first
-- row in file order is kept.
UPDATE checked SET problem = ps_problem('participant_id', participant_id, 'duplicate key')
WHERE rowid IN (
    SELECT r FROM (
        SELECT c.rowid AS r, row_number() OVER (PARTITION BY c.participant_id, c.enrolled_on ORDER BY c.rowid) AS n
        FROM checked c
        SEMI JOIN (SELECT DISTINCT h FROM (SELECT h, lag(h) OVER (ORDER BY h) AS prev
                                       FROM (SELECT hash(participant_id, enrolled_on) AS h FROM checked WHERE problem IS NULL))
                   WHERE h = prev) d ON d.h = hash(c.participant_id, c.enrolled_on)
        WHERE c.problem IS NULL)
    WHERE n > 1);

-- name: spells
-- Spells of every person this file touches who would have more than one:
-- the stored ones it does not replace (r NULL) and its own, in file order.
WITH new AS (
    SELECT participant_id AS id, enrolled_on AS s, discharged_on AS e, rowid AS r
    FROM checked WHERE problem IS NULL),
kept AS (
    SELECT participant_id AS id, enrolled_on AS s, discharged_on AS e, NULL::BIGINT AS r
    FROM participants p
    WHERE participant_id IN (SELECT id FROM new)
      AND NOT EXISTS (SELECT 1 FROM new WHERE new.id = p.participant_id AND new.s = p.enrolled_on)),
spells AS (SELECT * FROM kept UNION ALL SELECT * FROM new)
SELECT id, s, e, r FROM spells
WHERE id IN (SELECT id FROM spells GROUP BY id HAVING count(*) > 1)
ORDER BY id, r NULLS FIRST;

-- name: replace
DELETE FROM participants p USING checked c
WHERE c.problem IS NULL AND c.participant_id = p.participant_id AND c.enrolled_on = p.enrolled_on;

-- name: insert
INSERT INTO participants (participant_id, program, enrolled_on, discharged_on, birth_year, payer, source_file, source_line)
SELECT participant_id, program, enrolled_on, discharged_on, birth_year, payer,
       CAST(getvariable('ps_file') AS VARCHAR), ps_line(line, rowid)
FROM checked WHERE problem IS NULL;
