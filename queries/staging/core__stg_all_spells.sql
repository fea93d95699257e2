-- Every enrollment spell, whatever the payer scope: episodes of care are
-- built from all of a person's spells before any payer scoping (METRICS.md
-- Small-cell suppression), and each episode figure then belongs to the
-- payer of the spell that gives its program.
-- materialize: view
SELECT participant_id, program, enrolled_on, discharged_on, payer
FROM participants
