-- The participants discharged from a hospital episode who have any service
-- in the data, in any payer's spell, with clinical_source_flag: one of
-- those services is by staff whose spell on the date (the one begun most
-- recently on or before it, as core__stg_services' staff spell) has a role
-- in clinical_roles. hospital__int_index_episodes reads it so that a
-- follow-up rate none of whose people could have a contact is not read as
-- 0%. Built once for every scope.
SELECT k.participant_id, s.clinical_source_flag
FROM (
    SELECT s.participant_id AS participant_ref,
           bool_or(coalesce(st.role IN (SELECT role FROM cfg_clinical_roles), false)) AS clinical_source_flag
    FROM services AS s
    SEMI JOIN (SELECT k.participant_ref
               FROM hospital__int_episodes AS e
               JOIN core__stg_person_keys AS k ON k.participant_id = e.participant_id
               WHERE e.discharge_date IS NOT NULL) AS d
        ON d.participant_ref = s.participant_id
    LEFT JOIN core__stg_staff AS st
        ON st.staff_id = s.staff_id AND s.service_date >= st.hire_date
       AND s.service_date < coalesce(st.next_hire_date, 'infinity'::DATE)
    GROUP BY s.participant_id) AS s
JOIN core__stg_person_keys AS k ON k.participant_ref = s.participant_ref
