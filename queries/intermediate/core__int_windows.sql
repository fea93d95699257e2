-- The reporting windows: calendar months and quarters clipped to the
-- reporting period, and the period itself.
WITH months AS (
    SELECT unnest(generate_series(date_trunc('month', period_start), period_end, INTERVAL 1 MONTH))::DATE AS month_start
    FROM cfg
),
quarters AS (
    SELECT unnest(generate_series(date_trunc('quarter', period_start), period_end, INTERVAL 3 MONTH))::DATE AS quarter_start
    FROM cfg
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
