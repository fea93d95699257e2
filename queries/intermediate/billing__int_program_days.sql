-- The billing and R-day figures of each program and day, from the
-- billable services in scope (billing__int_services), for billing__metrics
-- and rdays__metrics to place in their windows: the counts and sums
-- straight from the services; the daily cap and the R-days from each
-- participant-day's services summed together first (their units; whether
-- any qualifies for an R-day and whether any of those meets the
-- documentation standard), one grouping of the services by participant-day
-- for both.
-- Nearly every participant-day has one billable service (10M services:
-- 9.05M participant-days of 9.46M services), and grouping all of them by
-- participant-day was most of this model's time. So only the services of
-- the days that have more than one are grouped by participant-day; a
-- day's single service is its day's sums and flags, counted straight into
-- its program-day. A day is shared when the upper 32 bits of its
-- participant's and date's hash repeat (finding those is a grouping by one
-- number); days whose hashes merely collide are grouped too, so the sums
-- are exact either way (10M: 4.45 -> 3.41 s of CPU for the agency).
-- billed_units: units of billable services (pending or not).
-- services, goal_linked, on_time, meeting_standard, at_risk_units: of the
-- billable services that are not pending, how many, how many goal-linked,
-- signed on time and meeting the standard, and the units of those not
-- meeting it.
-- over_cap_units: each participant-day's units (pending or not) above
-- max_units_per_day, summed.
-- rdays, lost_days: participant-days with a qualifying service (not
-- pending, at least 1 unit, on an enrolled day, a code in rday_codes or
-- any code when that list is empty) of which at least one meets the
-- standard (an R-day), or none does (an R-day lost to documentation).
WITH services AS (
    SELECT *,
           coalesce(NOT pending_flag AND units >= 1 AND enrolled_flag
                    AND (NOT EXISTS (SELECT 1 FROM cfg_rday_codes)
                         OR service_code IN (SELECT service_code FROM cfg_rday_codes)), false) AS rday_flag,
           (hash(participant_id, service_date) >> 32)::UINTEGER AS day_hash
    FROM billing__int_services
    WHERE billable_flag
),
shared_hashes AS (
    SELECT day_hash FROM services GROUP BY day_hash HAVING count(*) > 1
),
marked AS (
    SELECT s.*, s.day_hash IN (SELECT day_hash FROM shared_hashes) AS shared_flag
    FROM services AS s
),
program_days AS (
    SELECT program, service_date,
           sum(units) AS billed_units,
           count(*) FILTER (WHERE NOT pending_flag) AS services,
           count(*) FILTER (WHERE NOT pending_flag AND goal_linked_flag) AS goal_linked,
           count(*) FILTER (WHERE NOT pending_flag AND on_time_flag) AS on_time,
           count(*) FILTER (WHERE NOT pending_flag AND standard_flag) AS meeting_standard,
           sum(units) FILTER (WHERE NOT pending_flag AND NOT standard_flag) AS at_risk_units,
           -- the days of one service
           sum(greatest(units - c.max_units_per_day, 0)) FILTER (WHERE NOT shared_flag) AS over_cap_units,
           count(*) FILTER (WHERE NOT shared_flag AND rday_flag AND standard_flag) AS rdays,
           count(*) FILTER (WHERE NOT shared_flag AND rday_flag AND NOT standard_flag) AS lost_days
    FROM marked
    CROSS JOIN cfg AS c
    GROUP BY program, service_date
),
shared_days AS (
    SELECT participant_id, service_date, program,
           sum(units) AS units,
           bool_or(rday_flag) AS rday_service_flag,
           bool_or(rday_flag AND standard_flag) AS rday_met_flag
    FROM marked
    WHERE shared_flag
    GROUP BY participant_id, service_date, program
),
shared_totals AS (
    SELECT d.program, d.service_date,
           sum(greatest(d.units - c.max_units_per_day, 0)) AS over_cap_units,
           count(*) FILTER (WHERE d.rday_service_flag AND d.rday_met_flag) AS rdays,
           count(*) FILTER (WHERE d.rday_service_flag AND NOT d.rday_met_flag) AS lost_days
    FROM shared_days AS d
    CROSS JOIN cfg AS c
    GROUP BY d.program, d.service_date
)
SELECT p.program, p.service_date, p.billed_units, p.services::BIGINT AS services, p.goal_linked::BIGINT AS goal_linked,
       p.on_time::BIGINT AS on_time, p.meeting_standard::BIGINT AS meeting_standard, p.at_risk_units,
       coalesce(p.over_cap_units, 0) + coalesce(t.over_cap_units, 0) AS over_cap_units,
       p.rdays + coalesce(t.rdays, 0) AS rdays,
       p.lost_days + coalesce(t.lost_days, 0) AS lost_days
FROM program_days AS p
LEFT JOIN shared_totals AS t USING (program, service_date)
