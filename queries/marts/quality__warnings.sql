-- Data-quality checks the reports list, each with the number of cases
-- found. check_order fixes the order they are shown in. Staff checks cover
-- the whole agency; the service checks cover the services in scope (one
-- payer's members in an MCO packet), the services behind its figures.
SELECT 1 AS check_order,
       'timesheet entries not in quarter-hour increments' AS check_name,
       count(*) FILTER (WHERE minutes % 15 <> 0)::BIGINT AS cases
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
-- Assessments (only when an assessments file is loaded), of the
-- participants in scope: answers merged to unknown (METRICS.md "Recovery
-- outcomes": rows of one participant, kind and date are one assessment),
-- and discharge assessments, which are loaded but used by no metric.
SELECT 6, 'assessments (one participant, kind and date) with two different answers to one question, left unknown',
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
SELECT 7, 'discharge assessments loaded (counted here; no metric uses them, and none stands in for a follow-up)',
       count(*)::BIGINT
FROM recovery__stg_assessments AS a
SEMI JOIN core__stg_participants AS p ON p.participant_id = a.participant_id
WHERE a.kind = 'discharge'
HAVING EXISTS (SELECT 1 FROM assessments)
