-- Inpatient episodes: a run of stays chained by transfers
-- (hospital__int_stays). An episode runs from its first admit date to its
-- latest discharge date; it is open (discharge_date NULL) when any stay is
-- still open; involuntary when any stay is; planned when its first stay is;
-- psychiatric when its stay with the latest discharge (ties: the latest
-- admit, then the larger encounter_id) is inpatient_psych.
SELECT participant_id,
       episode_seq,
       min(admit_date) AS admit_date,
       CASE WHEN bool_or(open_flag) THEN NULL ELSE max(discharge_date) END AS discharge_date,
       bool_or(open_flag) AS open_flag,
       bool_or(involuntary_flag) AS involuntary_flag,
       first(planned_flag ORDER BY admit_date, discharge_date NULLS LAST, encounter_id) AS planned_flag,
       first(setting = 'inpatient_psych'
             ORDER BY coalesce(discharge_date, DATE '9999-12-31') DESC, admit_date DESC, encounter_id DESC) AS psychiatric_flag
FROM hospital__int_stays
GROUP BY participant_id, episode_seq
