-- Enrollment spells in scope: every spell, or, for one payer's MCO packet,
-- the spells with that payer, its spellings mapped to its name by
-- [payer_names] (cfg_payer_names), or, for the no-payer group small-cell
-- suppression protects (cfg_scope.no_payer), the spells with none.
-- spell_seq numbers a person's spells by enrolled_on; first_program is the
-- program of their first spell (the program of an event before any spell
-- began, METRICS.md Conventions); next_enrolled_on is the enrolled_on of
-- their next spell, so that a date's spell (the one begun most recently on
-- or before it; the first spell for a date before any) is found by an
-- equality join on participant_id with the range [enrolled_on,
-- next_enrolled_on) as a filter. All three are numbered over all of the
-- person's spells before the scope keeps its own: an event belongs to the
-- payer of the spell that gives its program (METRICS.md Small-cell
-- suppression), so a service in a Plan B spell joins no spell in Plan A's
-- packet, and one before any spell joins the first spell in the packet of
-- that spell's payer only. covers_from and covers_until are that range as
-- the join reads it: from enrolled_on (the first spell: from any date) up
-- to the next spell's.
SELECT * EXCLUDE (in_scope),
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
        CASE WHEN cfg_scope.no_payer THEN coalesce(trim(p.payer), '') = ''
             ELSE cfg_scope.payer IS NULL OR coalesce(n.payer, p.payer) = cfg_scope.payer END AS in_scope
    FROM participants AS p
    JOIN core__stg_person_keys AS k ON k.participant_ref = p.participant_id
    LEFT JOIN cfg_payer_names AS n ON n.spelling = trim(p.payer)
    CROSS JOIN cfg_scope
    WINDOW by_person AS (PARTITION BY k.participant_id ORDER BY p.enrolled_on))
WHERE in_scope
