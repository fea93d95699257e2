-- Peer services of every participant whatever the scope, one row per
-- service (participant, date, minutes): services whose staff spell on the
-- date (the one begun most recently on or before it, not terminated
-- before it) has a peer role, as core__stg_services' peer_service_flag (a
-- service without minutes is kept, with NULL). Read by
-- cost__stg_peer_service_days (the agency's peer minutes by day: wages
-- are the agency's, so the minutes they pay for are too, even in one
-- payer's MCO packet), outcomes__int_person_index and
-- outcomes__int_person_figures (each person's first peer service and peer
-- minutes after it). Every reader sums or takes the least date, so the
-- services are not summed per participant-day here: 7.25M of the 7.6M
-- participant-days at 10M services have one peer service, and grouping
-- them cost more than the rest of the model (10M: 4.9-5.8 s -> 2.3-2.6 s
-- of CPU, the readers' time unchanged).
SELECT k.participant_id,
       s.service_date,
       s.minutes::BIGINT AS peer_minutes
FROM services AS s
JOIN core__stg_person_keys AS k ON k.participant_ref = s.participant_id
-- The staff spell begun most recently on or before the service date, as an
-- equality join on the spell's (hire date, next hire date) range, which
-- DuckDB runs faster than an ASOF join over millions of services.
JOIN core__stg_staff AS st
    ON st.staff_id = s.staff_id AND s.service_date >= st.hire_date
   AND s.service_date < coalesce(st.next_hire_date, 'infinity'::DATE)
WHERE st.peer_role_flag
  AND (st.termination_date IS NULL OR s.service_date <= st.termination_date)
