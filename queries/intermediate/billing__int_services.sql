-- materialize: view
-- Services in scope with their documentation status. deadline_date is the
-- last day the note may be signed (billing__int_deadlines):
-- doc_deadline_days business days after the service date (weekends and
-- configured holidays skipped), or calendar days when
-- doc_deadline_business_days is false; 0 days means the service date
-- itself. note_signed_at is local time (ingest converts UTC offsets to the
-- configured timezone), so a note is on time when it is signed on or before
-- the deadline day (before the midnight ending it). An unsigned note is
-- pending while its deadline is after data_through and late once the
-- deadline is on or before it; pending services leave every documentation
-- and R-day figure. A service meets the documentation standard (the "golden
-- thread") when it is goal-linked and its note is on time.
WITH deadlines AS (
    SELECT s.*, d.deadline_date, c.data_through
    FROM core__stg_services AS s
    CROSS JOIN cfg AS c
    JOIN billing__int_deadlines AS d ON d.day = s.service_date
),
judged AS (
    SELECT *,
           coalesce(note_signed_at::DATE <= deadline_date, false) AS on_time_flag
    FROM deadlines
)
SELECT
    participant_id,
    service_date,
    minutes,
    service_code,
    billable_flag,
    goal_linked_flag,
    note_signed_at,
    program,
    enrolled_flag,
    units,
    deadline_date,
    on_time_flag,
    note_signed_at IS NULL AND deadline_date > data_through AS pending_flag,
    goal_linked_flag AND on_time_flag AS standard_flag
FROM judged
