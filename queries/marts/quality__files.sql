-- The latest load of each file that was read (a file skipped as already
-- loaded keeps the figures of the run that loaded it).
SELECT source, file, rows_read, rows_loaded, rows_rejected, rows_replaced
FROM run_files
WHERE NOT skipped
QUALIFY row_number() OVER (PARTITION BY source, file ORDER BY run_id DESC) = 1
