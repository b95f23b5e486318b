-- Staff search of dossiers and the record of who saw whose personal data
-- (issue 11). Keep in step with ../sqlite/0011_dossier_search.sql.

-- One row per search key of a dossier's applicant and per unit the dossier
-- is seen through (see the SQLite file). Byte order ("C") so that a unit
-- subtree is the path range [path, path with its last '/' as '0').
CREATE TABLE dossier_search (
    key        TEXT COLLATE "C" NOT NULL,
    unit_path  TEXT COLLATE "C" NOT NULL,
    dossier_id BIGINT NOT NULL REFERENCES dossiers(id),
    PRIMARY KEY (key, unit_path, dossier_id)
);

-- Every view of an applicant's personal data by staff (Decree 13/2023).
CREATE TABLE personal_data_views (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMP NOT NULL,
    user_id     BIGINT NOT NULL REFERENCES users(id),
    unit_path   TEXT COLLATE "C" NOT NULL,
    dossier_id  BIGINT NOT NULL REFERENCES dossiers(id),
    via         TEXT NOT NULL
);
CREATE INDEX personal_data_views_unit ON personal_data_views (unit_path, id);
CREATE INDEX personal_data_views_dossier ON personal_data_views (dossier_id, id);
