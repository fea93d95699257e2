-- Employment spells with how they begin and end. A spell that begins within
-- one day after the previous spell of the same staff_id ends (hire_date <=
-- the previous termination_date + 1) is a transfer (transfer_in_flag): the
-- earlier spell's end is not a separation, and the later spell is not a new
-- hire. separation_flag: the spell has a termination_date and no transfer
-- follows it (a rehire after a longer gap is a new hire, and the earlier
-- end a separation). A separation belongs to the ending spell: its program,
-- role and termination_type. employment_end_date is the last day of the
-- employment the spell belongs to, following transfers (NULL while it is
-- open); employment_hire_date is the hire_date of its first spell.
WITH ordered AS (
    SELECT s.*,
           lag(s.termination_date) OVER by_staff AS previous_termination_date
    FROM core__stg_staff AS s
    WINDOW by_staff AS (PARTITION BY s.staff_id ORDER BY s.hire_date)
),
flagged AS (
    SELECT *,
           coalesce(hire_date <= previous_termination_date + 1, false) AS transfer_in_flag,
           termination_date IS NOT NULL
               AND (next_hire_date IS NULL OR next_hire_date > termination_date + 1) AS separation_flag
    FROM ordered
),
employments AS (
    SELECT *,
           sum(CASE WHEN transfer_in_flag THEN 0 ELSE 1 END)
               OVER (PARTITION BY staff_id ORDER BY hire_date) AS employment_seq
    FROM flagged
)
SELECT staff_id,
       role,
       program,
       hire_date,
       termination_date,
       termination_type,
       peer_role_flag,
       spell_seq,
       employment_seq,
       transfer_in_flag,
       separation_flag,
       min(hire_date) OVER employment AS employment_hire_date,
       CASE WHEN bool_or(termination_date IS NULL) OVER employment THEN NULL
            ELSE max(termination_date) OVER employment
       END AS employment_end_date
FROM employments
WINDOW employment AS (PARTITION BY staff_id, employment_seq)
