-- The data-quality checks of quality__warnings that cover the whole agency
-- in every packet (staff and timesheet checks), with check_order and
-- check_name as quality__warnings shows them. They read no participant's
-- scope, so a run builds this once and every packet reuses it. Minutes
-- from clock punches are not expected in quarter hours, so only entries
-- given as minutes or hours are checked for them.
--
-- Check 7 counts the entries identical to an earlier one of their file.
-- Grouping every entry by all its columns builds a hash table as large as
-- the timesheets (about 30 million entries at 10 million services), so the
-- groups are found in two steps: sorting the entries' hashes finds the
-- hashes two entries share (a sort of one number per entry is far cheaper
-- than that table), and only the entries with such a hash are grouped by
-- their columns. Identical entries have equal hashes, so none is missed,
-- and the grouping keeps apart different entries whose hashes collide.
-- The hash sorted is the upper half of DuckDB's 64-bit one: 32-bit keys
-- sort a third faster (10M services: 30 million entries, 5.4 s -> 3.5 s
-- of CPU), and the entries their collisions add to the grouping (about
-- one in 300 at that size) cost little.
WITH repeated_hashes AS (
    SELECT DISTINCT entry_hash
    FROM (SELECT entry_hash, lag(entry_hash) OVER (ORDER BY entry_hash) AS previous_hash
          FROM (SELECT (hash(staff_id, work_date, activity, minutes, billable, miles, source_file) >> 32)::UINTEGER AS entry_hash
                FROM timesheets
                WHERE NOT coalesce(clocked, false)))
    WHERE entry_hash = previous_hash
),
entries AS (
    SELECT count(*) FILTER (WHERE minutes % 15 <> 0 AND NOT coalesce(clocked, false))::BIGINT AS quarter_hour,
           count(*) FILTER (WHERE activity = 'leave' AND billable)::BIGINT AS leave_billable,
           count(*) FILTER (WHERE minutes > 16 * 60)::BIGINT AS long_shifts
    FROM timesheets
)
SELECT 1 AS check_order,
       'timesheet entries not in quarter-hour increments' AS check_name,
       quarter_hour AS cases
FROM entries
UNION ALL
SELECT 2, 'leave entries marked billable (counted as neither worked nor billable)', leave_billable
FROM entries
UNION ALL
SELECT 3, 'staff-days where billable service minutes in the EHR exceed billable timesheet minutes by more than 15',
       count(*)::BIGINT
FROM workforce__int_staff_days
UNION ALL
SELECT 6, 'timesheet shifts over 16 hours (loaded)', long_shifts
FROM entries
UNION ALL
SELECT 7, 'timesheet entries without clock times identical to another entry of the same file (loaded: two entries can be real)',
       coalesce(sum(n - 1), 0)::BIGINT
FROM (SELECT count(*) AS n
      FROM timesheets AS t
      SEMI JOIN repeated_hashes AS r
        ON r.entry_hash = (hash(t.staff_id, t.work_date, t.activity, t.minutes, t.billable, t.miles, t.source_file) >> 32)::UINTEGER
      WHERE NOT coalesce(t.clocked, false)
      GROUP BY t.staff_id, t.work_date, t.activity, t.minutes, t.billable, t.miles, t.source_file
      HAVING count(*) > 1)
UNION ALL
SELECT 8, 'punch-clock staff-days whose billable minutes were filled from the EHR''s billable services',
       count(*) FILTER (WHERE worked_minutes > 0)::BIGINT
FROM workforce__stg_punch_clock_days
