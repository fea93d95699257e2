-- materialize: view
-- The domain scores (satisfaction__int_all_domain_scores) of the survey
-- responses in scope (core__stg_surveys).
SELECT d.*
FROM satisfaction__int_all_domain_scores AS d
SEMI JOIN core__stg_surveys AS s ON s.response_id = d.response_id
