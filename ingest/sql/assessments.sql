-- assessments: intake, follow-up and discharge interviews, one row per
-- assessment, key assessment_id; item answers q1…qN go to
-- assessment_answers in long form, checked against the instrument's scale
-- like survey answers. {{answers}} is the file's answer columns.

-- name: check
CREATE OR REPLACE {{checked}} AS
SELECT line, assessment_id, participant_id, t_assessment_date AS assessment_date, lower(kind) AS kind,
       lower(housing) AS housing, lower(employment) AS employment, t_instrument AS instrument,
       CASE
           WHEN pre_reason IS NOT NULL THEN ps_problem(pre_column, pre_value, pre_reason)
           -- in file order: assessment_id
           WHEN assessment_id IS NULL THEN ps_problem('assessment_id', NULL, 'missing value')
           -- in file order: participant_id
           WHEN participant_id IS NULL THEN ps_problem('participant_id', NULL, 'missing value')
           -- in file order: assessment_date
           WHEN assessment_date IS NULL THEN ps_problem('assessment_date', NULL, 'missing value')
           WHEN t_assessment_date IS NULL THEN ps_problem('assessment_date', assessment_date, ps_date_reason(assessment_date))
           -- in file order: kind
           WHEN kind IS NULL THEN ps_problem('kind', NULL, 'missing value')
           WHEN NOT list_contains(getvariable('ps_assessment_kinds'), lower(kind))
               THEN ps_problem('kind', kind, 'unknown kind (expected intake, followup or discharge)')
           -- in file order: housing
           WHEN housing IS NOT NULL AND NOT list_contains(getvariable('ps_housing'), lower(housing))
               THEN ps_problem('housing', housing, 'unknown housing status')
           -- in file order: employment
           WHEN employment IS NOT NULL AND NOT list_contains(getvariable('ps_employment'), lower(employment))
               THEN ps_problem('employment', employment, 'unknown employment status')
           -- in file order: instrument
           WHEN ps_name_problem('instrument', instrument) IS NOT NULL THEN ps_name_problem('instrument', instrument)
           WHEN instrument IS NOT NULL AND t_instrument IS NULL THEN ps_problem('instrument', instrument, 'unknown instrument')
           WHEN instrument IS NOT NULL AND NOT list_contains(getvariable('ps_summed_instruments'), t_instrument)
               THEN ps_problem('instrument', instrument, 'a survey instrument, not an assessment scale (an assessment names a summed scale such as barc10)')
       END AS problem
       {{answers}}
FROM (SELECT *, ps_date(assessment_date) AS t_assessment_date,
             -- the instrument as the config names it, matched in any case
             getvariable('ps_instrument_names')[list_position(getvariable('ps_instrument_keys'), lower(instrument))]
                 AS t_instrument
      FROM src);

-- name: references
UPDATE checked SET problem = ps_problem('participant_id', participant_id,
    coalesce(ps_rejected_reason('participants', 'participant', participant_id), 'unknown participant'))
WHERE rowid IN (
    SELECT c.rowid FROM checked c ANTI JOIN participants p ON p.participant_id = c.participant_id
    WHERE c.problem IS NULL);

-- name: answers table
-- One row per given answer (blank answers are not answered), r the rowid
-- of its assessment in `checked`. Made while the file is read, before the
-- transaction (see ingest.Load), as it needs no stored row. The column's
-- name is not kept: an answer column is q and its item (see answerColumn),
-- so common.sql's answers block writes it again for a bad answer. A
-- one-digit answer, the usual one, is read without the whole-number rule,
-- which gives the same. (10M services' 10M survey answers, on one
-- thread: the table 0.98 -> 0.75 s of CPU.)
CREATE OR REPLACE TEMP TABLE answers AS
SELECT r, CAST(substr(q, 2) AS INTEGER) AS item, a AS answer_text,
       CASE WHEN a GLOB '[0-9]' THEN CAST(a AS INTEGER) ELSE ps_whole(a) END AS answer
FROM (UNPIVOT (SELECT rowid AS r {{answers}} FROM checked) ON {{answer_list}} INTO NAME q VALUE a);

-- name: answers
-- An answered item needs an instrument to be read against (common.sql's
-- answers block then checks each answer against it).
UPDATE checked SET problem = ps_problem('instrument', NULL, 'missing value: an item is answered, so the instrument must be named')
WHERE rowid IN (SELECT a.r FROM answers a JOIN checked c ON c.rowid = a.r WHERE c.problem IS NULL AND c.instrument IS NULL);

-- name: insert
INSERT INTO assessments (assessment_id, participant_id, assessment_date, kind, housing, employment, instrument,
                         source_file, source_line)
SELECT assessment_id, participant_id, assessment_date, kind, housing, employment, instrument,
       CAST(getvariable('ps_file') AS VARCHAR), ps_line(line, rowid)
FROM checked WHERE problem IS NULL;

-- name: insert answers
INSERT INTO assessment_answers (assessment_id, item, answer)
SELECT c.assessment_id, a.item, a.answer
FROM answers a
JOIN checked c ON c.rowid = a.r
JOIN ps_instruments i ON i.name = c.instrument
WHERE c.problem IS NULL AND NOT list_contains(i.na, a.answer);
