-- The outbox of the sync to the national public service portal (Cổng
-- DVCQG; docs/portal-sync.md). Keep in step with
-- ../sqlite/0026_portal_sync.sql.
--
-- One row per dossier event, written in the event's own transaction
-- (`ops/dossiers.rs::insert_event`): the event is in `dossier_events`
-- under the same (dossier_id, seq), so the row holds no payload; the
-- sender builds the portal's messages from the dossier and the event when
-- it sends. No personal data here.
CREATE TABLE portal_sync (
    dossier_id    BIGINT NOT NULL REFERENCES dossiers(id),
    seq           BIGINT NOT NULL,    -- the event's number, dossier_events.seq
    -- pending: to send (retried with backoff); sent: the portal took it;
    -- failed: the portal refused it (held for an administrator, blocks the
    -- dossier's later events); skipped: the dossier was closed without a
    -- code, which the portal needs.
    state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'skipped')),
    next_at       TIMESTAMP NOT NULL,     -- the event's time; after a failure, the next try (backoff)
    attempts      INTEGER NOT NULL DEFAULT 0,
    sent_at       TIMESTAMP,
    error_code    TEXT,               -- the last failure: motcua's code or the portal's error_code
    error_field   TEXT,               -- the portal's field, when it named one
    error_message TEXT,               -- the portal's words (no record content)
    PRIMARY KEY (dossier_id, seq)
);
-- The sender's queue: only the rows still to send.
CREATE INDEX portal_sync_due ON portal_sync (next_at) WHERE state = 'pending';
-- The administrator's list of refusals.
CREATE INDEX portal_sync_failed ON portal_sync (dossier_id) WHERE state = 'failed';
