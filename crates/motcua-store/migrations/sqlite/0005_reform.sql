-- Administrative-reform evaluation (PAR INDEX) and citizen satisfaction
-- (SIPAS): frameworks, campaigns, score entries, evidence, the audit log,
-- published results, survey designs, tokens and responses. Keep in step
-- with ../postgres/0005_reform.sql: same tables, columns and indexes; only
-- types differ. Points and percentages are stored in hundredths (INTEGER),
-- the exact two-decimal values of motcua_rules::par::Points.

-- A framework version (bộ tiêu chí) of one province: the JSON document the
-- rules validate (ValidFramework) before it is written. Versions are never
-- changed once written: a campaign points at the version it used.
CREATE TABLE reform_frameworks (
    id          INTEGER PRIMARY KEY,
    province_id INTEGER NOT NULL REFERENCES units(id),
    code        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    name        TEXT NOT NULL,
    level       TEXT NOT NULL,          -- ministry | province | department | district | commune
    body        TEXT NOT NULL,          -- JSON Framework
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT      NOT NULL,
    UNIQUE (province_id, code, version)
);

-- A yearly campaign over a peer group of units.
CREATE TABLE reform_campaigns (
    id           INTEGER PRIMARY KEY,
    province_id  INTEGER NOT NULL REFERENCES units(id),
    framework_id INTEGER NOT NULL REFERENCES reform_frameworks(id),
    year         INTEGER NOT NULL,
    name         TEXT NOT NULL,
    bands        TEXT NOT NULL,         -- JSON Bands<Percent>: classification is configuration
    period_from  TEXT NOT NULL,         -- the period computed criteria count over
    period_to    TEXT NOT NULL,
    deadline     TEXT      NOT NULL,    -- for the units' self-assessments
    status       TEXT NOT NULL,         -- draft | open | appraising | published
    created_at   TEXT      NOT NULL,
    published_at TEXT     
);
CREATE INDEX reform_campaigns_province ON reform_campaigns (province_id, year);

-- The peer units of a campaign and their submission.
CREATE TABLE reform_campaign_units (
    campaign_id  INTEGER NOT NULL REFERENCES reform_campaigns(id),
    unit_id      INTEGER NOT NULL REFERENCES units(id),
    submitted_at TEXT     ,
    submitted_by INTEGER REFERENCES users(id),
    PRIMARY KEY (campaign_id, unit_id)
);
CREATE INDEX reform_campaign_units_unit ON reform_campaign_units (unit_id);

-- One entry per unit and leaf of the framework. Which columns are used
-- depends on `kind` (motcua_rules::par::Input): assessed uses self_points,
-- appraised, reason; survey and adjustment use self_points; sipas uses
-- percent; computed uses numerator and denominator.
CREATE TABLE reform_entries (
    campaign_id  INTEGER NOT NULL,
    unit_id      INTEGER NOT NULL,
    code         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    self_points  INTEGER,
    note         TEXT,
    appraised    INTEGER,
    reason       TEXT,
    percent      INTEGER,
    numerator    INTEGER,
    denominator  INTEGER,
    entered_by   INTEGER REFERENCES users(id),
    entered_at   TEXT      NOT NULL,
    appraised_by INTEGER REFERENCES users(id),
    appraised_at TEXT     ,
    PRIMARY KEY (campaign_id, unit_id, code),
    FOREIGN KEY (campaign_id, unit_id) REFERENCES reform_campaign_units (campaign_id, unit_id)
);

-- Evidence files of an entry, in the database like dossier attachments
-- (one transaction, one backup). The contents column is last (see 0003).
CREATE TABLE reform_evidence (
    id           INTEGER PRIMARY KEY,
    campaign_id  INTEGER NOT NULL,
    unit_id      INTEGER NOT NULL,
    code         TEXT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    uploaded_by  INTEGER REFERENCES users(id),
    uploaded_at  TEXT      NOT NULL,
    data         BLOB  NOT NULL,
    FOREIGN KEY (campaign_id, unit_id) REFERENCES reform_campaign_units (campaign_id, unit_id)
);
CREATE INDEX reform_evidence_entry ON reform_evidence (campaign_id, unit_id, code);

-- Every change to frameworks, campaigns, entries, results and survey
-- designs: who, when, what, and the entity before and after as JSON.
-- Never personal data: actors are user ids, survey answers are not logged.
CREATE TABLE reform_audit (
    id          INTEGER PRIMARY KEY,
    province_id INTEGER NOT NULL,
    campaign_id INTEGER,
    actor_id    INTEGER REFERENCES users(id),
    at          TEXT      NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    before      TEXT,
    after       TEXT
);
CREATE INDEX reform_audit_campaign ON reform_audit (campaign_id, id);
CREATE INDEX reform_audit_province ON reform_audit (province_id, id);

-- Results published in earlier years (imported CSV, or a campaign of
-- motcua once published): the "last year" of year-on-year changes.
CREATE TABLE reform_published (
    province_id INTEGER NOT NULL REFERENCES units(id),
    year        INTEGER NOT NULL,
    unit_code   TEXT NOT NULL,
    body        TEXT NOT NULL,          -- JSON PublishedResult
    source      TEXT NOT NULL,          -- csv | campaign
    PRIMARY KEY (province_id, year, unit_code)
);

-- SIPAS survey designs, versioned per year (ValidDesign JSON), with the
-- aggregation rule the index uses (configuration: the official rule was
-- not found).
CREATE TABLE sipas_designs (
    id          INTEGER PRIMARY KEY,
    province_id INTEGER NOT NULL REFERENCES units(id),
    year        INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    body        TEXT NOT NULL,          -- JSON SurveyDesign
    aggregation TEXT NOT NULL,          -- JSON Aggregation
    created_at  TEXT      NOT NULL,
    UNIQUE (province_id, year, version)
);

-- One-time survey links. Only the SHA-256 of the token is stored; a token
-- names a unit and a year, never a person. `used` has no time on purpose:
-- a time could be matched with a response.
CREATE TABLE sipas_tokens (
    token_hash TEXT PRIMARY KEY,
    design_id  INTEGER NOT NULL REFERENCES sipas_designs(id),
    unit_id    INTEGER NOT NULL REFERENCES units(id),
    year       INTEGER NOT NULL,
    used       INTEGER NOT NULL DEFAULT 0,
    created_at TEXT      NOT NULL
);
CREATE INDEX sipas_tokens_unit ON sipas_tokens (unit_id, year);

-- Answers only: no token, no person, no time finer than the day. Paper
-- forms typed in by an officer are marked `paper` with no officer either
-- (the audit log says who entered how many).
CREATE TABLE sipas_responses (
    id        INTEGER PRIMARY KEY,
    design_id INTEGER NOT NULL REFERENCES sipas_designs(id),
    unit_id   INTEGER NOT NULL REFERENCES units(id),
    year      INTEGER NOT NULL,
    source    TEXT NOT NULL,            -- link | paper
    answers   TEXT NOT NULL,            -- JSON array, one level 1..5 or null per question
    day       TEXT NOT NULL
);
CREATE INDEX sipas_responses_unit ON sipas_responses (design_id, unit_id, year);
