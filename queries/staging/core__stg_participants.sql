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
-- person's spells before the scope keeps its own (core__stg_spells,
-- numbered once a run): an event belongs to the payer of the spell that
-- gives its program (METRICS.md Small-cell suppression), so a service in
-- a Plan B spell joins no spell in Plan A's packet, and one before any
-- spell joins the first spell in the packet of that spell's payer only.
-- covers_from and covers_until are that range as the join reads it: from
-- enrolled_on (the first spell: from any date) up to the next spell's.
SELECT s.* EXCLUDE (no_payer_flag)
FROM core__stg_spells AS s
CROSS JOIN cfg_scope
WHERE CASE WHEN cfg_scope.no_payer THEN s.no_payer_flag
           ELSE cfg_scope.payer IS NULL OR s.payer = cfg_scope.payer END
