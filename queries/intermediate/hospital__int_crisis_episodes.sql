-- Crisis episodes of every participant (hospital__stg_encounters: built
-- once, for every scope): a person's crisis_residential stays chained by exactly
-- the rule for inpatient episodes (hospital__int_stays): sorted by admit
-- date (then discharge date, an open stay last), a stay joins the current
-- episode when admitted on or before the day after the latest discharge so
-- far, otherwise it starts a new one. One row per episode: the stays that
-- start one, with the episode's first admit_date.
WITH stays AS (
    SELECT participant_id, encounter_id, admit_date, discharge_date
    FROM hospital__stg_encounters
    WHERE setting = 'crisis_residential'
),
reached AS (
    SELECT *,
           max(coalesce(discharge_date, DATE '9999-12-31')) OVER (
               PARTITION BY participant_id
               ORDER BY admit_date, discharge_date NULLS LAST, encounter_id
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach_date
    FROM stays
)
SELECT participant_id, admit_date
FROM reached
WHERE reach_date IS NULL OR admit_date > reach_date + 1
