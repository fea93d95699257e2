-- Employment spells, with peer_role_flag when the role is one of the
-- configured peer roles. spell_seq numbers a person's spells by hire_date;
-- next_hire_date is the hire_date of their next spell (NULL for the last),
-- so that the spell on a date (the one begun most recently on or before
-- it) is found by an equality join on staff_id with the range
-- [hire_date, next_hire_date) as a filter.
SELECT
    s.staff_id,
    s.role,
    s.program,
    s.hire_date,
    s.termination_date,
    s.termination_type,
    s.fte,
    s.hourly_wage,
    s.role IN (SELECT role FROM cfg_peer_roles) AS peer_role_flag,
    row_number() OVER by_staff AS spell_seq,
    lead(s.hire_date) OVER by_staff AS next_hire_date
FROM staff AS s
WINDOW by_staff AS (PARTITION BY s.staff_id ORDER BY s.hire_date)
