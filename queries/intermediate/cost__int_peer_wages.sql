-- Wages of peer-role staff spells over the reporting period, for the cost
-- per peer service minute (cost__metrics): timesheet minutes (leave
-- included) × hourly_wage, summed, and the entries without an hourly_wage.
-- Wages are the agency's, the same in every packet, so this is worked out
-- once rather than in each scope's cost__metrics.
SELECT coalesce(sum(t.minutes * t.hourly_wage), 0) AS wage_minutes,
       count(*) FILTER (WHERE t.hourly_wage IS NULL) AS unwaged_entries
FROM core__stg_timesheets AS t, cfg
WHERE t.peer_role_flag AND t.work_date BETWEEN cfg.period_start AND cfg.period_end
