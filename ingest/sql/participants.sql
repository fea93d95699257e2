-- participants: one row per enrollment spell, key (participant_id, enrolled_on).

-- name: check
CREATE OR REPLACE {{checked}} AS
SELECT line, participant_id, program,
       t_enrolled_on AS enrolled_on, t_discharged_on AS discharged_on, t_birth_year AS birth_year, payer,
       CASE
           WHEN pre_reason IS NOT NULL THEN ps_problem(pre_column, pre_value, pre_reason)
           -- in file order: participant_id
           WHEN participant_id IS NULL THEN ps_problem('participant_id', NULL, 'missing value')
           -- in file order: program
           WHEN program IS NULL THEN ps_problem('program', NULL, 'missing value')
           WHEN ps_name_problem('program', program) IS NOT NULL THEN ps_name_problem('program', program)
           -- in file order: enrolled_on
           WHEN enrolled_on IS NULL THEN ps_problem('enrolled_on', NULL, 'missing value')
           WHEN t_enrolled_on IS NULL THEN ps_problem('enrolled_on', enrolled_on, ps_date_reason(enrolled_on))
           -- in file order: discharged_on
           WHEN discharged_on IS NOT NULL AND t_discharged_on IS NULL
               THEN ps_problem('discharged_on', discharged_on, ps_date_reason(discharged_on))
           -- in file order: birth_year
           WHEN birth_year IS NOT NULL AND t_birth_year IS NULL
               THEN ps_problem('birth_year', birth_year, 'not a whole number')
           -- in file order: payer
           WHEN ps_name_problem('payer', payer) IS NOT NULL THEN ps_name_problem('payer', payer)
           -- then
           WHEN t_discharged_on < t_enrolled_on
               THEN ps_problem('discharged_on', discharged_on, 'discharged before enrolled')
       END AS problem
FROM (SELECT *, ps_date(enrolled_on) AS t_enrolled_on, ps_date(discharged_on) AS t_discharged_on,
             ps_whole(birth_year) AS t_birth_year
      FROM src);

-- name: insert
INSERT INTO participants (participant_id, program, enrolled_on, discharged_on, birth_year, payer, source_file, source_line)
SELECT participant_id, program, enrolled_on, discharged_on, birth_year, payer,
       CAST(getvariable('ps_file') AS VARCHAR), ps_line(line, rowid)
FROM checked WHERE problem IS NULL;
