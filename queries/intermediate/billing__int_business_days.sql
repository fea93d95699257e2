-- The calendar a note's deadline is counted on: every day from the first
-- service date (or period start, if earlier) to well past the last service
-- date of any participant (so it is built once, for every scope), with
-- business_day_flag (not a Saturday, Sunday or configured holiday) and
-- business_day_seq, the number of business days from the first day up to
-- and including this one. The N-th business day after a service date is the
-- business day whose business_day_seq is the service date's
-- business_day_seq + N (a service on a weekend or holiday shares the seq of
-- the business day before it, so its first business day after is the next
-- one). The calendar runs past the last service date by 2 days per deadline
-- day, one more per configured holiday and a week, which always holds
-- doc_deadline_days business days.
WITH bounds AS (
    SELECT least(coalesce(min(s.service_date), any_value(c.period_start)), any_value(c.period_start)) AS first_day,
           greatest(coalesce(max(s.service_date), any_value(c.period_end)), any_value(c.period_end))
               + (2 * any_value(c.doc_deadline_days) + 7 + (SELECT count(*) FROM cfg_holidays))::INTEGER AS last_day
    FROM cfg AS c
    LEFT JOIN services AS s ON true
),
calendar AS (
    SELECT unnest(generate_series(first_day, last_day, INTERVAL 1 DAY))::DATE AS day
    FROM bounds
),
flagged AS (
    SELECT cal.day,
           isodow(cal.day) <= 5 AND h.holiday_date IS NULL AS business_day_flag
    FROM calendar AS cal
    LEFT JOIN (SELECT DISTINCT holiday_date FROM cfg_holidays) AS h ON h.holiday_date = cal.day
)
SELECT day,
       business_day_flag,
       sum(CASE WHEN business_day_flag THEN 1 ELSE 0 END) OVER (ORDER BY day) AS business_day_seq
FROM flagged
