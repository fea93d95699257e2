-- The reporting windows: calendar months and quarters clipped to the
-- reporting period, the period itself, and the compare_periods earlier
-- periods of the same length immediately before it (period grain only;
-- METRICS.md "Earlier periods"). Same length: when the period starts on a
-- month's first day and ends on a month's last day, the same number of
-- calendar months; otherwise the same number of days. Whether an earlier
-- period's rows are kept for a metric (its sources must cover the whole
-- period) is decided by metrics.Compute from the registry.
WITH months AS (
    SELECT unnest(generate_series(date_trunc('month', period_start), period_end, INTERVAL 1 MONTH))::DATE AS month_start
    FROM cfg
),
quarters AS (
    SELECT unnest(generate_series(date_trunc('quarter', period_start), period_end, INTERVAL 3 MONTH))::DATE AS quarter_start
    FROM cfg
),
shape AS (
    SELECT period_start, period_end, compare_periods,
           day(period_start) = 1 AND day(period_end + 1) = 1 AS whole_months_flag,
           datediff('month', period_start, period_end + 1) AS months,
           datediff('day', period_start, period_end) + 1 AS days
    FROM cfg
),
earlier AS (
    SELECT CASE WHEN whole_months_flag
                THEN (period_start - to_months((months * k)::INTEGER))::DATE
                ELSE period_start - (days * k)::INTEGER END AS period_start,
           CASE WHEN whole_months_flag
                THEN (period_start - to_months((months * (k - 1))::INTEGER))::DATE - 1
                ELSE period_start - (days * (k - 1))::INTEGER - 1 END AS period_end
    FROM shape, generate_series(1, compare_periods) AS g(k)
    WHERE compare_periods > 0
)
SELECT 'month' AS grain,
       greatest(month_start, cfg.period_start) AS period_start,
       least((month_start + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE, cfg.period_end) AS period_end
FROM months, cfg
UNION ALL
SELECT 'quarter',
       greatest(quarter_start, cfg.period_start),
       least((quarter_start + INTERVAL 3 MONTH - INTERVAL 1 DAY)::DATE, cfg.period_end)
FROM quarters, cfg
UNION ALL
SELECT 'period', period_start, period_end FROM cfg
UNION ALL
SELECT 'period', period_start, period_end FROM earlier
