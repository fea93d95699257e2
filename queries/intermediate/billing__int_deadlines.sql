-- Each calendar day's note deadline (billing__int_business_days): the
-- day doc_deadline_days business days after it (weekends and configured
-- holidays skipped), or calendar days when doc_deadline_business_days is
-- false; 0 days means the day itself. One row per day of the calendar,
-- so that a service finds its deadline with one equality join.
SELECT served.day,
       CASE
           WHEN NOT c.doc_deadline_business_days OR c.doc_deadline_days = 0
               THEN served.day + c.doc_deadline_days
           ELSE due.day
       END AS deadline_date
FROM billing__int_business_days AS served
CROSS JOIN cfg AS c
LEFT JOIN billing__int_business_days AS due
  ON due.business_day_flag
 AND due.business_day_seq = served.business_day_seq + c.doc_deadline_days
