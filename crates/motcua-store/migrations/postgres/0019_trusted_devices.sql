-- Devices that have logged in to an account before (issue 17: OWASP's
-- "device cookies"). A successful login gives its browser or client a
-- random token in the cookie motcua_device; only its SHA-256 is kept here.
-- A later login to the same account with that cookie is admitted through
-- the hashing pool's lane for proven clients, which a botnet guessing the
-- account's password cannot fill. An administrator's reset forgets the
-- account's devices. Keep in step with ../sqlite/0019_trusted_devices.sql.
CREATE TABLE trusted_devices (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX trusted_devices_user ON trusted_devices (user_id, created_at);
