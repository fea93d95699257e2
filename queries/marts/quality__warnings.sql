-- Data-quality checks the reports list, each with the number of cases
-- found. check_order fixes the order they are shown in. Staff checks cover
-- the whole agency; the service checks cover the services in scope (one
-- payer's members in an MCO packet), the services behind its figures.
-- Minutes from clock punches are not expected in quarter hours, so only
-- entries given as minutes or hours are checked for them.
SELECT 1 AS check_order,
       'timesheet entries not in quarter-hour increments' AS check_name,
       count(*) FILTER (WHERE minutes % 15 <> 0 AND NOT coalesce(clocked, false))::BIGINT AS cases
FROM timesheets
UNION ALL
SELECT 2, 'leave entries marked billable (counted as neither worked nor billable)',
       count(*) FILTER (WHERE activity = 'leave' AND billable)::BIGINT
FROM timesheets
UNION ALL
SELECT 3, 'staff-days where billable service minutes in the EHR exceed billable timesheet minutes by more than 15',
       count(*) FILTER (WHERE overbilled_flag)::BIGINT
FROM workforce__int_staff_days
UNION ALL
SELECT 4, 'services by staff with no employment spell covering the service date',
       count(*) FILTER (WHERE NOT staffed_flag)::BIGINT
FROM core__stg_services
UNION ALL
SELECT 5, 'participant-days with services but no enrollment spell covering the day',
       count(DISTINCT (participant_id, service_date))::BIGINT
FROM core__stg_services
WHERE NOT enrolled_flag
UNION ALL
SELECT 6, 'timesheet shifts over 16 hours (loaded)',
       count(*) FILTER (WHERE minutes > 16 * 60)::BIGINT
FROM timesheets
UNION ALL
SELECT 7, 'timesheet entries without clock times identical to another entry of the same file (loaded: two entries can be real)',
       coalesce(sum(n - 1), 0)::BIGINT
FROM (SELECT count(*) AS n FROM timesheets
      WHERE NOT coalesce(clocked, false)
      GROUP BY staff_id, work_date, activity, minutes, billable, miles, source_file
      HAVING count(*) > 1)
UNION ALL
SELECT 8, 'punch-clock staff-days whose billable minutes were filled from the EHR''s billable services',
       count(*) FILTER (WHERE worked_minutes > 0)::BIGINT
FROM workforce__stg_punch_clock_days
UNION ALL
-- Assessments (only when an assessments file is loaded), of the
-- participants in scope: answers merged to unknown (METRICS.md "Recovery
-- outcomes": rows of one participant, kind and date are one assessment),
-- and discharge assessments, which are loaded but used by no metric.
SELECT 9, 'assessments (one participant, kind and date) with two different answers to one question, left unknown',
       count(*)::BIGINT
FROM (
    SELECT participant_id, kind, assessment_date FROM recovery__stg_assessments
    WHERE housing_conflict_flag OR employment_conflict_flag
    UNION
    SELECT participant_id, kind, assessment_date FROM recovery__int_scores WHERE conflict_items > 0
) AS c
SEMI JOIN core__stg_participants AS p ON p.participant_id = c.participant_id
HAVING EXISTS (SELECT 1 FROM assessments)
UNION ALL
SELECT 10, 'discharge assessments loaded (counted here; no metric uses them, and none stands in for a follow-up)',
       count(*)::BIGINT
FROM recovery__stg_assessments AS a
SEMI JOIN core__stg_participants AS p ON p.participant_id = a.participant_id
WHERE a.kind = 'discharge'
HAVING EXISTS (SELECT 1 FROM assessments)
