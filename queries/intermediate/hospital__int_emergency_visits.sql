-- Emergency visits of every participant (hospital__stg_encounters: built
-- once, for every scope): distinct (participant, date) with setting emergency,
-- leaving out dates on or one day before an inpatient admit date (of any
-- inpatient stay) of the same participant: those visits led to the
-- admission and are counted as the admission.
-- Written as an anti join on equality with the dates each inpatient admit
-- rules out (the admit date and the day before), not a correlated NOT
-- EXISTS with IN, which DuckDB runs far slower on millions of encounters.
WITH ruled_out AS (
    SELECT i.participant_id, d.day
    FROM hospital__stg_encounters AS i, UNNEST([i.admit_date, i.admit_date - 1]) AS d(day)
    WHERE i.inpatient_flag
)
SELECT DISTINCT e.participant_id, e.admit_date AS visit_date
FROM hospital__stg_encounters AS e
ANTI JOIN ruled_out AS r ON r.participant_id = e.participant_id AND r.day = e.admit_date
WHERE e.setting = 'emergency'
