-- timesheets: one row per entry. A (staff_id, work_date) has several
-- entries; a file replaces every stored entry of each day it holds.

-- name: check
CREATE OR REPLACE {{checked}} AS
SELECT line, staff_id, t_work_date AS work_date, lower(activity) AS activity,
       coalesce(t_minutes, t_from_hours, t_from_clock) AS minutes, t_billable AS billable, t_miles AS miles,
       CASE
           WHEN ps_needs_tz(clock_in) THEN ps_problem('clock_in', clock_in, 'needs timezone')
           WHEN ps_needs_tz(clock_out) THEN ps_problem('clock_out', clock_out, 'needs timezone')
           WHEN pre_reason IS NOT NULL THEN ps_problem(pre_column, pre_value, pre_reason)
           WHEN staff_id IS NULL THEN ps_problem('staff_id', NULL, 'missing value')
           WHEN work_date IS NULL THEN ps_problem('work_date', NULL, 'missing value')
           WHEN t_work_date IS NULL THEN ps_problem('work_date', work_date, ps_date_reason(work_date))
           WHEN activity IS NULL THEN ps_problem('activity', NULL, 'missing value')
           WHEN NOT list_contains(getvariable('ps_activities'), lower(activity))
               THEN ps_problem('activity', activity, 'unknown activity')
           WHEN minutes IS NOT NULL AND (t_minutes IS NULL OR t_minutes NOT BETWEEN 1 AND 1440)
               THEN ps_problem('minutes', minutes, 'not a number of minutes from 1 to 1440')
           WHEN minutes IS NULL AND hours IS NOT NULL AND (t_from_hours IS NULL OR t_from_hours NOT BETWEEN 1 AND 1440)
               THEN ps_problem('hours', hours, 'not a number of hours from 0 to 24')
           WHEN minutes IS NULL AND hours IS NULL AND (clock_in IS NULL OR clock_out IS NULL)
               THEN ps_problem('minutes', NULL, 'missing minutes (or hours, or clock_in and clock_out)')
           WHEN minutes IS NULL AND hours IS NULL AND in_time IS NULL AND in_stamp IS NULL
               THEN ps_problem('clock_in', clock_in, 'not a time (expected HH:MM or an ISO 8601 timestamp)')
           WHEN minutes IS NULL AND hours IS NULL AND out_time IS NULL AND out_stamp IS NULL
               THEN ps_problem('clock_out', clock_out, 'not a time (expected HH:MM or an ISO 8601 timestamp)')
           WHEN minutes IS NULL AND hours IS NULL AND (in_time IS NULL) <> (out_time IS NULL)
               THEN ps_problem('clock_out', clock_out, 'clock_in and clock_out not both times or both timestamps')
           WHEN minutes IS NULL AND hours IS NULL AND t_from_clock NOT BETWEEN 1 AND 1440
               THEN ps_problem('clock_out', clock_out, 'not 1 to 1440 minutes after clock_in')
           WHEN billable IS NULL THEN ps_problem('billable', NULL, 'missing value')
           WHEN t_billable IS NULL THEN ps_problem('billable', billable, 'not a yes/no value')
           WHEN miles IS NOT NULL AND (t_miles IS NULL OR t_miles < 0)
               THEN ps_problem('miles', miles, 'not a number of miles (0 or more)')
       END AS problem
FROM (SELECT *,
             CASE WHEN minutes IS NULL AND hours IS NOT NULL
                  THEN CAST(round(ps_number(hours) * 60) AS BIGINT) END AS t_from_hours,
             CASE WHEN minutes IS NULL AND hours IS NULL THEN
                 CASE WHEN in_time IS NOT NULL AND out_time IS NOT NULL
                      -- A clock_out earlier than clock_in ends the next day.
                      THEN CAST(round(((epoch(out_time) - epoch(in_time) + 86400) % 86400) / 60) AS BIGINT)
                      WHEN in_stamp IS NOT NULL AND out_stamp IS NOT NULL
                      THEN CAST(round(date_diff('second', in_stamp, out_stamp) / 60) AS BIGINT)
                 END
             END AS t_from_clock
      FROM (SELECT *, ps_date(work_date) AS t_work_date, ps_whole(minutes) AS t_minutes,
                   ps_time(clock_in) AS in_time, ps_time(clock_out) AS out_time,
                   ps_ts(clock_in) AS in_stamp, ps_ts(clock_out) AS out_stamp,
                   ps_bool(billable) AS t_billable, ps_number(miles) AS t_miles
            FROM src));

-- name: references
-- Written as explicit anti joins on rowid: the small table (participants,
-- staff) is the hash side whatever the optimizer estimates for tables
-- written in the same transaction.
UPDATE checked SET problem =
    CASE WHEN staff_id IN (SELECT staff_id FROM staff)
         THEN ps_problem('work_date', strftime(work_date, '%Y-%m-%d'), 'staff not employed on that date')
         ELSE ps_problem('staff_id', staff_id, 'unknown staff') END
WHERE rowid IN (
    SELECT c.rowid FROM checked c
    ANTI JOIN staff s ON s.staff_id = c.staff_id
        AND c.work_date BETWEEN s.hire_date AND coalesce(s.termination_date, DATE '9999-12-31')
    WHERE c.problem IS NULL);

-- name: replace probe
-- Whether any stored entry falls in the file's span of days; when none
-- does (a new year's file), the replace below has nothing to find and is
-- skipped: its join would read every stored entry.
SELECT EXISTS (
    FROM timesheets
    WHERE work_date BETWEEN (SELECT min(work_date) FROM checked WHERE problem IS NULL)
                        AND (SELECT max(work_date) FROM checked WHERE problem IS NULL));
