-- Survey responses in scope: all of them, or, for one payer's packet, the
-- responses of that payer's participants (anonymous responses cannot be
-- attributed to a payer and are left out of payer packets).
SELECT
    s.response_id,
    s.instrument,
    s.program,
    s.survey_date,
    s.participant_id
FROM surveys AS s, cfg_scope
WHERE (cfg_scope.payer IS NULL AND NOT cfg_scope.no_payer)
   OR s.participant_id IN (SELECT participant_ref FROM core__stg_participants)
