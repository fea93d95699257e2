-- Each assessment's score on each summed scale it names (METRICS.md
-- "Recovery outcomes"; cfg_summed_scales: barc10 and config instruments
-- with score = "sum"). An assessment is a participant, kind and date: its
-- rows' answers to one item are merged, and two different answers make the
-- item unknown (conflict_items, for the data-quality section): the item's
-- least and greatest answers differ (cheaper than counting distinct
-- answers, which at 10M services grouped every answer). N/A codes
-- and blanks are not stored by ingest; an answer off the scale (a config
-- changed since the load) is not counted. Reversed items count as
-- min + max − v. The score is the sum of the items, defined only when every
-- item 1 … items is answered; high_flag when score >= cutoff.
-- Each (participant, kind, date, instrument) is numbered first, so that the
-- answers are grouped by that number and the item (two integers) rather
-- than by the four columns and the item.
WITH named AS (
    SELECT participant_id, kind, assessment_date, instrument,
           row_number() OVER () AS assessment_no
    FROM (
        SELECT DISTINCT a.participant_id, a.kind, a.assessment_date, a.instrument
        FROM assessments AS a
        JOIN cfg_summed_scales AS s ON s.instrument = a.instrument
        CROSS JOIN cfg
        WHERE a.assessment_date <= cfg.data_through
    )
),
rows_named AS (
    SELECT a.assessment_id, n.assessment_no, n.instrument
    FROM assessments AS a
    JOIN named AS n
      ON n.participant_id = a.participant_id AND n.kind = a.kind
     AND n.assessment_date = a.assessment_date AND n.instrument = a.instrument
),
answers AS (
    SELECT r.assessment_no, any_value(r.instrument) AS instrument, aa.item,
           min(aa.answer) AS least_answer,
           max(aa.answer) AS answer
    FROM rows_named AS r
    JOIN assessment_answers AS aa ON aa.assessment_id = r.assessment_id
    JOIN cfg_summed_scales AS s ON s.instrument = r.instrument
    WHERE aa.item BETWEEN 1 AND s.items
      AND aa.answer BETWEEN s.scale_min AND s.scale_max
    GROUP BY r.assessment_no, aa.item
),
summed AS (
    SELECT an.assessment_no,
           count(*) FILTER (WHERE an.least_answer = an.answer) AS answered_items,
           count(*) FILTER (WHERE an.least_answer < an.answer) AS conflict_items,
           sum(CASE WHEN rv.item IS NOT NULL THEN s.scale_min + s.scale_max - an.answer ELSE an.answer END)
               FILTER (WHERE an.least_answer = an.answer)::BIGINT AS answer_sum
    FROM answers AS an
    JOIN cfg_summed_scales AS s ON s.instrument = an.instrument
    LEFT JOIN (SELECT DISTINCT instrument, item FROM cfg_instrument_reverse) AS rv
      ON rv.instrument = an.instrument AND rv.item = an.item
    GROUP BY an.assessment_no
)
-- The person's key (core__stg_person_keys) is looked up last, once per
-- assessment: joined to every assessment row before the DISTINCT above it
-- cost a second of CPU more at 10M services.
SELECT k.participant_id, n.kind, n.assessment_date, n.instrument,
       coalesce(sm.answered_items, 0) AS answered_items,
       coalesce(sm.conflict_items, 0) AS conflict_items,
       CASE WHEN coalesce(sm.answered_items, 0) = s.items THEN sm.answer_sum END AS score,
       CASE WHEN coalesce(sm.answered_items, 0) = s.items THEN sm.answer_sum >= s.cutoff END AS high_flag
FROM named AS n
JOIN core__stg_person_keys AS k ON k.participant_ref = n.participant_id
JOIN cfg_summed_scales AS s ON s.instrument = n.instrument
LEFT JOIN summed AS sm ON sm.assessment_no = n.assessment_no
