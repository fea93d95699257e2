-- Billing metrics (METRICS.md "Billing and documentation").
-- billed_units: units of billable services, by the participant's program on
-- the service date; services fall in months by service_date.
WITH billable AS (
    SELECT program, service_date, units
    FROM core__stg_services
    WHERE billable_flag
),
billed AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end, sum(b.units) AS units
    FROM billable AS b
    JOIN core__int_day_windows AS dw ON dw.day = b.service_date,
    UNNEST([b.program, 'ALL']) AS pr(program)
    GROUP BY ALL
)
SELECT 'billed_units' AS metric,
       pw.program, pw.grain, pw.period_start, pw.period_end,
       coalesce(b.units, 0) AS numerator,
       NULL AS denominator,
       coalesce(b.units, 0) AS value,
       NULL AS contributors,
       NULL AS group_min
FROM core__int_program_windows AS pw
LEFT JOIN billed AS b USING (program, grain, period_start, period_end)
