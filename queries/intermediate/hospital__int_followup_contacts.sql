-- Days on which a participant had a follow-up contact: an outpatient
-- encounter or any service (peer contacts count, as some HEDIS FUH
-- specifications allow), on a day not covered by an inpatient stay (a day
-- that is one of the stay's nights, hospital__int_bed_nights).
-- clinical_flag: the day has a clinical contact, an outpatient encounter
-- or a service by staff whose spell on the date has a role in
-- clinical_roles (closer to HEDIS FUH, which counts mental-health-provider
-- visits). Only days
-- 1-30 after one of the participant's episode discharges are kept: those
-- are the only days follow-up asks about (hospital__int_index_episodes),
-- and keeping them first spares a distinct over every service.
WITH discharges AS (
    SELECT DISTINCT participant_id, discharge_date
    FROM hospital__int_episodes
    WHERE discharge_date IS NOT NULL
),
candidates AS (
    SELECT participant_id, admit_date AS contact_date, true AS clinical_flag
    FROM core__stg_encounters
    WHERE setting = 'outpatient'
    UNION ALL
    SELECT participant_id, service_date, coalesce(staff_role IN (SELECT role FROM cfg_clinical_roles), false)
    FROM core__stg_services
),
contacts AS (
    SELECT c.participant_id, c.contact_date, bool_or(c.clinical_flag) AS clinical_flag
    FROM candidates AS c
    SEMI JOIN discharges AS d
        ON d.participant_id = c.participant_id
       AND c.contact_date BETWEEN d.discharge_date + 1 AND d.discharge_date + 30
    GROUP BY c.participant_id, c.contact_date
)
SELECT c.participant_id, c.contact_date, c.clinical_flag
FROM contacts AS c
ANTI JOIN hospital__int_bed_nights AS n
    ON n.participant_id = c.participant_id AND n.night_date = c.contact_date
