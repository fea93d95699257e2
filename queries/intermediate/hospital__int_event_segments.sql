-- Every participant's hospital events on a day one of their spells covers,
-- whatever the payer (core__stg_all_spells; a person's spells never
-- overlap, so one spell covers it), counted per spell and segment
-- (core__int_day_segments: days that lie in the same windows): admissions
-- by the episode's admit date, bed days by night, emergency and outpatient
-- visits by date, crisis episodes by first admit date; involuntary_events
-- counts the involuntary admissions. Built once for every scope:
-- hospital__metrics keeps the rows of the spells in scope.
WITH spells AS (
    SELECT participant_id, program, enrolled_on, coalesce(discharged_on, DATE '9999-12-31') AS last_on
    FROM core__stg_all_spells
),
events AS (
    SELECT 'admission' AS kind, participant_id, admit_date AS event_date, involuntary_flag
    FROM hospital__int_episodes
    UNION ALL
    SELECT 'bed_night', participant_id, night_date, false FROM hospital__int_bed_nights
    UNION ALL
    SELECT 'emergency', participant_id, visit_date, false FROM hospital__int_emergency_visits
    UNION ALL
    SELECT 'outpatient', participant_id, visit_date, false FROM hospital__int_outpatient_visits
    UNION ALL
    SELECT 'crisis', participant_id, admit_date, false FROM hospital__int_crisis_episodes
)
SELECT ev.kind, ev.participant_id, s.enrolled_on, s.program, ds.segment_start,
       count(*) AS events,
       count(*) FILTER (WHERE ev.involuntary_flag) AS involuntary_events
FROM events AS ev
JOIN spells AS s
    ON s.participant_id = ev.participant_id AND ev.event_date BETWEEN s.enrolled_on AND s.last_on
JOIN core__int_day_segments AS ds ON ds.day = ev.event_date
GROUP BY ALL
