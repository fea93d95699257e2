-- Loaded file versions that lost more than half of their rows to rejects
-- (DATA.md: a loud problem, shown on every packet's first page). share is
-- what the page says instead of a count; reason and fix are ingest's.
SELECT source, file,
       CASE WHEN rows_rejected = rows_read THEN 'all' ELSE 'more than half' END AS share,
       coalesce(commonest_reason, '') AS reason, coalesce(fix, '') AS fix, load_order
FROM file_versions
WHERE rows_read > 0 AND 2 * rows_rejected > rows_read
