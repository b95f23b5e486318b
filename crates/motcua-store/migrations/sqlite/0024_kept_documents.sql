-- Digitised components and their reuse (số hóa, Circular 01/2023/TT-VPCP;
-- docs/lifecycle.md, "Digitised components"). Keep in step with
-- ../postgres/0024_kept_documents.sql.
--
-- A person's kept documents: the components the counter digitised (the
-- agency's signature on the scan makes it an electronic copy of the
-- original) and the electronic results issued to them, by identity number
-- (CCCD). Each row names the signed file, an attachment of the dossier it
-- came from; a reuse in a later dossier is a new attachment row with the
-- same file (the file store keeps the bytes once) that points back here.
CREATE TABLE kept_documents (
    id                   INTEGER PRIMARY KEY,
    holder_id            TEXT NOT NULL,     -- the identity number on the dossier: personal data, never logged
    owner_user_id        INTEGER REFERENCES users(id),  -- the dossier's citizen account, offered the document online
    kind                 TEXT NOT NULL CHECK (kind IN ('digitised', 'result')),
    name                 TEXT NOT NULL,     -- the component's name, or the result's title
    dossier_id           INTEGER NOT NULL REFERENCES dossiers(id),
    attachment_id        INTEGER NOT NULL UNIQUE REFERENCES attachments(id),
    source_attachment_id INTEGER UNIQUE REFERENCES attachments(id),  -- digitised: the scan, copied once
    result_id            INTEGER UNIQUE REFERENCES results(id),
    unit_id              INTEGER NOT NULL REFERENCES units(id),  -- the unit whose agency signed it
    created_by           INTEGER REFERENCES users(id),
    created_at           TEXT NOT NULL,
    withdrawn_at         TEXT               -- a revoked or replaced result is offered no more
);
CREATE INDEX kept_documents_holder ON kept_documents (holder_id, id);
CREATE INDEX kept_documents_owner ON kept_documents (owner_user_id, id);

-- A file of a dossier that reuses a kept document.
ALTER TABLE attachments ADD COLUMN kept_document_id INTEGER REFERENCES kept_documents(id);
CREATE INDEX attachments_reusing ON attachments (dossier_id) WHERE kept_document_id IS NOT NULL;
