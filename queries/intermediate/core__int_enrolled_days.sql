-- Enrolled days per program and window: days of the window covered by a
-- spell in scope, both ends counted, by the spell's program and for ALL. An
-- open spell covers every day of every window from its enrolled_on. Spells of
-- one person never overlap (ingest rejects overlaps), so days are not
-- counted twice. member_months = enrolled_days / 30.4375.
WITH spell_windows AS (
    SELECT s.program,
           s.participant_id,
           w.grain, w.period_start, w.period_end,
           datediff('day',
               greatest(s.enrolled_on, w.period_start),
               least(coalesce(s.discharged_on, w.period_end), w.period_end)) + 1 AS days
    FROM core__stg_participants AS s
    JOIN core__int_windows AS w
      ON s.enrolled_on <= w.period_end
     AND (s.discharged_on IS NULL OR s.discharged_on >= w.period_start)
),
by_program AS (
    SELECT pr.program AS program, sw.grain, sw.period_start, sw.period_end, sum(sw.days) AS days
    FROM spell_windows AS sw, UNNEST([sw.program, 'ALL']) AS pr(program)
    GROUP BY ALL
)
SELECT pw.program, pw.grain, pw.period_start, pw.period_end,
       coalesce(b.days, 0)::BIGINT AS enrolled_days,
       coalesce(b.days, 0) / 30.4375 AS member_months
FROM core__int_program_windows AS pw
LEFT JOIN by_program AS b USING (program, grain, period_start, period_end)
