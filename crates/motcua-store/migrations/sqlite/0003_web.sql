-- Storage for the web interface: dossier files, citizen ratings, citizen
-- feedback (PAKN). Keep in step with ../postgres/0003_web.sql: same tables,
-- columns and indexes; only types differ.

-- Files of a dossier (hồ sơ đính kèm), stored in the database itself: a
-- dossier and its files then commit in one transaction (a crash never
-- leaves a dossier without its files, or files without a dossier), and a
-- backup of the database is a backup of everything, with no second store
-- to keep consistent with it.
CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    dossier_id   INTEGER NOT NULL REFERENCES dossiers(id),
    kind         TEXT NOT NULL,         -- submission | supplement | result
    component    TEXT,                  -- the catalogue component the file belongs to, if any
    name         TEXT NOT NULL,         -- the original file name, sanitised by the caller
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,      -- bytes
    sha256       TEXT NOT NULL,         -- hex, computed by the store
    uploaded_by  INTEGER REFERENCES users(id),
    uploaded_at  TEXT NOT NULL,
    -- Last on purpose: a large value spills into overflow pages, and SQLite
    -- reads a column only after walking the ones before it, so listing the
    -- metadata never reads a file's pages.
    data         BLOB NOT NULL
);
CREATE INDEX attachments_dossier ON attachments (dossier_id, id);

-- A citizen's rating of a dossier once its result is returned
-- (docs/sources.md#citizen-rating): 9 criteria, 0..=2 points each, 18 in total.
CREATE TABLE dossier_ratings (
    dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id),  -- one rating per dossier
    scores     TEXT NOT NULL,          -- JSON array of 9 digits, always written as '[2,1,0,2,2,2,2,2,2]'
    total      INTEGER NOT NULL,
    comment    TEXT,
    unit_id    INTEGER NOT NULL REFERENCES units(id),  -- the receiving unit, for summaries
    rated_at   TEXT NOT NULL
);
CREATE INDEX dossier_ratings_unit ON dossier_ratings (unit_id);

-- Citizen feedback (phản ánh, kiến nghị). Text lengths are checked by the
-- caller; the columns stay unconstrained.
CREATE TABLE feedback (
    id           INTEGER PRIMARY KEY,   -- the citizen's reference number
    unit_id      INTEGER REFERENCES units(id),  -- NULL: addressed to no unit (the province answers)
    dossier_code TEXT,
    name         TEXT NOT NULL,
    contact      TEXT,                  -- phone or email (personal data)
    subject      TEXT NOT NULL,
    content      TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'received',  -- received | answered
    answer       TEXT,
    created_at   TEXT NOT NULL,
    answered_at  TEXT
);
CREATE INDEX feedback_unit ON feedback (unit_id, created_at);
CREATE INDEX feedback_created ON feedback (created_at);
