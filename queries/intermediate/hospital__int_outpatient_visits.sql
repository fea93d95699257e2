-- Outpatient visits: distinct (participant, date) of outpatient encounters
-- (two on one day are one visit), of every participant
-- (hospital__stg_encounters: built once, for every scope).
SELECT DISTINCT participant_id, admit_date AS visit_date
FROM hospital__stg_encounters
WHERE setting = 'outpatient'
