-- Accounts: password changes, resets and the list of sessions (issue 11).
-- Keep in step with ../sqlite/0014_accounts.sql.

-- Set by an administrator's reset (a temporary password): until the user
-- chooses a new password, every page and API call but the change itself
-- is refused. Cleared by the change.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
-- When the password was last set by its owner (NULL: never since this
-- migration).
ALTER TABLE users ADD COLUMN password_changed_at TIMESTAMP;

-- What the account page shows of a session so that its owner recognises
-- it: the browser (User-Agent, shortened) it was opened from. Sessions of
-- before this migration have none.
ALTER TABLE sessions ADD COLUMN device TEXT;
