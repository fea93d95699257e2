-- Each participant's index date for the before/after comparison: for a
-- peer-served participant (any peer service in the data) the date of their
-- first peer service; for a comparison participant (never peer-served) their
-- first enrolled_on. program is the participant's program on the index
-- date: the spell covering it, else the spell begun most recently before
-- it, else their first spell (METRICS.md Conventions).
WITH first_peer AS (
    SELECT participant_id, min(service_date) AS index_date
    FROM core__stg_services
    WHERE peer_service_flag
    GROUP BY participant_id
),
people AS (
    SELECT participant_id,
           min(enrolled_on) AS first_enrolled_on,
           first(first_program) AS first_program
    FROM core__stg_participants
    GROUP BY participant_id
),
indexed AS (
    SELECT p.participant_id,
           f.participant_id IS NOT NULL AS peer_flag,
           coalesce(f.index_date, p.first_enrolled_on) AS index_date,
           p.first_program
    FROM people AS p
    LEFT JOIN first_peer AS f USING (participant_id)
)
SELECT i.participant_id,
       i.peer_flag,
       i.index_date,
       coalesce(s.program, i.first_program) AS program
FROM indexed AS i
LEFT JOIN core__stg_participants AS s
    ON s.participant_id = i.participant_id AND i.index_date >= s.enrolled_on
   AND i.index_date < coalesce(s.next_enrolled_on, 'infinity'::DATE)
