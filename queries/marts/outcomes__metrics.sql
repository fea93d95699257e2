-- Outcomes before and after peer support (METRICS.md "Outcomes"), period
-- grain only: the reporting period and each earlier period, each from its
-- own cohort (outcomes__person_windows; metrics.Compute keeps an earlier
-- period's rows only when encounters and services cover it). Peer-group figures for every program (the participant's
-- program on their index date) and ALL; comparison-group and
-- difference-in-differences figures for ALL. Totals are sums over the
-- eligible members of outcomes__person_windows; a change (post − pre) / pre
-- is blank when the pre total is 0 (so also for an empty group); a DiD is
-- the mean per person of (post − pre) in the peer group minus the same in
-- the comparison group, blank when either group is empty. group_min is the
-- smaller group: for a program's peer rows that program's peer group
-- against the whole comparison group. Sums are exact integers, divided
-- last (paid amounts are summed in cents). The metrics exist only when
-- encounters are loaded, the paid ones only when some encounter has a
-- paid_amount (core__stg_paid_amounts); the _ci_low and _ci_high
-- intervals are added by metrics/bootstrap.go.
WITH member_groups AS (
    SELECT w.period_start,
           pr.program,
           w.peer_flag,
           count(*) AS members,
           sum(w.pre_bed_days) AS pre_bed_days,
           sum(w.post_bed_days) AS post_bed_days,
           count(*) FILTER (WHERE w.pre_inpatient_flag) AS pre_inpatient,
           count(*) FILTER (WHERE w.post_inpatient_flag) AS post_inpatient,
           sum(w.pre_er_visits) AS pre_er_visits,
           sum(w.post_er_visits) AS post_er_visits,
           sum(w.pre_outpatient_visits) AS pre_outpatient_visits,
           sum(w.post_outpatient_visits) AS post_outpatient_visits,
           sum(w.pre_paid_cents) AS pre_paid,
           sum(w.post_paid_cents) AS post_paid,
           sum(w.pre_paid_inpatient_cents) AS pre_paid_inpatient,
           sum(w.post_paid_inpatient_cents) AS post_paid_inpatient,
           sum(w.pre_paid_crisis_cents) AS pre_paid_crisis,
           sum(w.post_paid_crisis_cents) AS post_paid_crisis,
           sum(w.pre_paid_emergency_cents) AS pre_paid_emergency,
           sum(w.post_paid_emergency_cents) AS post_paid_emergency,
           sum(w.pre_paid_outpatient_cents) AS pre_paid_outpatient,
           sum(w.post_paid_outpatient_cents) AS post_paid_outpatient
    FROM outcomes__person_windows AS w,
    UNNEST(CASE WHEN w.peer_flag THEN [w.program, 'ALL'] ELSE ['ALL'] END) AS pr(program)
    GROUP BY ALL
),
periods AS (
    SELECT period_start, period_end FROM core__int_windows WHERE grain = 'period'
),
groups AS (
    -- in each period: peer groups of every program and ALL, and the
    -- comparison group (ALL)
    SELECT pe.period_start, pe.period_end, g.program, g.peer_flag
    FROM periods AS pe
    CROSS JOIN (
        SELECT p.program, true AS peer_flag FROM core__int_programs AS p
        UNION ALL
        SELECT 'ALL', false
    ) AS g
),
totals AS (
    SELECT g.period_start, g.period_end, g.program, g.peer_flag,
           CASE WHEN g.peer_flag THEN 'peer' ELSE 'comparison' END AS suffix,
           coalesce(m.members, 0)::BIGINT AS members,
           coalesce(m.pre_bed_days, 0)::BIGINT AS pre_bed_days,
           coalesce(m.post_bed_days, 0)::BIGINT AS post_bed_days,
           coalesce(m.pre_inpatient, 0)::BIGINT AS pre_inpatient,
           coalesce(m.post_inpatient, 0)::BIGINT AS post_inpatient,
           coalesce(m.pre_er_visits, 0)::BIGINT AS pre_er_visits,
           coalesce(m.post_er_visits, 0)::BIGINT AS post_er_visits,
           coalesce(m.pre_outpatient_visits, 0)::BIGINT AS pre_outpatient_visits,
           coalesce(m.post_outpatient_visits, 0)::BIGINT AS post_outpatient_visits,
           coalesce(m.pre_paid, 0)::BIGINT AS pre_paid,
           coalesce(m.post_paid, 0)::BIGINT AS post_paid,
           coalesce(m.pre_paid_inpatient, 0)::BIGINT AS pre_paid_inpatient,
           coalesce(m.post_paid_inpatient, 0)::BIGINT AS post_paid_inpatient,
           coalesce(m.pre_paid_crisis, 0)::BIGINT AS pre_paid_crisis,
           coalesce(m.post_paid_crisis, 0)::BIGINT AS post_paid_crisis,
           coalesce(m.pre_paid_emergency, 0)::BIGINT AS pre_paid_emergency,
           coalesce(m.post_paid_emergency, 0)::BIGINT AS post_paid_emergency,
           coalesce(m.pre_paid_outpatient, 0)::BIGINT AS pre_paid_outpatient,
           coalesce(m.post_paid_outpatient, 0)::BIGINT AS post_paid_outpatient
    FROM groups AS g
    LEFT JOIN member_groups AS m USING (period_start, program, peer_flag)
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
    JOIN comparison AS c USING (period_start)
),
metric_rows AS (
    SELECT period_start, period_end, 'outcome_n_' || suffix AS metric, program,
           members::DOUBLE AS numerator, members::DOUBLE AS value, group_min
    FROM group_rows
    UNION ALL
    SELECT period_start, period_end, 'pre_bed_days_' || suffix, program, pre_bed_days, pre_bed_days, group_min
    FROM group_rows
    UNION ALL
    SELECT period_start, period_end, 'post_bed_days_' || suffix, program, post_bed_days, post_bed_days, group_min
    FROM group_rows
    UNION ALL
    SELECT period_start, period_end, 'bed_days_change_' || suffix, program, NULL,
           CASE WHEN pre_bed_days > 0 THEN (post_bed_days - pre_bed_days)::DOUBLE / pre_bed_days END,
           group_min
    FROM group_rows
    UNION ALL
    SELECT period_start, period_end, 'any_inpatient_change_' || suffix, program, NULL,
           CASE WHEN pre_inpatient > 0 THEN (post_inpatient - pre_inpatient)::DOUBLE / pre_inpatient END,
           group_min
    FROM group_rows
    UNION ALL
    SELECT period_start, period_end, 'er_visits_change_' || suffix, program, NULL,
           CASE WHEN pre_er_visits > 0 THEN (post_er_visits - pre_er_visits)::DOUBLE / pre_er_visits END,
           group_min
    FROM group_rows
    UNION ALL
    SELECT p.period_start, p.period_end, 'bed_days_did', 'ALL', NULL,
           CASE WHEN p.members > 0 AND c.members > 0
                THEN (p.post_bed_days - p.pre_bed_days)::DOUBLE / p.members
                   - (c.post_bed_days - c.pre_bed_days)::DOUBLE / c.members
           END,
           least(p.members, c.members)
    FROM peer_all AS p JOIN comparison AS c USING (period_start)
    UNION ALL
    SELECT p.period_start, p.period_end, 'er_visits_did', 'ALL', NULL,
           CASE WHEN p.members > 0 AND c.members > 0
                THEN (p.post_er_visits - p.pre_er_visits)::DOUBLE / p.members
                   - (c.post_er_visits - c.pre_er_visits)::DOUBLE / c.members
           END,
           least(p.members, c.members)
    FROM peer_all AS p JOIN comparison AS c USING (period_start)
    UNION ALL
    SELECT period_start, period_end, 'pre_outpatient_visits_' || suffix, program, pre_outpatient_visits, pre_outpatient_visits, group_min
    FROM group_rows
    UNION ALL
    SELECT period_start, period_end, 'post_outpatient_visits_' || suffix, program, post_outpatient_visits, post_outpatient_visits, group_min
    FROM group_rows
    UNION ALL
    SELECT period_start, period_end, 'outpatient_visits_change_' || suffix, program, NULL,
           CASE WHEN pre_outpatient_visits > 0 THEN (post_outpatient_visits - pre_outpatient_visits)::DOUBLE / pre_outpatient_visits END,
           group_min
    FROM group_rows
    UNION ALL
    SELECT p.period_start, p.period_end, 'outpatient_visits_did', 'ALL', NULL,
           CASE WHEN p.members > 0 AND c.members > 0
                THEN (p.post_outpatient_visits - p.pre_outpatient_visits)::DOUBLE / p.members
                   - (c.post_outpatient_visits - c.pre_outpatient_visits)::DOUBLE / c.members
           END,
           least(p.members, c.members)
    FROM peer_all AS p JOIN comparison AS c USING (period_start)
),
-- Paid amounts, in total ('') and by class: pre and post totals in
-- dollars, the change, and the DiD per person (cents divided last).
paid_classes AS (
    SELECT * FROM (VALUES ('', 0), ('inpatient', 1), ('crisis', 2), ('emergency', 3), ('outpatient', 4)) AS v(class, class_seq)
),
paid_totals AS (
    SELECT t.period_start, t.period_end, t.program, t.suffix, t.members, g.group_min, pc.class,
           CASE pc.class_seq
               WHEN 0 THEN t.pre_paid WHEN 1 THEN t.pre_paid_inpatient WHEN 2 THEN t.pre_paid_crisis
               WHEN 3 THEN t.pre_paid_emergency ELSE t.pre_paid_outpatient END AS pre_cents,
           CASE pc.class_seq
               WHEN 0 THEN t.post_paid WHEN 1 THEN t.post_paid_inpatient WHEN 2 THEN t.post_paid_crisis
               WHEN 3 THEN t.post_paid_emergency ELSE t.post_paid_outpatient END AS post_cents
    FROM totals AS t
    JOIN group_rows AS g USING (period_start, program, peer_flag)
    CROSS JOIN paid_classes AS pc
),
paid_rows AS (
    SELECT period_start, period_end, 'pre_paid_' || CASE WHEN class = '' THEN '' ELSE class || '_' END || suffix AS metric, program,
           NULL::DOUBLE AS numerator, pre_cents / 100 AS value, group_min
    FROM paid_totals
    UNION ALL
    SELECT period_start, period_end, 'post_paid_' || CASE WHEN class = '' THEN '' ELSE class || '_' END || suffix, program,
           NULL, post_cents / 100, group_min
    FROM paid_totals
    UNION ALL
    SELECT period_start, period_end, 'paid_change_' || suffix, program, NULL,
           CASE WHEN pre_cents > 0 THEN (post_cents - pre_cents)::DOUBLE / pre_cents END,
           group_min
    FROM paid_totals
    WHERE class = ''
    UNION ALL
    SELECT p.period_start, p.period_end, 'paid_' || CASE WHEN p.class = '' THEN '' ELSE p.class || '_' END || 'did', 'ALL', NULL,
           CASE WHEN p.members > 0 AND c.members > 0
                THEN ((p.post_cents - p.pre_cents)::DOUBLE / p.members
                    - (c.post_cents - c.pre_cents)::DOUBLE / c.members) / 100
           END,
           least(p.members, c.members)
    FROM paid_totals AS p
    JOIN paid_totals AS c ON c.period_start = p.period_start AND c.class = p.class AND c.suffix = 'comparison'
    WHERE p.suffix = 'peer' AND p.program = 'ALL'
),
all_rows AS (
    SELECT * FROM metric_rows
    UNION ALL
    SELECT r.* FROM paid_rows AS r, core__stg_paid_amounts AS pa WHERE pa.paid_flag
)
SELECT m.metric, m.program, 'period' AS grain, m.period_start, m.period_end,
       m.numerator, NULL::DOUBLE AS denominator, m.value,
       NULL::BIGINT AS contributors, m.group_min
FROM all_rows AS m
WHERE EXISTS (SELECT 1 FROM core__stg_encounters)
