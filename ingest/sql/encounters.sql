-- encounters: hospital, crisis and outpatient use, key encounter_id.

-- name: check
CREATE OR REPLACE {{checked}} AS
SELECT line, encounter_id, participant_id, t_setting AS setting, t_admit_date AS admit_date,
       t_discharge_date AS discharge_date, t_involuntary AS involuntary, t_planned AS planned,
       t_paid_amount AS paid_amount,
       CASE
           WHEN pre_reason IS NOT NULL THEN ps_problem(pre_column, pre_value, pre_reason)
           -- in file order: encounter_id
           WHEN encounter_id IS NULL THEN ps_problem('encounter_id', NULL, 'missing value')
           -- in file order: participant_id
           WHEN participant_id IS NULL THEN ps_problem('participant_id', NULL, 'missing value')
           -- in file order: setting
           WHEN setting IS NULL THEN ps_problem('setting', NULL, 'missing value')
           WHEN NOT setting_known AND NOT list_contains(getvariable('ps_settings'), t_setting)
               THEN ps_problem('setting', setting, 'unknown setting')
           -- in file order: admit_date
           WHEN admit_date IS NULL THEN ps_problem('admit_date', NULL, 'missing value')
           WHEN t_admit_date IS NULL THEN ps_problem('admit_date', admit_date, ps_date_reason(admit_date))
           -- in file order: discharge_date
           WHEN discharge_date IS NOT NULL AND t_discharge_date IS NULL
               THEN ps_problem('discharge_date', discharge_date, ps_date_reason(discharge_date))
           -- in file order: involuntary
           WHEN involuntary IS NOT NULL AND t_involuntary IS NULL
               THEN ps_problem('involuntary', involuntary, 'not a yes/no value')
           -- in file order: planned
           WHEN planned IS NOT NULL AND t_planned IS NULL
               THEN ps_problem('planned', planned, 'not a yes/no value')
           -- in file order: paid_amount
           WHEN paid_amount IS NOT NULL AND t_paid_amount IS NULL
               THEN ps_problem('paid_amount', paid_amount, 'not a number')
           -- then
           WHEN t_discharge_date < t_admit_date
               THEN ps_problem('discharge_date', discharge_date, 'discharged before admitted')
       END AS problem
FROM (SELECT *, CASE WHEN setting_known THEN setting ELSE lower(setting) END AS t_setting,
             ps_date(admit_date) AS t_admit_date, ps_date(discharge_date) AS t_discharge_date,
             ps_bool(involuntary) AS t_involuntary, ps_bool(planned) AS t_planned,
             ps_number(paid_amount) AS t_paid_amount
      -- A setting written as listed needs no lower() (see timesheets' activity).
      FROM (SELECT *, list_contains(getvariable('ps_settings'), setting) AS setting_known FROM src));

-- name: references
-- Written as explicit anti joins on rowid: the small table (participants,
-- staff) is the hash side whatever the optimizer estimates for tables
-- written in the same transaction.
UPDATE checked SET problem = ps_problem('participant_id', participant_id,
    coalesce(ps_rejected_reason('participants', 'participant', participant_id), 'unknown participant'))
WHERE rowid IN (
    SELECT c.rowid FROM checked c ANTI JOIN participants p ON p.participant_id = c.participant_id
    WHERE c.problem IS NULL);

-- name: merged
-- A row merged with another export's row of its encounter_id (see merge
-- in common.sql) may take a discharge_date from it that is before its own
-- admit_date: the two exports disagree about the stay, so the row is
-- rejected and the stored row stays.
UPDATE checked SET problem = ps_problem('admit_date', strftime(checked.admit_date, '%Y-%m-%d'),
    'admitted after the discharge_date ' || strftime(o.discharge_date, '%Y-%m-%d') || ' that ' || o.source_file
    || ' line ' || o.source_line || ' gives this encounter, which this row would merge with')
FROM (SELECT encounter_id, discharge_date, source_file, source_line FROM encounters
      WHERE source_file NOT IN (SELECT file FROM ps_same_section)) o
WHERE checked.problem IS NULL AND o.encounter_id = checked.encounter_id AND checked.discharge_date < checked.admit_date;
