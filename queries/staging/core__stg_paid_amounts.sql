-- Whether any encounter in the data has a paid_amount: when none has, every
-- paid metric is absent (METRICS.md Outcomes), in every packet alike.
SELECT EXISTS (SELECT 1 FROM encounters WHERE paid_amount IS NOT NULL) AS paid_flag
