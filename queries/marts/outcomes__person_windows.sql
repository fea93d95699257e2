-- One row per eligible cohort member of the reporting period and of each
-- earlier period (METRICS.md "Earlier periods": each period has its own
-- cohort, windows and eligibility against the same data_through): people
-- whose index date (outcomes__int_index_dates) falls in the period, with
-- index − W >= data_from and index + W − 1 <= data_through, W =
-- outcome_window_days. Pre window = [index − W, index − 1], post window =
-- [index, index + W − 1]. Per window: bed days (nights of inpatient stays
-- inside the window), emergency visits, and any inpatient use (at least one
-- bed day). Encounters count whether or not the person was enrolled. The
-- nights of an inpatient episode ongoing on the index date (admitted on or
-- before it and discharged on or after it, or still open) count in neither
-- window. Outpatient visits: distinct dates of outpatient encounters in the
-- window. Paid amounts, in cents so sums are exact: the paid_amount of
-- every encounter admitted in the window (blank = 0), except the stays of
-- the inpatient episode ongoing on the index date, in total and by class of
-- setting (inpatient: inpatient_psych, inpatient_medical and any setting in
-- inpatient_settings; crisis: crisis_residential and detox unless
-- inpatient; emergency; outpatient), so the classes sum to the total (every
-- participant's encounters, hospital__stg_encounters: the cohort keeps the
-- scope's). post_peer_minutes: minutes of peer services in the post window
-- (program cost). The bootstrap in metrics/bootstrap.go resamples these
-- rows.
WITH cohort AS (
    SELECT i.participant_id,
           i.peer_flag,
           i.program,
           i.index_date,
           w.period_start,
           w.period_end,
           i.index_date - cfg.outcome_window_days AS pre_from_date,
           i.index_date + cfg.outcome_window_days - 1 AS post_through_date
    FROM outcomes__int_index_dates AS i
    CROSS JOIN cfg
    JOIN core__int_windows AS w
        ON w.grain = 'period' AND i.index_date BETWEEN w.period_start AND w.period_end
    WHERE i.index_date - cfg.outcome_window_days >= cfg.data_from
      AND i.index_date + cfg.outcome_window_days - 1 <= cfg.data_through
),
ongoing AS (
    SELECT c.participant_id, e.episode_seq
    FROM cohort AS c
    JOIN hospital__int_episodes AS e
        ON e.participant_id = c.participant_id
       AND e.admit_date <= c.index_date
       AND (e.discharge_date IS NULL OR e.discharge_date >= c.index_date)
),
counted_nights AS (
    SELECT n.participant_id, n.night_date
    FROM hospital__int_bed_nights AS n
    ANTI JOIN ongoing AS o
        ON o.participant_id = n.participant_id AND o.episode_seq = n.episode_seq
),
nights AS (
    SELECT c.participant_id,
           count(*) FILTER (WHERE n.night_date BETWEEN c.pre_from_date AND c.index_date - 1) AS pre_bed_days,
           count(*) FILTER (WHERE n.night_date BETWEEN c.index_date AND c.post_through_date) AS post_bed_days
    FROM cohort AS c
    JOIN counted_nights AS n ON n.participant_id = c.participant_id
    GROUP BY c.participant_id
),
visits AS (
    SELECT c.participant_id,
           count(*) FILTER (WHERE v.visit_date BETWEEN c.pre_from_date AND c.index_date - 1) AS pre_er_visits,
           count(*) FILTER (WHERE v.visit_date BETWEEN c.index_date AND c.post_through_date) AS post_er_visits
    FROM cohort AS c
    JOIN hospital__int_emergency_visits AS v ON v.participant_id = c.participant_id
    GROUP BY c.participant_id
),
outpatient AS (
    SELECT c.participant_id,
           count(*) FILTER (WHERE v.visit_date BETWEEN c.pre_from_date AND c.index_date - 1) AS pre_outpatient_visits,
           count(*) FILTER (WHERE v.visit_date BETWEEN c.index_date AND c.post_through_date) AS post_outpatient_visits
    FROM cohort AS c
    JOIN hospital__int_outpatient_visits AS v ON v.participant_id = c.participant_id
    GROUP BY c.participant_id
),
ongoing_stays AS (
    SELECT s.encounter_id
    FROM ongoing AS o
    JOIN hospital__int_stays AS s ON s.participant_id = o.participant_id AND s.episode_seq = o.episode_seq
),
paid_encounters AS (
    SELECT c.participant_id,
           e.admit_date < c.index_date AS pre_flag,
           CASE
               WHEN e.inpatient_flag OR e.setting IN ('inpatient_psych', 'inpatient_medical') THEN 'inpatient'
               WHEN e.setting IN ('crisis_residential', 'detox') THEN 'crisis'
               ELSE e.setting
           END AS class,
           (coalesce(e.paid_amount, 0) * 100)::BIGINT AS paid_cents,
           e.paid_amount IS NULL AS blank_paid_flag
    FROM cohort AS c
    JOIN hospital__stg_encounters AS e
        ON e.participant_id = c.participant_id
       AND e.admit_date BETWEEN c.pre_from_date AND c.post_through_date
    ANTI JOIN ongoing_stays AS o ON o.encounter_id = e.encounter_id
),
paid AS (
    SELECT participant_id,
           sum(paid_cents) FILTER (WHERE pre_flag) AS pre_paid,
           sum(paid_cents) FILTER (WHERE NOT pre_flag) AS post_paid,
           sum(paid_cents) FILTER (WHERE pre_flag AND class = 'inpatient') AS pre_paid_inpatient,
           sum(paid_cents) FILTER (WHERE NOT pre_flag AND class = 'inpatient') AS post_paid_inpatient,
           sum(paid_cents) FILTER (WHERE pre_flag AND class = 'crisis') AS pre_paid_crisis,
           sum(paid_cents) FILTER (WHERE NOT pre_flag AND class = 'crisis') AS post_paid_crisis,
           sum(paid_cents) FILTER (WHERE pre_flag AND class = 'emergency') AS pre_paid_emergency,
           sum(paid_cents) FILTER (WHERE NOT pre_flag AND class = 'emergency') AS post_paid_emergency,
           sum(paid_cents) FILTER (WHERE pre_flag AND class = 'outpatient') AS pre_paid_outpatient,
           sum(paid_cents) FILTER (WHERE NOT pre_flag AND class = 'outpatient') AS post_paid_outpatient,
           count(*) AS window_encounters,
           count(*) FILTER (WHERE blank_paid_flag) AS unpaid_encounters
    FROM paid_encounters
    GROUP BY participant_id
),
peer_minutes AS (
    SELECT c.participant_id, sum(s.minutes) AS post_peer_minutes
    FROM cohort AS c
    JOIN core__stg_services AS s
        ON s.participant_id = c.participant_id
       AND s.peer_service_flag
       AND s.service_date BETWEEN c.index_date AND c.post_through_date
    GROUP BY c.participant_id
)
SELECT c.participant_id,
       c.peer_flag,
       c.program,
       c.index_date,
       c.period_start,
       c.period_end,
       coalesce(n.pre_bed_days, 0)::BIGINT AS pre_bed_days,
       coalesce(n.post_bed_days, 0)::BIGINT AS post_bed_days,
       coalesce(v.pre_er_visits, 0)::BIGINT AS pre_er_visits,
       coalesce(v.post_er_visits, 0)::BIGINT AS post_er_visits,
       coalesce(n.pre_bed_days, 0) > 0 AS pre_inpatient_flag,
       coalesce(n.post_bed_days, 0) > 0 AS post_inpatient_flag,
       coalesce(m.post_peer_minutes, 0)::BIGINT AS post_peer_minutes,
       coalesce(o.pre_outpatient_visits, 0)::BIGINT AS pre_outpatient_visits,
       coalesce(o.post_outpatient_visits, 0)::BIGINT AS post_outpatient_visits,
       coalesce(pd.pre_paid, 0)::BIGINT AS pre_paid_cents,
       coalesce(pd.post_paid, 0)::BIGINT AS post_paid_cents,
       coalesce(pd.pre_paid_inpatient, 0)::BIGINT AS pre_paid_inpatient_cents,
       coalesce(pd.post_paid_inpatient, 0)::BIGINT AS post_paid_inpatient_cents,
       coalesce(pd.pre_paid_crisis, 0)::BIGINT AS pre_paid_crisis_cents,
       coalesce(pd.post_paid_crisis, 0)::BIGINT AS post_paid_crisis_cents,
       coalesce(pd.pre_paid_emergency, 0)::BIGINT AS pre_paid_emergency_cents,
       coalesce(pd.post_paid_emergency, 0)::BIGINT AS post_paid_emergency_cents,
       coalesce(pd.pre_paid_outpatient, 0)::BIGINT AS pre_paid_outpatient_cents,
       coalesce(pd.post_paid_outpatient, 0)::BIGINT AS post_paid_outpatient_cents,
       coalesce(pd.window_encounters, 0)::BIGINT AS window_encounters,
       coalesce(pd.unpaid_encounters, 0)::BIGINT AS unpaid_encounters
FROM cohort AS c
LEFT JOIN nights AS n USING (participant_id)
LEFT JOIN visits AS v USING (participant_id)
LEFT JOIN peer_minutes AS m USING (participant_id)
LEFT JOIN outpatient AS o USING (participant_id)
LEFT JOIN paid AS pd USING (participant_id)
