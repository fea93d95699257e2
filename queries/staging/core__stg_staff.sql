-- Employment spells, with peer_role_flag when the role is one of the
-- configured peer roles. spell_seq numbers a person's spells by hire_date.
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
    row_number() OVER (PARTITION BY s.staff_id ORDER BY s.hire_date) AS spell_seq
FROM staff AS s
