-- Value rules shared by every source's checks. Each takes text that is
-- already trimmed (blank is NULL) and gives the typed value, or NULL when
-- the text breaks the rule. The rules are DATA.md's "Types" paragraph.

-- A cell as the checks see it: surrounding spaces, tabs, line ends and
-- no-break spaces (code points 32, 9, 10, 13, 160) dropped, blank = NULL.
-- Looking at the first and last character first spares the common case,
-- nothing to trim, from building a new string.
CREATE OR REPLACE TEMP MACRO ps_clean(v) AS
    CASE WHEN ascii(v) IN (32, 9, 10, 13, 160) OR ascii(v[-1:]) IN (32, 9, 10, 13, 160)
         THEN nullif(trim(v, ' ' || chr(9) || chr(10) || chr(13) || chr(160)), '')
         ELSE v END;

-- Each rule is a pattern, then a cast. Most cells of a real export are
-- already in the form DuckDB writes the value back in, and for those a
-- cast and a comparison stand in for the pattern (matching patterns is
-- most of the time spent checking a large file); a cell that is written
-- any other way goes through the pattern. ingest's tests check that the
-- two ways agree.

-- A date: ISO, exactly YYYY-MM-DD, or as Excel saves a US sheet, M/D/YYYY
-- or M/D/YY (a two-digit year 00-29 is 20xx, 30-99 19xx, as Excel reads
-- it); a real day either way. The ISO shape is a GLOB, which matches byte
-- by byte without a regular expression: the same cells as the pattern
-- [0-9]{4}-[0-9]{2}-[0-9]{2}, and cheaper than casting the date back to
-- text to compare (10M work dates: 0.48 s of CPU against 0.66 s).
CREATE OR REPLACE TEMP MACRO ps_date(v) AS
    CASE WHEN v GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN TRY_CAST(v AS DATE)
         WHEN regexp_full_match(v, '[0-9]{1,2}/[0-9]{1,2}/[1-9][0-9]{3}') THEN CAST(try_strptime(v, '%m/%d/%Y') AS DATE)
         WHEN regexp_full_match(v, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}')
             THEN CAST(try_strptime(v[:-3] || CASE WHEN v[-2:] < '30' THEN '20' ELSE '19' END || v[-2:], '%m/%d/%Y') AS DATE)
    END;

-- Why a cell is not a date: a day-first date (14/3/2025) gets the profile
-- setting that reads it.
CREATE OR REPLACE TEMP MACRO ps_date_reason(v) AS
    CASE WHEN regexp_full_match(v, '[0-9]{1,2}/[0-9]{1,2}/([0-9]{4}|[0-9]{2})')
              AND CAST(split_part(v, '/', 1) AS INTEGER) > 12 AND CAST(split_part(v, '/', 2) AS INTEGER) BETWEEN 1 AND 12
         THEN 'not a date: dates like 3/14/2025 read as M/D/YYYY by default; this file has ' || v
              || ' — set date_format = "D/M/' || CASE WHEN length(split_part(v, '/', 3)) = 2 THEN 'YY' ELSE 'YYYY' END
              || '" in a profile'
         ELSE 'not a date (expected YYYY-MM-DD or M/D/YYYY)' END;

-- true/false, yes/no, y/n, 1/0 in any case. A blank cell leaves at the
-- first test: otherwise it went through every one, lower() included
-- (8.9M encounters, 83% of involuntary blank: 0.31 -> 0.12 s of CPU).
CREATE OR REPLACE TEMP MACRO ps_bool(v) AS
    CASE WHEN v IS NULL THEN NULL
         WHEN v = 'true' THEN true
         WHEN v = 'false' THEN false
         WHEN lower(v) IN ('true', 'yes', 'y', '1') THEN true
         WHEN lower(v) IN ('false', 'no', 'n', '0') THEN false END;

-- A whole number: digits with an optional sign, and an optional all-zero
-- fraction (30.0, as spreadsheets and parquet doubles write it).
CREATE OR REPLACE TEMP MACRO ps_whole(v) AS
    CASE WHEN CAST(TRY_CAST(v AS INTEGER) AS VARCHAR) = v AND TRY_CAST(v AS INTEGER) BETWEEN -999999999 AND 999999999
             THEN TRY_CAST(v AS INTEGER)
         WHEN regexp_full_match(v, '[+-]?[0-9]{1,9}(\.0*)?')
         THEN CAST(regexp_extract(v, '^[+-]?[0-9]+') AS INTEGER) END;

