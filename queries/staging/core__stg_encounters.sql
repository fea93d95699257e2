-- Encounters of participants in scope (a participant with a spell in
-- scope): hospital__stg_encounters, every participant's, kept to the scope. The
-- models that count encounters by program or on enrolled days look up the
-- spell covering the date they count on themselves (an episode's admit or
-- discharge date, a bed night, a visit).
-- A view: each reader takes only its settings' rows (emergency, outpatient,
-- inpatient) and a few columns, so DuckDB reads the encounters again
-- faster than it wrote them all to a table (8.9M encounters: the table
-- took 2.2-2.5 s; the readers together are no slower reading the view;
-- metrics 30.6-32.1 s against 26.6-27.4 s, alternated).
-- materialize: view
SELECT e.*
FROM hospital__stg_encounters AS e
SEMI JOIN core__stg_participants AS p ON p.participant_id = e.participant_id
