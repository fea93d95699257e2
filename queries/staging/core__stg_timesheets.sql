-- materialize: view
-- Timesheet entries with the program and role of the staff spell covering
-- the work date. program falls back, when no spell covers the date, to the
-- staff member's first spell's program (the rule METRICS.md gives for
-- participants, applied to staff); staff_role, peer_role_flag and
-- hourly_wage stay those of the covering spell (NULL / false without one).
-- worked_minutes, billable_minutes and nonbillable_minutes are
-- core__stg_timesheet_minutes'.
SELECT
    t.staff_id,
    t.work_date,
    t.activity,
    t.minutes,
    t.billable_flag,
    t.miles,
    coalesce(st.program, fs.first_program) AS program,
    st.role AS staff_role,
    coalesce(st.peer_role_flag, false) AS peer_role_flag,
    st.hourly_wage,
    t.worked_minutes,
    t.billable_minutes,
    t.nonbillable_minutes
FROM core__stg_timesheet_minutes AS t
LEFT JOIN core__stg_staff AS st
    ON st.staff_id = t.staff_id AND t.work_date >= st.hire_date
   AND t.work_date < coalesce(st.next_hire_date, 'infinity'::DATE)
LEFT JOIN (
    SELECT staff_id, program AS first_program FROM core__stg_staff WHERE spell_seq = 1
) AS fs ON fs.staff_id = t.staff_id
