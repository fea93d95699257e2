-- The data-quality checks of quality__warnings that cover the whole agency
-- in every packet (staff and timesheet checks), with check_order and
-- check_name as quality__warnings shows them. They read no participant's
-- scope, so a run builds this once and every packet reuses it. Minutes
-- from clock punches are not expected in quarter hours, so only entries
-- given as minutes or hours are checked for them.
WITH entries AS (
    SELECT count(*) FILTER (WHERE minutes % 15 <> 0 AND NOT coalesce(clocked, false))::BIGINT AS quarter_hour,
           count(*) FILTER (WHERE activity = 'leave' AND billable)::BIGINT AS leave_billable,
           count(*) FILTER (WHERE minutes > 16 * 60)::BIGINT AS long_shifts
    FROM timesheets
)
SELECT 1 AS check_order,
       'timesheet entries not in quarter-hour increments' AS check_name,
       quarter_hour AS cases
FROM entries
UNION ALL
SELECT 2, 'leave entries marked billable (counted as neither worked nor billable)', leave_billable
FROM entries
UNION ALL
SELECT 3, 'staff-days where billable service minutes in the EHR exceed billable timesheet minutes by more than 15',
       count(*) FILTER (WHERE overbilled_flag)::BIGINT
FROM workforce__int_staff_days
UNION ALL
SELECT 6, 'timesheet shifts over 16 hours (loaded)', long_shifts
FROM entries
UNION ALL
SELECT 7, 'timesheet entries without clock times identical to another entry of the same file (loaded: two entries can be real)',
       coalesce(sum(n - 1), 0)::BIGINT
FROM (SELECT count(*) AS n FROM timesheets
      WHERE NOT coalesce(clocked, false)
      GROUP BY staff_id, work_date, activity, minutes, billable, miles, source_file
      HAVING count(*) > 1)
UNION ALL
SELECT 8, 'punch-clock staff-days whose billable minutes were filled from the EHR''s billable services',
       count(*) FILTER (WHERE worked_minutes > 0)::BIGINT
FROM workforce__stg_punch_clock_days
