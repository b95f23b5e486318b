-- motcua schema, SQLite dialect. Keep in step with ../postgres/0001_init.sql:
-- same tables, columns and indexes; only types differ.
-- Times are Vietnamese local time as TEXT 'YYYY-MM-DD HH:MM:SS'.

CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES units(id),
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL,
    path        TEXT NOT NULL,          -- '/1/4/17/': subtree = path >= '/1/4/' AND path < '/1/40' (byte order)
    province_id INTEGER NOT NULL,       -- root of the tree, the distribution key
    created_at  TEXT NOT NULL
);
CREATE INDEX units_path ON units (path);
CREATE INDEX units_parent ON units (parent_id);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    full_name     TEXT NOT NULL,
    role          TEXT NOT NULL,
    unit_id       INTEGER REFERENCES units(id),
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL
);
CREATE INDEX users_unit ON users (unit_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,        -- SHA-256 of the token; the token itself is never stored
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE calendar_config (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    config     TEXT NOT NULL,           -- JSON CalendarConfig
    updated_at TEXT NOT NULL
);

CREATE TABLE calendar_years (
    year       INTEGER PRIMARY KEY,
    schedule   TEXT NOT NULL,           -- JSON YearSchedule
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES users(id)
);

CREATE TABLE fields (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE procedures (
    id                 INTEGER PRIMARY KEY,
    code               TEXT NOT NULL UNIQUE,
    current_version_id INTEGER,
    field_id           INTEGER NOT NULL REFERENCES fields(id),
    agency_unit_id     INTEGER NOT NULL REFERENCES units(id),
    name               TEXT NOT NULL,
    search_text        TEXT NOT NULL,   -- lower-case, diacritics removed: code, name, field
    level              TEXT NOT NULL,
    online_level       TEXT NOT NULL,
    publication_status TEXT NOT NULL,
    version            INTEGER NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX procedures_field ON procedures (field_id, code);

CREATE TABLE procedure_versions (
    id           INTEGER PRIMARY KEY,
    procedure_id INTEGER NOT NULL REFERENCES procedures(id),
    version      INTEGER NOT NULL,
    change       TEXT NOT NULL,         -- created | updated | amended | abolished | imported
    data         TEXT NOT NULL,         -- JSON ProcedureData, immutable once written
    created_at   TEXT NOT NULL,
    created_by   INTEGER REFERENCES users(id),
    UNIQUE (procedure_id, version)
);

CREATE TABLE dossier_code_seq (
    unit_id  INTEGER NOT NULL,
    day      TEXT NOT NULL,
    last_seq INTEGER NOT NULL,
    PRIMARY KEY (unit_id, day)
);

CREATE TABLE dossiers (
    id                   INTEGER PRIMARY KEY,
    province_id          INTEGER NOT NULL,
    code                 TEXT UNIQUE,
    procedure_id         INTEGER NOT NULL REFERENCES procedures(id),
    procedure_version_id INTEGER NOT NULL REFERENCES procedure_versions(id),
    receiving_unit_id    INTEGER NOT NULL REFERENCES units(id),
    current_unit_id      INTEGER NOT NULL REFERENCES units(id),
    inbox_role           TEXT NOT NULL,
    step                 INTEGER,
    status               INTEGER NOT NULL,
    channel              INTEGER NOT NULL,  -- KenhThucHien: 1 direct, 2 online, 3 postal
    owner_user_id        INTEGER REFERENCES users(id),
    applicant            TEXT NOT NULL,     -- JSON Applicant (personal data)
    applicant_name       TEXT NOT NULL,
    components           TEXT NOT NULL,     -- JSON [ComponentReceived]
    submitted_at         TEXT NOT NULL,
    received_at          TEXT,
    due_at               TEXT,
    inbox_due            TEXT NOT NULL,  -- due_at, or submitted_at before reception: the inbox order
    paused_at            TEXT,
    resume_status        INTEGER,
    supplement_count     INTEGER NOT NULL DEFAULT 0,
    rescheduled          INTEGER NOT NULL DEFAULT 0,
    finished_at          TEXT,
    returned_at          TEXT,
    version              INTEGER NOT NULL,
    updated_at           TEXT NOT NULL
);
-- The officer inbox: open dossiers waiting at a unit and role, by due date.
CREATE INDEX dossiers_inbox ON dossiers (current_unit_id, inbox_role, inbox_due, id)
    WHERE status IN (1, 2, 4, 5, 6, 9);
-- Statistics by unit and period.
CREATE INDEX dossiers_unit_received ON dossiers (receiving_unit_id, received_at);
CREATE INDEX dossiers_province_received ON dossiers (province_id, received_at);
CREATE INDEX dossiers_owner ON dossiers (owner_user_id, id);

-- A dossier's history, clustered by dossier: appending an event writes one
-- B-tree (WITHOUT ROWID in SQLite), and reading a history is one range.
CREATE TABLE dossier_events (
    seq           INTEGER NOT NULL,  -- the dossier version the event produced: 1, 2, 3 ...
    dossier_id    INTEGER NOT NULL REFERENCES dossiers(id),
    province_id   INTEGER NOT NULL,
    at            TEXT NOT NULL,
    action        TEXT NOT NULL,
    from_status   INTEGER,
    to_status     INTEGER NOT NULL,
    actor_user_id INTEGER REFERENCES users(id),
    actor_unit_id INTEGER REFERENCES units(id),
    note          TEXT,
    due_at        TEXT,                     -- the due moment after the event
    PRIMARY KEY (dossier_id, seq)
) WITHOUT ROWID;

CREATE TABLE idempotency_keys (
    user_id      INTEGER NOT NULL REFERENCES users(id),
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    dossier_id   INTEGER NOT NULL REFERENCES dossiers(id),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);
