-- Minutes of peer services delivered each day across the whole agency, for
-- the cost per peer service minute: wages are the agency's, so the minutes
-- they pay for are too, even in one payer's MCO packet (where
-- core__stg_services holds that payer's members only).
SELECT s.service_date,
       sum(s.minutes)::BIGINT AS peer_minutes
FROM services AS s
-- The staff spell begun most recently on or before the service date, as an
-- equality join on the spell's (hire date, next hire date) range, which
-- DuckDB runs faster than an ASOF join over millions of services.
JOIN (
    SELECT *, lead(hire_date) OVER (PARTITION BY staff_id ORDER BY hire_date) AS next_hire_date
    FROM core__stg_staff
) AS st
    ON st.staff_id = s.staff_id AND s.service_date >= st.hire_date
   AND s.service_date < coalesce(st.next_hire_date, 'infinity'::DATE)
WHERE st.peer_role_flag
  AND (st.termination_date IS NULL OR s.service_date <= st.termination_date)
GROUP BY s.service_date
