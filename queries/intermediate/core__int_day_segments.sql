-- Each day of the windows with its segment: the start of the innermost
-- window containing it (its month, clipped to the period). Days of one
-- segment lie in exactly the same windows, so a distinct count of people
-- per window can first be reduced to distinct (person, segment) and then
-- joined to core__int_segment_windows, instead of fanning every event out
-- to its windows (distinct counts do not add up across days).
SELECT day, max(period_start) AS segment_start
FROM core__int_day_windows
GROUP BY day
