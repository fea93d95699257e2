-- The file versions the data stands on (every file of the folder the
-- latest load read), with what loading each did.
SELECT source, file, rows_read, rows_loaded, rows_rejected, rows_replaced
FROM file_versions
