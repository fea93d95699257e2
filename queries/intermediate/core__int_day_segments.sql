-- Each day of the windows with its segment: the start of the innermost
-- window containing it (its month, clipped to the period). Days of one
-- segment lie in exactly the same windows, so a distinct count of people
-- per window can first be reduced to distinct (person, segment) and then
-- joined to core__int_segment_windows, instead of fanning every event out
-- to its windows (distinct counts do not add up across days).
-- Segments are numbered from 0 by their start; segment_block (the number
-- // 64) and segment_bit (1 shifted left by the number % 64) let a model
-- keep a person's segments as one 64-bit mask per block (bit_or), so the
-- windows a person is in are found from one row per person and block
-- (reach__metrics).
WITH days AS (
    SELECT day, max(period_start) AS segment_start
    FROM core__int_day_windows
    GROUP BY day
)
SELECT day, segment_start,
       (segment_number // 64)::INTEGER AS segment_block,
       1::UBIGINT << (segment_number % 64) AS segment_bit
FROM (SELECT *, dense_rank() OVER (ORDER BY segment_start) - 1 AS segment_number FROM days)
