-- Staff search of dossiers and the record of who saw whose personal data
-- (issue 11). Keep in step with ../postgres/0011_dossier_search.sql.

-- One row per search key of a dossier's applicant (motcua_rules::
-- dossier_search::keys_of: 'n:' folded name and its last words, 'p:' phone,
-- 'i:' identity number) and per unit the dossier is seen through (its
-- receiving unit and each unit of its route, by path): a key looked up
-- within a subtree is one range of this table's B-tree. Rows of existing
-- dossiers are written by the store after this file (folding needs Rust).
CREATE TABLE dossier_search (
    key        TEXT NOT NULL,
    unit_path  TEXT NOT NULL,
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
    PRIMARY KEY (key, unit_path, dossier_id)
) WITHOUT ROWID;

-- Every view of an applicant's personal data by staff (Decree 13/2023):
-- who, whose dossier, when, and through what (the dossier page, the API, a
-- printed slip). Read by administrators of the viewer's or the dossier's
-- units; never written for the citizen's own views.
CREATE TABLE personal_data_views (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    unit_path   TEXT NOT NULL,  -- the viewer's unit, for the administrator's scope
    dossier_id  INTEGER NOT NULL REFERENCES dossiers(id),
    via         TEXT NOT NULL   -- 'page', 'api', 'slip', 'search'
);
CREATE INDEX personal_data_views_unit ON personal_data_views (unit_path, id);
CREATE INDEX personal_data_views_dossier ON personal_data_views (dossier_id, id);
