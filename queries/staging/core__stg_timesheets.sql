-- materialize: view
-- Timesheet entries with the program and role of the staff spell covering
-- the work date. program falls back, when no spell covers the date, to the
-- staff member's first spell's program (the rule METRICS.md gives for
-- participants, applied to staff); staff_role, peer_role_flag and
-- hourly_wage stay those of the covering spell (NULL / false without one).
-- program_key numbers the programs (in their names' order) for readers
-- that group millions of entries by program: a small integer groups
-- faster than the name. worked_minutes, billable_minutes and
-- nonbillable_minutes are core__stg_timesheet_minutes'.
-- One join finds both spells: the first spell is taken to cover every
-- date before its hire date too, and the role, peer flag and wage are
-- kept only on or after the hire date (a second join for the first spell's
-- program cost workforce__timesheet_metrics about 0.9 s of CPU at 10M
-- services, 29 million entries).
SELECT
    t.staff_id,
    t.work_date,
    t.activity,
    t.minutes,
    t.billable_flag,
    t.miles,
    st.program,
    st.program_key,
    CASE WHEN t.work_date >= st.hire_date THEN st.role END AS staff_role,
    coalesce(t.work_date >= st.hire_date AND st.peer_role_flag, false) AS peer_role_flag,
    CASE WHEN t.work_date >= st.hire_date THEN st.hourly_wage END AS hourly_wage,
    t.worked_minutes,
    t.billable_minutes,
    t.nonbillable_minutes
FROM core__stg_timesheet_minutes AS t
LEFT JOIN (
    SELECT staff_id, program, role, peer_role_flag, hourly_wage, hire_date, next_hire_date,
           CASE WHEN spell_seq = 1 THEN '-infinity'::DATE ELSE hire_date END AS covers_from_date,
           dense_rank() OVER (ORDER BY program)::SMALLINT AS program_key
    FROM core__stg_staff
) AS st
    ON st.staff_id = t.staff_id AND t.work_date >= st.covers_from_date
   AND t.work_date < coalesce(st.next_hire_date, 'infinity'::DATE)
