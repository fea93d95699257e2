-- Minutes of billable services each staff member delivered on each
-- staff-day, as the EHR records them, for every participant: staff figures
-- are the agency's and are not limited to one payer's members (unlike
-- core__stg_services). A service belongs to its service_date, except that
-- one with a start_time inside a shift of a punch clock's entry whose
-- billable is unknown (from clock_in up to, not including, clock_out)
-- belongs to that entry's work_date (METRICS.md, Workforce: shifts crossing
-- midnight belong to their work_date when a staff-day is filled), so a
-- service at 02:00 in a 22:00-06:00 shift fills, and is compared with, the
-- shift's staff-day. Two such shifts of one staff member holding the time:
-- the earlier work_date.
WITH unknown_shifts AS (
    SELECT staff_id, work_date, shift_start, shift_end
    FROM timesheets
    WHERE billable IS NULL AND shift_start IS NOT NULL AND activity <> 'leave'
),
in_shift AS (
    SELECT s.service_id, min(h.work_date) AS work_date
    FROM services AS s
    JOIN unknown_shifts AS h
        ON h.staff_id = s.staff_id AND s.start_time >= h.shift_start AND s.start_time < h.shift_end
    WHERE s.billable
    GROUP BY s.service_id
)
SELECT s.staff_id,
       coalesce(n.work_date, s.service_date) AS day,
       sum(s.minutes)::BIGINT AS billable_service_minutes
FROM services AS s
LEFT JOIN in_shift AS n ON n.service_id = s.service_id
WHERE s.billable
GROUP BY s.staff_id, coalesce(n.work_date, s.service_date)
