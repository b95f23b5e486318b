-- "Toàn trình" really online: the citizen's online supplement and the
-- procedure's form files (tờ khai, mẫu đơn) in the catalogue.
-- Keep in step with ../postgres/0020_online_supplement_forms.sql.

-- When the owner last sent a supplement online that the counter has not
-- accepted or answered yet (motcua_rules DossierState::supplement_arrived_at):
-- the inbox shows "supplement arrived" without reading the history.
ALTER TABLE dossiers ADD COLUMN supplement_arrived_at TEXT;

-- The form files of a procedure, downloaded by anyone from its public page.
-- Not versioned with procedure_versions: a form is replaced or removed as a
-- file, and each change is a row of procedure_form_changes (the history).
CREATE TABLE procedure_forms (
    id           INTEGER PRIMARY KEY,
    procedure_id INTEGER NOT NULL REFERENCES procedures(id),
    name         TEXT NOT NULL,         -- the file name shown and sent, sanitised
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,       -- bytes
    sha256       TEXT NOT NULL,         -- hex, computed by the store
    uploaded_by  INTEGER REFERENCES users(id),
    uploaded_at  TEXT NOT NULL,
    data         BLOB NOT NULL            -- last, so listings never read it
);
CREATE INDEX procedure_forms_procedure ON procedure_forms (procedure_id, id);

-- What happened to the forms, for the procedure's history.
CREATE TABLE procedure_form_changes (
    id           INTEGER PRIMARY KEY,
    procedure_id INTEGER NOT NULL REFERENCES procedures(id),
    change       TEXT NOT NULL,         -- form_added | form_renamed | form_removed
    name         TEXT NOT NULL,         -- the form's name after the change (before it, for a removal)
    old_name     TEXT,                  -- form_renamed: the name before
    at           TEXT NOT NULL,
    by_user      INTEGER REFERENCES users(id)
);
CREATE INDEX procedure_form_changes_procedure ON procedure_form_changes (procedure_id, id);
