-- Episodes of care (METRICS.md "Reach and engagement"): a run of spells
-- joined by continuations, from the first spell's enrolled_on to the last
-- spell's discharged_on (NULL while open). first_program/first_payer are
-- the first spell's (an episode's enrollment figures belong there),
-- last_program/last_payer the last spell's (its discharge and length).
-- Built from all of a person's spells, whatever the payer scope; readers
-- scope by first_payer or last_payer. person_episodes: the person's
-- episodes (1 for most: reach__metrics counts those people without
-- grouping by person).
SELECT participant_id,
       episode_seq,
       min(enrolled_on) AS enrolled_on,
       CASE WHEN bool_and(discharged_on IS NOT NULL) THEN max(discharged_on) END AS discharged_on,
       arg_min(program, enrolled_on) AS first_program,
       arg_min(payer, enrolled_on) AS first_payer,
       arg_max(program, enrolled_on) AS last_program,
       arg_max(payer, enrolled_on) AS last_payer,
       count(*) AS spells,
       max(person_episodes) AS person_episodes
FROM core__int_spell_episodes
GROUP BY participant_id, episode_seq
