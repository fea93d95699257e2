-- Timesheet entries with the program and role of the staff spell covering
-- the work date. worked_minutes excludes leave; billable_minutes is worked
-- time marked billable (a billable leave row counts as neither).
SELECT
    t.staff_id,
    t.work_date,
    t.activity,
    t.minutes,
    t.billable AS billable_flag,
    t.miles,
    st.program,
    st.role AS staff_role,
    coalesce(st.peer_role_flag, false) AS peer_role_flag,
    st.hourly_wage,
    CASE WHEN t.activity <> 'leave' THEN t.minutes ELSE 0 END AS worked_minutes,
    CASE WHEN t.activity <> 'leave' AND t.billable THEN t.minutes ELSE 0 END AS billable_minutes
FROM timesheets AS t
LEFT JOIN (
    SELECT *, lead(hire_date) OVER (PARTITION BY staff_id ORDER BY hire_date) AS next_hire_date
    FROM core__stg_staff
) AS st
    ON st.staff_id = t.staff_id AND t.work_date >= st.hire_date
   AND t.work_date < coalesce(st.next_hire_date, 'infinity'::DATE)
