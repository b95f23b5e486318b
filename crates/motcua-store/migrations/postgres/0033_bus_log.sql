-- The exchange's message log (docs/exchange.md, "The message log"): every
-- message received from another agency and every message this
-- installation sent through the bus, with its raw bytes, their SHA-256 and
-- the time. A received message that failed validation is kept too, with
-- the refusal's code and field. Keep in step with
-- ../sqlite/0033_bus_log.sql.
CREATE TABLE bus_log (
    id            BIGSERIAL PRIMARY KEY,
    at            TIMESTAMP NOT NULL,
    direction     TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    kind          TEXT NOT NULL CHECK (kind IN ('document', 'status', 'unknown')),
    sender        TEXT,               -- the sending agency's identifier; NULL when unreadable
    recipient     TEXT,               -- the receiving agency's identifier
    document_id   TEXT,               -- the document's DocumentId (a status reply: the one it answers)
    business_type SMALLINT,           -- BussinessDocType of a document
    status        TEXT,               -- a status reply's code; a received document: the code answered (01, 02)
    refusal_code  TEXT,               -- the RuleError code a received message was refused with
    refusal_field TEXT,               -- and its element path
    subject       TEXT NOT NULL,      -- the bus subject
    msg_key       TEXT NOT NULL,      -- the bus key (Nats-Msg-Id)
    sha256        TEXT NOT NULL,      -- of payload, hex
    payload       BYTEA NOT NULL      -- the raw bytes as received or sent
);
-- A redelivery of a message already logged is recognised by its key and bytes.
CREATE INDEX bus_log_key ON bus_log (msg_key, sha256);
