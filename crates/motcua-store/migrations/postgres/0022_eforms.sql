-- Electronic forms (tờ khai điện tử): a procedure's form defined as fields,
-- filled in by the citizen online and rendered by motcua as a PDF.
-- Keep in step with ../sqlite/0022_eforms.sql.

-- A procedure's e-form (at most one). Beside the procedure, not in its
-- immutable procedure_versions, as procedure_forms are: the form is edited
-- on its own, and a dossier keeps a copy of what was filled in
-- (dossier_eforms) and the rendered PDF (attachments), so it never needs
-- the definition it was written on. Each change is a row of
-- procedure_form_changes (change eform_saved | eform_removed, name: the
-- title), which the procedure's history shows.
CREATE TABLE procedure_eforms (
    procedure_id BIGINT PRIMARY KEY REFERENCES procedures(id),
    definition   TEXT NOT NULL,         -- JSON: motcua_rules::eform::EformDefinition
    updated_by   BIGINT REFERENCES users(id),
    updated_at   TIMESTAMP NOT NULL
);

-- What the citizen filled in, kept as text for the counter (the PDF is the
-- dossier's submission attachment for the component). Personal data: never
-- logged.
CREATE TABLE dossier_eforms (
    dossier_id   BIGINT PRIMARY KEY REFERENCES dossiers(id),
    component    TEXT NOT NULL,         -- the dossier component the form fills
    title_vi     TEXT NOT NULL,
    title_en     TEXT,
    fields       TEXT NOT NULL,         -- JSON: [motcua_rules::eform::FilledField], in the form's order
    created_at   TIMESTAMP NOT NULL
);
