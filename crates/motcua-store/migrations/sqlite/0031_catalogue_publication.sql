-- 766 indicators 1.1–1.3 from the catalogue (docs/index766.md §9): each
-- procedure version carries the dates of the publication decision it rests
-- on, copied from its data (publication.decision_date, .basis_effective,
-- .public_date) when it is written, so a period's decisions are read
-- without parsing every version. Versions written before this migration
-- have none: their procedures are "not measurable" until an administrator
-- enters the dates. Keep in step with ../postgres/0031_catalogue_publication.sql.
ALTER TABLE procedure_versions ADD COLUMN decision TEXT;
ALTER TABLE procedure_versions ADD COLUMN decision_date TEXT;
ALTER TABLE procedure_versions ADD COLUMN basis_effective TEXT;
ALTER TABLE procedure_versions ADD COLUMN public_date TEXT;
CREATE INDEX procedure_versions_decided ON procedure_versions (decision_date) WHERE decision_date IS NOT NULL;

-- The scores the national portal published for a unit and period (issue
-- 14): recorded by the reform office next to motcua's own, to show the
-- difference. period is a month (2026-03), a quarter (2026-Q1) or a year
-- (2026); each group score is null where the portal's figure is not known.
CREATE TABLE portal_scores (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES units(id),
    period         TEXT NOT NULL,
    total          REAL NOT NULL,
    transparency   REAL,
    progress       REAL,
    online_service REAL,
    online_payment REAL,
    digitisation   REAL,
    satisfaction   REAL,
    recorded_at    TEXT NOT NULL,
    recorded_by    INTEGER REFERENCES users(id),
    UNIQUE (unit_id, period)
);
CREATE INDEX portal_scores_period ON portal_scores (period, unit_id);
