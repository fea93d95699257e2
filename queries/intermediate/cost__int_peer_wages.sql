-- Wages of peer-role staff spells over the reporting period and each
-- earlier period, for the cost per peer service minute (cost__metrics):
-- timesheet minutes (leave included) × hourly_wage, summed, and the
-- entries without an hourly_wage. Wages are the agency's, the same in
-- every packet, so this is worked out once rather than in each scope's
-- cost__metrics. The entries are summed by day first (exact decimal sums),
-- so the periods are found for a few thousand days, not for every entry.
WITH peer_days AS (
    SELECT work_date,
           sum(minutes * hourly_wage) AS wage_minutes,
           count(*) FILTER (WHERE hourly_wage IS NULL) AS unwaged_entries
    FROM core__stg_timesheets
    WHERE peer_role_flag
    GROUP BY work_date
)
SELECT w.period_start,
       coalesce(sum(d.wage_minutes), 0) AS wage_minutes,
       coalesce(sum(d.unwaged_entries), 0) AS unwaged_entries
FROM core__int_windows AS w
LEFT JOIN peer_days AS d ON d.work_date BETWEEN w.period_start AND w.period_end
WHERE w.grain = 'period'
GROUP BY w.period_start
