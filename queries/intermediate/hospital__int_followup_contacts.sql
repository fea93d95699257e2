-- Days on which a participant had a follow-up contact: an outpatient
-- encounter or any service (peer contacts count, as some HEDIS FUH
-- specifications allow), on a day not covered by an inpatient stay (a day
-- that is one of the stay's nights, hospital__int_bed_nights).
-- clinical_flag: the day has a clinical contact, an outpatient encounter
-- or a service by staff whose spell on the date (the one begun most
-- recently on or before it, as core__stg_services' staff spell) has a role
-- in clinical_roles (closer to HEDIS FUH, which counts mental-health-
-- provider visits). Only days 1-30 after one of the participant's episode
-- discharges are kept: those are the only days follow-up asks about
-- (hospital__int_index_episodes), and keeping them first spares a
-- distinct over every service, and the staff spell is looked up only for
-- the services kept. The services and outpatient encounters are matched to
-- the discharges by the text id, and only those kept look up the person's
-- key; a semi join needs no distinct discharges (10M: 4.3-5.3 s -> 3.8-4.4
-- s of CPU). Every participant's, whatever the scope (a contact
-- counts whichever payer's spell its day falls in): built once for every
-- scope, read only for the index episodes of the scope.
WITH discharges AS (
    SELECT e.participant_id, k.participant_ref, e.discharge_date
    FROM hospital__int_episodes AS e
    JOIN core__stg_person_keys AS k ON k.participant_id = e.participant_id
    WHERE e.discharge_date IS NOT NULL
),
followup_services AS (
    SELECT k.participant_id, s.service_date, s.staff_id
    FROM (SELECT s.participant_id AS participant_ref, s.service_date, s.staff_id
          FROM services AS s
          SEMI JOIN discharges AS d
              ON d.participant_ref = s.participant_id
             AND s.service_date BETWEEN d.discharge_date + 1 AND d.discharge_date + 30) AS s
    JOIN core__stg_person_keys AS k ON k.participant_ref = s.participant_ref
),
candidates AS (
    SELECT k.participant_id, e.admit_date AS contact_date, true AS clinical_flag
    FROM (SELECT e.participant_id AS participant_ref, e.admit_date
          FROM encounters AS e
          SEMI JOIN discharges AS d
              ON d.participant_ref = e.participant_id
             AND e.admit_date BETWEEN d.discharge_date + 1 AND d.discharge_date + 30
          WHERE e.setting = 'outpatient') AS e
    JOIN core__stg_person_keys AS k ON k.participant_ref = e.participant_ref
    UNION ALL
    SELECT s.participant_id, s.service_date, coalesce(st.role IN (SELECT role FROM cfg_clinical_roles), false)
    FROM followup_services AS s
    LEFT JOIN core__stg_staff AS st
        ON st.staff_id = s.staff_id AND s.service_date >= st.hire_date
       AND s.service_date < coalesce(st.next_hire_date, 'infinity'::DATE)
),
contacts AS (
    SELECT participant_id, contact_date, bool_or(clinical_flag) AS clinical_flag
    FROM candidates
    GROUP BY participant_id, contact_date
)
SELECT c.participant_id, c.contact_date, c.clinical_flag
FROM contacts AS c
ANTI JOIN hospital__int_bed_nights AS n
    ON n.participant_id = c.participant_id AND n.night_date = c.contact_date
