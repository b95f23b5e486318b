-- Leases for the background jobs that must run in one server process of an
-- installation at a time, however many processes serve it (the portal
-- sync, the notification sender, the escalation scheduler). Keep in step
-- with ../sqlite/0025_worker_leases.sql.
--
-- A process holds a job's lease until expires_at and renews it on each
-- round; when it dies, another process takes the lease once it expires.
CREATE TABLE worker_leases (
    name       TEXT PRIMARY KEY,   -- the job, e.g. 'portal_sync'
    holder     TEXT NOT NULL,      -- the process holding it (host, pid and a random part)
    expires_at TIMESTAMP NOT NULL
);
