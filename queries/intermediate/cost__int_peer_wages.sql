-- Wages of peer-role staff spells over the reporting period and each
-- earlier period, for the cost per peer service minute (cost__metrics):
-- timesheet minutes (leave included) × hourly_wage, summed, and the
-- entries without an hourly_wage. Wages are the agency's, the same in
-- every packet, so this is worked out once rather than in each scope's
-- cost__metrics.
SELECT w.period_start,
       coalesce(sum(t.minutes * t.hourly_wage), 0) AS wage_minutes,
       count(t.work_date) FILTER (WHERE t.hourly_wage IS NULL) AS unwaged_entries
FROM core__int_windows AS w
LEFT JOIN core__stg_timesheets AS t
    ON t.peer_role_flag AND t.work_date BETWEEN w.period_start AND w.period_end
WHERE w.grain = 'period'
GROUP BY w.period_start
