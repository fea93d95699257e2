-- Assessments as METRICS.md "Recovery outcomes" reads them: rows of one
-- participant, kind and date are one assessment, their housing and
-- employment answers merged (two different non-blank answers make the
-- answer unknown: NULL, with conflict flags for the data-quality section).
-- Assessments dated after data_through are ignored. Every payer's: an
-- assessment's figures belong to the payer of its episode's first spell,
-- and the marts scope by that.
SELECT k.participant_id,
       a.kind,
       a.assessment_date,
       CASE WHEN count(DISTINCT a.housing) = 1 THEN max(a.housing) END AS housing,
       CASE WHEN count(DISTINCT a.employment) = 1 THEN max(a.employment) END AS employment,
       count(DISTINCT a.housing) > 1 AS housing_conflict_flag,
       count(DISTINCT a.employment) > 1 AS employment_conflict_flag,
       count(*) AS assessment_rows
FROM assessments AS a
JOIN core__stg_person_keys AS k ON k.participant_ref = a.participant_id
CROSS JOIN cfg
WHERE a.assessment_date <= cfg.data_through
GROUP BY k.participant_id, a.kind, a.assessment_date
