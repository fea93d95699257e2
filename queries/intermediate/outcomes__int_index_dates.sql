-- Each participant's index date for the before/after comparison: for a
-- peer-served participant (any peer service in the data,
-- cost__stg_peer_services) the date of their first peer service; for a
-- comparison participant (never peer-served) their first enrolled_on. Both
-- are taken over all of the person's services and spells, whatever the
-- scope. program is the participant's program on the index date: the
-- spell covering it, else the spell begun most recently before it, else
-- their first spell (METRICS.md Conventions). The person is in the scope
-- of that spell's payer only (METRICS.md Small-cell suppression: every
-- figure belongs to the payer of the spell that gives its program), so the
-- join to the scope's spells keeps them where that spell is in scope.
WITH first_peer AS (
    SELECT participant_id, min(service_date) AS index_date
    FROM cost__stg_peer_services
    GROUP BY participant_id
),
people AS (
    SELECT participant_id, min(enrolled_on) AS first_enrolled_on
    FROM core__stg_all_spells
    GROUP BY participant_id
),
indexed AS (
    SELECT p.participant_id,
           f.participant_id IS NOT NULL AS peer_flag,
           coalesce(f.index_date, p.first_enrolled_on) AS index_date
    FROM people AS p
    LEFT JOIN first_peer AS f USING (participant_id)
)
SELECT i.participant_id,
       i.peer_flag,
       i.index_date,
       s.program
FROM indexed AS i
JOIN core__stg_participants AS s
    ON s.participant_id = i.participant_id
   AND i.index_date >= CASE WHEN s.spell_seq = 1 THEN '-infinity'::DATE ELSE s.enrolled_on END
   AND i.index_date < coalesce(s.next_enrolled_on, 'infinity'::DATE)
