-- One row per eligible cohort member of the reporting period and of each
-- earlier period (METRICS.md "Earlier periods": each period has its own
-- cohort, windows and eligibility against the same data_through): people
-- whose index date (outcomes__int_index_dates) falls in the period, with
-- index − W >= data_from and index + W − 1 <= data_through, W =
-- outcome_window_days, each with the figures of their windows
-- (outcomes__int_person_figures, built once for every scope: see there
-- what each counts). The bootstrap in metrics/bootstrap.go resamples these
-- rows.
WITH cohort AS (
    SELECT i.participant_id,
           i.peer_flag,
           i.program,
           i.index_date,
           w.period_start,
           w.period_end
    FROM outcomes__int_index_dates AS i
    CROSS JOIN cfg
    JOIN core__int_windows AS w
        ON w.grain = 'period' AND i.index_date BETWEEN w.period_start AND w.period_end
    WHERE i.index_date - cfg.outcome_window_days >= cfg.data_from
      AND i.index_date + cfg.outcome_window_days - 1 <= cfg.data_through
)
SELECT c.participant_id,
       c.peer_flag,
       c.program,
       c.index_date,
       c.period_start,
       c.period_end,
       f.pre_bed_days,
       f.post_bed_days,
       f.pre_er_visits,
       f.post_er_visits,
       f.pre_inpatient_flag,
       f.post_inpatient_flag,
       f.post_peer_minutes,
       f.pre_outpatient_visits,
       f.post_outpatient_visits,
       f.pre_paid_cents,
       f.post_paid_cents,
       f.pre_paid_inpatient_cents,
       f.post_paid_inpatient_cents,
       f.pre_paid_crisis_cents,
       f.post_paid_crisis_cents,
       f.pre_paid_emergency_cents,
       f.post_paid_emergency_cents,
       f.pre_paid_outpatient_cents,
       f.post_paid_outpatient_cents,
       f.window_encounters,
       f.unpaid_encounters
FROM cohort AS c
LEFT JOIN outcomes__int_person_figures AS f USING (participant_id, index_date)
