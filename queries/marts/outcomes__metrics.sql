-- Outcomes before and after peer support (METRICS.md "Outcomes"), period
-- grain only. Peer-group figures for every program (the participant's
-- program on their index date) and ALL; comparison-group and
-- difference-in-differences figures for ALL. Totals are sums over the
-- eligible members of outcomes__person_windows; a change (post − pre) / pre
-- is blank when the pre total is 0 (so also for an empty group); a DiD is
-- the mean per person of (post − pre) in the peer group minus the same in
-- the comparison group, blank when either group is empty. group_min is the
-- smaller group: for a program's peer rows that program's peer group
-- against the whole comparison group. Sums are exact integers, divided
-- last. The metrics exist only when encounters are loaded; the _ci_low and
-- _ci_high intervals are added by metrics/bootstrap.go.
WITH member_groups AS (
    SELECT pr.program,
           w.peer_flag,
           count(*) AS members,
           sum(w.pre_bed_days) AS pre_bed_days,
           sum(w.post_bed_days) AS post_bed_days,
           count(*) FILTER (WHERE w.pre_inpatient_flag) AS pre_inpatient,
           count(*) FILTER (WHERE w.post_inpatient_flag) AS post_inpatient,
           sum(w.pre_er_visits) AS pre_er_visits,
           sum(w.post_er_visits) AS post_er_visits
    FROM outcomes__person_windows AS w,
    UNNEST(CASE WHEN w.peer_flag THEN [w.program, 'ALL'] ELSE ['ALL'] END) AS pr(program)
    GROUP BY ALL
),
period AS (
    SELECT period_start, period_end FROM core__int_windows WHERE grain = 'period'
),
groups AS (
    -- peer groups of every program and ALL, and the comparison group (ALL)
    SELECT p.program, true AS peer_flag FROM core__int_programs AS p
    UNION ALL
    SELECT 'ALL', false
),
totals AS (
    SELECT g.program, g.peer_flag,
           CASE WHEN g.peer_flag THEN 'peer' ELSE 'comparison' END AS suffix,
           coalesce(m.members, 0)::BIGINT AS members,
           coalesce(m.pre_bed_days, 0)::BIGINT AS pre_bed_days,
           coalesce(m.post_bed_days, 0)::BIGINT AS post_bed_days,
           coalesce(m.pre_inpatient, 0)::BIGINT AS pre_inpatient,
           coalesce(m.post_inpatient, 0)::BIGINT AS post_inpatient,
           coalesce(m.pre_er_visits, 0)::BIGINT AS pre_er_visits,
           coalesce(m.post_er_visits, 0)::BIGINT AS post_er_visits
    FROM groups AS g
    LEFT JOIN member_groups AS m USING (program, peer_flag)
),
comparison AS (
    SELECT * FROM totals WHERE NOT peer_flag
),
peer_all AS (
    SELECT * FROM totals WHERE peer_flag AND program = 'ALL'
),
group_rows AS (
    SELECT t.*, least(t.members, c.members) AS group_min
    FROM totals AS t
    CROSS JOIN (SELECT members FROM comparison) AS c
),
metric_rows AS (
    SELECT 'outcome_n_' || suffix AS metric, program,
           members::DOUBLE AS numerator, members::DOUBLE AS value, group_min
    FROM group_rows
    UNION ALL
    SELECT 'pre_bed_days_' || suffix, program, pre_bed_days, pre_bed_days, group_min
    FROM group_rows
    UNION ALL
    SELECT 'post_bed_days_' || suffix, program, post_bed_days, post_bed_days, group_min
    FROM group_rows
    UNION ALL
    SELECT 'bed_days_change_' || suffix, program, NULL,
           CASE WHEN pre_bed_days > 0 THEN (post_bed_days - pre_bed_days)::DOUBLE / pre_bed_days END,
           group_min
    FROM group_rows
    UNION ALL
    SELECT 'any_inpatient_change_' || suffix, program, NULL,
           CASE WHEN pre_inpatient > 0 THEN (post_inpatient - pre_inpatient)::DOUBLE / pre_inpatient END,
           group_min
    FROM group_rows
    UNION ALL
    SELECT 'er_visits_change_' || suffix, program, NULL,
           CASE WHEN pre_er_visits > 0 THEN (post_er_visits - pre_er_visits)::DOUBLE / pre_er_visits END,
           group_min
    FROM group_rows
    UNION ALL
    SELECT 'bed_days_did', 'ALL', NULL,
           CASE WHEN p.members > 0 AND c.members > 0
                THEN (p.post_bed_days - p.pre_bed_days)::DOUBLE / p.members
                   - (c.post_bed_days - c.pre_bed_days)::DOUBLE / c.members
           END,
           least(p.members, c.members)
    FROM peer_all AS p CROSS JOIN comparison AS c
    UNION ALL
    SELECT 'er_visits_did', 'ALL', NULL,
           CASE WHEN p.members > 0 AND c.members > 0
                THEN (p.post_er_visits - p.pre_er_visits)::DOUBLE / p.members
                   - (c.post_er_visits - c.pre_er_visits)::DOUBLE / c.members
           END,
           least(p.members, c.members)
    FROM peer_all AS p CROSS JOIN comparison AS c
)
SELECT m.metric, m.program, 'period' AS grain, p.period_start, p.period_end,
       m.numerator, NULL::DOUBLE AS denominator, m.value,
       NULL::BIGINT AS contributors, m.group_min
FROM metric_rows AS m
CROSS JOIN period AS p
WHERE EXISTS (SELECT 1 FROM core__stg_encounters)