-- A decimal number: digits, an optional sign and decimal point. Money is
-- written with two decimals, and a cell DuckDB writes back unchanged as a
-- DECIMAL(17,2) (an optional minus, 1 to 15 digits, a point, two digits)
-- is one: on 8.9M encounters' paid_amount that test cost 0.5 s of CPU,
-- writing a double back 1.0 s (and 5068.20 still went on to the pattern).
CREATE OR REPLACE TEMP MACRO ps_number(v) AS
    CASE WHEN CAST(TRY_CAST(v AS DECIMAL(17, 2)) AS VARCHAR) = v THEN TRY_CAST(v AS DOUBLE)
         WHEN CAST(TRY_CAST(v AS DOUBLE) AS VARCHAR) = v AND abs(TRY_CAST(v AS DOUBLE)) < 1e15 AND NOT contains(v, 'e')
             THEN TRY_CAST(v AS DOUBLE)
         WHEN regexp_full_match(v, '[+-]?([0-9]{1,15}(\.[0-9]*)?|\.[0-9]+)') THEN TRY_CAST(v AS DOUBLE) END;

-- ISO 8601 timestamp, T or space between date and time, seconds and a
-- fraction optional, then an optional UTC offset (Z, +HH, +HHMM, +HH:MM).
CREATE OR REPLACE TEMP MACRO ps_ts_pattern() AS
    '[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?';
CREATE OR REPLACE TEMP MACRO ps_offset_pattern() AS '(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)';

-- A timestamp with a UTC offset, when no timezone is configured.
CREATE OR REPLACE TEMP MACRO ps_needs_tz(v) AS
    getvariable('ps_timezone') IS NULL
    AND regexp_full_match(v, ps_ts_pattern() || ps_offset_pattern());

-- Minutes east of UTC of an offset written Z, +HH, +HHMM or +HH:MM.
CREATE OR REPLACE TEMP MACRO ps_offset_minutes(o) AS
    CASE WHEN o = 'Z' THEN 0
         ELSE (CASE WHEN o[1] = '-' THEN -1 ELSE 1 END)
              * (CAST(o[2:3] AS INTEGER) * 60 + coalesce(TRY_CAST(nullif(replace(o[4:], ':', ''), '') AS INTEGER), 0))
    END;

-- The timestamp as local time. One with an offset is moved to the
-- configured timezone (NULL when none is configured). The usual cell of
-- an export, 2025-03-04T14:05:00 or 2025-03-04T14:05:00-06:00, is parsed
-- with its one format: on 3.4M services' note_signed_at (8% with an
-- offset) the rule took 2.3 s with the cast and comparison first, 0.6 s
-- this way. The format's parse skips spaces and takes one-digit fields,
-- so the shape, the first digit (no year 0xxx) and the last are checked
-- first; any cell that does not pass goes on to the rest.
CREATE OR REPLACE TEMP MACRO ps_ts(v) AS
    coalesce(
        CASE WHEN length(v) = 19 AND v LIKE '____-__-__T__:__:__' AND v >= '1' AND v < ':' AND v[19] BETWEEN '0' AND '9'
                 THEN try_strptime(v, '%Y-%m-%dT%H:%M:%S')
             WHEN length(v) = 25 AND v LIKE '____-__-__T__:__:_____:__' AND v >= '1' AND v < ':' AND v[25] BETWEEN '0' AND '9'
                  AND v[20] IN ('+', '-') AND v[21:22] < '24' AND v[24] < '6'
                 THEN timezone(CAST(getvariable('ps_timezone') AS VARCHAR), try_strptime(v, '%Y-%m-%dT%H:%M:%S%z'))
        END,
        CASE WHEN v[5] = '-' AND v[-1:] <> ')' AND CAST(TRY_CAST(replace(v, 'T', ' ') AS TIMESTAMP) AS VARCHAR) = replace(v, 'T', ' ')
                 THEN TRY_CAST(replace(v, 'T', ' ') AS TIMESTAMP)
             WHEN regexp_full_match(v, ps_ts_pattern())
                 THEN TRY_CAST(replace(v, 'T', ' ') AS TIMESTAMP)
             -- as Excel saves a US sheet: 3/4/2025 14:05 or 3/4/2025 14:05:00
             WHEN regexp_full_match(v, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}')
                 THEN try_strptime(v, '%m/%d/%Y %H:%M')
             WHEN regexp_full_match(v, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}:[0-9]{2}')
                 THEN try_strptime(v, '%m/%d/%Y %H:%M:%S')
             WHEN regexp_full_match(v, ps_ts_pattern() || ps_offset_pattern())
                 THEN timezone(CAST(getvariable('ps_timezone') AS VARCHAR), timezone('UTC',
                          TRY_CAST(replace(regexp_extract(v, '^' || ps_ts_pattern()), 'T', ' ') AS TIMESTAMP)
                          - to_minutes(ps_offset_minutes(regexp_replace(v, '^' || ps_ts_pattern(), '')))))
        END);

