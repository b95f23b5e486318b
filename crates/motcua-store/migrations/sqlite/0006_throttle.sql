-- Failed-attempt counters shared by every server process: one row per key
-- (a login account at an address, an address, a dossier code of the public
-- look-up, registrations of an address on a day). See ops/throttle.rs.
CREATE TABLE throttle (
    key             TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL,
    next_at         TEXT NOT NULL,      -- no attempt before this time
    last_failure_at TEXT NOT NULL
);
CREATE INDEX throttle_last_failure ON throttle (last_failure_at);
