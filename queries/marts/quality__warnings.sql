-- Data-quality checks the reports list, each with the number of cases
-- found. check_order fixes the order they are shown in. Staff checks cover
-- the whole agency; the service checks cover the services in scope (one
-- payer's members in an MCO packet), the services behind its figures.
SELECT 1 AS check_order,
       'timesheet entries not in quarter-hour increments' AS check_name,
       count(*) FILTER (WHERE minutes % 15 <> 0)::BIGINT AS cases
FROM timesheets
UNION ALL
SELECT 2, 'leave entries marked billable (counted as neither worked nor billable)',
       count(*) FILTER (WHERE activity = 'leave' AND billable)::BIGINT
FROM timesheets
UNION ALL
SELECT 3, 'staff-days where billable service minutes in the EHR exceed billable timesheet minutes by more than 15',
       count(*) FILTER (WHERE overbilled_flag)::BIGINT
FROM workforce__int_staff_days
UNION ALL
SELECT 4, 'services by staff with no employment spell covering the service date',
       count(*) FILTER (WHERE NOT staffed_flag)::BIGINT
FROM core__stg_services
UNION ALL
SELECT 5, 'participant-days with services but no enrollment spell covering the day',
       count(DISTINCT (participant_id, service_date))::BIGINT
FROM core__stg_services
WHERE NOT enrolled_flag
