-- The survey instruments the agency uses: those configured (built-in or in
-- peerstat.toml) with at least one response loaded, whatever its date or
-- payer, so an instrument in use has its rows (with counts of 0) even in a
-- period or MCO packet without responses, and an instrument never used has
-- none. cutoff_exact is the positive cut-off as an exact decimal (2.5, 3.5),
-- so a score is compared with it without rounding.
SELECT
    i.instrument,
    i.scale_min,
    i.scale_max,
    i.agree,
    i.cutoff::VARCHAR::DECIMAL(38, 18) AS cutoff_exact
FROM cfg_instruments AS i
WHERE i.instrument IN (SELECT instrument FROM surveys)
