-- The windows each segment (core__int_day_segments) lies in.
SELECT DISTINCT s.segment_start, dw.grain, dw.period_start, dw.period_end
FROM core__int_day_segments AS s
JOIN core__int_day_windows AS dw ON dw.day = s.day
