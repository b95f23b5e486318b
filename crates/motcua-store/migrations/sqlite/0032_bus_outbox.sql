-- The message bus (docs/exchange.md): the outbox an action writes in its
-- own transaction, and the record of messages received from other
-- agencies. Keep in step with ../postgres/0032_bus_outbox.sql.

-- One row per message to publish. The relay (motcua-bus) publishes unsent
-- rows in id order with `Nats-Msg-Id` = msg_key and sets sent_at once the
-- bus has acknowledged; a crash in between publishes the row again, and the
-- bus drops it as a duplicate by its key.
CREATE TABLE bus_outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    subject    TEXT NOT NULL,         -- e.g. EDOC.out.000.00.04.G18
    msg_key    TEXT NOT NULL UNIQUE,  -- the message's key: the same key is the same message
    payload    BLOB NOT NULL,         -- the bytes as published (an edXML message)
    created_at TEXT NOT NULL,
    sent_at    TEXT                   -- NULL until the bus acknowledged it
);
-- The relay's queue: only the rows still to send.
CREATE INDEX bus_outbox_unsent ON bus_outbox (id) WHERE sent_at IS NULL;

-- Every message received, once: a late duplicate (the bus redelivers
-- after a crash, a sender sends again) finds its key here and is a no-op.
CREATE TABLE bus_received (
    sender        TEXT NOT NULL,      -- the sending agency's identifier (OrganId)
    document_id   TEXT NOT NULL,      -- the sender's DocumentId
    business_type INTEGER NOT NULL,   -- 0 new, 1 revoke, 2 update, 3 replace (BussinessDocType)
    sha256        TEXT NOT NULL,      -- of the raw bytes received, hex
    received_at   TEXT NOT NULL,
    PRIMARY KEY (sender, document_id, business_type)
);
