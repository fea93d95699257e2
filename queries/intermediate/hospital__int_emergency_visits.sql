-- Emergency visits: distinct (participant, date) with setting emergency,
-- leaving out dates on or one day before an inpatient admit date (of any
-- inpatient stay) of the same participant: those visits led to the
-- admission and are counted as the admission.
SELECT DISTINCT e.participant_id, e.admit_date AS visit_date
FROM core__stg_encounters AS e
WHERE e.setting = 'emergency'
  AND NOT EXISTS (
      SELECT 1
      FROM core__stg_encounters AS i
      WHERE i.inpatient_flag
        AND i.participant_id = e.participant_id
        AND i.admit_date IN (e.admit_date, e.admit_date + 1))
