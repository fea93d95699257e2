-- The enrollments (episodes of care, core__int_episodes) whose first 30
-- days are in the data (enrolled_on + 30 <= data_through), with their
-- services (METRICS.md "Reach and engagement"): engaged_flag, services on
-- at least 2 different days in enrolled_on … enrolled_on + 29;
-- seen_10d_flag, a service in enrolled_on … enrolled_on + 9; and
-- first_service_date, the first service on or after enrolled_on within the
-- episode and on or before data_through. Built once for every scope: an
-- episode is in a scope by its first spell's payer (first_payer), that
-- payer's participants' services are all in the scope, so the figures of
-- one episode are the same in every scope it is in; reach__metrics picks
-- the episodes of its scope.
--
-- The services joined run from enrolled_on to the later of enrolled_on +
-- 29 and the episode's end (or data_through), so each figure follows
-- from two dates: the first service joined (first_date) and the last one
-- on or before enrolled_on + 29 (last_30_date). Two different days within
-- the 30 exist when last_30_date is after first_date; a service within 10
-- days when first_date is on or before enrolled_on + 9; the first service
-- within the episode is first_date when that is on or before its end.
-- (A min and a max per episode, where distinct counts of days built a
-- table each.)
WITH served AS (
    SELECT e.participant_id, e.episode_seq,
           min(s.service_date) AS first_date,
           max(s.service_date) FILTER (WHERE s.service_date <= e.enrolled_on + 29) AS last_30_date
    FROM core__int_episodes AS e
    CROSS JOIN cfg
    JOIN core__stg_service_dates AS s
        ON s.participant_id = e.participant_id
       AND s.service_date >= e.enrolled_on
       AND s.service_date <= greatest(e.enrolled_on + 29,
               least(coalesce(e.discharged_on, cfg.data_through), cfg.data_through))
    WHERE e.enrolled_on + 30 <= cfg.data_through
    GROUP BY e.participant_id, e.episode_seq
)
SELECT e.participant_id, e.episode_seq, e.enrolled_on, e.first_program, e.first_payer, e.person_episodes,
       coalesce(s.last_30_date > s.first_date, false) AS engaged_flag,
       coalesce(s.first_date <= e.enrolled_on + 9, false) AS seen_10d_flag,
       CASE WHEN s.first_date <= least(coalesce(e.discharged_on, cfg.data_through), cfg.data_through)
            THEN s.first_date END AS first_service_date
FROM core__int_episodes AS e
CROSS JOIN cfg
LEFT JOIN served AS s ON s.participant_id = e.participant_id AND s.episode_seq = e.episode_seq
WHERE e.enrolled_on + 30 <= cfg.data_through
