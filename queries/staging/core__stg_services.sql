-- Services of participants in scope, each with the participant's program on
-- the service date (the covering spell; else the spell begun most recently
-- before; else the first spell), whether that day is enrolled, the staff
-- spell covering the date and whether it has a peer role, and the units the
-- unit rule gives its minutes. staffed_flag: a spell of the staff member
-- covers the service date. Neither a person's spells nor a staff member's
-- overlap, so the covering spell, when there is one, is the one begun most
-- recently on or before the date (the st row for the staff member). Each
-- service of a participant in scope joins exactly one of their spells in
-- scope (the p row): the one begun most recently on or before its date, or
-- the first (spell_seq 1) for a service before any spell began, which
-- gives the program but not an enrolled day. So each spell covers the
-- dates from its enrolled_on (the first spell: from any date) up to the
-- next spell's: two range conditions the hash join checks itself, where
-- an OR was a filter after it (10M services: 10% less CPU).
-- staff_program is the staff spell's (peer caseload places a participant in
-- the program of the peer who served them). No model reads a service's id,
-- staff member or staff role (clinical follow-up finds the role from the
-- services of every scope, hospital__int_followup_contacts), so none is
-- kept: each text column costs time to write for every service.
-- participant_id is the person's key (core__stg_person_keys), found from
-- the spell joined.
SELECT
    p.participant_id,
    s.service_date,
    s.minutes,
    s.service_code,
    s.billable AS billable_flag,
    coalesce(trim(s.goal_id), '') <> '' AS goal_linked_flag,
    s.note_signed_at,
    p.program,
    s.service_date >= p.enrolled_on
        AND (p.discharged_on IS NULL OR s.service_date <= p.discharged_on) AS enrolled_flag,
    coalesce(st.peer_role_flag
        AND (st.termination_date IS NULL OR s.service_date <= st.termination_date), false) AS peer_service_flag,
    st.staff_id IS NOT NULL
        AND (st.termination_date IS NULL OR s.service_date <= st.termination_date) AS staffed_flag,
    st.program AS staff_program,
    CASE cfg.unit_rule
        WHEN 'cms8' THEN (s.minutes + 7) // 15
        WHEN 'floor' THEN s.minutes // 15
        ELSE (s.minutes + 14) // 15
    END AS units
FROM services AS s
CROSS JOIN cfg
JOIN core__stg_participants AS p
    ON p.participant_ref = s.participant_id
   AND s.service_date >= p.covers_from
   AND s.service_date < p.covers_until
LEFT JOIN core__stg_staff AS st
    ON st.staff_id = s.staff_id AND s.service_date >= st.hire_date
   AND s.service_date < coalesce(st.next_hire_date, 'infinity'::DATE)