-- A time of day, H:MM or HH:MM with optional seconds, on a 24-hour clock
-- or, as US EHRs and time clocks export it, a 12-hour one (2:05 PM,
-- 02:05:30pm).
CREATE OR REPLACE TEMP MACRO ps_time(v) AS
    CASE WHEN regexp_full_match(v, '[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?') THEN TRY_CAST(v AS TIME)
         WHEN regexp_full_match(v, '(0?[1-9]|1[0-2]):[0-5][0-9](:[0-5][0-9])? ?[AaPp][Mm]')
             -- (strptime takes only a constant format: one call for each)
             THEN CAST(CASE WHEN length(v) - length(replace(v, ':', '')) = 2
                            THEN try_strptime(regexp_replace(upper(v), ' ?([AP]M)$', ' \1'), '%I:%M:%S %p')
                            ELSE try_strptime(regexp_replace(upper(v), ' ?([AP]M)$', ' \1'), '%I:%M %p') END AS TIME)
    END;

-- A row's problem, NULL when it has none: the column, the reason and the
-- value, in one text joined by chr(31) (a struct of three texts would make
-- every row of a large file carry three empty fields). ps_problem_column,
-- _reason and _value take it apart; the value comes last, so a chr(31) in
-- it is kept.
CREATE OR REPLACE TEMP MACRO ps_problem(col, val, reason) AS
    col || chr(31) || reason || chr(31) || coalesce(val, '');
CREATE OR REPLACE TEMP MACRO ps_problem_column(p) AS split_part(p, chr(31), 1);
CREATE OR REPLACE TEMP MACRO ps_problem_reason(p) AS split_part(p, chr(31), 2);
CREATE OR REPLACE TEMP MACRO ps_problem_value(p) AS
    p[length(split_part(p, chr(31), 1)) + length(split_part(p, chr(31), 2)) + 3:];

-- A row's line in its file: the line the Go reader gave it, or, for a file
-- read by SQL, its position (rowid less the first rowid, ps_row_base)
-- after the header line.
CREATE OR REPLACE TEMP MACRO ps_line(line, r) AS coalesce(line, r - getvariable('ps_row_base') + 2);

-- Names are data, not formulas (DATA.md): a program, payer or instrument
-- name a spreadsheet would run as a formula is refused, and so is the
-- program name ALL, which stands for the agency in every output.
CREATE OR REPLACE TEMP MACRO ps_formula_name(v) AS
    v[1] IN ('=', '+', '-', '@', chr(9), chr(10), chr(13));
CREATE OR REPLACE TEMP MACRO ps_name_problem(col, v) AS
    CASE WHEN ps_formula_name(v)
             THEN ps_problem(col, v, 'a name may not begin with =, +, -, @, a tab or a line break (a spreadsheet would run it as a formula): rename it in the export')
         WHEN col = 'program' AND upper(v) = 'ALL'
             THEN ps_problem(col, v, 'ALL is reserved for the agency as a whole: rename this program in the export') END;

-- Why a person a row refers to is not there, when a row of theirs was
-- rejected: "staff 218078's row in employees.csv (line 166) was rejected:
-- duplicate key"; NULL otherwise. The rejects are those of the file
-- versions now loaded (a rebuilt source's are taken out first), with the
-- person's id (rejects.person_id), so the message is the same whether the
-- staff file was read in this run or an earlier one.
CREATE OR REPLACE TEMP MACRO ps_rejected_reason(src, who, person) AS (
    SELECT who || ' ' || person || '''s row in ' || r.file || ' (line ' || r.line || ') was rejected: ' || r.reason
    FROM rejects r
    WHERE r.source = src AND r.person_id = person
    ORDER BY r.file, r.line
    LIMIT 1);
