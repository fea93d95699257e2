-- Each survey response's score on each domain of its instrument
-- (METRICS.md "Satisfaction (surveys)"), for every response loaded: a
-- score depends on the response alone, so it is worked out once and each
-- scope takes its responses' rows (satisfaction__int_domain_scores). One
-- response row is one respondent, named or anonymous. An answer counts when
-- it lies on the instrument's scale: N/A codes and blanks are not stored by
-- ingest, and an N/A code that was stored anyway lies outside the scale
-- (config checks that), so it is not counted as answered either.
-- Reverse-scored items count as min + max − v.
-- A response has a domain score when it answered at least two thirds of the
-- domain's items (3 × answered >= 2 × items); the score is the mean of the
-- answered items. positive_flag compares the sum of the answers with
-- cut-off × answered, exactly: strictly below the cut-off when agreement is
-- the low end of the scale (MHSIP: 1 = strongly agree), strictly above it
-- when it is the high end; a score exactly at the cut-off is not positive.
-- score is the mean rounded half up to 18 decimals, a DECIMAL so that sums
-- of scores are exact and the same on every run.
WITH domains AS (
    SELECT instrument, domain, count(DISTINCT item) AS items
    FROM cfg_instrument_items
    GROUP BY instrument, domain
),
responses AS (
    SELECT s.response_id, s.instrument, s.program, s.survey_date, s.participant_id,
           i.scale_min, i.scale_max, i.agree, i.cutoff_exact
    FROM surveys AS s
    JOIN satisfaction__int_instruments AS i USING (instrument)
),
answers AS (
    SELECT r.response_id,
           di.domain,
           CASE WHEN rv.item IS NOT NULL THEN r.scale_min + r.scale_max - a.answer ELSE a.answer END AS scored_answer
    FROM responses AS r
    JOIN survey_answers AS a ON a.response_id = r.response_id
    JOIN (SELECT DISTINCT instrument, domain, item FROM cfg_instrument_items) AS di
      ON di.instrument = r.instrument AND di.item = a.item
    LEFT JOIN (SELECT DISTINCT instrument, item FROM cfg_instrument_reverse) AS rv
      ON rv.instrument = r.instrument AND rv.item = a.item
    WHERE a.answer BETWEEN r.scale_min AND r.scale_max
),
domain_answers AS (
    SELECT response_id, domain, count(*) AS answered_items, sum(scored_answer)::BIGINT AS answer_sum
    FROM answers
    GROUP BY response_id, domain
),
scored AS (
    SELECT r.response_id, r.instrument, r.program, r.survey_date, r.participant_id,
           d.domain, d.items,
           coalesce(da.answered_items, 0) AS answered_items,
           coalesce(da.answer_sum, 0) AS answer_sum,
           r.scale_min, r.agree, r.cutoff_exact,
           coalesce(da.answered_items, 0) > 0
               AND 3 * coalesce(da.answered_items, 0) >= 2 * d.items AS scored_flag
    FROM responses AS r
    JOIN domains AS d ON d.instrument = r.instrument
    LEFT JOIN domain_answers AS da ON da.response_id = r.response_id AND da.domain = d.domain
)
SELECT
    response_id, instrument, program, survey_date, participant_id,
    domain, items, answered_items, answer_sum, scored_flag,
    scored_flag AND CASE agree
        WHEN 'low' THEN answer_sum < cutoff_exact * answered_items
        ELSE answer_sum > cutoff_exact * answered_items
    END AS positive_flag,
    -- mean = scale_min + (sum − scale_min × answered) / answered; the
    -- fraction is non-negative, so integer division rounds it half up.
    CASE WHEN scored_flag THEN
        scale_min
        + ((2 * (answer_sum - scale_min * answered_items)::HUGEINT * 1000000000000000000 + answered_items)
              // (2 * answered_items))::DECIMAL(38, 0)
          * 0.000000000000000001::DECIMAL(18, 18)
    END::DECIMAL(38, 18) AS score
FROM scored
