-- Encounters of participants in scope (a participant with a spell in
-- scope), with inpatient_flag for the configured inpatient settings. The
-- models that count encounters by program or on enrolled days look up the
-- spell covering the date they count on themselves (an episode's admit or
-- discharge date, a bed night, a visit).
SELECT
    e.encounter_id,
    e.participant_id,
    e.setting,
    e.admit_date,
    e.discharge_date,
    coalesce(e.involuntary, false) AS involuntary_flag,
    coalesce(e.planned, false) AS planned_flag,
    e.setting IN (SELECT setting FROM cfg_inpatient_settings) AS inpatient_flag
FROM encounters AS e
SEMI JOIN core__stg_participants AS p ON p.participant_id = e.participant_id
