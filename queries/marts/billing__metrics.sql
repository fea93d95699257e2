-- Billing and documentation metrics (METRICS.md "Billing and documentation"),
-- by the participant's program on the service date; services fall in months
-- by service_date.
-- billed_units: units of billable services (pending or not).
-- doc_goal_linked_rate, doc_timely_rate, doc_standard_rate: of the billable
-- services that are not pending, the share goal-linked, signed on time, and
-- both (meeting the documentation standard).
-- at_risk_units: units of billable, non-pending services not meeting the
-- standard.
-- over_cap_units: for each participant and day, the units of billable
-- services that day (all codes and staff together, pending or not, as in
-- billed_units) above max_units_per_day, summed.
-- The sums and counts are additive, so services are summed per program and
-- day first and the day totals then placed in their windows (fewer rows to
-- fan out than one per service).
WITH billed_days AS (
    SELECT s.program, s.service_date, sum(s.units) AS units
    FROM billing__int_services AS s
    WHERE s.billable_flag
    GROUP BY ALL
),
billed AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           sum(s.units) AS units
    FROM billed_days AS s
    JOIN core__int_day_windows AS dw ON dw.day = s.service_date,
    UNNEST([s.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
documented_days AS (
    SELECT s.program, s.service_date,
           count(*) AS services,
           count(*) FILTER (WHERE s.goal_linked_flag) AS goal_linked,
           count(*) FILTER (WHERE s.on_time_flag) AS on_time,
           count(*) FILTER (WHERE s.standard_flag) AS meeting_standard,
           sum(s.units) FILTER (WHERE NOT s.standard_flag) AS at_risk_units
    FROM billing__int_services AS s
    WHERE s.billable_flag AND NOT s.pending_flag
    GROUP BY ALL
),
documented AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           sum(s.services)::BIGINT AS services,
           sum(s.goal_linked)::BIGINT AS goal_linked,
           sum(s.on_time)::BIGINT AS on_time,
           sum(s.meeting_standard)::BIGINT AS meeting_standard,
           coalesce(sum(s.at_risk_units), 0) AS at_risk_units
    FROM documented_days AS s
    JOIN core__int_day_windows AS dw ON dw.day = s.service_date,
    UNNEST([s.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
participant_days AS (
    SELECT s.participant_id, s.service_date, s.program,
           greatest(sum(s.units) - any_value(c.max_units_per_day), 0) AS over_cap_units
    FROM billing__int_services AS s
    CROSS JOIN cfg AS c
    WHERE s.billable_flag
    GROUP BY s.participant_id, s.service_date, s.program
),
over_cap_days AS (
    SELECT program, service_date, sum(over_cap_units) AS over_cap_units
    FROM participant_days
    GROUP BY ALL
),
over_cap AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           sum(d.over_cap_units) AS units
    FROM over_cap_days AS d
    JOIN core__int_day_windows AS dw ON dw.day = d.service_date,
    UNNEST([d.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
figures AS (
    SELECT pw.program, pw.grain, pw.period_start, pw.period_end,
           coalesce(b.units, 0) AS billed_units,
           coalesce(d.services, 0) AS services,
           coalesce(d.goal_linked, 0) AS goal_linked,
           coalesce(d.on_time, 0) AS on_time,
           coalesce(d.meeting_standard, 0) AS meeting_standard,
           coalesce(d.at_risk_units, 0) AS at_risk_units,
           coalesce(o.units, 0) AS over_cap_units
    FROM core__int_program_windows AS pw
    LEFT JOIN billed AS b USING (program, grain, period_start, period_end)
    LEFT JOIN documented AS d USING (program, grain, period_start, period_end)
    LEFT JOIN over_cap AS o USING (program, grain, period_start, period_end)
)
SELECT m.metric, f.program, f.grain, f.period_start, f.period_end,
       m.numerator,
       m.denominator,
       CASE
           WHEN m.denominator IS NULL THEN m.numerator
           WHEN m.denominator > 0 THEN m.numerator::DOUBLE / m.denominator
       END AS value,
       NULL AS contributors,
       NULL AS group_min
FROM figures AS f,
LATERAL (VALUES
    ('billed_units', f.billed_units, NULL),
    ('doc_goal_linked_rate', f.goal_linked, f.services),
    ('doc_timely_rate', f.on_time, f.services),
    ('doc_standard_rate', f.meeting_standard, f.services),
    ('at_risk_units', f.at_risk_units, NULL),
    ('over_cap_units', f.over_cap_units, NULL)
) AS m(metric, numerator, denominator)
