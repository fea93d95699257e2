-- The programs named in participants and staff together, and ALL for the
-- agency. Program names are not limited by a payer scope.
SELECT program FROM participants
UNION
SELECT program FROM staff
UNION
SELECT 'ALL'
