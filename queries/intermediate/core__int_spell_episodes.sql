-- Every enrollment spell with the episode of care it belongs to
-- (METRICS.md "Reach and engagement"). A spell that begins on the day
-- after the same person's previous spell ends (enrolled_on = previous
-- discharged_on + 1) is a continuation, a program change: not an
-- enrollment, and the previous spell's end is not a discharge. Any other
-- spell start is an enrollment (enrollment_flag) and any other
-- discharged_on a discharge (discharge_flag). episode_seq numbers a
-- person's episodes and person_episodes counts them; built from all
-- spells, whatever the payer scope.
WITH ordered AS (
    SELECT s.*,
           lag(s.discharged_on) OVER by_person AS previous_discharged_on,
           lead(s.enrolled_on) OVER by_person AS next_enrolled_on
    FROM core__stg_all_spells AS s
    WINDOW by_person AS (PARTITION BY s.participant_id ORDER BY s.enrolled_on)
),
flagged AS (
    SELECT *,
           coalesce(enrolled_on <> previous_discharged_on + 1, true) AS enrollment_flag,
           discharged_on IS NOT NULL
               AND coalesce(next_enrolled_on <> discharged_on + 1, true) AS discharge_flag
    FROM ordered
)
SELECT participant_id, program, payer, enrolled_on, discharged_on,
       enrollment_flag, discharge_flag,
       sum(CASE WHEN enrollment_flag THEN 1 ELSE 0 END) OVER (
           PARTITION BY participant_id ORDER BY enrolled_on ROWS UNBOUNDED PRECEDING)::INTEGER AS episode_seq,
       sum(CASE WHEN enrollment_flag THEN 1 ELSE 0 END) OVER (PARTITION BY participant_id)::INTEGER AS person_episodes
FROM flagged
