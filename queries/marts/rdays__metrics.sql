-- R-day metrics (METRICS.md "R-days"), by the participant's program on the
-- day; a day falls in its month. The R-days and the days lost of each
-- program and day are counted by billing__int_program_days.
-- rday_rate: R-days / enrolled days (core__int_enrolled_days).
-- rday_lost_days: enrolled days with a qualifying service but none meeting
-- the documentation standard.
-- rday_revenue, rday_revenue_lost: those days × rday_daily_rate ×
-- rday_federal_share; no rows unless both money settings are set.
WITH days AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           sum(d.rdays)::BIGINT AS rdays,
           sum(d.lost_days)::BIGINT AS lost_days
    FROM billing__int_program_days AS d
    JOIN core__int_day_windows AS dw ON dw.day = d.service_date,
    UNNEST([d.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
figures AS (
    SELECT e.program, e.grain, e.period_start, e.period_end,
           coalesce(d.rdays, 0) AS rdays,
           coalesce(d.lost_days, 0) AS lost_days,
           e.enrolled_days
    FROM core__int_enrolled_days AS e
    LEFT JOIN days AS d USING (program, grain, period_start, period_end)
)
SELECT 'rday_rate' AS metric, program, grain, period_start, period_end,
       rdays::DOUBLE AS numerator,
       enrolled_days::DOUBLE AS denominator,
       CASE WHEN enrolled_days > 0 THEN rdays::DOUBLE / enrolled_days END AS value,
       NULL AS contributors,
       NULL AS group_min
FROM figures
UNION ALL
SELECT 'rday_lost_days', program, grain, period_start, period_end,
       lost_days, NULL, lost_days, NULL, NULL
FROM figures
UNION ALL
SELECT 'rday_revenue', f.program, f.grain, f.period_start, f.period_end,
       f.rdays * c.rday_daily_rate * c.rday_federal_share, NULL,
       f.rdays * c.rday_daily_rate * c.rday_federal_share, NULL, NULL
FROM figures AS f, cfg AS c
WHERE c.rday_daily_rate IS NOT NULL AND c.rday_federal_share IS NOT NULL
UNION ALL
SELECT 'rday_revenue_lost', f.program, f.grain, f.period_start, f.period_end,
       f.lost_days * c.rday_daily_rate * c.rday_federal_share, NULL,
       f.lost_days * c.rday_daily_rate * c.rday_federal_share, NULL, NULL
FROM figures AS f, cfg AS c
WHERE c.rday_daily_rate IS NOT NULL AND c.rday_federal_share IS NOT NULL
