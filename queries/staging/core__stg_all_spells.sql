-- Every enrollment spell, whatever the payer scope, with its payer's
-- spellings mapped to its name by [payer_names] (cfg_payer_names):
-- episodes of care are built from all of a person's spells before any
-- payer scoping (METRICS.md Small-cell suppression), and each episode
-- figure then belongs to the payer of the spell that gives its program.
-- materialize: view
SELECT k.participant_id, p.program, p.enrolled_on, p.discharged_on,
       coalesce(n.payer, p.payer) AS payer
FROM participants AS p
JOIN core__stg_person_keys AS k ON k.participant_ref = p.participant_id
LEFT JOIN cfg_payer_names AS n ON n.spelling = trim(p.payer)
