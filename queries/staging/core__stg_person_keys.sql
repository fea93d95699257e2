-- Each participant's key: participant_id as the models carry it, a whole
-- number in the order of the files' participant_id (1 for the first in
-- text order), and participant_ref, the files' text. Every model after
-- staging joins and groups people by this integer, which DuckDB hashes and
-- compares faster than text over millions of services and encounters
-- (the text ids need not be short). Because the numbering keeps the text
-- order, ORDER BY participant_id gives the order the bootstrap draws in
-- either way. Every source's participant_id exists in participants
-- (ingest rejects any other), so each event finds its key. Built once a
-- run, for every scope.
SELECT participant_id AS participant_ref,
       row_number() OVER (ORDER BY participant_id)::INTEGER AS participant_id
FROM (SELECT DISTINCT participant_id FROM participants)
