-- Staff-days with work recorded: timesheet minutes of the day (worked =
-- not leave; billable = worked and marked billable) beside the minutes of
-- billable services the EHR shows the staff member delivering that day.
-- overbilled_flag: the EHR's billable service minutes exceed the billable
-- timesheet minutes by more than 15. program is the program of the staff
-- spell covering the day; else the spell begun most recently before it;
-- else the staff member's first spell (the rule METRICS.md gives for
-- participants, applied to staff).
WITH timesheet_days AS (
    SELECT staff_id, work_date AS day,
           sum(worked_minutes)::BIGINT AS worked_minutes,
           sum(billable_minutes)::BIGINT AS billable_minutes
    FROM core__stg_timesheet_minutes
    GROUP BY staff_id, work_date
),
days AS (
    SELECT coalesce(t.staff_id, e.staff_id) AS staff_id,
           coalesce(t.day, e.service_date) AS day,
           coalesce(t.worked_minutes, 0) AS worked_minutes,
           coalesce(t.billable_minutes, 0) AS billable_minutes,
           coalesce(e.billable_service_minutes, 0) AS billable_service_minutes
    FROM timesheet_days AS t
    FULL JOIN workforce__stg_ehr_staff_days AS e
      ON e.staff_id = t.staff_id AND e.service_date = t.day
),
first_spell AS (
    SELECT staff_id, program AS first_program
    FROM core__stg_staff
    WHERE spell_seq = 1
)
SELECT d.staff_id,
       d.day,
       coalesce(st.program, fs.first_program) AS program,
       d.worked_minutes,
       d.billable_minutes,
       d.billable_service_minutes,
       d.billable_service_minutes - d.billable_minutes > 15 AS overbilled_flag
FROM days AS d
LEFT JOIN first_spell AS fs ON fs.staff_id = d.staff_id
LEFT JOIN (
    SELECT *, lead(hire_date) OVER (PARTITION BY staff_id ORDER BY hire_date) AS next_hire_date
    FROM core__stg_staff
) AS st
    ON st.staff_id = d.staff_id AND d.day >= st.hire_date
   AND d.day < coalesce(st.next_hire_date, 'infinity'::DATE)
