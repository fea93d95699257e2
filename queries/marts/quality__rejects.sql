-- Rejected rows by source and reason, from the latest load of each file.
SELECT r.source, r.reason, count(*)::BIGINT AS rows
FROM rejects AS r
JOIN (
    SELECT source, file, max(run_id) AS run_id
    FROM run_files WHERE NOT skipped GROUP BY source, file
) AS latest USING (source, file, run_id)
GROUP BY r.source, r.reason
