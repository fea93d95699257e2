-- materialize: view
-- Timesheet entries with the minutes each counts as: worked_minutes
-- excludes leave; billable_minutes is worked time marked billable (a
-- billable leave row counts as neither); nonbillable_minutes the rest of
-- the worked time. An entry whose billable is unknown (a punch clock) takes
-- its share, in proportion to its minutes, of its staff-day's billable
-- minutes filled in from the EHR (workforce__stg_punch_clock_days), so a
-- filled day's billable and non-billable minutes still add up to its
-- worked minutes. Models that only add up minutes per staff-day read this,
-- without the staff spell look-up of core__stg_timesheets (a join over
-- every entry).
SELECT
    t.staff_id,
    t.work_date,
    t.activity,
    t.minutes,
    t.billable AS billable_flag,
    t.miles,
    CASE WHEN t.activity <> 'leave' THEN t.minutes ELSE 0 END AS worked_minutes,
    CASE WHEN t.activity = 'leave' THEN 0
         WHEN t.billable IS NULL
             THEN CASE WHEN p.worked_minutes > 0 THEN p.filled_billable_minutes * t.minutes / p.worked_minutes ELSE 0 END
         WHEN t.billable THEN t.minutes
         ELSE 0 END AS billable_minutes,
    CASE WHEN t.activity = 'leave' THEN 0
         WHEN t.billable IS NULL
             THEN CASE WHEN p.worked_minutes > 0 THEN t.minutes - p.filled_billable_minutes * t.minutes / p.worked_minutes ELSE t.minutes END
         WHEN t.billable THEN 0
         ELSE t.minutes END AS nonbillable_minutes
FROM timesheets AS t
LEFT JOIN workforce__stg_punch_clock_days AS p
    ON t.billable IS NULL AND p.staff_id = t.staff_id AND p.work_date = t.work_date
