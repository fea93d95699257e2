-- Data-quality checks the reports list, each with the number of cases
-- found. check_order fixes the order they are shown in.
SELECT 1 AS check_order,
       'timesheet entries not in quarter-hour increments' AS check_name,
       count(*) FILTER (WHERE minutes % 15 <> 0)::BIGINT AS cases
FROM timesheets
UNION ALL
SELECT 2, 'leave entries marked billable (counted as neither worked nor billable)',
       count(*) FILTER (WHERE activity = 'leave' AND billable)::BIGINT
FROM timesheets
