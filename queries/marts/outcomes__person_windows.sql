-- One row per eligible cohort member of the reporting period: people whose
-- index date (outcomes__int_index_dates) falls in the period, with
-- index − W >= data_from and index + W − 1 <= data_through, W =
-- outcome_window_days. Pre window = [index − W, index − 1], post window =
-- [index, index + W − 1]. Per window: bed days (nights of inpatient stays
-- inside the window), emergency visits, and any inpatient use (at least one
-- bed day). Encounters count whether or not the person was enrolled. The
-- nights of an inpatient episode ongoing on the index date (admitted on or
-- before it and discharged on or after it, or still open) count in neither
-- window. post_peer_minutes: minutes of peer services in the post window
-- (program cost). The bootstrap in metrics/bootstrap.go resamples these rows.
WITH cohort AS (
    SELECT i.participant_id,
           i.peer_flag,
           i.program,
           i.index_date,
           i.index_date - cfg.outcome_window_days AS pre_from_date,
           i.index_date + cfg.outcome_window_days - 1 AS post_through_date
    FROM outcomes__int_index_dates AS i, cfg
    WHERE i.index_date BETWEEN cfg.period_start AND cfg.period_end
      AND i.index_date - cfg.outcome_window_days >= cfg.data_from
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
       coalesce(n.pre_bed_days, 0)::BIGINT AS pre_bed_days,
       coalesce(n.post_bed_days, 0)::BIGINT AS post_bed_days,
       coalesce(v.pre_er_visits, 0)::BIGINT AS pre_er_visits,
       coalesce(v.post_er_visits, 0)::BIGINT AS post_er_visits,
       coalesce(n.pre_bed_days, 0) > 0 AS pre_inpatient_flag,
       coalesce(n.post_bed_days, 0) > 0 AS post_inpatient_flag,
       coalesce(m.post_peer_minutes, 0)::BIGINT AS post_peer_minutes
FROM cohort AS c
LEFT JOIN nights AS n USING (participant_id)
LEFT JOIN visits AS v USING (participant_id)
LEFT JOIN peer_minutes AS m USING (participant_id)
