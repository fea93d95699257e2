-- Every participant's encounters, in any scope, with inpatient_flag for
-- the configured inpatient settings: core__stg_encounters without its
-- scope. The stays, episodes, bed nights and visits built from them are
-- each one person's own (no model reads another person's encounters to
-- make them), so they are built once for all scopes (metrics.Session),
-- and every reader keeps the people in its scope by joining a scoped
-- model on participant_id (the spells, the cohort, the index episodes).
-- materialize: view
SELECT
    e.encounter_id,
    k.participant_id,
    e.setting,
    e.admit_date,
    e.discharge_date,
    coalesce(e.involuntary, false) AS involuntary_flag,
    coalesce(e.planned, false) AS planned_flag,
    e.paid_amount,
    e.setting IN (SELECT setting FROM cfg_inpatient_settings) AS inpatient_flag
FROM encounters AS e
JOIN core__stg_person_keys AS k ON k.participant_ref = e.participant_id
