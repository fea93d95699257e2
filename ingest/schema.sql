-- Canonical tables: what every source looks like once loaded, whatever the
-- export it came from. Column names follow DATA.md (the contract); staging
-- models in queries/ rename them to the project's style (e.g. billable_flag).
-- source_file and source_line say where each row came from, so a later run
-- can report which file replaced it. The tables that grow with the
-- agency (participants, services, encounters, timesheets, surveys,
-- survey_answers, assessments and assessment_answers) declare no primary key: ingest enforces their keys itself
-- (duplicates are rejected, newer files replace). An index on ten million
-- service ids cost a fifth of the load time, and dropping the survey and
-- participant indexes took 0.8 s off a 13.6 s load of 1M services
-- (issue 5).

CREATE TABLE IF NOT EXISTS participants (
    participant_id VARCHAR NOT NULL,
    program        VARCHAR NOT NULL,
    enrolled_on    DATE    NOT NULL,
    discharged_on  DATE,
    birth_year     INTEGER,
    payer          VARCHAR,
    source_file    VARCHAR NOT NULL,
    source_line    BIGINT  NOT NULL     -- one row per (participant_id, enrolled_on): ingest rejects repeats
);

CREATE TABLE IF NOT EXISTS staff (
    staff_id         VARCHAR NOT NULL,
    role             VARCHAR NOT NULL,
    program          VARCHAR NOT NULL,
    hire_date        DATE    NOT NULL,
    termination_date DATE,
    termination_type VARCHAR,
    fte              DOUBLE,
    hourly_wage      DECIMAL(18, 4),
    source_file      VARCHAR NOT NULL,
    source_line      BIGINT  NOT NULL,
    PRIMARY KEY (staff_id, hire_date)
);

CREATE TABLE IF NOT EXISTS services__base (
    service_id     VARCHAR   NOT NULL,  -- unique: ingest rejects repeats
    participant_id VARCHAR   NOT NULL,
    staff_id       VARCHAR   NOT NULL,
    service_date   DATE      NOT NULL,
    minutes        INTEGER   NOT NULL,
    service_code   VARCHAR,
    billable       BOOLEAN   NOT NULL,
    goal_id        VARCHAR,
    note_signed_at TIMESTAMP,          -- local time in config timezone
    source_file    VARCHAR   NOT NULL,
    source_line    BIGINT    NOT NULL,
    start_time     TIMESTAMP           -- when the file gives it (local time): places a service in a night shift
);
-- A database made before services kept their start time gains the column.
ALTER TABLE services__base ADD COLUMN IF NOT EXISTS start_time TIMESTAMP;

CREATE TABLE IF NOT EXISTS encounters__base (
    encounter_id   VARCHAR NOT NULL,    -- unique: ingest rejects repeats
    participant_id VARCHAR NOT NULL,
    setting        VARCHAR NOT NULL,
    admit_date     DATE    NOT NULL,
    discharge_date DATE,
    involuntary    BOOLEAN,
    planned        BOOLEAN,
    paid_amount    DECIMAL(18, 2),
    source_file    VARCHAR NOT NULL,
    source_line    BIGINT  NOT NULL
);

-- One row per entry; several entries share a (staff_id, work_date), and a
-- file replaces every stored entry of each (staff_id, work_date) it holds.
CREATE TABLE IF NOT EXISTS timesheets__base (
    staff_id    VARCHAR NOT NULL,
    work_date   DATE    NOT NULL,
    activity    VARCHAR NOT NULL,
    minutes     INTEGER NOT NULL,
    billable    BOOLEAN,            -- NULL: a punch clock's entry, billable "unknown" (METRICS.md Workforce)
    miles       DOUBLE,
    source_file VARCHAR NOT NULL,
    source_line BIGINT  NOT NULL,
    entry_id    VARCHAR,            -- the vendor's entry id, unique within its file when given
    clocked     BOOLEAN,            -- minutes came from clock_in and clock_out (punches)
    shift_start TIMESTAMP,          -- clock_in and clock_out on their days (a clock_out earlier
    shift_end   TIMESTAMP           -- than clock_in is on the next day); NULL without a clock
);
-- A database made before entry ids and punch clocks gains their columns.
ALTER TABLE timesheets__base ADD COLUMN IF NOT EXISTS entry_id VARCHAR;
ALTER TABLE timesheets__base ADD COLUMN IF NOT EXISTS clocked BOOLEAN;
ALTER TABLE timesheets__base ADD COLUMN IF NOT EXISTS shift_start TIMESTAMP;
ALTER TABLE timesheets__base ADD COLUMN IF NOT EXISTS shift_end TIMESTAMP;
ALTER TABLE timesheets__base ALTER COLUMN billable DROP NOT NULL;

