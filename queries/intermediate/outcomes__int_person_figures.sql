-- The before/after figures (METRICS.md "Outcomes") of every participant
-- who could be in an outcome cohort, whatever the scope, one row per
-- participant and candidate index date; outcomes__person_windows gives
-- each scope's cohort members theirs. The figures of a person and an
-- index date are the same in every scope: they read only the person's own
-- encounters, stays and peer services, all of which are in any scope the
-- person is in. Candidate index dates: a peer-served participant's (any
-- peer service, cost__stg_peer_services) first peer service; a comparison
-- participant's first enrolled_on in the scope, which is the enrolled_on
-- of one of their spells, so each spell's (core__stg_all_spells). Only
-- candidates a cohort can hold are kept: the index date in a period
-- (core__int_windows), index − W >= data_from and index + W − 1 <=
-- data_through, W = outcome_window_days.
-- Pre window = [index − W, index − 1], post window = [index, index + W −
-- 1]. Per window: bed days (nights of inpatient stays inside the window),
-- emergency visits, and any inpatient use (at least one bed day).
-- Encounters count whether or not the person was enrolled. The nights of
-- an inpatient episode ongoing on the index date (admitted on or before
-- it and discharged on or after it, or still open) count in neither
-- window. Outpatient visits: distinct dates of outpatient encounters in the
-- window. Paid amounts, in cents so sums are exact: the paid_amount of
-- every encounter admitted in the window (blank = 0), except the stays of
-- the inpatient episode ongoing on the index date, in total and by class of
-- setting (inpatient: inpatient_psych, inpatient_medical and any setting in
-- inpatient_settings; crisis: crisis_residential and detox unless
-- inpatient; emergency; outpatient), so the classes sum to the total.
-- post_peer_minutes: minutes of peer services in the post window (program
-- cost).
-- The paid amounts read the loaded encounters by the text id of each
-- cohort member (core__stg_person_keys), not hospital__stg_encounters: that
-- view looks up the key of all 8.9 million encounters at 10M services,
-- where the cohort's 320,000 rows need only their own; the inpatient
-- settings are then tested for the 1.6 million encounters in a window
-- (10M: 8.3-8.7 s -> 7.3-7.8 s of CPU).
WITH first_peer AS (
    SELECT participant_id, min(service_date) AS index_date
    FROM cost__stg_peer_services
    GROUP BY participant_id
),
candidates AS (
    SELECT participant_id, index_date FROM first_peer
    UNION
    SELECT s.participant_id, s.enrolled_on
    FROM core__stg_all_spells AS s
    ANTI JOIN first_peer AS f ON f.participant_id = s.participant_id
),
cohort AS (
    SELECT c.participant_id,
           c.index_date,
           c.index_date - cfg.outcome_window_days AS pre_from_date,
           c.index_date + cfg.outcome_window_days - 1 AS post_through_date
    FROM candidates AS c
    CROSS JOIN cfg
    SEMI JOIN core__int_windows AS w
        ON w.grain = 'period' AND c.index_date BETWEEN w.period_start AND w.period_end
    WHERE c.index_date - cfg.outcome_window_days >= cfg.data_from
      AND c.index_date + cfg.outcome_window_days - 1 <= cfg.data_through
),
ongoing AS (
    SELECT c.participant_id, c.index_date, e.episode_seq
    FROM cohort AS c
    JOIN hospital__int_episodes AS e
        ON e.participant_id = c.participant_id
       AND e.admit_date <= c.index_date
       AND (e.discharge_date IS NULL OR e.discharge_date >= c.index_date)
),
nights AS (
    SELECT c.participant_id, c.index_date,
           count(*) FILTER (WHERE n.night_date BETWEEN c.pre_from_date AND c.index_date - 1) AS pre_bed_days,
           count(*) FILTER (WHERE n.night_date BETWEEN c.index_date AND c.post_through_date) AS post_bed_days
    FROM cohort AS c
    JOIN hospital__int_bed_nights AS n ON n.participant_id = c.participant_id
    ANTI JOIN ongoing AS o
        ON o.participant_id = c.participant_id AND o.index_date = c.index_date AND o.episode_seq = n.episode_seq
    GROUP BY c.participant_id, c.index_date
),
visits AS (
    SELECT c.participant_id, c.index_date,
           count(*) FILTER (WHERE v.visit_date BETWEEN c.pre_from_date AND c.index_date - 1) AS pre_er_visits,
           count(*) FILTER (WHERE v.visit_date BETWEEN c.index_date AND c.post_through_date) AS post_er_visits
    FROM cohort AS c
    JOIN hospital__int_emergency_visits AS v ON v.participant_id = c.participant_id
    GROUP BY c.participant_id, c.index_date
),
outpatient AS (
    SELECT c.participant_id, c.index_date,
           count(*) FILTER (WHERE v.visit_date BETWEEN c.pre_from_date AND c.index_date - 1) AS pre_outpatient_visits,
           count(*) FILTER (WHERE v.visit_date BETWEEN c.index_date AND c.post_through_date) AS post_outpatient_visits
    FROM cohort AS c
    JOIN hospital__int_outpatient_visits AS v ON v.participant_id = c.participant_id
    GROUP BY c.participant_id, c.index_date
),
ongoing_stays AS (
    SELECT o.participant_id, o.index_date, s.encounter_id
    FROM ongoing AS o
    JOIN hospital__int_stays AS s ON s.participant_id = o.participant_id AND s.episode_seq = o.episode_seq
),
paid_encounters AS (
    SELECT c.participant_id,
           c.index_date,
           e.admit_date < c.index_date AS pre_flag,
           CASE
               WHEN e.setting IN ('inpatient_psych', 'inpatient_medical')
                 OR e.setting IN (SELECT setting FROM cfg_inpatient_settings) THEN 'inpatient'
               WHEN e.setting IN ('crisis_residential', 'detox') THEN 'crisis'
               ELSE e.setting
           END AS class,
           (coalesce(e.paid_amount, 0) * 100)::BIGINT AS paid_cents,
           e.paid_amount IS NULL AS blank_paid_flag
    FROM cohort AS c
    JOIN core__stg_person_keys AS k ON k.participant_id = c.participant_id
    JOIN encounters AS e
        ON e.participant_id = k.participant_ref
       AND e.admit_date BETWEEN c.pre_from_date AND c.post_through_date
    ANTI JOIN ongoing_stays AS o
        ON o.participant_id = c.participant_id AND o.index_date = c.index_date AND o.encounter_id = e.encounter_id
),
paid AS (
    SELECT participant_id, index_date,
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
    GROUP BY participant_id, index_date
),
peer_minutes AS (
    SELECT c.participant_id, c.index_date, sum(s.peer_minutes) AS post_peer_minutes
    FROM cohort AS c
    JOIN cost__stg_peer_services AS s
        ON s.participant_id = c.participant_id
       AND s.service_date BETWEEN c.index_date AND c.post_through_date
    GROUP BY c.participant_id, c.index_date
)
SELECT c.participant_id,
       c.index_date,
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
LEFT JOIN nights AS n USING (participant_id, index_date)
LEFT JOIN visits AS v USING (participant_id, index_date)
LEFT JOIN peer_minutes AS m USING (participant_id, index_date)
LEFT JOIN outpatient AS o USING (participant_id, index_date)
LEFT JOIN paid AS pd USING (participant_id, index_date)
