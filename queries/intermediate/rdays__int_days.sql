-- materialize: view
-- Enrolled participant-days with a qualifying service: a billable service,
-- not pending, of at least 1 unit, on a day a spell covers, whose code is in
-- rday_codes (empty = any code; a blank code never matches a non-empty
-- list). rday_flag: at least one of that day's qualifying services meets
-- the documentation standard (an R-day); otherwise the day is an R-day lost
-- to documentation. program is the participant's program that day.
SELECT s.participant_id,
       s.service_date,
       s.program,
       bool_or(s.standard_flag) AS rday_flag
FROM billing__int_services AS s
WHERE s.billable_flag
  AND NOT s.pending_flag
  AND s.units >= 1
  AND s.enrolled_flag
  AND (NOT EXISTS (SELECT 1 FROM cfg_rday_codes)
       OR s.service_code IN (SELECT service_code FROM cfg_rday_codes))
GROUP BY s.participant_id, s.service_date, s.program
