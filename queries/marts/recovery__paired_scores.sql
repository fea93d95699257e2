-- The paired episodes of each summed scale in use, in scope, with the
-- window of their enrolled_on (core__int_day_windows) and their program:
-- an episode whose selected intake and follow-up both have a score
-- (METRICS.md "Recovery outcomes").
-- score_change = follow-up score − intake score. recovery__metrics sums
-- them; the bootstrap (metrics/bootstrap_recovery.go) resamples them.
SELECT si.instrument, pr.program, w.period_start, w.period_end,
       p.participant_id, p.episode_seq,
       si.score AS intake_score, sf.score AS followup_score,
       si.high_flag AS intake_high_flag, sf.high_flag AS followup_high_flag,
       sf.score - si.score AS score_change
FROM recovery__int_pairs AS p
CROSS JOIN cfg_scope
JOIN core__int_day_windows AS w ON w.day = p.enrolled_on AND w.grain = 'period'
JOIN recovery__int_scores AS si
  ON si.participant_id = p.participant_id AND si.kind = 'intake' AND si.assessment_date = p.intake_date
JOIN recovery__int_scores AS sf
  ON sf.participant_id = p.participant_id AND sf.kind = 'followup' AND sf.assessment_date = p.followup_date
 AND sf.instrument = si.instrument,
UNNEST([p.first_program, 'ALL']) AS pr(program)
WHERE (CASE WHEN cfg_scope.no_payer THEN coalesce(trim(p.first_payer), '') = '' ELSE cfg_scope.payer IS NULL OR p.first_payer = cfg_scope.payer END)
  AND si.score IS NOT NULL AND sf.score IS NOT NULL
