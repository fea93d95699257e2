-- Overbilled staff-days: staff-days on which the EHR's billable service
-- minutes (workforce__stg_ehr_staff_days: a service in a punch clock's
-- night shift counts for the shift's work_date) exceed the day's billable
-- timesheet minutes (worked time marked billable; 0 without any) by more
-- than 15. A day without billable services in the EHR never does, so the
-- timesheet days are only looked up for the EHR's. Only the overbilled
-- days are kept, the one thing the readers count (about 80,000 of the 4.3
-- million EHR staff-days at 10M services; keeping them all, with a flag,
-- cost 5.3-6.4 s of CPU against 4.1-4.3 s). program is the program of the
-- staff spell covering the day; else the spell begun most recently before
-- it; else the staff member's first spell (the rule METRICS.md gives for
-- participants, applied to staff).
WITH billable_timesheet_days AS (
    SELECT staff_id, work_date AS day, sum(billable_minutes)::BIGINT AS billable_minutes
    FROM core__stg_timesheet_minutes
    WHERE billable_minutes <> 0
    GROUP BY staff_id, work_date
),
overbilled_days AS (
    SELECT e.staff_id, e.day, coalesce(t.billable_minutes, 0) AS billable_minutes, e.billable_service_minutes
    FROM workforce__stg_ehr_staff_days AS e
    LEFT JOIN billable_timesheet_days AS t ON t.staff_id = e.staff_id AND t.day = e.day
    WHERE e.billable_service_minutes - coalesce(t.billable_minutes, 0) > 15
),
first_spell AS (
    SELECT staff_id, program AS first_program
    FROM core__stg_staff
    WHERE spell_seq = 1
)
SELECT d.staff_id,
       d.day,
       coalesce(st.program, fs.first_program) AS program,
       d.billable_minutes,
       d.billable_service_minutes
FROM overbilled_days AS d
LEFT JOIN first_spell AS fs ON fs.staff_id = d.staff_id
LEFT JOIN core__stg_staff AS st
    ON st.staff_id = d.staff_id AND d.day >= st.hire_date
   AND d.day < coalesce(st.next_hire_date, 'infinity'::DATE)
