-- Timesheet metrics (METRICS.md "Workforce"), by the program of the staff
-- spell; timesheet rows fall in months by work_date. Worked minutes exclude
-- leave; billable minutes are worked minutes marked billable.
-- billable_ratio: billable / worked minutes.
-- hours_per_billable_hour: worked / billable minutes.
-- nonbillable_share_<activity>: worked minutes of the activity not marked
-- billable / worked minutes, for every timesheet activity except leave.
-- A punch clock's entries (billable unknown) take their billable and
-- non-billable minutes from core__stg_timesheet_minutes' filling.
-- overbilled_staff_days: staff-days on which the EHR's billable service
-- minutes exceed the billable timesheet minutes by more than 15.
WITH activities AS (
    SELECT unnest(['direct_service', 'documentation', 'travel', 'supervision',
                   'training', 'meeting', 'admin', 'other']) AS activity
),
-- The sums and counts are additive, so entries are summed per program, day
-- and activity first and the day totals then placed in their windows. The
-- 29 million entries at 10M services are grouped by the program's number,
-- not its name (10M: 5.1-6.3 s -> 4.4-4.9 s of CPU).
timesheet_days AS (
    SELECT t.program_key, any_value(t.program) AS program, t.work_date, t.activity,
           -- Rounded to a millionth of a minute: a punch clock's filled
           -- minutes are shared in proportion and may not add up exactly
           -- in floating point; whole minutes are unchanged.
           round(sum(t.nonbillable_minutes), 6) AS nonbillable_minutes,
           sum(t.worked_minutes) AS worked_minutes,
           round(sum(t.billable_minutes), 6) AS billable_minutes
    FROM core__stg_timesheets AS t
    GROUP BY t.program_key, t.work_date, t.activity
),
by_activity AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end, t.activity,
           sum(t.nonbillable_minutes) AS nonbillable_minutes
    FROM timesheet_days AS t
    JOIN core__int_day_windows AS dw ON dw.day = t.work_date,
    UNNEST([t.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
totals AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           sum(t.worked_minutes) AS worked_minutes,
           sum(t.billable_minutes) AS billable_minutes
    FROM timesheet_days AS t
    JOIN core__int_day_windows AS dw ON dw.day = t.work_date,
    UNNEST([t.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
overbilled_days AS (
    SELECT d.program, d.day, count(*) AS staff_days
    FROM workforce__int_staff_days AS d
    GROUP BY ALL
),
overbilled AS (
    SELECT pr.program, dw.grain, dw.period_start, dw.period_end,
           sum(d.staff_days)::BIGINT AS staff_days
    FROM overbilled_days AS d
    JOIN core__int_day_windows AS dw ON dw.day = d.day,
    UNNEST([d.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
figures AS (
    SELECT pw.program, pw.grain, pw.period_start, pw.period_end,
           coalesce(t.worked_minutes, 0) AS worked_minutes,
           coalesce(t.billable_minutes, 0) AS billable_minutes,
           coalesce(o.staff_days, 0) AS overbilled_staff_days
    FROM core__int_program_windows AS pw
    LEFT JOIN totals AS t USING (program, grain, period_start, period_end)
    LEFT JOIN overbilled AS o USING (program, grain, period_start, period_end)
),
rates AS (
    SELECT 'billable_ratio' AS metric, program, grain, period_start, period_end,
           billable_minutes AS numerator, worked_minutes AS denominator
    FROM figures
    UNION ALL
    SELECT 'hours_per_billable_hour', program, grain, period_start, period_end,
           worked_minutes, billable_minutes
    FROM figures
    UNION ALL
    SELECT 'nonbillable_share_' || a.activity, f.program, f.grain, f.period_start, f.period_end,
           coalesce(b.nonbillable_minutes, 0), f.worked_minutes
    FROM figures AS f
    CROSS JOIN activities AS a
    LEFT JOIN by_activity AS b
      ON b.program = f.program AND b.grain = f.grain
     AND b.period_start = f.period_start AND b.period_end = f.period_end
     AND b.activity = a.activity
)
SELECT metric, program, grain, period_start, period_end,
       numerator, denominator,
       CASE WHEN denominator > 0 THEN numerator::DOUBLE / denominator END AS value,
       NULL AS contributors,
       NULL AS group_min
FROM rates
UNION ALL
SELECT 'overbilled_staff_days', program, grain, period_start, period_end,
       overbilled_staff_days, NULL, overbilled_staff_days, NULL, NULL
FROM figures
