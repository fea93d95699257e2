-- Every (program, window) a metric with month, quarter and period grains
-- has a row for, empty or not.
SELECT p.program, w.grain, w.period_start, w.period_end
FROM core__int_programs AS p
CROSS JOIN core__int_windows AS w
