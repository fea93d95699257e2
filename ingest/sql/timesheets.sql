-- timesheets: one row per entry. A (staff_id, work_date) has several
-- entries; a file replaces every stored entry of each day it holds.

-- name: check
-- minutes come from minutes, else hours, else the clock: clock_in and
-- clock_out as times of day (a clock_out earlier than clock_in ends the
-- next day when the shift so made is at most 16 hours) or timestamps.
-- clocked says the minutes came from the clock (no quarter-hour warning
-- for punches); shift_start and shift_end are the clock times on their
-- days (a services' start_time in the shift belongs to its work_date when
-- a punch clock's billable minutes are filled). billable is NULL for a punch clock's file whose profile
-- says billable = "unknown" (ps_billable_unknown). A missing value the
-- minutes were to come from is named in the file's own column.
-- clock_in and clock_out are kept for the duplicates block only when the
-- file has them (the punch columns, see staging.expander): a text column
-- that is blank in every row still costs its share of writing the table
-- (1.1M entries: about 0.05 s of CPU each).
CREATE OR REPLACE {{checked}} AS
SELECT line, staff_id, t_work_date AS work_date, t_activity AS activity,
       coalesce(t_minutes, t_from_hours, t_from_clock) AS minutes, t_billable AS billable, t_miles AS miles,
       entry_id, minutes IS NULL AND hours IS NULL AS clocked{{punch_columns}},
       CASE WHEN in_stamp IS NOT NULL AND out_stamp IS NOT NULL THEN in_stamp
            WHEN in_time IS NOT NULL AND out_time IS NOT NULL THEN t_work_date + in_time END AS shift_start,
       CASE WHEN in_stamp IS NOT NULL AND out_stamp IS NOT NULL THEN out_stamp
            WHEN in_time IS NOT NULL AND out_time IS NOT NULL
                THEN t_work_date + in_time + to_seconds(overnight_seconds) END AS shift_end,
       CASE
           WHEN ps_needs_tz(clock_in) THEN ps_problem('clock_in', clock_in, 'needs timezone')
           WHEN ps_needs_tz(clock_out) THEN ps_problem('clock_out', clock_out, 'needs timezone')
           WHEN pre_reason IS NOT NULL THEN ps_problem(pre_column, pre_value, pre_reason)
           -- in file order: staff_id
           WHEN staff_id IS NULL THEN ps_problem('staff_id', NULL, 'missing value')
           -- in file order: work_date
           WHEN work_date IS NULL THEN ps_problem('work_date', NULL, 'missing value')
           WHEN t_work_date IS NULL THEN ps_problem('work_date', work_date, ps_date_reason(work_date))
           -- in file order: activity
           WHEN activity IS NULL THEN ps_problem('activity', NULL, 'missing value')
           WHEN NOT activity_known AND NOT list_contains(getvariable('ps_activities'), t_activity)
               THEN ps_problem('activity', activity, 'unknown activity')
           -- in file order: minutes hours clock_in clock_out
           WHEN minutes IS NOT NULL AND (t_minutes IS NULL OR t_minutes NOT BETWEEN 1 AND 1440)
               THEN ps_problem('minutes', minutes, 'not a number of minutes from 1 to 1440')
           WHEN minutes IS NULL AND hours IS NOT NULL AND (t_from_hours IS NULL OR t_from_hours NOT BETWEEN 1 AND 1440)
               THEN ps_problem('hours', hours, 'not a number of hours from 0 to 24')
           WHEN minutes IS NULL AND hours IS NULL AND clock_in IS NULL AND clock_out IS NOT NULL
                AND list_contains(getvariable('ps_file_columns'), 'clock_in')
               THEN ps_problem('clock_in', NULL, 'clock_in is blank')
           WHEN minutes IS NULL AND hours IS NULL AND clock_out IS NULL AND clock_in IS NOT NULL
                AND list_contains(getvariable('ps_file_columns'), 'clock_out')
               THEN ps_problem('clock_out', NULL, 'clock_out is blank')
           WHEN minutes IS NULL AND hours IS NULL AND clock_in IS NULL AND clock_out IS NULL
                AND list_contains(getvariable('ps_file_columns'), 'clock_in')
                AND list_contains(getvariable('ps_file_columns'), 'clock_out')
                AND NOT list_contains(getvariable('ps_file_columns'), 'minutes')
                AND NOT list_contains(getvariable('ps_file_columns'), 'hours')
               THEN ps_problem('clock_in', NULL, 'clock_in and clock_out are blank')
           WHEN minutes IS NULL AND hours IS NULL AND (clock_in IS NULL OR clock_out IS NULL)
               THEN ps_problem(CASE WHEN list_contains(getvariable('ps_file_columns'), 'minutes') THEN 'minutes'
                                    WHEN list_contains(getvariable('ps_file_columns'), 'hours') THEN 'hours'
                                    ELSE 'minutes' END,
                               NULL, 'missing minutes (or hours, or clock_in and clock_out)')
           WHEN minutes IS NULL AND hours IS NULL AND in_time IS NULL AND in_stamp IS NULL
               THEN ps_problem('clock_in', clock_in, 'not a time (expected HH:MM or an ISO 8601 timestamp)')
           WHEN minutes IS NULL AND hours IS NULL AND out_time IS NULL AND out_stamp IS NULL
               THEN ps_problem('clock_out', clock_out, 'not a time (expected HH:MM or an ISO 8601 timestamp)')
           WHEN minutes IS NULL AND hours IS NULL AND (in_time IS NULL) <> (out_time IS NULL)
               THEN ps_problem('clock_out', clock_out, 'clock_in and clock_out not both times or both timestamps')
           WHEN minutes IS NULL AND hours IS NULL
                AND (out_time < in_time AND overnight_seconds > 16 * 3600 OR out_stamp < in_stamp)
               THEN ps_problem('clock_out', clock_out, 'clock_out before clock_in')
           WHEN minutes IS NULL AND hours IS NULL AND t_from_clock NOT BETWEEN 1 AND 1440
               THEN ps_problem('clock_out', clock_out, 'not 1 to 1440 minutes after clock_in')
           -- in file order: billable
           WHEN billable IS NULL AND NOT getvariable('ps_billable_unknown') THEN ps_problem('billable', NULL, 'missing value')
           WHEN billable IS NOT NULL AND t_billable IS NULL THEN ps_problem('billable', billable, 'not a yes/no value')
           -- in file order: miles
           WHEN miles IS NOT NULL AND (t_miles IS NULL OR t_miles < 0)
               THEN ps_problem('miles', miles, 'not a number of miles (0 or more)')
       END AS problem
FROM (SELECT *,
             CASE WHEN minutes IS NULL AND hours IS NOT NULL
                  THEN CAST(round(ps_number(hours) * 60) AS BIGINT) END AS t_from_hours,
             CASE WHEN minutes IS NULL AND hours IS NULL THEN
                 CASE WHEN in_time IS NOT NULL AND out_time IS NOT NULL
                      THEN CAST(round(overnight_seconds / 60) AS BIGINT)
                      WHEN in_stamp IS NOT NULL AND out_stamp IS NOT NULL
                      THEN CAST(round(date_diff('second', in_stamp, out_stamp) / 60) AS BIGINT)
                 END
             END AS t_from_clock
      FROM (SELECT *,
                   -- Seconds from clock_in to clock_out, times of day: an
                   -- earlier clock_out is on the next day.
                   (epoch(out_time) - epoch(in_time) + 86400) % 86400 AS overnight_seconds
            FROM (SELECT *, CASE WHEN activity_known THEN activity ELSE lower(activity) END AS t_activity,
                         ps_date(work_date) AS t_work_date, ps_whole(minutes) AS t_minutes,
                         ps_time(clock_in) AS in_time, ps_time(clock_out) AS out_time,
                         ps_ts(clock_in) AS in_stamp, ps_ts(clock_out) AS out_stamp,
                         ps_bool(billable) AS t_billable, ps_number(miles) AS t_miles
                  -- An activity written as listed needs no lower() (on 10M
                  -- entries lower() and the look-up after it cost 0.4 s).
                  FROM (SELECT *, list_contains(getvariable('ps_activities'), activity) AS activity_known FROM src))));

-- name: duplicates
-- A non-blank entry_id is the entry's key within the file: a repeat is a
-- duplicate key, the first row kept. Without it, entries punched twice
-- (staff, day, clock_in and clock_out the same) are a duplicate entry;
-- entries given as minutes or hours may repeat (two 4-hour lines can be
-- real; quality__warnings counts them).
UPDATE checked SET problem = ps_problem('entry_id', entry_id, 'duplicate key')
WHERE rowid IN (
    SELECT r FROM (
        SELECT rowid AS r, row_number() OVER (PARTITION BY entry_id ORDER BY rowid) AS n
        FROM checked
        WHERE problem IS NULL AND entry_id IS NOT NULL
          AND entry_id IN (SELECT entry_id FROM checked WHERE problem IS NULL AND entry_id IS NOT NULL
                           GROUP BY entry_id HAVING count(*) > 1))
    WHERE n > 1);
-- (For a file without clock_in and clock_out the two are NULL here: none
-- of its entries is clocked.)
UPDATE checked SET problem = ps_problem('clock_in', {{clock_in}}, 'duplicate entry')
WHERE rowid IN (
    SELECT r FROM (
        SELECT rowid AS r, row_number() OVER (PARTITION BY staff_id, work_date, {{clock_in}}, {{clock_out}} ORDER BY rowid) AS n
        FROM checked
        WHERE problem IS NULL AND entry_id IS NULL AND clocked)
    WHERE n > 1);

-- name: references
-- Written as explicit anti joins on rowid: the small table (participants,
-- staff) is the hash side whatever the optimizer estimates for tables
-- written in the same transaction.
UPDATE checked SET problem =
    CASE WHEN staff_id IN (SELECT staff_id FROM staff)
         THEN ps_problem('work_date', strftime(work_date, '%Y-%m-%d'), 'staff not employed on that date')
         ELSE ps_problem('staff_id', staff_id, coalesce(ps_rejected_reason('staff', 'staff', staff_id), 'unknown staff')) END
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
