-- Bed days: the distinct (participant, night) pairs covered by inpatient
-- stays, with the episode of the night. A stay covers the nights from its
-- admit date to the day before its discharge date; a same-day stay covers
-- its admit date; a stay still open covers nights up to and including
-- data_through. Overlapping stays of a person belong to one episode, so a
-- night is counted once.
SELECT DISTINCT
       s.participant_id,
       s.episode_seq,
       unnest(generate_series(
           s.admit_date,
           CASE
               WHEN s.discharge_date IS NULL THEN cfg.data_through
               WHEN s.discharge_date = s.admit_date THEN s.admit_date
               ELSE s.discharge_date - 1
           END,
           INTERVAL 1 DAY))::DATE AS night_date
FROM hospital__int_stays AS s
CROSS JOIN cfg
