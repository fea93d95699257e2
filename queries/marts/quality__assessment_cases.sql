-- The cases of quality__warnings' assessment checks, of every participant
-- (quality__warnings counts those of the participants in scope), so a run
-- builds this once: check 9, each assessment (one participant, kind and
-- date) with two different answers to one question, left unknown
-- (METRICS.md "Recovery outcomes": rows of one participant, kind and date
-- are one assessment); check 10, each discharge assessment, loaded but
-- used by no metric.
SELECT 9 AS check_order, participant_id
FROM (
    SELECT participant_id, kind, assessment_date FROM recovery__stg_assessments
    WHERE housing_conflict_flag OR employment_conflict_flag
    UNION
    SELECT participant_id, kind, assessment_date FROM recovery__int_scores WHERE conflict_items > 0
)
UNION ALL
SELECT 10, participant_id
FROM recovery__stg_assessments
WHERE kind = 'discharge'
