-- Minutes of peer services per participant and day, of every participant
-- whatever the scope: services whose staff spell on the date (the one
-- begun most recently on or before it, not terminated before it) has a
-- peer role, as core__stg_services' peer_service_flag (a day whose peer
-- services have no minutes is kept, with NULL). Read by
-- cost__stg_peer_service_days (the agency's peer minutes by day: wages
-- are the agency's, so the minutes they pay for are too, even in one
-- payer's MCO packet) and outcomes__int_person_figures (each person's
-- first peer service and peer minutes after it).
SELECT k.participant_id,
       s.service_date,
       sum(s.minutes)::BIGINT AS peer_minutes
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
GROUP BY k.participant_id, s.service_date
