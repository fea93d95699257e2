-- The enrollments (episodes of care, core__int_episodes) whose first 30
-- days are in the data (enrolled_on + 30 <= data_through), with their
-- services (METRICS.md "Reach and engagement"): days with a service in
-- enrolled_on … enrolled_on + 29, services in enrolled_on … enrolled_on +
-- 9, and the first service on or after enrolled_on within the episode and
-- on or before data_through. Built once for every scope: an episode is in
-- a scope by its first spell's payer (first_payer), that payer's
-- participants' services are all in the scope, so the figures of one
-- episode are the same in every scope it is in; reach__metrics picks the
-- episodes of its scope.
SELECT e.participant_id, e.episode_seq, e.enrolled_on, e.first_program, e.first_payer,
       count(DISTINCT s.service_date) FILTER (WHERE s.service_date <= e.enrolled_on + 29) AS days_30,
       count(*) FILTER (WHERE s.service_date <= e.enrolled_on + 9) AS services_10,
       min(s.service_date) FILTER (
           WHERE s.service_date <= least(coalesce(e.discharged_on, cfg.data_through), cfg.data_through)
       ) AS first_service_date
FROM core__int_episodes AS e
CROSS JOIN cfg
LEFT JOIN core__stg_service_dates AS s
    ON s.participant_id = e.participant_id
   AND s.service_date >= e.enrolled_on
   AND s.service_date <= greatest(e.enrolled_on + 29,
           least(coalesce(e.discharged_on, cfg.data_through), cfg.data_through))
WHERE e.enrolled_on + 30 <= cfg.data_through
GROUP BY ALL
