-- Every service's participant and date, of every participant whatever the
-- scope: the services an episode's engagement counts (reach__int_engagement)
-- are all of its participant's, in every scope the episode is in.
-- materialize: view
SELECT k.participant_id, s.service_date
FROM services AS s
JOIN core__stg_person_keys AS k ON k.participant_ref = s.participant_id
