-- Staff-days on which the EHR shows the staff member delivering billable
-- services (workforce__stg_ehr_staff_days: a service in a punch clock's
-- night shift counts for the shift's work_date), beside the billable timesheet
-- minutes of the day (worked time marked billable; 0 without any).
-- overbilled_flag: the EHR's billable service minutes exceed the billable
-- timesheet minutes by more than 15; a day without billable services in the
-- EHR never does, so it is left out (most staff-days with timesheet work,
-- and summing all their entries was most of this model's time). program is
-- the program of the staff spell covering the day; else the spell begun
-- most recently before it; else the staff member's first spell (the rule
-- METRICS.md gives for participants, applied to staff).
WITH billable_timesheet_days AS (
    SELECT staff_id, work_date AS day, sum(billable_minutes)::BIGINT AS billable_minutes
    FROM core__stg_timesheet_minutes
    WHERE billable_minutes <> 0
    GROUP BY staff_id, work_date
),
first_spell AS (
    SELECT staff_id, program AS first_program
    FROM core__stg_staff
    WHERE spell_seq = 1
)
SELECT e.staff_id,
       e.day,
       coalesce(st.program, fs.first_program) AS program,
       coalesce(t.billable_minutes, 0) AS billable_minutes,
       e.billable_service_minutes,
       e.billable_service_minutes - coalesce(t.billable_minutes, 0) > 15 AS overbilled_flag
FROM workforce__stg_ehr_staff_days AS e
LEFT JOIN billable_timesheet_days AS t ON t.staff_id = e.staff_id AND t.day = e.day
LEFT JOIN first_spell AS fs ON fs.staff_id = e.staff_id
LEFT JOIN core__stg_staff AS st
    ON st.staff_id = e.staff_id AND e.day >= st.hire_date
   AND e.day < coalesce(st.next_hire_date, 'infinity'::DATE)
