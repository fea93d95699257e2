-- Data-quality checks the reports list, each with the number of cases
-- found. check_order fixes the order they are shown in. Staff checks cover
-- the whole agency (quality__agency_checks, built once a run); the service
-- checks cover the services in scope (one payer's members in an MCO
-- packet), the services behind its figures, and the assessment checks
-- (only when an assessments file is loaded) the assessments of the
-- participants in scope.
SELECT check_order, check_name, cases FROM quality__agency_checks
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
SELECT 9, 'assessments (one participant, kind and date) with two different answers to one question, left unknown',
       count(*)::BIGINT
FROM quality__assessment_cases AS c
SEMI JOIN core__stg_participants AS p ON p.participant_id = c.participant_id
WHERE c.check_order = 9
HAVING EXISTS (SELECT 1 FROM assessments)
UNION ALL
SELECT 10, 'discharge assessments loaded (counted here; no metric uses them, and none stands in for a follow-up)',
       count(*)::BIGINT
FROM quality__assessment_cases AS c
SEMI JOIN core__stg_participants AS p ON p.participant_id = c.participant_id
WHERE c.check_order = 10
HAVING EXISTS (SELECT 1 FROM assessments)
