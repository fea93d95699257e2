-- Staff metrics (METRICS.md "Workforce"), by the program of the staff spell.
-- Headcount on a day = spells with hire_date <= day <= termination_date
-- (open spells count); average headcount = employed staff-days / days in
-- the window.
-- turnover_rate, voluntary_turnover_rate, peer_turnover_rate: separations
-- (spell ends not followed by a transfer, see workforce__int_staff_spells)
-- with termination_date in the window, by the ending spell's program, over
-- average headcount, annualized: value = separations / average headcount ×
-- 365.25 / days in window. Peer: separations of peer-role spells over the
-- average headcount of peer-role spells.
-- retention_90d: spells that are new hires (not transfers) hired in the
-- window with hire_date + 90 <= data_through; retained when the employment
-- (following transfers) still runs on hire_date + 90.
-- headcount_avg: employed staff-days / days in window.
WITH spell_windows AS (
    SELECT s.program, s.peer_role_flag, w.grain, w.period_start, w.period_end,
           datediff('day',
               greatest(s.hire_date, w.period_start),
               least(coalesce(s.termination_date, w.period_end), w.period_end)) + 1 AS staff_days
    FROM workforce__int_staff_spells AS s
    JOIN core__int_windows AS w
      ON s.hire_date <= w.period_end
     AND (s.termination_date IS NULL OR s.termination_date >= w.period_start)
),
staff_days AS (
    SELECT pr.program, sw.grain, sw.period_start, sw.period_end,
           sum(sw.staff_days) AS staff_days,
           coalesce(sum(sw.staff_days) FILTER (WHERE sw.peer_role_flag), 0) AS peer_staff_days
    FROM spell_windows AS sw, UNNEST([sw.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
separations AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           count(*) AS separations,
           count(*) FILTER (WHERE s.termination_type = 'voluntary') AS voluntary_separations,
           count(*) FILTER (WHERE s.peer_role_flag) AS peer_separations
    FROM workforce__int_staff_spells AS s
    JOIN core__int_day_windows AS dw ON dw.day = s.termination_date,
    UNNEST([s.program, 'ALL']) AS pr(program)
    WHERE s.separation_flag
    GROUP BY ALL
),
hires AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           count(*) AS hires,
           count(*) FILTER (WHERE s.employment_end_date IS NULL
                               OR s.employment_end_date >= s.hire_date + 90) AS retained
    FROM workforce__int_staff_spells AS s
    CROSS JOIN cfg AS c
    JOIN core__int_day_windows AS dw ON dw.day = s.hire_date,
    UNNEST([s.program, 'ALL']) AS pr(program)
    WHERE NOT s.transfer_in_flag
      AND s.hire_date + 90 <= c.data_through
    GROUP BY ALL
),
figures AS (
    SELECT pw.program, pw.grain, pw.period_start, pw.period_end,
           datediff('day', pw.period_start, pw.period_end) + 1 AS window_days,
           coalesce(d.staff_days, 0) AS staff_days,
           coalesce(d.peer_staff_days, 0) AS peer_staff_days,
           coalesce(s.separations, 0) AS separations,
           coalesce(s.voluntary_separations, 0) AS voluntary_separations,
           coalesce(s.peer_separations, 0) AS peer_separations,
           coalesce(h.hires, 0) AS hires,
           coalesce(h.retained, 0) AS retained
    FROM core__int_program_windows AS pw
    LEFT JOIN staff_days AS d USING (program, grain, period_start, period_end)
    LEFT JOIN separations AS s USING (program, grain, period_start, period_end)
    LEFT JOIN hires AS h USING (program, grain, period_start, period_end)
),
turnover AS (
    SELECT 'turnover_rate' AS metric, program, grain, period_start, period_end, window_days,
           separations, staff_days
    FROM figures
    UNION ALL
    SELECT 'voluntary_turnover_rate', program, grain, period_start, period_end, window_days,
           voluntary_separations, staff_days
    FROM figures
    UNION ALL
    SELECT 'peer_turnover_rate', program, grain, period_start, period_end, window_days,
           peer_separations, peer_staff_days
    FROM figures
)
SELECT metric, program, grain, period_start, period_end,
       separations::DOUBLE AS numerator,
       staff_days::DOUBLE / window_days AS denominator,
       CASE WHEN staff_days > 0
            THEN separations / (staff_days::DOUBLE / window_days) * 365.25 / window_days
       END AS value,
       NULL AS contributors,
       NULL AS group_min
FROM turnover
UNION ALL
SELECT 'retention_90d', program, grain, period_start, period_end,
       retained, hires,
       CASE WHEN hires > 0 THEN retained::DOUBLE / hires END,
       NULL, NULL
FROM figures
UNION ALL
SELECT 'headcount_avg', program, grain, period_start, period_end,
       staff_days, window_days, staff_days::DOUBLE / window_days,
       NULL, NULL
FROM figures
