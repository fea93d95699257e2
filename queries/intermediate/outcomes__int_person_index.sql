-- Each participant's index date for the before/after comparison, whatever
-- the scope: for a peer-served participant (any peer service in the data,
-- cost__stg_peer_services) the date of their first peer service; for a
-- comparison participant (never peer-served) their first enrolled_on of
-- all their spells. Built once for every scope; outcomes__int_index_dates
-- keeps each scope's people.
WITH first_peer AS (
    SELECT participant_id, min(service_date) AS index_date
    FROM cost__stg_peer_services
    GROUP BY participant_id
),
people AS (
    SELECT participant_id, min(enrolled_on) AS first_enrolled_on
    FROM core__stg_all_spells
    GROUP BY participant_id
)
SELECT p.participant_id,
       f.participant_id IS NOT NULL AS peer_flag,
       coalesce(f.index_date, p.first_enrolled_on) AS index_date
FROM people AS p
LEFT JOIN first_peer AS f USING (participant_id)
