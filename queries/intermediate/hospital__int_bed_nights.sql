-- Bed days: the distinct (participant, night) pairs covered by inpatient
-- stays, with the episode of the night. A stay covers the nights from its
-- admit date to the day before its discharge date; a same-day stay covers
-- its admit date; a stay still open covers nights up to and including
-- data_through. Overlapping stays of a person belong to one episode, so a
-- night is counted once: taking an episode's stays by first night, a
-- stay's nights up to the latest last night of the stays before it are
-- theirs already (those stays begin on or before it), so each stay adds
-- only the nights after that, and no night is made twice.
WITH stays AS (
    SELECT s.participant_id,
           s.episode_seq,
           s.admit_date AS first_night,
           CASE
               WHEN s.discharge_date IS NULL THEN cfg.data_through
               WHEN s.discharge_date = s.admit_date THEN s.admit_date
               ELSE s.discharge_date - 1
           END AS last_night
    FROM hospital__int_stays AS s
    CROSS JOIN cfg
),
new_nights AS (
    SELECT participant_id,
           episode_seq,
           greatest(first_night, max(last_night) OVER (
               PARTITION BY participant_id, episode_seq
               ORDER BY first_night
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1) AS from_night,
           last_night
    FROM stays
)
SELECT participant_id,
       episode_seq,
       unnest(generate_series(from_night, last_night, INTERVAL 1 DAY))::DATE AS night_date
FROM new_nights
WHERE from_night <= last_night
