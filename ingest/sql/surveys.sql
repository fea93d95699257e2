-- surveys: one row per response, key response_id; item answers q1…qN go
-- to survey_answers in long form. {{answers}} is the file's answer columns.

-- name: check
CREATE OR REPLACE {{checked}} AS
SELECT line, response_id, t_instrument AS instrument, program, t_survey_date AS survey_date, participant_id,
       CASE
           WHEN pre_reason IS NOT NULL THEN ps_problem(pre_column, pre_value, pre_reason)
           -- in file order: response_id
           WHEN response_id IS NULL THEN ps_problem('response_id', NULL, 'missing value')
           -- in file order: instrument
           WHEN instrument IS NULL THEN ps_problem('instrument', NULL, 'missing value')
           WHEN ps_name_problem('instrument', instrument) IS NOT NULL THEN ps_name_problem('instrument', instrument)
           WHEN t_instrument IS NULL THEN ps_problem('instrument', instrument, 'unknown instrument')
           WHEN list_contains(getvariable('ps_summed_instruments'), t_instrument)
               THEN ps_problem('instrument', instrument, 'an assessment scale, not a survey instrument: its answers belong in an assessments file')
           -- in file order: program
           WHEN program IS NULL THEN ps_problem('program', NULL, 'missing value')
           WHEN ps_name_problem('program', program) IS NOT NULL THEN ps_name_problem('program', program)
           -- in file order: survey_date
           WHEN survey_date IS NULL THEN ps_problem('survey_date', NULL, 'missing value')
           WHEN t_survey_date IS NULL THEN ps_problem('survey_date', survey_date, ps_date_reason(survey_date))
       END AS problem
       {{answers}}
FROM (SELECT *, ps_date(survey_date) AS t_survey_date,
             -- the instrument as the config names it, matched in any case
             getvariable('ps_instrument_names')[list_position(getvariable('ps_instrument_keys'), lower(instrument))]
                 AS t_instrument
      FROM src);

-- name: answers table
-- One row per given answer (blank answers are not answered), r the rowid
-- of its response in `checked`. Made while the file is read, before the
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

-- name: insert
INSERT INTO surveys (response_id, instrument, program, survey_date, participant_id, source_file, source_line)
SELECT response_id, instrument, program, survey_date, participant_id,
       CAST(getvariable('ps_file') AS VARCHAR), ps_line(line, rowid)
FROM checked WHERE problem IS NULL;

-- name: insert answers
INSERT INTO survey_answers (response_id, item, answer)
SELECT c.response_id, a.item, a.answer
FROM answers a
JOIN checked c ON c.rowid = a.r
JOIN ps_instruments i ON i.name = c.instrument
WHERE c.problem IS NULL AND NOT list_contains(i.na, a.answer);
