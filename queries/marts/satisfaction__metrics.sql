-- Satisfaction survey metrics (METRICS.md "Satisfaction (surveys)"), for the
-- reporting period only, by the program written on the response and for ALL
-- (which pools every respondent, including responses naming a program that is
-- not among the agency's programs). A response counts when its survey_date is
-- in the period. Per instrument in use and domain:
--   survey_<instrument>_<domain>_positive: respondents positive on the domain
--     / respondents with a domain score;
--   survey_<instrument>_<domain>_mean: sum of domain scores / respondents
--     with a domain score;
-- and per instrument survey_<instrument>_responses: responses.
-- contributors (small-cell suppression) counts respondents: positive ones,
-- scored ones, and responses respectively.
WITH period AS (
    SELECT grain, period_start, period_end FROM core__int_windows WHERE grain = 'period'
),
cells AS (
    SELECT i.instrument, p.program, w.grain, w.period_start, w.period_end
    FROM satisfaction__int_instruments AS i
    CROSS JOIN core__int_programs AS p
    CROSS JOIN period AS w
),
domain_cells AS (
    SELECT c.*, d.domain
    FROM cells AS c
    JOIN (SELECT DISTINCT instrument, domain FROM cfg_instrument_items) AS d USING (instrument)
),
responses AS (
    SELECT s.instrument, pr.program, w.grain, w.period_start, w.period_end, count(*) AS responses
    FROM core__stg_surveys AS s
    JOIN period AS w ON s.survey_date BETWEEN w.period_start AND w.period_end,
    UNNEST([s.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
domains AS (
    SELECT ds.instrument, ds.domain, pr.program, w.grain, w.period_start, w.period_end,
           count(*) FILTER (WHERE ds.scored_flag) AS scored,
           count(*) FILTER (WHERE ds.positive_flag) AS positive,
           sum(ds.score) AS score_sum
    FROM satisfaction__int_domain_scores AS ds
    JOIN period AS w ON ds.survey_date BETWEEN w.period_start AND w.period_end,
    UNNEST([ds.program, 'ALL']) AS pr(program)
    GROUP BY ALL
),
domain_figures AS (
    SELECT dc.instrument, dc.domain, dc.program, dc.grain, dc.period_start, dc.period_end,
           coalesce(d.scored, 0) AS scored,
           coalesce(d.positive, 0) AS positive,
           coalesce(d.score_sum, 0)::DECIMAL(38, 18) AS score_sum
    FROM domain_cells AS dc
    LEFT JOIN domains AS d USING (instrument, domain, program, grain, period_start, period_end)
)
SELECT 'survey_' || instrument || '_' || domain || '_positive' AS metric,
       program, grain, period_start, period_end,
       positive::DECIMAL(38, 18) AS numerator,
       scored::DECIMAL(38, 18) AS denominator,
       CASE WHEN scored > 0 THEN positive / scored END::DOUBLE AS value,
       positive::BIGINT AS contributors,
       NULL::BIGINT AS group_min
FROM domain_figures
UNION ALL
SELECT 'survey_' || instrument || '_' || domain || '_mean',
       program, grain, period_start, period_end,
       score_sum,
       scored::DECIMAL(38, 18),
       CASE WHEN scored > 0 THEN score_sum / scored END::DOUBLE,
       scored::BIGINT,
       NULL::BIGINT
FROM domain_figures
UNION ALL
SELECT 'survey_' || c.instrument || '_responses',
       c.program, c.grain, c.period_start, c.period_end,
       coalesce(r.responses, 0)::DECIMAL(38, 18),
       NULL::DECIMAL(38, 18),
       coalesce(r.responses, 0)::DOUBLE,
       coalesce(r.responses, 0)::BIGINT,
       NULL::BIGINT
FROM cells AS c
LEFT JOIN responses AS r USING (instrument, program, grain, period_start, period_end)
