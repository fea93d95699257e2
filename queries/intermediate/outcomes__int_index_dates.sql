-- The participants of the scope's before/after comparison, each with their
-- index date (outcomes__int_person_index: the first peer service, else the
-- first enrolled_on, over all of the person's services and spells) and
-- their program on it: the spell covering it, else the spell begun most
-- recently before it, else their first spell (METRICS.md Conventions). The
-- person is in the scope of that spell's payer only (METRICS.md Small-cell
-- suppression: every figure belongs to the payer of the spell that gives
-- its program), so the join to the scope's spells keeps them where that
-- spell is in scope.
SELECT i.participant_id,
       i.peer_flag,
       i.index_date,
       s.program
FROM outcomes__int_person_index AS i
JOIN core__stg_participants AS s
    ON s.participant_id = i.participant_id
   AND i.index_date >= s.covers_from
   AND i.index_date < s.covers_until
