-- Each episode of care (core__int_episodes) with its selected intake and
-- follow-up assessment dates (METRICS.md "Recovery outcomes"), built from
-- every payer's episodes: readers scope by first_payer.
-- Intake: each intake assessment is assigned to the one episode of its
-- participant whose enrolled_on is nearest to it (ties: the earlier
-- episode), so it never serves two; an episode's intake is, among those
-- assigned to it and within 30 days before or after enrolled_on, the one
-- nearest to enrolled_on (ties: the earlier date).
-- Follow-up: each follow-up assessment is assigned, among the selected
-- intakes whose window intake + 150 … intake + 240 (both ends included)
-- contains it, to the one whose intake + 180 is nearest to it (ties: the
-- earlier intake); an intake's follow-up is, among those assigned to it,
-- the one nearest to intake + 180 (ties: the earlier date). Discharge
-- assessments never stand in for either.
WITH episodes AS (
    SELECT participant_id, episode_seq, enrolled_on, first_program, first_payer
    FROM core__int_episodes
),
intake_assigned AS (
    SELECT i.participant_id, i.assessment_date, e.episode_seq, e.enrolled_on,
           row_number() OVER (
               PARTITION BY i.participant_id, i.assessment_date
               ORDER BY abs(datediff('day', e.enrolled_on, i.assessment_date)), e.enrolled_on) AS nearest
    FROM recovery__stg_assessments AS i
    JOIN episodes AS e ON e.participant_id = i.participant_id
    WHERE i.kind = 'intake'
),
intakes AS (
    SELECT participant_id, episode_seq, assessment_date AS intake_date
    FROM (
        SELECT *, row_number() OVER (
                      PARTITION BY participant_id, episode_seq
                      ORDER BY abs(datediff('day', enrolled_on, assessment_date)), assessment_date) AS nearest_to_start
        FROM intake_assigned
        WHERE nearest = 1 AND abs(datediff('day', enrolled_on, assessment_date)) <= 30)
    WHERE nearest_to_start = 1
),
followup_assigned AS (
    SELECT f.participant_id, f.assessment_date, i.episode_seq, i.intake_date,
           row_number() OVER (
               PARTITION BY f.participant_id, f.assessment_date
               ORDER BY abs(datediff('day', i.intake_date + 180, f.assessment_date)), i.intake_date) AS nearest
    FROM recovery__stg_assessments AS f
    JOIN intakes AS i
      ON i.participant_id = f.participant_id
     AND f.assessment_date BETWEEN i.intake_date + 150 AND i.intake_date + 240
    WHERE f.kind = 'followup'
),
followups AS (
    SELECT participant_id, episode_seq, assessment_date AS followup_date
    FROM (
        SELECT *, row_number() OVER (
                      PARTITION BY participant_id, episode_seq
                      ORDER BY abs(datediff('day', intake_date + 180, assessment_date)), assessment_date) AS nearest_to_180
        FROM followup_assigned
        WHERE nearest = 1)
    WHERE nearest_to_180 = 1
)
SELECT e.participant_id, e.episode_seq, e.enrolled_on, e.first_program, e.first_payer,
       i.intake_date, f.followup_date
FROM episodes AS e
LEFT JOIN intakes AS i USING (participant_id, episode_seq)
LEFT JOIN followups AS f USING (participant_id, episode_seq)
