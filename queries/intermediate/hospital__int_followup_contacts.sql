-- Days on which a participant had a follow-up contact: an outpatient
-- encounter or any service (peer contacts count, as some HEDIS FUH
-- specifications allow), on a day not covered by an inpatient stay (a day
-- that is one of the stay's nights, hospital__int_bed_nights).
WITH contacts AS (
    SELECT participant_id, admit_date AS contact_date
    FROM core__stg_encounters
    WHERE setting = 'outpatient'
    UNION
    SELECT participant_id, service_date
    FROM core__stg_services
)
SELECT c.participant_id, c.contact_date
FROM contacts AS c
ANTI JOIN hospital__int_bed_nights AS n
    ON n.participant_id = c.participant_id AND n.night_date = c.contact_date
