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
-- the earlier work_date. The minutes are summed by service_date, then
-- those of services in a shift moved to its work_date, the staff-days
-- they touch summed again: without punch clocks (most agencies) the join
-- finds nothing and costs nothing.
WITH unknown_shifts AS (
    SELECT staff_id, work_date, shift_start, shift_end
    FROM timesheets
    WHERE billable IS NULL AND shift_start IS NOT NULL AND activity <> 'leave'
),
in_shift AS MATERIALIZED (
    SELECT s.service_id, any_value(s.staff_id) AS staff_id, any_value(s.service_date) AS service_date,
           any_value(s.minutes) AS minutes, min(h.work_date) AS work_date
    FROM services AS s
    JOIN unknown_shifts AS h
        ON h.staff_id = s.staff_id AND s.start_time >= h.shift_start AND s.start_time < h.shift_end
    WHERE s.billable AND s.start_time IS NOT NULL
    GROUP BY s.service_id
),
moved AS MATERIALIZED (
    SELECT staff_id, service_date AS day, -minutes AS minutes FROM in_shift WHERE work_date <> service_date
    UNION ALL
    SELECT staff_id, work_date AS day, minutes FROM in_shift WHERE work_date <> service_date
),
by_service_date AS (
    SELECT staff_id, service_date AS day, sum(minutes)::BIGINT AS minutes
    FROM services
    WHERE billable
    GROUP BY staff_id, service_date
),
-- Only the staff-days a moved service leaves or joins are summed again.
moved_days AS (
    SELECT staff_id, day, sum(minutes)::BIGINT AS minutes
    FROM (
        SELECT b.staff_id, b.day, b.minutes
        FROM by_service_date AS b
        SEMI JOIN moved AS m ON m.staff_id = b.staff_id AND m.day = b.day
        UNION ALL
        SELECT staff_id, day, minutes FROM moved
    )
    GROUP BY staff_id, day
)
SELECT b.staff_id, b.day, b.minutes AS billable_service_minutes
FROM by_service_date AS b
ANTI JOIN moved AS m ON m.staff_id = b.staff_id AND m.day = b.day
WHERE b.minutes <> 0
UNION ALL
SELECT staff_id, day, minutes
FROM moved_days
WHERE minutes <> 0
