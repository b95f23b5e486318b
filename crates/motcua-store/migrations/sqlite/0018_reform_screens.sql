-- The reform office's screens (docs/par-sipas.md, "Screens"): drafts of a
-- sheet kept while someone types, and the survey links that can still be
-- printed again. Keep in step with ../postgres/0018_reform_screens.sql.

-- What a user typed into a sheet and has not saved yet: the form's fields
-- as JSON, one draft per (campaign, unit, user). Saving the sheet deletes
-- it; nothing here counts toward a score or the audit log.
CREATE TABLE reform_sheet_drafts (
    campaign_id INTEGER NOT NULL REFERENCES reform_campaigns(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    user_id     INTEGER NOT NULL REFERENCES users(id),
    body        TEXT NOT NULL,          -- JSON object: field name -> text typed
    saved_at    TEXT NOT NULL,
    PRIMARY KEY (campaign_id, unit_id, user_id)
);

-- The link itself, kept only while nobody has answered through it, so the
-- office can print its card again; erased in the same statement that marks
-- the link used. Links issued before this migration have only their hash
-- and stay unprintable (docs/par-sipas.md, "Survey links").
ALTER TABLE sipas_tokens ADD COLUMN token TEXT;
