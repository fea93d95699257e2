-- Encounters of participants in scope, with the participant's program on the
-- admit date (same rule as services), whether the admit date is an enrolled
-- day, and inpatient_flag for the configured inpatient settings.
SELECT
    e.encounter_id,
    e.participant_id,
    e.setting,
    e.admit_date,
    e.discharge_date,
    coalesce(e.involuntary, false) AS involuntary_flag,
    coalesce(e.planned, false) AS planned_flag,
    e.paid_amount,
    e.setting IN (SELECT setting FROM cfg_inpatient_settings) AS inpatient_flag,
    coalesce(p.program, first_spell.first_program) AS program,
    p.participant_id IS NOT NULL
        AND (p.discharged_on IS NULL OR e.admit_date <= p.discharged_on) AS enrolled_flag
FROM encounters AS e
JOIN (SELECT DISTINCT participant_id, first_program FROM core__stg_participants) AS first_spell
    ON first_spell.participant_id = e.participant_id
LEFT JOIN (
    SELECT *, lead(enrolled_on) OVER (PARTITION BY participant_id ORDER BY enrolled_on) AS next_enrolled_on
    FROM core__stg_participants
) AS p
    ON p.participant_id = e.participant_id AND e.admit_date >= p.enrolled_on
   AND e.admit_date < coalesce(p.next_enrolled_on, 'infinity'::DATE)
