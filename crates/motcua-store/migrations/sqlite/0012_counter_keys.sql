-- The statistics counters with both bases in one row (issue 10, the
-- lifecycle benchmark): `n_intake` and `n_handling` instead of a `basis`
-- column. When the receiving unit handles the dossier too (every commune
-- procedure) a counter is one row instead of two, and so are the roll-ups
-- of the units both lineages share (the province, always): an action
-- writes about half the rows it wrote after migration 0010. stat_counts
-- also becomes a WITHOUT ROWID table (one B-tree per row, not two). The
-- figures do not change. Keep in step with ../postgres/0012_counter_keys.sql.

CREATE TABLE stat_counts_0012 (
    unit_id      INTEGER NOT NULL,   -- the credited unit (receiving for n_intake, handling for n_handling)
    procedure_id INTEGER NOT NULL,
    day          TEXT NOT NULL,
    metric       INTEGER NOT NULL,   -- motcua_rules::stats::Metric
    province_id  INTEGER NOT NULL,
    n_intake     INTEGER NOT NULL,   -- motcua_rules::credit::Basis::Intake
    n_handling   INTEGER NOT NULL,   -- motcua_rules::credit::Basis::Handling
    PRIMARY KEY (unit_id, procedure_id, day, metric)
) WITHOUT ROWID;
INSERT INTO stat_counts_0012 (unit_id, procedure_id, day, metric, province_id, n_intake, n_handling)
SELECT unit_id, procedure_id, day, metric, MAX(province_id),
       SUM(CASE WHEN basis = 0 THEN n ELSE 0 END), SUM(CASE WHEN basis = 1 THEN n ELSE 0 END)
FROM stat_counts GROUP BY unit_id, procedure_id, day, metric;
DROP TABLE stat_counts;
ALTER TABLE stat_counts_0012 RENAME TO stat_counts;

CREATE TABLE stat_rollups_0012 (
    unit_id    INTEGER NOT NULL,   -- the unit whose subtree is summed
    grain      INTEGER NOT NULL,   -- 0 day, 1 month, 2 year
    period     TEXT NOT NULL,      -- the first day of the day, month or year
    metric     INTEGER NOT NULL,
    n_intake   INTEGER NOT NULL,
    n_handling INTEGER NOT NULL,
    PRIMARY KEY (unit_id, grain, period, metric)
) WITHOUT ROWID;
INSERT INTO stat_rollups_0012 (unit_id, grain, period, metric, n_intake, n_handling)
SELECT unit_id, grain, period, metric,
       SUM(CASE WHEN basis = 0 THEN n ELSE 0 END), SUM(CASE WHEN basis = 1 THEN n ELSE 0 END)
FROM stat_rollups GROUP BY unit_id, grain, period, metric;
DROP TABLE stat_rollups;
ALTER TABLE stat_rollups_0012 RENAME TO stat_rollups;
