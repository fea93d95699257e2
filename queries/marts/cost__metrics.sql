-- Cost case (METRICS.md "Cost case"), period grain, ALL only, value only:
-- the reporting period and each earlier period (from that period's
-- outcome cohort and wages).
-- Avoided use = −DiD × eligible peer members, with the DiD of
-- outcomes__metrics. Cost per peer service minute = wages of peer-role staff
-- spells over the period (timesheet minutes, leave included, / 60 ×
-- hourly_wage) × (1 + fringe_rate) / minutes of peer services the whole
-- agency delivered in the period (agency-wide in a payer's packet too); program cost = minutes of peer services the eligible peer
-- cohort received in their post windows × that cost, or the configured
-- program_cost. Without program_cost, program cost (and net savings and ROI)
-- has no rows when a peer-role spell with timesheet minutes in the period
-- has no hourly_wage. Gross savings, net savings and ROI need
-- inpatient_per_diem and er_visit_cost. ROI is blank when program cost is 0.
-- paid_savings = −paid_did × eligible peer members (what the payer paid,
-- from the claims) and paid_net_savings = paid_savings − program cost:
-- present only when paid amounts are (paid_did has a value). An earlier
-- period uses the timesheet-based cost, never program_cost (the cost of
-- the reporting period's cohort): where it cannot be computed (a peer-role
-- entry without an hourly_wage, or no peer service minutes in that
-- period), the earlier period has no rows of the figures built on program
-- cost (program_cost, net_savings, roi, paid_net_savings).
WITH outcome AS (
    SELECT period_start,
           max(period_end) AS period_end,
           max(value) FILTER (WHERE metric = 'bed_days_did') AS bed_days_did,
           max(value) FILTER (WHERE metric = 'er_visits_did') AS er_visits_did,
           max(value) FILTER (WHERE metric = 'outcome_n_peer') AS peer_members,
           max(value) FILTER (WHERE metric = 'paid_did') AS paid_did,
           max(group_min) FILTER (WHERE metric = 'bed_days_did') AS group_min,
           count(*) AS outcome_rows
    FROM outcomes__metrics
    WHERE program = 'ALL' AND metric IN ('bed_days_did', 'er_visits_did', 'outcome_n_peer', 'paid_did')
    GROUP BY period_start
),
peer_service_minutes AS (
    SELECT o.period_start, coalesce(sum(d.peer_minutes), 0) AS minutes
    FROM outcome AS o
    LEFT JOIN cost__stg_peer_service_days AS d ON d.service_date BETWEEN o.period_start AND o.period_end
    GROUP BY o.period_start
),
cohort_minutes AS (
    SELECT o.period_start, coalesce(sum(w.post_peer_minutes), 0) AS minutes
    FROM outcome AS o
    LEFT JOIN outcomes__person_windows AS w ON w.peer_flag AND w.period_start = o.period_start
    GROUP BY o.period_start
),
figures AS (
    SELECT o.period_start, o.period_end, o.group_min,
           -o.bed_days_did * o.peer_members AS avoided_bed_days,
           -o.er_visits_did * o.peer_members AS avoided_er_visits,
           -o.paid_did * o.peer_members AS paid_savings,
           cfg.inpatient_per_diem, cfg.er_visit_cost,
           cfg.inpatient_per_diem IS NOT NULL AND cfg.er_visit_cost IS NOT NULL AS money_flag,
           CASE
               WHEN o.period_start = cfg.period_start THEN cfg.program_cost IS NOT NULL OR w.unwaged_entries = 0
               ELSE w.unwaged_entries = 0 AND ps.minutes > 0
           END AS program_cost_flag,
           CASE
               WHEN o.period_start = cfg.period_start AND cfg.program_cost IS NOT NULL THEN cfg.program_cost
               WHEN ps.minutes > 0
                   THEN cm.minutes * (w.wage_minutes::DOUBLE / 60 * (1 + cfg.fringe_rate) / ps.minutes)
           END AS program_cost
    FROM outcome AS o
    CROSS JOIN cfg
    JOIN cost__int_peer_wages AS w ON w.period_start = o.period_start
    JOIN peer_service_minutes AS ps ON ps.period_start = o.period_start
    JOIN cohort_minutes AS cm ON cm.period_start = o.period_start
    WHERE o.outcome_rows > 0
),
savings AS (
    SELECT *,
           avoided_bed_days * inpatient_per_diem + avoided_er_visits * er_visit_cost AS gross_savings
    FROM figures
),
metric_rows AS (
    SELECT 'avoided_bed_days' AS metric, avoided_bed_days AS value, s.* FROM savings AS s
    UNION ALL
    SELECT 'avoided_er_visits', avoided_er_visits, s.* FROM savings AS s
    UNION ALL
    SELECT 'gross_savings', gross_savings, s.* FROM savings AS s WHERE money_flag
    UNION ALL
    SELECT 'program_cost', program_cost, s.* FROM savings AS s WHERE program_cost_flag
    UNION ALL
    SELECT 'net_savings', gross_savings - program_cost, s.* FROM savings AS s WHERE money_flag AND program_cost_flag
    UNION ALL
    SELECT 'roi', CASE WHEN program_cost <> 0 THEN (gross_savings - program_cost) / program_cost END, s.*
    FROM savings AS s WHERE money_flag AND program_cost_flag
    UNION ALL
    SELECT 'paid_savings', paid_savings, s.* FROM savings AS s WHERE paid_savings IS NOT NULL
    UNION ALL
    SELECT 'paid_net_savings', paid_savings - program_cost, s.* FROM savings AS s
    WHERE paid_savings IS NOT NULL AND program_cost_flag
)
SELECT metric, 'ALL' AS program, 'period' AS grain, period_start, period_end,
       NULL::DOUBLE AS numerator, NULL::DOUBLE AS denominator, value,
       NULL::BIGINT AS contributors, group_min
FROM metric_rows
