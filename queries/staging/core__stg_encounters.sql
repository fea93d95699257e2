-- Encounters of participants in scope (a participant with a spell in
-- scope), with inpatient_flag for the configured inpatient settings. The
-- models that count encounters by program or on enrolled days look up the
-- spell covering the date they count on themselves (an episode's admit or
-- discharge date, a bed night, a visit).
-- A view: each reader takes only its settings' rows (emergency, outpatient,
-- inpatient) and a few columns, so DuckDB reads the encounters again
-- faster than it wrote them all to a table (8.9M encounters: the table
-- took 2.2-2.5 s; the readers together are no slower reading the view;
-- metrics 30.6-32.1 s against 26.6-27.4 s, alternated).
-- materialize: view
SELECT
    e.encounter_id,
    e.participant_id,
    e.setting,
    e.admit_date,
    e.discharge_date,
    coalesce(e.involuntary, false) AS involuntary_flag,
    coalesce(e.planned, false) AS planned_flag,
    e.paid_amount,
    e.setting IN (SELECT setting FROM cfg_inpatient_settings) AS inpatient_flag
FROM encounters AS e
SEMI JOIN core__stg_participants AS p ON p.participant_id = e.participant_id
