-- The billing and R-day figures of each program and day, from the
-- billable services in scope (billing__int_services), for billing__metrics
-- and rdays__metrics to place in their windows: the counts and sums
-- straight from the services; the daily cap and the R-days from each
-- participant-day's services summed together first (their units; whether
-- any qualifies for an R-day and whether any of those meets the
-- documentation standard), one grouping of the services by participant-day
-- for both.
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
                         OR service_code IN (SELECT service_code FROM cfg_rday_codes)), false) AS rday_flag
    FROM billing__int_services
    WHERE billable_flag
),
program_days AS (
    SELECT program, service_date,
           sum(units) AS billed_units,
           count(*) FILTER (WHERE NOT pending_flag) AS services,
           count(*) FILTER (WHERE NOT pending_flag AND goal_linked_flag) AS goal_linked,
           count(*) FILTER (WHERE NOT pending_flag AND on_time_flag) AS on_time,
           count(*) FILTER (WHERE NOT pending_flag AND standard_flag) AS meeting_standard,
           sum(units) FILTER (WHERE NOT pending_flag AND NOT standard_flag) AS at_risk_units
    FROM services
    GROUP BY program, service_date
),
participant_days AS (
    SELECT participant_id, service_date, program,
           sum(units) AS units,
           bool_or(rday_flag) AS rday_service_flag,
           bool_or(rday_flag AND standard_flag) AS rday_met_flag
    FROM services
    GROUP BY participant_id, service_date, program
),
person_totals AS (
    SELECT d.program, d.service_date,
           sum(greatest(d.units - c.max_units_per_day, 0)) AS over_cap_units,
           count(*) FILTER (WHERE d.rday_service_flag AND d.rday_met_flag) AS rdays,
           count(*) FILTER (WHERE d.rday_service_flag AND NOT d.rday_met_flag) AS lost_days
    FROM participant_days AS d
    CROSS JOIN cfg AS c
    GROUP BY d.program, d.service_date
)
SELECT p.program, p.service_date, p.billed_units, p.services::BIGINT AS services, p.goal_linked::BIGINT AS goal_linked,
       p.on_time::BIGINT AS on_time, p.meeting_standard::BIGINT AS meeting_standard, p.at_risk_units,
       t.over_cap_units, t.rdays, t.lost_days
FROM program_days AS p
JOIN person_totals AS t USING (program, service_date)
