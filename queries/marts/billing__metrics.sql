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
-- The day totals of each program (billing__int_program_days) are placed in
-- their windows.
WITH totals AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           sum(d.billed_units) AS billed_units,
           sum(d.services)::BIGINT AS services,
           sum(d.goal_linked)::BIGINT AS goal_linked,
           sum(d.on_time)::BIGINT AS on_time,
           sum(d.meeting_standard)::BIGINT AS meeting_standard,
           coalesce(sum(d.at_risk_units), 0) AS at_risk_units,
           sum(d.over_cap_units) AS over_cap_units
    FROM billing__int_program_days AS d
    JOIN core__int_day_windows AS dw ON dw.day = d.service_date,
    UNNEST([d.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
figures AS (
    SELECT pw.program, pw.grain, pw.period_start, pw.period_end,
           coalesce(t.billed_units, 0) AS billed_units,
           coalesce(t.services, 0) AS services,
           coalesce(t.goal_linked, 0) AS goal_linked,
           coalesce(t.on_time, 0) AS on_time,
           coalesce(t.meeting_standard, 0) AS meeting_standard,
           coalesce(t.at_risk_units, 0) AS at_risk_units,
           coalesce(t.over_cap_units, 0) AS over_cap_units
    FROM core__int_program_windows AS pw
    LEFT JOIN totals AS t USING (program, grain, period_start, period_end)
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
