-- Recovery outcomes (METRICS.md "Recovery outcomes (assessments)"), period
-- grain, every program and ALL (the program of the episode's first spell;
-- the episode in scope when its first spell's payer is, or, for the
-- no-payer group, when its first spell has none). An episode falls
-- in the window of its enrolled_on (an equality join to the days of the
-- windows, core__int_day_windows, not a range join). No rows without an
-- assessments file; an instrument's rows only when some assessment names
-- it.
--   intake_assessed_rate: enrollments with enrolled_on + 30 <= data_through
--     that have an intake / those enrollments;
--   followup_assessed_rate: episodes with an intake and intake + 240 <=
--     data_through that have a follow-up / those episodes;
--   housing_stable_* / employed_*: paired episodes (selected intake and
--     follow-up both answer the question) stably housed (employed) at
--     intake or follow-up / paired episodes;
--   <instrument>_mean_change: Σ (follow-up − intake score) / paired;
--   <instrument>_high_intake_rate, _high_followup_rate: paired episodes
--     with score >= cutoff at intake (follow-up) / paired;
--   followup_done / _open / _closing_30d / _missed: episodes with an intake
--     by follow-up status on data_through (done: has one; missed: none and
--     intake + 240 <= data_through; open: none and the window not closed;
--     closing_30d: open with 1 <= intake + 240 − data_through <= 30).
-- contributors: distinct participants behind the numerator (for a mean
-- change, behind the paired count, which the suppression test uses as its
-- denominator).
WITH cells AS (
    SELECT pw.program, pw.grain, pw.period_start, pw.period_end
    FROM core__int_program_windows AS pw
    WHERE pw.grain = 'period' AND EXISTS (SELECT 1 FROM assessments)
),
scoped AS (
    SELECT e.*, pr.program, w.grain, w.period_start, w.period_end
    FROM recovery__int_episodes AS e
    CROSS JOIN cfg_scope
    JOIN core__int_day_windows AS w ON w.day = e.enrolled_on AND w.grain = 'period',
    UNNEST([e.first_program, 'ALL']) AS pr(program)
    WHERE CASE WHEN cfg_scope.no_payer THEN coalesce(trim(e.first_payer), '') = '' ELSE cfg_scope.payer IS NULL OR e.first_payer = cfg_scope.payer END
),
episode_figures AS (
    SELECT s.program, s.grain, s.period_start, s.period_end,
           count(*) FILTER (WHERE s.enrolled_on + 30 <= cfg.data_through) AS intake_due,
           count(*) FILTER (WHERE s.enrolled_on + 30 <= cfg.data_through AND s.intake_date IS NOT NULL) AS intake_done,
           count(DISTINCT s.participant_id)
               FILTER (WHERE s.enrolled_on + 30 <= cfg.data_through AND s.intake_date IS NOT NULL) AS intake_done_people,
           count(*) FILTER (WHERE s.intake_date + 240 <= cfg.data_through) AS followup_due,
           count(*) FILTER (WHERE s.intake_date + 240 <= cfg.data_through AND s.followup_date IS NOT NULL) AS followup_due_done,
           count(DISTINCT s.participant_id)
               FILTER (WHERE s.intake_date + 240 <= cfg.data_through AND s.followup_date IS NOT NULL) AS followup_due_done_people,
           count(*) FILTER (WHERE s.followup_date IS NOT NULL) AS done,
           count(DISTINCT s.participant_id) FILTER (WHERE s.followup_date IS NOT NULL) AS done_people,
           count(*) FILTER (WHERE s.intake_date IS NOT NULL AND s.followup_date IS NULL
                                  AND s.intake_date + 240 > cfg.data_through) AS open,
           count(DISTINCT s.participant_id) FILTER (WHERE s.intake_date IS NOT NULL AND s.followup_date IS NULL
                                  AND s.intake_date + 240 > cfg.data_through) AS open_people,
           count(*) FILTER (WHERE s.intake_date IS NOT NULL AND s.followup_date IS NULL
                                  AND datediff('day', cfg.data_through, s.intake_date + 240) BETWEEN 1 AND 30) AS closing,
           count(DISTINCT s.participant_id) FILTER (WHERE s.intake_date IS NOT NULL AND s.followup_date IS NULL
                                  AND datediff('day', cfg.data_through, s.intake_date + 240) BETWEEN 1 AND 30) AS closing_people,
           count(*) FILTER (WHERE s.intake_date IS NOT NULL AND s.followup_date IS NULL
                                  AND s.intake_date + 240 <= cfg.data_through) AS missed,
           count(DISTINCT s.participant_id) FILTER (WHERE s.intake_date IS NOT NULL AND s.followup_date IS NULL
                                  AND s.intake_date + 240 <= cfg.data_through) AS missed_people
    FROM scoped AS s
    CROSS JOIN cfg
    GROUP BY ALL
),
pairs AS (
    SELECT pr.program, w.grain, w.period_start, w.period_end,
           count(*) FILTER (WHERE p.intake_housing IS NOT NULL AND p.followup_housing IS NOT NULL) AS housing_pairs,
           count(*) FILTER (WHERE p.intake_housing IS NOT NULL AND p.followup_housing IS NOT NULL AND p.intake_housed_flag) AS housed_intake,
           count(DISTINCT p.participant_id) FILTER (WHERE p.intake_housing IS NOT NULL AND p.followup_housing IS NOT NULL AND p.intake_housed_flag) AS housed_intake_people,
           count(*) FILTER (WHERE p.intake_housing IS NOT NULL AND p.followup_housing IS NOT NULL AND p.followup_housed_flag) AS housed_followup,
           count(DISTINCT p.participant_id) FILTER (WHERE p.intake_housing IS NOT NULL AND p.followup_housing IS NOT NULL AND p.followup_housed_flag) AS housed_followup_people,
           count(*) FILTER (WHERE p.intake_employment IS NOT NULL AND p.followup_employment IS NOT NULL) AS employment_pairs,
           count(*) FILTER (WHERE p.intake_employment IS NOT NULL AND p.followup_employment IS NOT NULL AND p.intake_employed_flag) AS employed_intake,
           count(DISTINCT p.participant_id) FILTER (WHERE p.intake_employment IS NOT NULL AND p.followup_employment IS NOT NULL AND p.intake_employed_flag) AS employed_intake_people,
           count(*) FILTER (WHERE p.intake_employment IS NOT NULL AND p.followup_employment IS NOT NULL AND p.followup_employed_flag) AS employed_followup,
           count(DISTINCT p.participant_id) FILTER (WHERE p.intake_employment IS NOT NULL AND p.followup_employment IS NOT NULL AND p.followup_employed_flag) AS employed_followup_people
    FROM recovery__int_pairs AS p
    CROSS JOIN cfg_scope
    JOIN core__int_day_windows AS w ON w.day = p.enrolled_on AND w.grain = 'period',
    UNNEST([p.first_program, 'ALL']) AS pr(program)
    WHERE (CASE WHEN cfg_scope.no_payer THEN coalesce(trim(p.first_payer), '') = '' ELSE cfg_scope.payer IS NULL OR p.first_payer = cfg_scope.payer END) AND p.followup_date IS NOT NULL
    GROUP BY ALL
),
base AS (
    SELECT c.program, c.grain, c.period_start, c.period_end,
           coalesce(ef.intake_due, 0) AS intake_due,
           coalesce(ef.intake_done, 0) AS intake_done,
           coalesce(ef.intake_done_people, 0) AS intake_done_people,
           coalesce(ef.followup_due, 0) AS followup_due,
           coalesce(ef.followup_due_done, 0) AS followup_due_done,
           coalesce(ef.followup_due_done_people, 0) AS followup_due_done_people,
           coalesce(ef.done, 0) AS done, coalesce(ef.done_people, 0) AS done_people,
           coalesce(ef.open, 0) AS open, coalesce(ef.open_people, 0) AS open_people,
           coalesce(ef.closing, 0) AS closing, coalesce(ef.closing_people, 0) AS closing_people,
           coalesce(ef.missed, 0) AS missed, coalesce(ef.missed_people, 0) AS missed_people,
           coalesce(pa.housing_pairs, 0) AS housing_pairs,
           coalesce(pa.housed_intake, 0) AS housed_intake,
           coalesce(pa.housed_intake_people, 0) AS housed_intake_people,
           coalesce(pa.housed_followup, 0) AS housed_followup,
           coalesce(pa.housed_followup_people, 0) AS housed_followup_people,
           coalesce(pa.employment_pairs, 0) AS employment_pairs,
           coalesce(pa.employed_intake, 0) AS employed_intake,
           coalesce(pa.employed_intake_people, 0) AS employed_intake_people,
           coalesce(pa.employed_followup, 0) AS employed_followup,
           coalesce(pa.employed_followup_people, 0) AS employed_followup_people
    FROM cells AS c
    LEFT JOIN episode_figures AS ef USING (program, grain, period_start, period_end)
    LEFT JOIN pairs AS pa USING (program, grain, period_start, period_end)
),
scale_cells AS (
    SELECT c.*, s.instrument
    FROM cells AS c
    CROSS JOIN cfg_summed_scales AS s
    WHERE s.instrument IN (SELECT instrument FROM assessments)
),
scale_figures AS (
    SELECT sc.instrument, sc.program, sc.grain, sc.period_start, sc.period_end,
           count(ps.participant_id) AS paired,
           count(DISTINCT ps.participant_id) AS paired_people,
           coalesce(sum(ps.score_change), 0)::BIGINT AS change_sum,
           count(*) FILTER (WHERE ps.intake_high_flag) AS high_intake,
           count(DISTINCT ps.participant_id) FILTER (WHERE ps.intake_high_flag) AS high_intake_people,
           count(*) FILTER (WHERE ps.followup_high_flag) AS high_followup,
           count(DISTINCT ps.participant_id) FILTER (WHERE ps.followup_high_flag) AS high_followup_people
    FROM scale_cells AS sc
    LEFT JOIN recovery__paired_scores AS ps
      ON ps.instrument = sc.instrument AND ps.program = sc.program
     AND ps.period_start = sc.period_start AND ps.period_end = sc.period_end
    GROUP BY ALL
),
metric_rows AS (
    SELECT 'intake_assessed_rate' AS metric, program, grain, period_start, period_end,
           intake_done AS numerator, intake_due AS denominator, intake_done_people AS contributors
    FROM base
    UNION ALL
    SELECT 'followup_assessed_rate', program, grain, period_start, period_end,
           followup_due_done, followup_due, followup_due_done_people
    FROM base
    UNION ALL
    SELECT 'housing_stable_intake_rate', program, grain, period_start, period_end,
           housed_intake, housing_pairs, housed_intake_people
    FROM base
    UNION ALL
    SELECT 'housing_stable_followup_rate', program, grain, period_start, period_end,
           housed_followup, housing_pairs, housed_followup_people
    FROM base
    UNION ALL
    SELECT 'employed_intake_rate', program, grain, period_start, period_end,
           employed_intake, employment_pairs, employed_intake_people
    FROM base
    UNION ALL
    SELECT 'employed_followup_rate', program, grain, period_start, period_end,
           employed_followup, employment_pairs, employed_followup_people
    FROM base
    UNION ALL
    SELECT 'followup_done', program, grain, period_start, period_end, done, NULL, done_people FROM base
    UNION ALL
    SELECT 'followup_open', program, grain, period_start, period_end, open, NULL, open_people FROM base
    UNION ALL
    SELECT 'followup_closing_30d', program, grain, period_start, period_end, closing, NULL, closing_people FROM base
    UNION ALL
    SELECT 'followup_missed', program, grain, period_start, period_end, missed, NULL, missed_people FROM base
    UNION ALL
    SELECT instrument || '_high_intake_rate', program, grain, period_start, period_end,
           high_intake, paired, high_intake_people
    FROM scale_figures
    UNION ALL
    SELECT instrument || '_high_followup_rate', program, grain, period_start, period_end,
           high_followup, paired, high_followup_people
    FROM scale_figures
)
SELECT metric, program, grain, period_start, period_end,
       numerator::DECIMAL(38, 18) AS numerator,
       denominator::DECIMAL(38, 18) AS denominator,
       CASE WHEN denominator IS NULL THEN numerator::DOUBLE
            WHEN denominator > 0 THEN numerator / denominator END::DOUBLE AS value,
       contributors::BIGINT AS contributors,
       NULL::BIGINT AS group_min
FROM metric_rows
UNION ALL
SELECT instrument || '_mean_change', program, grain, period_start, period_end,
       change_sum::DECIMAL(38, 18),
       paired::DECIMAL(38, 18),
       CASE WHEN paired > 0 THEN change_sum / paired END::DOUBLE,
       paired_people::BIGINT,
       NULL::BIGINT
FROM scale_figures
