-- Inpatient stays (the configured inpatient settings) of every participant
-- (hospital__stg_encounters: built once, for every scope), each with the
-- episode it belongs to. A participant's stays are sorted by admit date (then
-- discharge date, a stay still open last); a stay joins the current episode
-- when it is admitted on or before the day after the latest discharge of
-- the episode so far (a transfer: gaps of 0 or 1 day chain, 2 do not),
-- otherwise it starts a new one. An open stay reaches forever, so every
-- later stay joins its episode. episode_seq numbers a person's episodes.
WITH stays AS (
    SELECT participant_id,
           encounter_id,
           setting,
           admit_date,
           discharge_date,
           discharge_date IS NULL AS open_flag,
           involuntary_flag,
           planned_flag
    FROM hospital__stg_encounters
    WHERE inpatient_flag
),
reached AS (
    SELECT *,
           max(coalesce(discharge_date, DATE '9999-12-31')) OVER (
               PARTITION BY participant_id
               ORDER BY admit_date, discharge_date NULLS LAST, encounter_id
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach_date
    FROM stays
)
SELECT participant_id,
       encounter_id,
       setting,
       admit_date,
       discharge_date,
       open_flag,
       involuntary_flag,
       planned_flag,
       sum(CASE WHEN reach_date IS NULL OR admit_date > reach_date + 1 THEN 1 ELSE 0 END) OVER (
           PARTITION BY participant_id
           ORDER BY admit_date, discharge_date NULLS LAST, encounter_id
           ROWS UNBOUNDED PRECEDING)::INTEGER AS episode_seq
FROM reached
