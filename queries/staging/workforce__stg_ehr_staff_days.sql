-- Minutes of billable services each staff member delivered each day, as the
-- EHR records them, for every participant: staff figures are the agency's
-- and are not limited to one payer's members (unlike core__stg_services).
SELECT staff_id,
       service_date,
       sum(minutes)::BIGINT AS billable_service_minutes
FROM services
WHERE billable
GROUP BY staff_id, service_date
