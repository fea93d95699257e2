-- Hospital and crisis use (METRICS.md "Hospital and crisis use"), by month,
-- quarter and period, for every program and ALL. Only events on enrolled
-- days count: admissions by the episode's admit date, bed days by night,
-- emergency visits by date, index episodes by discharge date; the program
-- of each is the program of the spell covering that date. Rates per 1000
-- member months divide by core__int_enrolled_days. Outpatient visits
-- (distinct dates) and crisis episodes (by first admit date) count the same
-- way. Follow-up rates have a blank value, numerator 0 and the denominator
-- kept, when no follow-up source is possible for their people: no
-- outpatient encounter in the data and none of the denominator's people
-- has a service (for the clinical rates: a service by clinical_roles
-- staff). The metrics exist only when encounters are loaded. The events
-- on enrolled days are every participant's, counted per spell and segment
-- (hospital__int_event_segments, built once for all scopes): joining the
-- spells in scope keeps the scope's. Each participant's events are then
-- counted per program and window, and the counts of people are counts of
-- those rows, by program and, for ALL, once per participant (cheaper than
-- distinct counts over every event placed in every window).
WITH event_segments AS (
    SELECT e.kind, e.program, e.segment_start, e.participant_id, e.events, e.involuntary_events
    FROM hospital__int_event_segments AS e
    SEMI JOIN core__stg_participants AS p
        ON p.participant_id = e.participant_id AND p.enrolled_on = e.enrolled_on
),
segment_windows AS (
    SELECT segment_start, grain, period_start, period_end,
           dense_rank() OVER (ORDER BY grain, period_start, period_end) AS window_id
    FROM core__int_segment_windows
),
windows AS (
    SELECT DISTINCT window_id, grain, period_start, period_end FROM segment_windows
),
-- The people whose spells in scope have more than one program (or a
-- blank one): only their rows of a kind and window can be several, one
-- per program, and are summed into one for ALL; everyone else's one row
-- is already theirs for ALL (10M agency: the query 2.70 -> 2.31 s of CPU).
many_programs AS (
    SELECT participant_id
    FROM core__stg_participants
    GROUP BY participant_id
    HAVING min(program) <> max(program) OR count(program) < count(*)
),
event_people AS (
    SELECT es.kind, es.program, sw.window_id, es.participant_id,
           sum(es.events) AS events,
           sum(es.involuntary_events) AS involuntary_events
    FROM event_segments AS es
    JOIN segment_windows AS sw ON sw.segment_start = es.segment_start
    GROUP BY ALL
),
kind_counts AS (
    SELECT kind, program, window_id,
           sum(events) AS events,
           count(*) AS people,
           sum(involuntary_events) AS involuntary_events,
           count(*) FILTER (WHERE involuntary_events > 0) AS involuntary_people
    FROM event_people
    GROUP BY ALL
    UNION ALL
    SELECT kind, 'ALL', window_id,
           sum(events), count(*), sum(involuntary_events), count(*) FILTER (WHERE involuntary_events > 0)
    FROM (
        SELECT kind, window_id, participant_id, events, involuntary_events
        FROM event_people
        ANTI JOIN many_programs USING (participant_id)
        UNION ALL
        SELECT kind, window_id, participant_id,
               sum(events) AS events, sum(involuntary_events) AS involuntary_events
        FROM event_people
        SEMI JOIN many_programs USING (participant_id)
        GROUP BY ALL
    )
    GROUP BY ALL
),
event_counts AS (
    SELECT k.program, w.grain, w.period_start, w.period_end,
           sum(k.events) FILTER (WHERE k.kind = 'admission')::BIGINT AS episodes,
           sum(k.people) FILTER (WHERE k.kind = 'admission')::BIGINT AS admitted_people,
           sum(k.involuntary_events) FILTER (WHERE k.kind = 'admission')::BIGINT AS involuntary_episodes,
           sum(k.involuntary_people) FILTER (WHERE k.kind = 'admission')::BIGINT AS involuntary_people,
           sum(k.events) FILTER (WHERE k.kind = 'bed_night')::BIGINT AS nights,
           sum(k.people) FILTER (WHERE k.kind = 'bed_night')::BIGINT AS bed_people,
           sum(k.events) FILTER (WHERE k.kind = 'emergency')::BIGINT AS visits,
           sum(k.people) FILTER (WHERE k.kind = 'emergency')::BIGINT AS visit_people,
           sum(k.events) FILTER (WHERE k.kind = 'outpatient')::BIGINT AS outpatient_visits,
           sum(k.people) FILTER (WHERE k.kind = 'outpatient')::BIGINT AS outpatient_people,
           sum(k.events) FILTER (WHERE k.kind = 'crisis')::BIGINT AS crisis_episodes,
           sum(k.people) FILTER (WHERE k.kind = 'crisis')::BIGINT AS crisis_people
    FROM kind_counts AS k
    JOIN windows AS w USING (window_id)
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
           count(DISTINCT i.participant_id) FILTER (WHERE i.followup_eligible_flag AND i.followup_30d_flag) AS followed_30d_people,
           count(*) FILTER (WHERE i.followup_eligible_flag AND i.followup_clinical_7d_flag) AS clinical_7d,
           count(DISTINCT i.participant_id) FILTER (WHERE i.followup_eligible_flag AND i.followup_clinical_7d_flag) AS clinical_7d_people,
           count(*) FILTER (WHERE i.followup_eligible_flag AND i.followup_clinical_30d_flag) AS clinical_30d,
           count(DISTINCT i.participant_id) FILTER (WHERE i.followup_eligible_flag AND i.followup_clinical_30d_flag) AS clinical_30d_people,
           count(*) FILTER (WHERE i.followup_eligible_flag AND i.service_source_flag) AS service_sources,
           count(*) FILTER (WHERE i.followup_eligible_flag AND i.clinical_source_flag) AS clinical_sources
    FROM hospital__int_index_episodes AS i
    JOIN core__int_day_windows AS dw ON dw.day = i.discharge_date,
    UNNEST([i.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
base AS (
    SELECT pw.program, pw.grain, pw.period_start, pw.period_end,
           ed.member_months,
           coalesce(ec.episodes, 0) AS episodes,
           coalesce(ec.admitted_people, 0) AS admitted_people,
           coalesce(ec.involuntary_episodes, 0) AS involuntary_episodes,
           coalesce(ec.involuntary_people, 0) AS involuntary_people,
           coalesce(ec.nights, 0) AS nights,
           coalesce(ec.bed_people, 0) AS bed_people,
           coalesce(ec.visits, 0) AS visits,
           coalesce(ec.visit_people, 0) AS visit_people,
           coalesce(d.index_episodes, 0) AS index_episodes,
           coalesce(d.readmitted, 0) AS readmitted,
           coalesce(d.readmitted_people, 0) AS readmitted_people,
           coalesce(d.followup_eligible, 0) AS followup_eligible,
           coalesce(d.followed_7d, 0) AS followed_7d,
           coalesce(d.followed_7d_people, 0) AS followed_7d_people,
           coalesce(d.followed_30d, 0) AS followed_30d,
           coalesce(d.followed_30d_people, 0) AS followed_30d_people,
           coalesce(d.clinical_7d, 0) AS clinical_7d,
           coalesce(d.clinical_7d_people, 0) AS clinical_7d_people,
           coalesce(d.clinical_30d, 0) AS clinical_30d,
           coalesce(d.clinical_30d_people, 0) AS clinical_30d_people,
           coalesce(ec.outpatient_visits, 0) AS outpatient_visits,
           coalesce(ec.outpatient_people, 0) AS outpatient_people,
           coalesce(ec.crisis_episodes, 0) AS crisis_episodes,
           coalesce(ec.crisis_people, 0) AS crisis_people,
           op.any_outpatient_flag OR coalesce(d.service_sources, 0) > 0 AS followup_source_flag,
           op.any_outpatient_flag OR coalesce(d.clinical_sources, 0) > 0 AS clinical_source_flag
    FROM core__int_program_windows AS pw
    CROSS JOIN (SELECT EXISTS (SELECT 1 FROM core__stg_encounters WHERE setting = 'outpatient') AS any_outpatient_flag) AS op
    JOIN core__int_enrolled_days AS ed USING (program, grain, period_start, period_end)
    LEFT JOIN event_counts AS ec USING (program, grain, period_start, period_end)
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
           CASE WHEN followup_eligible > 0 AND followup_source_flag THEN followed_7d / followup_eligible END,
           followed_7d_people
    FROM base
    UNION ALL
    SELECT 'followup_30d_rate', program, grain, period_start, period_end,
           followed_30d, followup_eligible,
           CASE WHEN followup_eligible > 0 AND followup_source_flag THEN followed_30d / followup_eligible END,
           followed_30d_people
    FROM base
    UNION ALL
    SELECT 'followup_clinical_7d_rate', program, grain, period_start, period_end,
           clinical_7d, followup_eligible,
           CASE WHEN followup_eligible > 0 AND clinical_source_flag THEN clinical_7d / followup_eligible END,
           clinical_7d_people
    FROM base
    UNION ALL
    SELECT 'followup_clinical_30d_rate', program, grain, period_start, period_end,
           clinical_30d, followup_eligible,
           CASE WHEN followup_eligible > 0 AND clinical_source_flag THEN clinical_30d / followup_eligible END,
           clinical_30d_people
    FROM base
    UNION ALL
    SELECT 'outpatient_visits_per_1000', program, grain, period_start, period_end,
           outpatient_visits, member_months,
           CASE WHEN member_months > 0 THEN outpatient_visits / member_months * 1000 END,
           outpatient_people
    FROM base
    UNION ALL
    SELECT 'crisis_episodes_per_1000', program, grain, period_start, period_end,
           crisis_episodes, member_months,
           CASE WHEN member_months > 0 THEN crisis_episodes / member_months * 1000 END,
           crisis_people
    FROM base
)
SELECT metric, program, grain, period_start, period_end,
       numerator, denominator, value, contributors,
       NULL::BIGINT AS group_min
FROM metric_rows
WHERE EXISTS (SELECT 1 FROM core__stg_encounters)
