-- materialize: view
-- Timesheet entries with the minutes each counts as: worked_minutes
-- excludes leave; billable_minutes is worked time marked billable (a
-- billable leave row counts as neither). Models that only add up minutes
-- per staff-day read this, without the staff spell look-up of
-- core__stg_timesheets (a join over every entry).
SELECT
    t.staff_id,
    t.work_date,
    t.activity,
    t.minutes,
    t.billable AS billable_flag,
    t.miles,
    CASE WHEN t.activity <> 'leave' THEN t.minutes ELSE 0 END AS worked_minutes,
    CASE WHEN t.activity <> 'leave' AND t.billable THEN t.minutes ELSE 0 END AS billable_minutes
FROM timesheets AS t
