-- Minutes of peer services delivered each day across the whole agency, for
-- the cost per peer service minute: wages are the agency's, so the minutes
-- they pay for are too, even in one payer's MCO packet (where
-- core__stg_services holds that payer's members only).
SELECT s.service_date,
       sum(s.minutes)::BIGINT AS peer_minutes
FROM services AS s
ASOF JOIN core__stg_staff AS st
    ON st.staff_id = s.staff_id AND s.service_date >= st.hire_date
WHERE st.peer_role_flag
  AND (st.termination_date IS NULL OR s.service_date <= st.termination_date)
GROUP BY s.service_date
