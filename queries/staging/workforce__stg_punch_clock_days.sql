-- Punch-clock staff-days (METRICS.md "Workforce"): the days with timesheet
-- entries whose billable is unknown (NULL: a punch-clock file whose
-- profile says billable = "unknown"), the worked minutes of those entries
-- (leave excluded), the minutes of the staff member's billable EHR
-- services that day, and the billable minutes filled in from them: the
-- EHR's minutes capped at the worked minutes. A service belongs to its
-- service_date (the database keeps no service start times, which is what
-- would place a service in a shift crossing midnight). Every participant's
-- services count: staff figures are the agency's, whatever the packet.
WITH unknown_days AS (
    SELECT staff_id, work_date,
           sum(CASE WHEN activity <> 'leave' THEN minutes ELSE 0 END)::BIGINT AS worked_minutes
    FROM timesheets
    WHERE billable IS NULL
    GROUP BY staff_id, work_date
),
ehr_days AS (
    SELECT s.staff_id, s.service_date AS work_date, sum(s.minutes)::BIGINT AS ehr_billable_minutes
    FROM services AS s
    SEMI JOIN unknown_days AS u ON u.staff_id = s.staff_id AND u.work_date = s.service_date
    WHERE s.billable
    GROUP BY s.staff_id, s.service_date
)
SELECT u.staff_id,
       u.work_date,
       u.worked_minutes,
       coalesce(e.ehr_billable_minutes, 0) AS ehr_billable_minutes,
       least(coalesce(e.ehr_billable_minutes, 0), u.worked_minutes) AS filled_billable_minutes
FROM unknown_days AS u
LEFT JOIN ehr_days AS e ON e.staff_id = u.staff_id AND e.work_date = u.work_date
