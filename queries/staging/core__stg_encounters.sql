-- Encounters of participants in scope (a participant with a spell in
-- scope), with only what the marts ask of them: whether the scope has any
-- encounter, or any outpatient one. They are matched by the files' text
-- id (participant_ref), which spares a lookup of every encounter's key
-- (core__stg_person_keys) in each scope. The
-- models that count encounters by program or on enrolled days look up the
-- spell covering the date they count on themselves (an episode's admit or
-- discharge date, a bed night, a visit).
-- A view: each reader takes only its settings' rows (emergency, outpatient,
-- inpatient) and a few columns, so DuckDB reads the encounters again
-- faster than it wrote them all to a table (8.9M encounters: the table
-- took 2.2-2.5 s; the readers together are no slower reading the view;
-- metrics 30.6-32.1 s against 26.6-27.4 s, alternated).
-- materialize: view
SELECT e.participant_id AS participant_ref, e.setting
FROM encounters AS e
SEMI JOIN core__stg_participants AS p ON p.participant_ref = e.participant_id
