-- Each episode's selected intake and follow-up (recovery__int_episodes)
-- with their answers: housing and employment, stably housed and employed
-- (config stable_housing and employed_statuses), unknown (NULL) when the
-- selected assessment left the question blank or answered it two ways;
-- another assessment never stands in for a selected one. Every payer's
-- episodes; readers scope by first_payer.
SELECT e.participant_id, e.episode_seq, e.enrolled_on, e.first_program, e.first_payer,
       e.intake_date, e.followup_date,
       i.housing AS intake_housing, f.housing AS followup_housing,
       i.employment AS intake_employment, f.employment AS followup_employment,
       i.housing IN (SELECT housing FROM cfg_stable_housing) AS intake_housed_flag,
       f.housing IN (SELECT housing FROM cfg_stable_housing) AS followup_housed_flag,
       i.employment IN (SELECT employment FROM cfg_employed_statuses) AS intake_employed_flag,
       f.employment IN (SELECT employment FROM cfg_employed_statuses) AS followup_employed_flag
FROM recovery__int_episodes AS e
LEFT JOIN recovery__stg_assessments AS i
  ON i.participant_id = e.participant_id AND i.kind = 'intake' AND i.assessment_date = e.intake_date
LEFT JOIN recovery__stg_assessments AS f
  ON f.participant_id = e.participant_id AND f.kind = 'followup' AND f.assessment_date = e.followup_date
WHERE e.intake_date IS NOT NULL
