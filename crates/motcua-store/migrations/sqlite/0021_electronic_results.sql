-- Electronic results (kết quả điện tử): the result document of a dossier as
-- a signed PDF, numbered in the results register of the unit that issues it.
-- Keep in step with ../postgres/0021_electronic_results.sql.
--
-- A result goes prepared (the specialist attached the PDF) → signed (the
-- leader's own signature) → issued (the agency's signature at "finish",
-- with its register number), and may end revoked or replaced, with a reason.
-- Each step writes a NEW attachment (a signed PDF is never rewritten), so
-- the history keeps every version of the file; `attachment_id` is the
-- current one.
CREATE TABLE results (
    id              INTEGER PRIMARY KEY,
    dossier_id      INTEGER NOT NULL REFERENCES dossiers(id),
    title           TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('prepared', 'signed', 'issued', 'revoked', 'replaced')),
    attachment_id   INTEGER NOT NULL REFERENCES attachments(id),
    prepared_by     INTEGER REFERENCES users(id),
    prepared_at     TEXT NOT NULL,
    signed_by       INTEGER REFERENCES users(id),
    signed_at       TEXT,
    signer_name     TEXT,              -- the certificate's subject, as verified when it was kept
    issued_unit_id  INTEGER REFERENCES units(id),
    register_year   INTEGER,
    register_no     INTEGER,
    issued_at       TEXT,
    ended_by        INTEGER REFERENCES users(id),
    ended_at        TEXT,
    end_reason      TEXT,
    replaces_id     INTEGER REFERENCES results(id),
    replace_reason  TEXT,              -- why the result it replaces was wrong
    -- The public verification link's key: random, so a link cannot be guessed.
    public_token    TEXT NOT NULL UNIQUE,
    UNIQUE (issued_unit_id, register_year, register_no)
);
-- At most one draft (prepared or signed) and one issued result a dossier: a
-- replacement is drafted while the result it replaces is still in force.
CREATE UNIQUE INDEX results_draft ON results (dossier_id) WHERE state IN ('prepared', 'signed');
CREATE UNIQUE INDEX results_issued ON results (dossier_id) WHERE state = 'issued';
CREATE INDEX results_dossier ON results (dossier_id, id);

-- The last number given in each unit's results register, a year.
CREATE TABLE result_numbers (
    unit_id  INTEGER NOT NULL REFERENCES units(id),
    year     INTEGER NOT NULL,
    last_no  INTEGER NOT NULL,
    PRIMARY KEY (unit_id, year)
);

-- Facts about the installation as a whole. `demo` = 'true' is written only
-- by the demo loader: a server on demo data trusts the demo's certificate
-- authority and signs with the demo's public keys (docs/signatures.md);
-- `motcua init` never writes it.
CREATE TABLE installation (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
