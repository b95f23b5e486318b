-- Notifications and escalation (issue 14; docs/notifications.md). Keep in
-- step with ../postgres/0028_notifications.sql.

-- The outbox: one row per notice, written in the transaction of the
-- action (or the escalation) that causes it; the sender job delivers it.
-- What is said is read again at delivery (the dossier, the event), so a row
-- holds no personal data but the masked address it went to.
CREATE TABLE notifications (
    id                INTEGER PRIMARY KEY,
    dossier_id        INTEGER NOT NULL REFERENCES dossiers(id),
    event_seq         INTEGER,          -- the dossier event (version) that caused it; NULL for an escalation
    kind              TEXT NOT NULL,    -- motcua_rules::notice::NoticeKind
    recipient_user_id INTEGER REFERENCES users(id),  -- a member of staff; NULL: the dossier's applicant
    escalation_level  INTEGER,          -- the escalation it tells of (with the dossier and visit below)
    visit_seq         INTEGER,
    status            TEXT NOT NULL,    -- pending, sent, retrying, failed, not_sent
    channel           TEXT,             -- email, sms, zalo: the one tried last
    address_masked    TEXT,             -- as staff see it (n***@example.vn, 09******78)
    attempts          INTEGER NOT NULL DEFAULT 0,
    last_error        TEXT,             -- a stable code (errors.ftl), never a provider's words
    provider_id       TEXT,             -- the provider's id of the message (Zalo's msg_id)
    created_at        TEXT NOT NULL,
    next_attempt_at   TEXT NOT NULL,
    sent_at           TEXT
);
-- The sender's queue: only what is still to be tried.
CREATE INDEX notifications_queue ON notifications (next_attempt_at) WHERE status IN ('pending', 'retrying');
CREATE INDEX notifications_dossier ON notifications (dossier_id, id);

-- How a person wants to be told: their account page. A dossier with no
-- account uses the contact details written on it.
CREATE TABLE notify_contacts (
    user_id    INTEGER PRIMARY KEY REFERENCES users(id),
    channel    TEXT NOT NULL,           -- email, sms, zalo
    email      TEXT,                    -- personal data, never logged
    phone      TEXT,
    updated_at TEXT NOT NULL
);

-- An administrator's escalation rule, for a procedure or a unit (its
-- subtree, the nearest unit's rule winning).
CREATE TABLE escalation_rules (
    scope_kind          TEXT NOT NULL CHECK (scope_kind IN ('procedure', 'unit')),
    scope_id            INTEGER NOT NULL,
    warn_hours          INTEGER,        -- NULL: no warning to the officer
    leader_when_overdue INTEGER NOT NULL,
    second_level_hours  INTEGER,        -- NULL: no second level
    updated_by          INTEGER REFERENCES users(id),
    updated_at          TEXT NOT NULL,
    PRIMARY KEY (scope_kind, scope_id)
);

-- Each level of each step visit, once: the key is what makes a second
-- round, or a second process, find it done.
CREATE TABLE escalations (
    dossier_id     INTEGER NOT NULL REFERENCES dossiers(id),
    visit_seq      INTEGER NOT NULL,    -- the step visit (dossier_steps.seq)
    level          INTEGER NOT NULL,    -- 1 officer before the due moment, 2 leader when overdue, 3 the leader above
    province_id    INTEGER NOT NULL,
    step           INTEGER NOT NULL,
    unit_id        INTEGER NOT NULL REFERENCES units(id),  -- the step's unit
    notify_unit_id INTEGER NOT NULL REFERENCES units(id),  -- whose officer or leader is told
    due_at         TEXT NOT NULL,       -- the step's due moment when escalated
    created_at     TEXT NOT NULL,
    PRIMARY KEY (dossier_id, visit_seq, level)
);
CREATE INDEX escalations_unit ON escalations (notify_unit_id, created_at);

-- The running step's escalation so far: 0 none, else the highest level
-- created, 9 nothing more to come under its rule. An action that starts a
-- new visit sets it back to 0 in the UPDATE it makes anyway; the scheduler
-- reads only the steps not yet done, by their due moment.
ALTER TABLE dossiers ADD COLUMN step_escalated INTEGER NOT NULL DEFAULT 0;
CREATE INDEX dossiers_step_due ON dossiers (step_due_at) WHERE status IN (4, 6) AND step_escalated < 9;
