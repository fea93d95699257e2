-- Hospital and crisis use (METRICS.md "Hospital and crisis use"), by month,
-- quarter and period, for every program and ALL. Only events on enrolled
-- days count: admissions by the episode's admit date, bed days by night,
-- emergency visits by date, index episodes by discharge date; the program
-- of each is the program of the spell covering that date. Rates per 1000
-- member months divide by core__int_enrolled_days. The metrics exist only
-- when encounters are loaded.
WITH spells AS (
    SELECT participant_id, program, enrolled_on, coalesce(discharged_on, DATE '9999-12-31') AS last_on
    FROM core__stg_participants
),
admitted AS (
    SELECT e.participant_id, e.admit_date, e.involuntary_flag, s.program
    FROM hospital__int_episodes AS e
    JOIN spells AS s
        ON s.participant_id = e.participant_id AND e.admit_date BETWEEN s.enrolled_on AND s.last_on
),
admissions AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           count(*) AS episodes,
           count(DISTINCT a.participant_id) AS people,
           count(*) FILTER (WHERE a.involuntary_flag) AS involuntary_episodes,
           count(DISTINCT a.participant_id) FILTER (WHERE a.involuntary_flag) AS involuntary_people
    FROM admitted AS a
    JOIN core__int_day_windows AS dw ON dw.day = a.admit_date,
    UNNEST([a.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
enrolled_nights AS (
    SELECT n.participant_id, n.night_date, s.program
    FROM hospital__int_bed_nights AS n
    JOIN spells AS s
        ON s.participant_id = n.participant_id AND n.night_date BETWEEN s.enrolled_on AND s.last_on
),
bed_days AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           count(*) AS nights,
           count(DISTINCT n.participant_id) AS people
    FROM enrolled_nights AS n
    JOIN core__int_day_windows AS dw ON dw.day = n.night_date,
    UNNEST([n.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
enrolled_visits AS (
    SELECT v.participant_id, v.visit_date, s.program
    FROM hospital__int_emergency_visits AS v
    JOIN spells AS s
        ON s.participant_id = v.participant_id AND v.visit_date BETWEEN s.enrolled_on AND s.last_on
),
emergency AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           count(*) AS visits,
           count(DISTINCT v.participant_id) AS people
    FROM enrolled_visits AS v
    JOIN core__int_day_windows AS dw ON dw.day = v.visit_date,
    UNNEST([v.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
discharges AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           count(*) AS index_episodes,
           count(*) FILTER (WHERE i.readmit_flag) AS readmitted,
           count(DISTINCT i.participant_id) FILTER (WHERE i.readmit_flag) AS readmitted_people,
           count(*) FILTER (WHERE i.followup_eligible_flag) AS followup_eligible,
           count(*) FILTER (WHERE i.followup_eligible_flag AND i.followup_7d_flag) AS followed_7d,
           count(DISTINCT i.participant_id) FILTER (WHERE i.followup_eligible_flag AND i.followup_7d_flag) AS followed_7d_people,
           count(*) FILTER (WHERE i.followup_eligible_flag AND i.followup_30d_flag) AS followed_30d,
           count(DISTINCT i.participant_id) FILTER (WHERE i.followup_eligible_flag AND i.followup_30d_flag) AS followed_30d_people
    FROM hospital__int_index_episodes AS i
    JOIN core__int_day_windows AS dw ON dw.day = i.discharge_date,
    UNNEST([i.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
base AS (
    SELECT pw.program, pw.grain, pw.period_start, pw.period_end,
           ed.member_months,
           coalesce(a.episodes, 0) AS episodes,
           coalesce(a.people, 0) AS admitted_people,
           coalesce(a.involuntary_episodes, 0) AS involuntary_episodes,
           coalesce(a.involuntary_people, 0) AS involuntary_people,
           coalesce(b.nights, 0) AS nights,
           coalesce(b.people, 0) AS bed_people,
           coalesce(e.visits, 0) AS visits,
           coalesce(e.people, 0) AS visit_people,
           coalesce(d.index_episodes, 0) AS index_episodes,
           coalesce(d.readmitted, 0) AS readmitted,
           coalesce(d.readmitted_people, 0) AS readmitted_people,
           coalesce(d.followup_eligible, 0) AS followup_eligible,
           coalesce(d.followed_7d, 0) AS followed_7d,
           coalesce(d.followed_7d_people, 0) AS followed_7d_people,
           coalesce(d.followed_30d, 0) AS followed_30d,
           coalesce(d.followed_30d_people, 0) AS followed_30d_people
    FROM core__int_program_windows AS pw
    JOIN core__int_enrolled_days AS ed USING (program, grain, period_start, period_end)
    LEFT JOIN admissions AS a USING (program, grain, period_start, period_end)
    LEFT JOIN bed_days AS b USING (program, grain, period_start, period_end)
    LEFT JOIN emergency AS e USING (program, grain, period_start, period_end)
    LEFT JOIN discharges AS d USING (program, grain, period_start, period_end)
),
metric_rows AS (
    SELECT 'admissions_per_1000' AS metric, program, grain, period_start, period_end,
           episodes::DOUBLE AS numerator, member_months AS denominator,
           CASE WHEN member_months > 0 THEN episodes / member_months * 1000 END AS value,
           admitted_people AS contributors
    FROM base
    UNION ALL
    SELECT 'bed_days_per_1000', program, grain, period_start, period_end,
           nights, member_months,
           CASE WHEN member_months > 0 THEN nights / member_months * 1000 END,
           bed_people
    FROM base
    UNION ALL
    SELECT 'er_visits_per_1000', program, grain, period_start, period_end,
           visits, member_months,
           CASE WHEN member_months > 0 THEN visits / member_months * 1000 END,
           visit_people
    FROM base
    UNION ALL
    SELECT 'involuntary_admissions', program, grain, period_start, period_end,
           involuntary_episodes, NULL, involuntary_episodes, involuntary_people
    FROM base
    UNION ALL
    SELECT 'readmit_30d_rate', program, grain, period_start, period_end,
           readmitted, index_episodes,
           CASE WHEN index_episodes > 0 THEN readmitted / index_episodes END,
           readmitted_people
    FROM base
    UNION ALL
    SELECT 'followup_7d_rate', program, grain, period_start, period_end,
           followed_7d, followup_eligible,
           CASE WHEN followup_eligible > 0 THEN followed_7d / followup_eligible END,
           followed_7d_people
    FROM base
    UNION ALL
    SELECT 'followup_30d_rate', program, grain, period_start, period_end,
           followed_30d, followup_eligible,
           CASE WHEN followup_eligible > 0 THEN followed_30d / followup_eligible END,
           followed_30d_people
    FROM base
)
SELECT metric, program, grain, period_start, period_end,
       numerator, denominator, value, contributors,
       NULL::BIGINT AS group_min
FROM metric_rows
WHERE EXISTS (SELECT 1 FROM core__stg_encounters)
