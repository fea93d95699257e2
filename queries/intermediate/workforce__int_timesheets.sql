-- Timesheet entries with the program of the staff spell covering the work
-- date; else the spell begun most recently before it; else the staff
-- member's first spell (the rule METRICS.md gives for participants, applied
-- to staff). worked_minutes excludes leave; billable_minutes is worked time
-- marked billable (a leave row marked billable counts as neither).
SELECT t.staff_id,
       t.work_date,
       t.activity,
       t.billable_flag,
       coalesce(t.program, fs.first_program) AS program,
       t.worked_minutes,
       t.billable_minutes
FROM core__stg_timesheets AS t
LEFT JOIN (
    SELECT staff_id, program AS first_program FROM core__stg_staff WHERE spell_seq = 1
) AS fs ON fs.staff_id = t.staff_id
