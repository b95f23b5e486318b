-- Official documents sent and received between installations through the
-- exchange (docs/documents.md, "Between installations"; docs/exchange.md).
-- Keep in step with ../postgres/0035_exchange_documents.sql.

-- The agency identifiers (mã định danh) this installation knows, kept by
-- an administrator: an outside agency a document can be sent to (no
-- unit), or one of this installation's units, which receives the
-- documents addressed to that identifier.
CREATE TABLE exchange_agencies (
    id         INTEGER PRIMARY KEY,
    organ_code TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    unit_id    INTEGER UNIQUE REFERENCES units(id),
    created_at TEXT NOT NULL
);

-- The outside recipients of an outgoing document and what became of it
-- there: the last status code their replies gave (NULL: sent, no reply
-- yet), with a refusal's reason.
CREATE TABLE document_outside (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    agency_id   INTEGER NOT NULL REFERENCES exchange_agencies(id),
    status      TEXT,
    reason      TEXT,
    updated_at  TEXT,
    PRIMARY KEY (document_id, agency_id)
);

-- An outgoing document sent through the exchange, or an incoming one
-- received through it: its edXML DocumentId; an incoming one also keeps
-- the sender's identifier and the identifier it was addressed to here,
-- for the status replies.
ALTER TABLE documents ADD COLUMN xdoc_id TEXT;
ALTER TABLE documents ADD COLUMN xdoc_sender TEXT;
ALTER TABLE documents ADD COLUMN xdoc_recipient TEXT;
CREATE INDEX documents_xdoc ON documents (xdoc_id) WHERE xdoc_id IS NOT NULL;
