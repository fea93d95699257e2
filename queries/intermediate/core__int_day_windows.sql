-- Every day of the windows (the reporting period and the earlier periods)
-- with each window that contains it (its month, its quarter and the
-- period): join an event's date to day to place it in all its windows with
-- one equality join.
SELECT d.day, w.grain, w.period_start, w.period_end
FROM (
    SELECT unnest(generate_series(min(period_start), max(period_end), INTERVAL 1 DAY))::DATE AS day
    FROM core__int_windows
) AS d
JOIN core__int_windows AS w ON d.day BETWEEN w.period_start AND w.period_end