-- services, encounters and timesheets are views: the rows of the base
-- table above (rows moved there from parts, or loaded by an older
-- peerstat) and of each file's part, the table ingest typed the file into
-- (see ingest/parts.go and stored_parts). Ingest redefines them whenever
-- the parts change; these are the definitions with no part yet.
CREATE VIEW IF NOT EXISTS services AS SELECT * FROM services__base;
CREATE VIEW IF NOT EXISTS encounters AS SELECT * FROM encounters__base;
CREATE VIEW IF NOT EXISTS timesheets AS SELECT * FROM timesheets__base;

-- The parts of each source's view, in load order (run_id, then the file's
-- place in its run): the file's table, its first rowid (a row's line is
-- rowid - row_base + 2 when the table's line is NULL), its rows and those
-- still stored (neither rejected nor replaced by a later file).
CREATE TABLE IF NOT EXISTS stored_parts (
    source     VARCHAR NOT NULL,
    part       VARCHAR NOT NULL PRIMARY KEY,
    file       VARCHAR NOT NULL,
    run_id     BIGINT  NOT NULL,
    file_index BIGINT  NOT NULL,
    row_base   BIGINT  NOT NULL,
    rows       BIGINT  NOT NULL,
    live_rows  BIGINT  NOT NULL
);

CREATE TABLE IF NOT EXISTS surveys (
    response_id    VARCHAR NOT NULL,    -- unique: ingest rejects repeats
    instrument     VARCHAR NOT NULL,
    program        VARCHAR NOT NULL,
    survey_date    DATE    NOT NULL,
    participant_id VARCHAR,
    source_file    VARCHAR NOT NULL,
    source_line    BIGINT  NOT NULL
);

-- Item answers of a survey response, long form; N/A codes and blanks are not
-- stored (not answered).
CREATE TABLE IF NOT EXISTS survey_answers (
    response_id VARCHAR NOT NULL,
    item        INTEGER NOT NULL,
    answer      INTEGER NOT NULL     -- one per (response_id, item): ingest unpivots unique responses
);

CREATE TABLE IF NOT EXISTS assessments (
    assessment_id   VARCHAR NOT NULL,   -- unique: ingest rejects repeats
    participant_id  VARCHAR NOT NULL,
    assessment_date DATE    NOT NULL,
    kind            VARCHAR NOT NULL,   -- intake, followup, discharge
    housing         VARCHAR,
    employment      VARCHAR,
    instrument      VARCHAR,            -- a summed scale (barc10) when items are answered
    source_file     VARCHAR NOT NULL,
    source_line     BIGINT  NOT NULL
);

