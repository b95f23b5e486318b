-- File bytes move out of the database into the content-addressed file
-- store (docs/storage.md): the rows keep each file's metadata and SHA-256,
-- and `data` becomes nullable. New rows leave it NULL; old rows keep their
-- bytes until `motcua files move` copies them out, checks them and clears
-- the column. Keep in step with ../sqlite/0023_files_out.sql.
-- The sha256 indexes serve the sweep and the check.

ALTER TABLE attachments ALTER COLUMN data DROP NOT NULL;
ALTER TABLE reform_evidence ALTER COLUMN data DROP NOT NULL;
ALTER TABLE procedure_forms ALTER COLUMN data DROP NOT NULL;
CREATE INDEX attachments_sha256 ON attachments (sha256);
CREATE INDEX reform_evidence_sha256 ON reform_evidence (sha256);
CREATE INDEX procedure_forms_sha256 ON procedure_forms (sha256);
