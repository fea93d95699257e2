-- Every enrollment spell, whatever the payer scope, numbered as the scoped
-- spells read them: spell_seq numbers a person's spells by enrolled_on;
-- first_program is the program of their first spell; next_enrolled_on is
-- the enrolled_on of their next spell; covers_from and covers_until are
-- the dates whose events the spell gives its program (from enrolled_on,
-- the first spell from any date, up to the next spell's). All are numbered
-- over all of a person's spells, so they do not depend on the scope: a run
-- builds this once and each scope keeps its own spells by payer (payer,
-- the name [payer_names] maps its spelling to; no_payer_flag, a blank
-- payer) instead of numbering every spell again.
SELECT *,
       CASE WHEN spell_seq = 1 THEN '-infinity'::DATE ELSE enrolled_on END AS covers_from,
       coalesce(next_enrolled_on, 'infinity'::DATE) AS covers_until
FROM (
    SELECT
        k.participant_id,
        k.participant_ref,
        p.program,
        p.enrolled_on,
        p.discharged_on,
        p.birth_year,
        coalesce(n.payer, p.payer) AS payer,
        row_number() OVER by_person AS spell_seq,
        first_value(p.program) OVER by_person AS first_program,
        lead(p.enrolled_on) OVER by_person AS next_enrolled_on,
        coalesce(trim(p.payer), '') = '' AS no_payer_flag
    FROM participants AS p
    JOIN core__stg_person_keys AS k ON k.participant_ref = p.participant_id
    LEFT JOIN cfg_payer_names AS n ON n.spelling = trim(p.payer)
    WINDOW by_person AS (PARTITION BY k.participant_id ORDER BY p.enrolled_on))
