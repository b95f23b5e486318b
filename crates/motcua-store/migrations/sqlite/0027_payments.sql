-- Fees, online payment and electronic receipts (docs/payments.md). Keep in
-- step with ../postgres/0027_payments.sql.
--
-- A payment request: what the officer asked of a dossier with the
-- "request payment" action (status 6), written in that action's
-- transaction, with the amount the fee rule computed.
CREATE TABLE payment_requests (
    id            INTEGER PRIMARY KEY,
    reference     TEXT NOT NULL UNIQUE,    -- sent to the platform, named by its callback
    dossier_id    INTEGER NOT NULL REFERENCES dossiers(id),
    event_seq     INTEGER NOT NULL,        -- the dossier event that asked for it
    stage         INTEGER NOT NULL CHECK (stage IN (1, 2, 4)),  -- HinhThucThu
    exemption     TEXT,                    -- the exemption code recorded, if any
    lines         TEXT NOT NULL,           -- JSON: the fee lines with their reductions
    amount_vnd    INTEGER NOT NULL CHECK (amount_vnd > 0),
    requested_by  INTEGER REFERENCES users(id),
    requested_at  TEXT NOT NULL
);
CREATE INDEX payment_requests_dossier ON payment_requests (dossier_id, id);

-- A payment: at the counter (cash, transfer) or online (the platform's
-- callback), written with the status change it causes. One per request,
-- one per platform transaction: nothing is paid twice.
CREATE TABLE payments (
    id             INTEGER PRIMARY KEY,
    request_id     INTEGER NOT NULL UNIQUE REFERENCES payment_requests(id),
    dossier_id     INTEGER NOT NULL REFERENCES dossiers(id),
    province_id    INTEGER NOT NULL,
    method         TEXT NOT NULL CHECK (method IN ('cash', 'transfer', 'online')),
    amount_vnd     INTEGER NOT NULL,
    transaction_id TEXT UNIQUE,            -- the platform's, online only
    intermediary   TEXT,
    paid_at        TEXT NOT NULL,          -- the platform's time online, the counter's otherwise
    recorded_by    INTEGER REFERENCES users(id),  -- none: the platform's callback
    recorded_at    TEXT NOT NULL,
    -- The electronic receipt (biên lai điện tử): numbered without gaps per
    -- receiving unit and calendar year, in the payment's transaction.
    unit_id        INTEGER NOT NULL REFERENCES units(id),
    receipt_year   INTEGER NOT NULL,
    receipt_no     INTEGER NOT NULL,
    UNIQUE (unit_id, receipt_year, receipt_no)
);
CREATE INDEX payments_dossier ON payments (dossier_id);
CREATE INDEX payments_online_day ON payments (paid_at) WHERE method = 'online';

CREATE TABLE receipt_seq (
    unit_id   INTEGER NOT NULL,
    year      INTEGER NOT NULL,
    last_no   INTEGER NOT NULL,
    PRIMARY KEY (unit_id, year)
);

-- An imported daily statement of the platform and what its comparison
-- with motcua's online payments found.
CREATE TABLE payment_statements (
    id           INTEGER PRIMARY KEY,
    day          TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    lines        INTEGER NOT NULL,
    differences  TEXT NOT NULL,            -- JSON list, empty when the day agrees
    imported_by  INTEGER REFERENCES users(id),
    imported_at  TEXT NOT NULL
);
CREATE INDEX payment_statements_day ON payment_statements (day, id);
