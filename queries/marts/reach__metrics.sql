-- Reach and engagement (METRICS.md "Reach and engagement"), by month,
-- quarter and period, for every program and ALL.
-- participants_served / participants_peer_served: distinct participants
-- with a service (a peer service) in the window, in the program of the
-- service date; counted per (person, segment) first (core__int_day_segments).
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
WITH served_segments AS (
    SELECT s.participant_id, s.program, ds.segment_start,
           bool_or(s.peer_service_flag) AS peer_flag
    FROM core__stg_services AS s
    JOIN core__int_day_segments AS ds ON ds.day = s.service_date
    GROUP BY ALL
),
-- The windows each segment lies in, each window numbered: the distinct
-- counts of people below group by (program, window number, participant),
-- a narrower key than the window's grain and dates.
segment_windows AS (
    SELECT segment_start, grain, period_start, period_end,
           dense_rank() OVER (ORDER BY grain, period_start, period_end) AS window_id
    FROM core__int_segment_windows
),
windows AS (
    SELECT DISTINCT window_id, grain, period_start, period_end FROM segment_windows
),
-- Each participant once per program and window (a group by, then a count:
-- cheaper than a distinct count over the same rows), then once per window
-- for ALL.
served_people AS (
    SELECT ss.program, sw.window_id, ss.participant_id, bool_or(ss.peer_flag) AS peer_flag
    FROM served_segments AS ss
    JOIN segment_windows AS sw ON sw.segment_start = ss.segment_start
    GROUP BY ALL
),
served_counts AS (
    SELECT program, window_id, count(*) AS served, count(*) FILTER (WHERE peer_flag) AS peer_served
    FROM served_people
    GROUP BY ALL
    UNION ALL
    SELECT 'ALL', window_id, count(*), count(*) FILTER (WHERE peer_flag)
    FROM (SELECT window_id, participant_id, bool_or(peer_flag) AS peer_flag FROM served_people GROUP BY ALL)
    GROUP BY ALL
),
served AS (
    SELECT c.program, w.grain, w.period_start, w.period_end, c.served, c.peer_served
    FROM served_counts AS c JOIN windows AS w USING (window_id)
),
caseload_segments AS (
    SELECT DISTINCT s.participant_id, s.staff_program, ds.segment_start
    FROM core__stg_services AS s
    JOIN core__int_day_segments AS ds ON ds.day = s.service_date
    CROSS JOIN cfg_scope
    WHERE s.peer_service_flag AND cfg_scope.payer IS NULL AND NOT cfg_scope.no_payer
),
caseload_people AS (
    SELECT DISTINCT cs.staff_program, sw.window_id, cs.participant_id
    FROM caseload_segments AS cs
    JOIN segment_windows AS sw ON sw.segment_start = cs.segment_start
),
caseload_counts AS (
    SELECT staff_program AS program, window_id, count(*) AS caseload_people
    FROM caseload_people
    GROUP BY ALL
    UNION ALL
    SELECT 'ALL', window_id, count(DISTINCT participant_id)
    FROM caseload_people
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
    SELECT s.participant_id, s.program, s.discharged_on
    FROM core__int_spell_episodes AS s, cfg_scope
    WHERE s.discharge_flag AND (CASE WHEN cfg_scope.no_payer THEN coalesce(trim(s.payer), '') = '' ELSE cfg_scope.payer IS NULL OR s.payer = cfg_scope.payer END)
),
-- The enrollments whose first 30 days are in the data, with their
-- services (reach__int_engagement, built once for every scope), of the
-- episodes whose first spell is in scope.
engagement AS (
    SELECT g.participant_id, g.enrolled_on, g.first_program, g.days_30, g.services_10, g.first_service_date
    FROM reach__int_engagement AS g, cfg_scope
    WHERE CASE WHEN cfg_scope.no_payer THEN coalesce(trim(g.first_payer), '') = '' ELSE cfg_scope.payer IS NULL OR g.first_payer = cfg_scope.payer END
),
enrollments AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           count(*) AS enrollments,
           count(DISTINCT e.participant_id) AS enrolled_people
    FROM scoped_episodes AS e
    JOIN core__int_day_windows AS dw ON dw.day = e.enrolled_on,
    UNNEST([e.first_program, 'ALL']) AS pr(program)
    WHERE e.first_in_scope_flag
    GROUP BY ALL
),
discharges AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           count(*) AS discharges,
           count(DISTINCT d.participant_id) AS discharged_people
    FROM discharge_spells AS d
    JOIN core__int_day_windows AS dw ON dw.day = d.discharged_on,
    UNNEST([d.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
episode_lengths AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           count(*) AS ended,
           count(DISTINCT e.participant_id) AS ended_people,
           median(datediff('day', e.enrolled_on, e.discharged_on) + 1) AS median_days
    FROM scoped_episodes AS e
    JOIN core__int_day_windows AS dw ON dw.day = e.discharged_on,
    UNNEST([e.last_program, 'ALL']) AS pr(program)
    WHERE e.last_in_scope_flag AND e.discharged_on IS NOT NULL
    GROUP BY ALL
),
-- The engagement figures of each window: the enrollments' rows counted
-- per participant first, so each count of people is a count of those
-- groups (one group by, where distinct counts built one table each).
engaged_rows AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end, g.participant_id,
           g.days_30 >= 2 AS engaged_flag,
           g.services_10 > 0 AS seen_10d_flag,
           g.first_service_date IS NOT NULL AS with_first_flag,
           datediff('day', g.enrolled_on, g.first_service_date) AS days_to_first
    FROM engagement AS g
    JOIN core__int_day_windows AS dw ON dw.day = g.enrolled_on,
    UNNEST([g.first_program, 'ALL']) AS pr(program)
),
engaged_people AS (
    SELECT program, grain, period_start, period_end, participant_id,
           count(*) AS eligible,
           count(*) FILTER (WHERE engaged_flag) AS engaged,
           count(*) FILTER (WHERE seen_10d_flag) AS seen_10d,
           count(*) FILTER (WHERE with_first_flag) AS with_first
    FROM engaged_rows
    GROUP BY ALL
),
engaged_medians AS (
    SELECT program, grain, period_start, period_end, median(days_to_first) AS median_to_first
    FROM engaged_rows
    GROUP BY ALL
),
engaged_sums AS (
    SELECT program, grain, period_start, period_end,
           sum(eligible)::BIGINT AS eligible,
           sum(engaged)::BIGINT AS engaged,
           count(*) FILTER (WHERE engaged > 0) AS engaged_people,
           sum(seen_10d)::BIGINT AS seen_10d,
           count(*) FILTER (WHERE seen_10d > 0) AS seen_10d_people,
           sum(with_first)::BIGINT AS with_first,
           count(*) FILTER (WHERE with_first > 0) AS with_first_people
    FROM engaged_people
    GROUP BY ALL
),
engaged AS (
    SELECT * FROM engaged_sums JOIN engaged_medians USING (program, grain, period_start, period_end)
),
base AS (
    SELECT pw.program, pw.grain, pw.period_start, pw.period_end,
           coalesce(sv.served, 0) AS served,
           coalesce(sv.peer_served, 0) AS peer_served,
           coalesce(en.enrollments, 0) AS enrollments,
           coalesce(en.enrolled_people, 0) AS enrolled_people,
           coalesce(di.discharges, 0) AS discharges,
           coalesce(di.discharged_people, 0) AS discharged_people,
           coalesce(el.ended, 0) AS ended,
           coalesce(el.ended_people, 0) AS ended_people,
           el.median_days,
           coalesce(eg.eligible, 0) AS eligible,
           coalesce(eg.engaged, 0) AS engaged,
           coalesce(eg.engaged_people, 0) AS engaged_people,
           coalesce(eg.seen_10d, 0) AS seen_10d,
           coalesce(eg.seen_10d_people, 0) AS seen_10d_people,
           coalesce(eg.with_first, 0) AS with_first,
           coalesce(eg.with_first_people, 0) AS with_first_people,
           eg.median_to_first,
           coalesce(cl.caseload_people, 0) AS caseload_people,
           coalesce(pf.fte_days, 0) / (datediff('day', pw.period_start, pw.period_end) + 1) AS peer_fte
    FROM core__int_program_windows AS pw
    LEFT JOIN served AS sv USING (program, grain, period_start, period_end)
    LEFT JOIN enrollments AS en USING (program, grain, period_start, period_end)
    LEFT JOIN discharges AS di USING (program, grain, period_start, period_end)
    LEFT JOIN episode_lengths AS el USING (program, grain, period_start, period_end)
    LEFT JOIN engaged AS eg USING (program, grain, period_start, period_end)
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
