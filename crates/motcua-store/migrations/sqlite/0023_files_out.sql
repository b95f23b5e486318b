-- File bytes move out of the database into the content-addressed file
-- store (docs/storage.md): the rows keep each file's metadata and SHA-256,
-- and `data` becomes nullable. New rows leave it NULL; old rows keep their
-- bytes until `motcua files move` copies them out, checks them and clears
-- the column. Keep in step with ../postgres/0023_files_out.sql.
--
-- SQLite cannot drop a NOT NULL constraint in place: each table is rebuilt
-- (new table, copy, drop, rename), which rewrites the bytes once. No table
-- references these three, so the drop leaves no foreign key behind. The
-- sha256 indexes serve the sweep and the check, which look files up by name.

CREATE TABLE attachments_0023 (
    id           INTEGER PRIMARY KEY,
    dossier_id   INTEGER NOT NULL REFERENCES dossiers(id),
    kind         TEXT NOT NULL,         -- submission | supplement | result
    component    TEXT,                  -- the catalogue component the file belongs to, if any
    name         TEXT NOT NULL,         -- the original file name, sanitised by the caller
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,      -- bytes
    sha256       TEXT NOT NULL,         -- hex, computed by the store; the file's name in the file store
    uploaded_by  INTEGER REFERENCES users(id),
    uploaded_at  TEXT NOT NULL,
    data         BLOB                   -- NULL once the bytes are in the file store; last (see 0003)
);
INSERT INTO attachments_0023 SELECT * FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_0023 RENAME TO attachments;
CREATE INDEX attachments_dossier ON attachments (dossier_id, id);
CREATE INDEX attachments_sha256 ON attachments (sha256);

CREATE TABLE reform_evidence_0023 (
    id           INTEGER PRIMARY KEY,
    campaign_id  INTEGER NOT NULL,
    unit_id      INTEGER NOT NULL,
    code         TEXT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    uploaded_by  INTEGER REFERENCES users(id),
    uploaded_at  TEXT      NOT NULL,
    data         BLOB,
    FOREIGN KEY (campaign_id, unit_id) REFERENCES reform_campaign_units (campaign_id, unit_id)
);
INSERT INTO reform_evidence_0023 SELECT * FROM reform_evidence;
DROP TABLE reform_evidence;
ALTER TABLE reform_evidence_0023 RENAME TO reform_evidence;
CREATE INDEX reform_evidence_entry ON reform_evidence (campaign_id, unit_id, code);
CREATE INDEX reform_evidence_sha256 ON reform_evidence (sha256);

CREATE TABLE procedure_forms_0023 (
    id           INTEGER PRIMARY KEY,
    procedure_id INTEGER NOT NULL REFERENCES procedures(id),
    name         TEXT NOT NULL,         -- the file name shown and sent, sanitised
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,       -- bytes
    sha256       TEXT NOT NULL,         -- hex, computed by the store
    uploaded_by  INTEGER REFERENCES users(id),
    uploaded_at  TEXT NOT NULL,
    data         BLOB                   -- NULL once the bytes are in the file store
);
INSERT INTO procedure_forms_0023 SELECT * FROM procedure_forms;
DROP TABLE procedure_forms;
ALTER TABLE procedure_forms_0023 RENAME TO procedure_forms;
CREATE INDEX procedure_forms_procedure ON procedure_forms (procedure_id, id);
CREATE INDEX procedure_forms_sha256 ON procedure_forms (sha256);
