-- Every service's participant and date, of every participant whatever the
-- scope: the services an episode's engagement counts (reach__int_engagement)
-- are all of its participant's, in every scope the episode is in.
-- materialize: view
SELECT participant_id, service_date FROM services
