-- Enrolled days per program and window: days of the window covered by a
-- spell in scope, both ends counted, by the spell's program and for ALL. An
-- open spell covers every day of every window from its enrolled_on. Spells of
-- one person never overlap (ingest rejects overlaps), so days are not
-- counted twice. member_months = enrolled_days / 30.4375.
-- The spells covering each day are counted once, as a running sum of the
-- spells begun (+1 on enrolled_on) and ended (-1 the day after
-- discharged_on) by program, and a window's enrolled days are the sum over
-- its days: work in proportion to the spells and the days, where pairing
-- every spell with every window it overlaps grew with both. On a day with
-- changes, the window day's row sorts after them (window_day_flag), so
-- its count includes the spells begun that day.
WITH changes AS (
    SELECT program, enrolled_on AS day, 1 AS change FROM core__stg_participants
    UNION ALL
    SELECT program, discharged_on + 1, -1 FROM core__stg_participants WHERE discharged_on IS NOT NULL
),
daily_changes AS (
    SELECT pr.program, c.day, sum(c.change) AS change
    FROM changes AS c, UNNEST([c.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
window_days AS (
    SELECT DISTINCT day FROM core__int_day_windows
),
timeline AS (
    SELECT program, day, change, false AS window_day_flag FROM daily_changes
    UNION ALL
    SELECT p.program, d.day, 0, true FROM (SELECT DISTINCT program FROM daily_changes) AS p, window_days AS d
),
enrolled AS (
    SELECT program, day, window_day_flag,
           sum(change) OVER (PARTITION BY program ORDER BY day, window_day_flag ROWS UNBOUNDED PRECEDING) AS spells
    FROM timeline
),
by_program AS (
    SELECT e.program, dw.grain, dw.period_start, dw.period_end, sum(e.spells) AS days
    FROM enrolled AS e
    JOIN core__int_day_windows AS dw ON dw.day = e.day
    WHERE e.window_day_flag
    GROUP BY ALL
)
SELECT pw.program, pw.grain, pw.period_start, pw.period_end,
       coalesce(b.days, 0)::BIGINT AS enrolled_days,
       coalesce(b.days, 0) / 30.4375 AS member_months
FROM core__int_program_windows AS pw
LEFT JOIN by_program AS b USING (program, grain, period_start, period_end)
