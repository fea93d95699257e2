-- Index episodes for readmission and follow-up: closed episodes with
-- discharge_date + 30 <= data_through (the 30 days after are in the data),
-- discharged on a day the participant is enrolled in scope (a person's
-- spells never overlap, so one spell covers it); program is the program
-- of that spell.
-- readmit_flag: an unplanned episode admitted 1-30 days after the discharge
-- date. followup_eligible_flag: the episode is psychiatric and no inpatient
-- episode (planned or not) is admitted 1-30 days after discharge (HEDIS FUH
-- denominator). followup_7d_flag / followup_30d_flag: a follow-up contact
-- on days 1-7 / 1-30 after discharge (the discharge day itself never
-- counts). The later episode and the contact need not be on enrolled days.
-- followup_clinical_7d_flag / _30d_flag: the same counting only clinical
-- contacts (hospital__int_followup_contacts). service_source_flag /
-- clinical_source_flag: the participant has any service (any service by
-- clinical_roles staff) in the data, in any payer's spell
-- (hospital__int_service_sources), so that a follow-up rate none of whose
-- people could have a contact is not read as 0%.
WITH closed AS (
    SELECT e.participant_id, e.episode_seq, e.admit_date, e.discharge_date, e.psychiatric_flag, p.program
    FROM hospital__int_episodes AS e
    CROSS JOIN cfg
    JOIN core__stg_participants AS p
        ON p.participant_id = e.participant_id
       AND e.discharge_date BETWEEN p.enrolled_on AND coalesce(p.discharged_on, DATE '9999-12-31')
    WHERE NOT e.open_flag
      AND e.discharge_date + 30 <= cfg.data_through
),
-- The later episodes and the contacts within 30 days of each discharge,
-- one join each (in place of one lookup per flag).
readmissions AS (
    SELECT c.participant_id, c.episode_seq,
           bool_or(NOT r.planned_flag) AS readmit_flag
    FROM closed AS c
    JOIN hospital__int_episodes AS r
        ON r.participant_id = c.participant_id
       AND r.admit_date BETWEEN c.discharge_date + 1 AND c.discharge_date + 30
    GROUP BY c.participant_id, c.episode_seq
),
followed AS (
    SELECT c.participant_id, c.episode_seq,
           bool_or(f.contact_date <= c.discharge_date + 7) AS followup_7d_flag,
           bool_or(f.clinical_flag AND f.contact_date <= c.discharge_date + 7) AS followup_clinical_7d_flag,
           bool_or(f.clinical_flag) AS followup_clinical_30d_flag
    FROM closed AS c
    JOIN hospital__int_followup_contacts AS f
        ON f.participant_id = c.participant_id
       AND f.contact_date BETWEEN c.discharge_date + 1 AND c.discharge_date + 30
    GROUP BY c.participant_id, c.episode_seq
)
SELECT c.participant_id,
       c.episode_seq,
       c.admit_date,
       c.discharge_date,
       c.program,
       c.psychiatric_flag,
       coalesce(r.readmit_flag, false) AS readmit_flag,
       c.psychiatric_flag AND r.participant_id IS NULL AS followup_eligible_flag,
       coalesce(fu.followup_7d_flag, false) AS followup_7d_flag,
       fu.participant_id IS NOT NULL AS followup_30d_flag,
       coalesce(fu.followup_clinical_7d_flag, false) AS followup_clinical_7d_flag,
       coalesce(fu.followup_clinical_30d_flag, false) AS followup_clinical_30d_flag,
       src.participant_id IS NOT NULL AS service_source_flag,
       coalesce(src.clinical_source_flag, false) AS clinical_source_flag
FROM closed AS c
LEFT JOIN hospital__int_service_sources AS src ON src.participant_id = c.participant_id
LEFT JOIN readmissions AS r ON r.participant_id = c.participant_id AND r.episode_seq = c.episode_seq
LEFT JOIN followed AS fu ON fu.participant_id = c.participant_id AND fu.episode_seq = c.episode_seq
