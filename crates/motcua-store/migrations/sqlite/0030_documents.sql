-- Official documents under Decree 30/2020 (docs/documents.md): the
-- agencies' registers of incoming (den) and outgoing (di) documents, the
-- documents with their routing, and a history line per step. Keep in step
-- with ../postgres/0030_documents.sql.

-- The last number given in each register: per agency (unit), direction,
-- series (thuong, mat, qppl) and year. A number is taken by an upsert in
-- the transaction that registers or issues the document, so numbers are
-- gap-free, start at 1 each year and are never given twice.
CREATE TABLE document_numbers (
    unit_id   INTEGER NOT NULL REFERENCES units(id),
    direction TEXT NOT NULL CHECK (direction IN ('den', 'di')),
    series    TEXT NOT NULL,
    year      INTEGER NOT NULL,
    last_no   INTEGER NOT NULL,
    PRIMARY KEY (unit_id, direction, series, year)
);

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES units(id),  -- the agency whose register holds it
    direction     TEXT NOT NULL CHECK (direction IN ('den', 'di')),
    series        TEXT NOT NULL,
    state         TEXT NOT NULL,
    doc_type      TEXT NOT NULL,
    subject       TEXT NOT NULL,
    reg_year      INTEGER,           -- the register's year and number (số đến, số đi)
    reg_no        INTEGER,
    notation      TEXT,              -- số, ký hiệu: ours when outgoing, the sender's when incoming
    doc_date      TEXT,              -- the document's date (ngày văn bản)
    issuer        TEXT,              -- outgoing: the issuer's part of the notation (UBND, UBND-VP)
    signer_position TEXT,
    signer_id     INTEGER REFERENCES users(id),
    signer_name   TEXT,
    external_recipients TEXT,        -- outgoing: recipients outside motcua, as written
    sender_name   TEXT,              -- incoming: the issuing agency
    source_id     INTEGER REFERENCES documents(id),  -- incoming: the outgoing document it is a copy of
    arrived_at    TEXT,
    lead_unit_id  INTEGER REFERENCES units(id),
    due_at        TEXT,
    done_at       TEXT,
    reason        TEXT,              -- the last refusal or return reason
    created_by    INTEGER REFERENCES users(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX documents_number ON documents (unit_id, direction, series, reg_year, reg_no)
    WHERE reg_no IS NOT NULL;
CREATE INDEX documents_of_unit ON documents (unit_id, direction, id);
CREATE INDEX documents_lead ON documents (lead_unit_id) WHERE lead_unit_id IS NOT NULL;
CREATE UNIQUE INDEX documents_copy ON documents (source_id, unit_id) WHERE source_id IS NOT NULL;

-- The units of a document other than its holder and lead: cooperating
-- units of an incoming one, recipient units of an outgoing one.
CREATE TABLE document_units (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    role        TEXT NOT NULL CHECK (role IN ('cooperating', 'recipient')),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (document_id, role, unit_id)
);
CREATE INDEX document_units_unit ON document_units (unit_id, role);

CREATE TABLE document_history (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id),
    action      TEXT NOT NULL,
    note        TEXT
);
CREATE INDEX document_history_of ON document_history (document_id, id);
