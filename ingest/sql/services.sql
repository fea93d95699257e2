-- services: one row per service, key service_id.

-- name: check
-- start_time is kept when given, also beside minutes: it places a service
-- in a punch clock's night shift (METRICS.md, Workforce). Beside minutes,
-- a time of day (14:05) is read on the service_date, as EHRs export a
-- start time; a start_time that is neither a timestamp nor such a time is
-- a reject whether or not minutes are given.
CREATE OR REPLACE {{checked}} AS
SELECT line, service_id, participant_id, staff_id, t_service_date AS service_date,
       coalesce(t_minutes, t_span) AS minutes, service_code, t_billable AS billable, goal_id,
       t_note_signed_at AS note_signed_at,
       coalesce(t_start_time, CASE WHEN minutes IS NOT NULL THEN t_service_date + ps_time(start_time) END) AS start_time,
       CASE
           WHEN ps_needs_tz(start_time) THEN ps_problem('start_time', start_time, 'needs timezone')
           WHEN ps_needs_tz(end_time) THEN ps_problem('end_time', end_time, 'needs timezone')
           WHEN ps_needs_tz(note_signed_at) THEN ps_problem('note_signed_at', note_signed_at, 'needs timezone')
           WHEN pre_reason IS NOT NULL THEN ps_problem(pre_column, pre_value, pre_reason)
           -- in file order: service_id
           WHEN service_id IS NULL THEN ps_problem('service_id', NULL, 'missing value')
           -- in file order: participant_id
           WHEN participant_id IS NULL THEN ps_problem('participant_id', NULL, 'missing value')
           -- in file order: staff_id
           WHEN staff_id IS NULL THEN ps_problem('staff_id', NULL, 'missing value')
           -- in file order: service_date
           WHEN service_date IS NULL THEN ps_problem('service_date', NULL, 'missing value')
           WHEN t_service_date IS NULL THEN ps_problem('service_date', service_date, ps_date_reason(service_date))
           -- in file order: minutes start_time end_time
           WHEN minutes IS NOT NULL AND (t_minutes IS NULL OR t_minutes NOT BETWEEN 1 AND 1440)
               THEN ps_problem('minutes', minutes, 'not a number of minutes from 1 to 1440')
           WHEN minutes IS NULL AND (start_time IS NULL OR end_time IS NULL)
               THEN ps_problem('minutes', NULL, 'missing minutes (or start_time and end_time)')
           WHEN start_time IS NOT NULL AND t_start_time IS NULL AND (minutes IS NULL OR ps_time(start_time) IS NULL)
               THEN ps_problem('start_time', start_time, 'not a timestamp (expected ISO 8601, e.g. 2025-03-04T14:05, or 3/4/2025 14:05)')
           WHEN minutes IS NULL AND t_end_time IS NULL
               THEN ps_problem('end_time', end_time, 'not a timestamp (expected ISO 8601, e.g. 2025-03-04T14:05, or 3/4/2025 14:05)')
           WHEN minutes IS NULL AND t_span NOT BETWEEN 1 AND 1440
               THEN ps_problem('end_time', end_time, 'not 1 to 1440 minutes after start_time')
           -- in file order: billable
           WHEN billable IS NULL THEN ps_problem('billable', NULL, 'missing value')
           WHEN t_billable IS NULL THEN ps_problem('billable', billable, 'not a yes/no value')
           -- in file order: note_signed_at
           WHEN note_signed_at IS NOT NULL AND t_note_signed_at IS NULL
               THEN ps_problem('note_signed_at', note_signed_at, 'not a timestamp (expected ISO 8601, e.g. 2025-03-04T14:05, or 3/4/2025 14:05)')
       END AS problem
FROM (SELECT *, ps_date(service_date) AS t_service_date, ps_whole(minutes) AS t_minutes,
             ps_ts(start_time) AS t_start_time, ps_ts(end_time) AS t_end_time,
             CASE WHEN minutes IS NULL
                  THEN CAST(round(date_diff('second', ps_ts(start_time), ps_ts(end_time)) / 60) AS INTEGER) END AS t_span,
             ps_bool(billable) AS t_billable, ps_ts(note_signed_at) AS t_note_signed_at
      FROM src);

-- name: references
-- Written as explicit anti joins on rowid: the small table (participants,
-- staff) is the hash side whatever the optimizer estimates for tables
-- written in the same transaction.
UPDATE checked SET problem = ps_problem('participant_id', participant_id,
    coalesce(ps_rejected_reason('participants', 'participant', participant_id), 'unknown participant'))
WHERE rowid IN (
    SELECT c.rowid FROM checked c ANTI JOIN participants p ON p.participant_id = c.participant_id
    WHERE c.problem IS NULL);
UPDATE checked SET problem =
    CASE WHEN staff_id IN (SELECT staff_id FROM staff)
         THEN ps_problem('service_date', strftime(service_date, '%Y-%m-%d'), 'staff not employed on that date')
         ELSE ps_problem('staff_id', staff_id, coalesce(ps_rejected_reason('staff', 'staff', staff_id), 'unknown staff')) END
WHERE rowid IN (
    SELECT c.rowid FROM checked c
    ANTI JOIN staff s ON s.staff_id = c.staff_id
        AND c.service_date BETWEEN s.hire_date AND coalesce(s.termination_date, DATE '9999-12-31')
    WHERE c.problem IS NULL);
