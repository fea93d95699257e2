-- Rejected rows by source and reason. The rejects table holds exactly the
-- rejects of the file versions now loaded (ingest rebuilds a source whose
-- files changed), so this agrees with rejects.csv.
SELECT r.source, r.reason, count(*)::BIGINT AS rows
FROM rejects AS r
GROUP BY r.source, r.reason