-- Item answers of an assessment, long form; N/A codes and blanks are not
-- stored (not answered).
CREATE TABLE IF NOT EXISTS assessment_answers (
    assessment_id VARCHAR NOT NULL,
    item          INTEGER NOT NULL,
    answer        INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS rejects (
    run_id   BIGINT  NOT NULL,
    source   VARCHAR NOT NULL,
    file     VARCHAR NOT NULL,
    line     BIGINT  NOT NULL,   -- the header is line 1
    "column" VARCHAR NOT NULL,
    value    VARCHAR NOT NULL,
    reason   VARCHAR NOT NULL
);
-- For a participants or staff reject, whose row it was: a later service or
-- entry of that person is rejected naming this row, also in a later run
-- that does not read the file again. NULL in a database made before.
ALTER TABLE rejects ADD COLUMN IF NOT EXISTS person_id VARCHAR;

CREATE TABLE IF NOT EXISTS run_log (
    run_id      BIGINT    NOT NULL PRIMARY KEY,
    command     VARCHAR   NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    data_dir    VARCHAR   NOT NULL,
    profile     VARCHAR,
    strict      BOOLEAN   NOT NULL
);

CREATE TABLE IF NOT EXISTS run_files (
    run_id        BIGINT  NOT NULL,
    source        VARCHAR NOT NULL,
    file          VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    skipped       BOOLEAN NOT NULL,  -- same bytes loaded before: nothing changed
    rows_read     BIGINT  NOT NULL,
    rows_loaded   BIGINT  NOT NULL,
    rows_rejected BIGINT  NOT NULL,
    rows_replaced BIGINT  NOT NULL,
    millis        BIGINT  NOT NULL
);

-- The resolved config of the latest ingest, as TOML text.
CREATE TABLE IF NOT EXISTS stored_config (
    stored_at TIMESTAMP NOT NULL,
    path      VARCHAR,
    toml      VARCHAR NOT NULL
);

-- The profile of the latest ingest that had one, as TOML text, and the
-- file it was read from: a later ingest given no profile, with no
-- peerstat-profile.toml in its folder, uses it (DATA.md).
CREATE TABLE IF NOT EXISTS stored_profile (
    stored_at TIMESTAMP NOT NULL,
    path      VARCHAR,
    toml      VARCHAR NOT NULL
);

-- The file versions the data now stands on: every file of the folder the
-- latest load read, by source, in load order, with what loading it did.
-- A source's rows and rejects are exactly those of its file versions
-- (ingest rebuilds a source whose files changed). size and modified are
-- the file's when it was loaded, so an unchanged file is known without
-- reading it; same_as names an earlier file of the source with the same
-- bytes (not read again).
CREATE TABLE IF NOT EXISTS file_versions (
    source        VARCHAR   NOT NULL,
    file          VARCHAR   NOT NULL,
    sha256        VARCHAR   NOT NULL,
    size          BIGINT    NOT NULL,
    modified      TIMESTAMP NOT NULL,
    load_order    BIGINT    NOT NULL,
    run_id        BIGINT    NOT NULL,   -- the run that read it
    rows_read     BIGINT    NOT NULL,
    rows_loaded   BIGINT    NOT NULL,
    rows_rejected BIGINT    NOT NULL,
    rows_replaced BIGINT    NOT NULL,
    same_as       VARCHAR,
    -- a file that lost more than half of its rows to rejects: its
    -- commonest reject reason and the fix (see ingest/loss.go)
    commonest_reason VARCHAR,
    fix              VARCHAR
);

-- The earliest modification time seen for each file content: files load
-- in that order, so a copy that touches an old export does not make it
-- newer.
CREATE TABLE IF NOT EXISTS file_times (
    sha256         VARCHAR   NOT NULL PRIMARY KEY,
    first_modified TIMESTAMP NOT NULL
);

-- What the loaded rows were derived with besides the files: the profile's
-- and the ingest settings' fingerprint. A change rebuilds every source.
CREATE TABLE IF NOT EXISTS load_settings (
    fingerprint VARCHAR NOT NULL
);

-- Warnings of a run's load (name and time order disagreeing, …).
CREATE TABLE IF NOT EXISTS run_warnings (
    run_id  BIGINT  NOT NULL,
    warning VARCHAR NOT NULL
);

-- What happened to each file in a run: added, changed, reloaded (its
-- bytes unchanged, its rows derived again), unchanged or removed.
ALTER TABLE run_files ADD COLUMN IF NOT EXISTS change VARCHAR;
