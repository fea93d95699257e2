-- staff: one row per employment spell, key (staff_id, hire_date).

-- name: check
CREATE OR REPLACE {{checked}} AS
SELECT line, staff_id, lower(role) AS role, program, t_hire_date AS hire_date,
       t_termination_date AS termination_date, lower(termination_type) AS termination_type,
       t_fte AS fte, t_hourly_wage AS hourly_wage,
       CASE
           WHEN pre_reason IS NOT NULL THEN ps_problem(pre_column, pre_value, pre_reason)
           -- in file order: staff_id
           WHEN staff_id IS NULL THEN ps_problem('staff_id', NULL, 'missing value')
           -- in file order: role
           WHEN role IS NULL THEN ps_problem('role', NULL, 'missing value')
           WHEN NOT list_contains(getvariable('ps_roles'), lower(role)) THEN ps_problem('role', role, 'unknown role')
           -- in file order: program
           WHEN program IS NULL THEN ps_problem('program', NULL, 'missing value')
           WHEN ps_name_problem('program', program) IS NOT NULL THEN ps_name_problem('program', program)
           -- in file order: hire_date
           WHEN hire_date IS NULL THEN ps_problem('hire_date', NULL, 'missing value')
           WHEN t_hire_date IS NULL THEN ps_problem('hire_date', hire_date, ps_date_reason(hire_date))
           -- in file order: termination_date
           WHEN termination_date IS NOT NULL AND t_termination_date IS NULL
               THEN ps_problem('termination_date', termination_date, ps_date_reason(termination_date))
           -- in file order: termination_type
           WHEN termination_type IS NOT NULL AND NOT list_contains(getvariable('ps_termination_types'), lower(termination_type))
               THEN ps_problem('termination_type', termination_type, 'unknown termination type')
           -- in file order: fte
           WHEN fte IS NOT NULL AND (t_fte IS NULL OR t_fte <= 0 OR t_fte > 1.5)
               THEN ps_problem('fte', fte, 'not an fte above 0 and at most 1.5')
           -- in file order: hourly_wage
           WHEN hourly_wage IS NOT NULL AND (t_hourly_wage IS NULL OR t_hourly_wage < 0)
               THEN ps_problem('hourly_wage', hourly_wage, 'not an amount of 0 or more')
           -- then
           WHEN t_termination_date < t_hire_date
               THEN ps_problem('termination_date', termination_date, 'terminated before hired')
           WHEN t_termination_date IS NOT NULL AND termination_type IS NULL
               THEN ps_problem('termination_type', NULL, 'missing termination_type for a termination_date')
       END AS problem
FROM (SELECT *, ps_date(hire_date) AS t_hire_date, ps_date(termination_date) AS t_termination_date,
             ps_number(fte) AS t_fte, ps_number(hourly_wage) AS t_hourly_wage
      FROM src);

-- name: insert
INSERT INTO staff (staff_id, role, program, hire_date, termination_date, termination_type, fte, hourly_wage, source_file, source_line)
SELECT staff_id, role, program, hire_date, termination_date, termination_type, fte, hourly_wage,
       CAST(getvariable('ps_file') AS VARCHAR), ps_line(line, rowid)
FROM checked WHERE problem IS NULL;
