-- Outpatient visits: distinct (participant, date) of outpatient encounters
-- (two on one day are one visit).
SELECT DISTINCT participant_id, admit_date AS visit_date
FROM core__stg_encounters
WHERE setting = 'outpatient'
