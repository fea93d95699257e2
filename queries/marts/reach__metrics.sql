-- Reach and engagement (METRICS.md "Reach and engagement"), by month,
-- quarter and period, for every program and ALL.
-- participants_served / participants_peer_served: distinct participants
-- with a service (a peer service) in the window, in the program of the
-- service date.
-- enrollments / discharges: episode starts by enrolled_on in the program
-- and payer of the first spell; episode ends by discharged_on in the
-- program and payer of the last spell (continuations are neither).
-- episode_days_median: median length (discharged_on − enrolled_on + 1) of
-- the episodes ending in the window, numerator = their count.
-- engagement_30d_rate, first_service_10d_rate: of the enrollments in the
-- window with enrolled_on + 30 <= data_through, those with services on at
-- least 2 different days in enrolled_on … enrolled_on + 29 (a service in
-- enrolled_on … enrolled_on + 9). days_to_first_service_median: median
-- days from enrolled_on to the first service on or after it, within the
-- episode and on or before data_through, over the same enrollments that
-- have one. peer_caseload: distinct participants with a peer service, in
-- the program of the staff spell that delivered it (a participant seen by
-- peers of two programs counts in both, once in ALL), per peer FTE
-- (Σ fte (blank = 1) × days employed in the window / days in the window,
-- of peer-role staff spells); the agency's only, so no rows in a payer's
-- scope (peer FTE is not split by payer).
--
-- How the counts of people are made: every event (a service, an
-- enrollment, ...) is placed in its segment (core__int_day_segments: the
-- days of one segment lie in the same windows), each person's segments
-- are kept as bits of one 64-bit mask per (person, program, block of 64
-- segments), and a person is in a window when their mask and the
-- window's share a bit. So ten million services become one row per person
-- and program, and the people with the same mask one row, before any
-- window is looked at: a distinct count is a sum of those rows' people. A window whose segments span two blocks (a reporting
-- period of more than 64 segments) could meet a person twice, so its
-- people are counted distinct. Counts of events add up over segments;
-- medians take every event of the window.
WITH segment_windows AS (
    SELECT segment_start, grain, period_start, period_end,
           dense_rank() OVER (ORDER BY grain, period_start, period_end) AS window_id
    FROM core__int_segment_windows
),
windows AS (
    SELECT DISTINCT window_id, grain, period_start, period_end FROM segment_windows
),
window_blocks AS (
    SELECT sw.window_id, sb.segment_block AS block, bit_or(sb.segment_bit) AS window_mask
    FROM segment_windows AS sw
    JOIN (SELECT DISTINCT segment_start, segment_block, segment_bit FROM core__int_day_segments) AS sb USING (segment_start)
    GROUP BY ALL
),
window_masks AS (
    SELECT *, count(*) OVER (PARTITION BY window_id) AS blocks FROM window_blocks
),
served_masks AS (
    SELECT s.participant_id, s.program, ds.segment_block AS block,
           bit_or(ds.segment_bit) AS served_mask,
           bit_or(CASE WHEN s.peer_service_flag THEN ds.segment_bit ELSE 0 END) AS peer_mask
    FROM core__stg_services AS s
    JOIN core__int_day_segments AS ds ON ds.day = s.service_date
    GROUP BY ALL
),
served_all_masks AS (
    SELECT participant_id, program, block, served_mask, peer_mask FROM served_masks
    UNION ALL
    SELECT participant_id, 'ALL', block, bit_or(served_mask), bit_or(peer_mask)
    FROM served_masks
    GROUP BY participant_id, block
),
-- People with the same masks are counted together before the windows.
served_mask_people AS (
    SELECT program, block, served_mask, peer_mask, count(*) AS people
    FROM served_all_masks
    GROUP BY ALL
),
served_counts AS (
    SELECT c.program, wm.window_id,
           sum(c.people) FILTER (WHERE c.served_mask & wm.window_mask <> 0)::BIGINT AS served,
           sum(c.people) FILTER (WHERE c.peer_mask & wm.window_mask <> 0)::BIGINT AS peer_served
    FROM served_mask_people AS c
    JOIN window_masks AS wm USING (block)
    WHERE wm.blocks = 1
    GROUP BY ALL
    UNION ALL
    SELECT m.program, wm.window_id,
           count(DISTINCT m.participant_id) FILTER (WHERE m.served_mask & wm.window_mask <> 0),
           count(DISTINCT m.participant_id) FILTER (WHERE m.peer_mask & wm.window_mask <> 0)
    FROM served_all_masks AS m
    JOIN window_masks AS wm USING (block)
    WHERE wm.blocks > 1
    GROUP BY ALL
),
served AS (
    SELECT c.program, w.grain, w.period_start, w.period_end, c.served, c.peer_served
    FROM served_counts AS c JOIN windows AS w USING (window_id)
),
caseload_masks AS (
    SELECT s.participant_id, s.staff_program AS program, ds.segment_block AS block, bit_or(ds.segment_bit) AS caseload_mask
    FROM core__stg_services AS s
    JOIN core__int_day_segments AS ds ON ds.day = s.service_date
    CROSS JOIN cfg_scope
    WHERE s.peer_service_flag AND cfg_scope.payer IS NULL AND NOT cfg_scope.no_payer
    GROUP BY ALL
),
caseload_all_masks AS (
    SELECT participant_id, program, block, caseload_mask FROM caseload_masks
    UNION ALL
    SELECT participant_id, 'ALL', block, bit_or(caseload_mask)
    FROM caseload_masks
    GROUP BY participant_id, block
),
caseload_counts AS (
    SELECT c.program, wm.window_id, sum(c.people)::BIGINT AS caseload_people
    FROM (SELECT program, block, caseload_mask, count(*) AS people FROM caseload_all_masks GROUP BY ALL) AS c
    JOIN window_masks AS wm USING (block)
    WHERE wm.blocks = 1 AND c.caseload_mask & wm.window_mask <> 0
    GROUP BY ALL
    UNION ALL
    SELECT m.program, wm.window_id, count(DISTINCT m.participant_id)
    FROM caseload_all_masks AS m
    JOIN window_masks AS wm USING (block)
    WHERE wm.blocks > 1 AND m.caseload_mask & wm.window_mask <> 0
    GROUP BY ALL
),
caseload AS (
    SELECT c.program, w.grain, w.period_start, w.period_end, c.caseload_people
    FROM caseload_counts AS c JOIN windows AS w USING (window_id)
),
peer_fte AS (
    SELECT pr.program, w.grain, w.period_start, w.period_end,
           sum(coalesce(s.fte, 1)::DECIMAL(10, 4)
               * (datediff('day', greatest(s.hire_date, w.period_start),
                           least(coalesce(s.termination_date, w.period_end), w.period_end)) + 1)) AS fte_days
    FROM core__stg_staff AS s
    JOIN core__int_windows AS w
      ON s.hire_date <= w.period_end
     AND (s.termination_date IS NULL OR s.termination_date >= w.period_start),
    UNNEST([s.program, 'ALL']) AS pr(program)
    WHERE s.peer_role_flag
    GROUP BY ALL
),
scoped_episodes AS (
    SELECT e.*,
           CASE WHEN cfg_scope.no_payer THEN coalesce(trim(e.first_payer), '') = '' ELSE cfg_scope.payer IS NULL OR e.first_payer = cfg_scope.payer END AS first_in_scope_flag,
           CASE WHEN cfg_scope.no_payer THEN coalesce(trim(e.last_payer), '') = '' ELSE cfg_scope.payer IS NULL OR e.last_payer = cfg_scope.payer END AS last_in_scope_flag
    FROM core__int_episodes AS e, cfg_scope
),
discharge_spells AS (
    SELECT s.participant_id, s.program, s.discharged_on, s.person_episodes
    FROM core__int_spell_episodes AS s, cfg_scope
    WHERE s.discharge_flag AND (CASE WHEN cfg_scope.no_payer THEN coalesce(trim(s.payer), '') = '' ELSE cfg_scope.payer IS NULL OR s.payer = cfg_scope.payer END)
),
-- The enrollments whose first 30 days are in the data, with their
-- services (reach__int_engagement, built once for every scope), of the
-- episodes whose first spell is in scope.
engagement AS (
    SELECT g.participant_id, g.enrolled_on, g.first_program, g.person_episodes, g.engaged_flag, g.seen_10d_flag, g.first_service_date
    FROM reach__int_engagement AS g, cfg_scope
    WHERE CASE WHEN cfg_scope.no_payer THEN coalesce(trim(g.first_payer), '') = '' ELSE cfg_scope.payer IS NULL OR g.first_payer = cfg_scope.payer END
),
-- Each counted event of an episode, by kind, with its program and day
-- (and the days a median takes). A person has at most one event of each
-- kind per episode (an episode has one start, one end, one discharge
-- spell), so a person with one episode (single_flag) has at most one of
-- each kind: their people are counted with the events, and only the
-- others' are counted from masks.
episode_events AS (
    SELECT 'enrollments' AS kind, participant_id, first_program AS program, enrolled_on AS day, NULL::BIGINT AS days,
           person_episodes = 1 AS single_flag
    FROM scoped_episodes
    WHERE first_in_scope_flag
    UNION ALL
    SELECT 'discharges', participant_id, program, discharged_on, NULL, person_episodes = 1
    FROM discharge_spells
    UNION ALL
    SELECT 'ended', participant_id, last_program, discharged_on, datediff('day', enrolled_on, discharged_on) + 1,
           person_episodes = 1
    FROM scoped_episodes
    WHERE last_in_scope_flag AND discharged_on IS NOT NULL
    UNION ALL
    SELECT 'eligible', participant_id, first_program, enrolled_on, NULL, person_episodes = 1
    FROM engagement
    UNION ALL
    SELECT 'engaged', participant_id, first_program, enrolled_on, NULL, person_episodes = 1
    FROM engagement
    WHERE engaged_flag
    UNION ALL
    SELECT 'seen_10d', participant_id, first_program, enrolled_on, NULL, person_episodes = 1
    FROM engagement
    WHERE seen_10d_flag
    UNION ALL
    SELECT 'with_first', participant_id, first_program, enrolled_on, datediff('day', enrolled_on, first_service_date),
           person_episodes = 1
    FROM engagement
    WHERE first_service_date IS NOT NULL
),
event_segments AS (
    SELECT e.kind, e.participant_id, e.program, e.days, e.single_flag,
           ds.segment_start, ds.segment_block AS block, ds.segment_bit
    FROM episode_events AS e
    JOIN core__int_day_segments AS ds ON ds.day = e.day
),
event_counts AS (
    SELECT c.kind, pr.program, sw.window_id, sum(c.events)::BIGINT AS events,
           sum(c.single_people)::BIGINT AS single_people
    FROM (SELECT kind, program, segment_start, count(*) AS events,
                 count(*) FILTER (WHERE single_flag) AS single_people
          FROM event_segments GROUP BY ALL) AS c
    JOIN segment_windows AS sw USING (segment_start),
    UNNEST([c.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
event_masks AS (
    SELECT kind, participant_id, program, block, bit_or(segment_bit) AS event_mask
    FROM event_segments
    WHERE NOT single_flag
    GROUP BY ALL
),
event_all_masks AS (
    SELECT kind, participant_id, program, block, event_mask FROM event_masks
    UNION ALL
    SELECT kind, participant_id, 'ALL', block, bit_or(event_mask)
    FROM event_masks
    GROUP BY kind, participant_id, block
),
event_people AS (
    SELECT c.kind, c.program, wm.window_id, sum(c.people)::BIGINT AS people
    FROM (SELECT kind, program, block, event_mask, count(*) AS people FROM event_all_masks GROUP BY ALL) AS c
    JOIN window_masks AS wm USING (block)
    WHERE wm.blocks = 1 AND c.event_mask & wm.window_mask <> 0
    GROUP BY ALL
    UNION ALL
    SELECT m.kind, m.program, wm.window_id, count(DISTINCT m.participant_id)
    FROM event_all_masks AS m
    JOIN window_masks AS wm USING (block)
    WHERE wm.blocks > 1 AND m.event_mask & wm.window_mask <> 0
    GROUP BY ALL
),
event_medians AS (
    SELECT e.kind, pr.program, sw.window_id, median(e.days) AS median_days
    FROM event_segments AS e
    JOIN segment_windows AS sw USING (segment_start),
    UNNEST([e.program, 'ALL']) AS pr(program)
    WHERE e.kind IN ('ended', 'with_first')
    GROUP BY ALL
),
episode_figures AS (
    SELECT c.program, w.grain, w.period_start, w.period_end,
           c.enrollments, c.enrolled_people + coalesce(p.enrolled_people, 0) AS enrolled_people,
           c.discharges, c.discharged_people + coalesce(p.discharged_people, 0) AS discharged_people,
           c.ended, c.ended_people + coalesce(p.ended_people, 0) AS ended_people, m.median_days,
           c.eligible, c.engaged, c.engaged_people + coalesce(p.engaged_people, 0) AS engaged_people,
           c.seen_10d, c.seen_10d_people + coalesce(p.seen_10d_people, 0) AS seen_10d_people,
           c.with_first, c.with_first_people + coalesce(p.with_first_people, 0) AS with_first_people,
           m.median_to_first
    FROM (SELECT program, window_id,
                 sum(events) FILTER (WHERE kind = 'enrollments')::BIGINT AS enrollments,
                 coalesce(sum(single_people) FILTER (WHERE kind = 'enrollments'), 0)::BIGINT AS enrolled_people,
                 sum(events) FILTER (WHERE kind = 'discharges')::BIGINT AS discharges,
                 coalesce(sum(single_people) FILTER (WHERE kind = 'discharges'), 0)::BIGINT AS discharged_people,
                 sum(events) FILTER (WHERE kind = 'ended')::BIGINT AS ended,
                 coalesce(sum(single_people) FILTER (WHERE kind = 'ended'), 0)::BIGINT AS ended_people,
                 sum(events) FILTER (WHERE kind = 'eligible')::BIGINT AS eligible,
                 sum(events) FILTER (WHERE kind = 'engaged')::BIGINT AS engaged,
                 coalesce(sum(single_people) FILTER (WHERE kind = 'engaged'), 0)::BIGINT AS engaged_people,
                 sum(events) FILTER (WHERE kind = 'seen_10d')::BIGINT AS seen_10d,
                 coalesce(sum(single_people) FILTER (WHERE kind = 'seen_10d'), 0)::BIGINT AS seen_10d_people,
                 sum(events) FILTER (WHERE kind = 'with_first')::BIGINT AS with_first,
                 coalesce(sum(single_people) FILTER (WHERE kind = 'with_first'), 0)::BIGINT AS with_first_people
          FROM event_counts GROUP BY ALL) AS c
    JOIN windows AS w USING (window_id)
    LEFT JOIN (SELECT program, window_id,
                      sum(people) FILTER (WHERE kind = 'enrollments')::BIGINT AS enrolled_people,
                      sum(people) FILTER (WHERE kind = 'discharges')::BIGINT AS discharged_people,
                      sum(people) FILTER (WHERE kind = 'ended')::BIGINT AS ended_people,
                      sum(people) FILTER (WHERE kind = 'engaged')::BIGINT AS engaged_people,
                      sum(people) FILTER (WHERE kind = 'seen_10d')::BIGINT AS seen_10d_people,
                      sum(people) FILTER (WHERE kind = 'with_first')::BIGINT AS with_first_people
               FROM event_people GROUP BY ALL) AS p USING (program, window_id)
    LEFT JOIN (SELECT program, window_id,
                      any_value(median_days) FILTER (WHERE kind = 'ended') AS median_days,
                      any_value(median_days) FILTER (WHERE kind = 'with_first') AS median_to_first
               FROM event_medians GROUP BY ALL) AS m USING (program, window_id)
),
base AS (
    SELECT pw.program, pw.grain, pw.period_start, pw.period_end,
           coalesce(sv.served, 0) AS served,
           coalesce(sv.peer_served, 0) AS peer_served,
           coalesce(ef.enrollments, 0) AS enrollments,
           coalesce(ef.enrolled_people, 0) AS enrolled_people,
           coalesce(ef.discharges, 0) AS discharges,
           coalesce(ef.discharged_people, 0) AS discharged_people,
           coalesce(ef.ended, 0) AS ended,
           coalesce(ef.ended_people, 0) AS ended_people,
           ef.median_days,
           coalesce(ef.eligible, 0) AS eligible,
           coalesce(ef.engaged, 0) AS engaged,
           coalesce(ef.engaged_people, 0) AS engaged_people,
           coalesce(ef.seen_10d, 0) AS seen_10d,
           coalesce(ef.seen_10d_people, 0) AS seen_10d_people,
           coalesce(ef.with_first, 0) AS with_first,
           coalesce(ef.with_first_people, 0) AS with_first_people,
           ef.median_to_first,
           coalesce(cl.caseload_people, 0) AS caseload_people,
           coalesce(pf.fte_days, 0) / (datediff('day', pw.period_start, pw.period_end) + 1) AS peer_fte
    FROM core__int_program_windows AS pw
    LEFT JOIN served AS sv USING (program, grain, period_start, period_end)
    LEFT JOIN episode_figures AS ef USING (program, grain, period_start, period_end)
    LEFT JOIN caseload AS cl USING (program, grain, period_start, period_end)
    LEFT JOIN peer_fte AS pf USING (program, grain, period_start, period_end)
),
metric_rows AS (
    SELECT 'participants_served' AS metric, program, grain, period_start, period_end,
           served::DOUBLE AS numerator, NULL::DOUBLE AS denominator, served::DOUBLE AS value,
           served AS contributors
    FROM base
    UNION ALL
    SELECT 'participants_peer_served', program, grain, period_start, period_end,
           peer_served, NULL, peer_served, peer_served
    FROM base
    UNION ALL
    SELECT 'enrollments', program, grain, period_start, period_end,
           enrollments, NULL, enrollments, enrolled_people
    FROM base
    UNION ALL
    SELECT 'discharges', program, grain, period_start, period_end,
           discharges, NULL, discharges, discharged_people
    FROM base
    UNION ALL
    SELECT 'episode_days_median', program, grain, period_start, period_end,
           ended, NULL, median_days, ended_people
    FROM base
    UNION ALL
    SELECT 'engagement_30d_rate', program, grain, period_start, period_end,
           engaged, eligible,
           CASE WHEN eligible > 0 THEN engaged / eligible END,
           engaged_people
    FROM base
    UNION ALL
    SELECT 'first_service_10d_rate', program, grain, period_start, period_end,
           seen_10d, eligible,
           CASE WHEN eligible > 0 THEN seen_10d / eligible END,
           seen_10d_people
    FROM base
    UNION ALL
    SELECT 'days_to_first_service_median', program, grain, period_start, period_end,
           with_first, NULL, median_to_first, with_first_people
    FROM base
    UNION ALL
    SELECT 'peer_caseload', program, grain, period_start, period_end,
           caseload_people, peer_fte,
           CASE WHEN peer_fte > 0 THEN caseload_people / peer_fte END,
           caseload_people
    FROM base, cfg_scope
    WHERE cfg_scope.payer IS NULL AND NOT cfg_scope.no_payer
)
SELECT metric, program, grain, period_start, period_end,
       numerator, denominator, value, contributors,
       NULL::BIGINT AS group_min
FROM metric_rows
