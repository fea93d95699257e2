-- Punch-clock staff-days (METRICS.md "Workforce"): the days with timesheet
-- entries whose billable is unknown (NULL: a punch-clock file whose
-- profile says billable = "unknown"), the worked minutes of those entries
-- (leave excluded), the minutes of the staff member's billable EHR
-- services of that staff-day, and the billable minutes filled in from
-- them: the EHR's minutes capped at the worked minutes. Which staff-day a
-- service belongs to (its service_date, or the work_date of the night
-- shift its start_time falls in) is workforce__stg_ehr_staff_days'.
-- Every participant's services count: staff figures are the agency's,
-- whatever the packet.
WITH unknown_days AS (
    SELECT staff_id, work_date,
           sum(CASE WHEN activity <> 'leave' THEN minutes ELSE 0 END)::BIGINT AS worked_minutes
    FROM timesheets
    WHERE billable IS NULL
    GROUP BY staff_id, work_date
)
SELECT u.staff_id,
       u.work_date,
       u.worked_minutes,
       coalesce(e.billable_service_minutes, 0) AS ehr_billable_minutes,
       least(coalesce(e.billable_service_minutes, 0), u.worked_minutes) AS filled_billable_minutes
FROM unknown_days AS u
LEFT JOIN workforce__stg_ehr_staff_days AS e ON e.staff_id = u.staff_id AND e.day = u.work_date
