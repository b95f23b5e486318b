-- The statistics counters with both bases in one row (issue 10, the
-- lifecycle benchmark): `n_intake` and `n_handling` instead of a `basis`
-- column, so that a counter credited to one unit under both bases is one
-- row. The figures do not change. Keep in step with
-- ../sqlite/0012_counter_keys.sql.

CREATE TABLE stat_counts_0012 (
    unit_id      BIGINT NOT NULL,
    procedure_id BIGINT NOT NULL,
    day          DATE NOT NULL,
    metric       SMALLINT NOT NULL,
    province_id  BIGINT NOT NULL,
    n_intake     BIGINT NOT NULL,
    n_handling   BIGINT NOT NULL,
    PRIMARY KEY (unit_id, procedure_id, day, metric)
);
INSERT INTO stat_counts_0012 (unit_id, procedure_id, day, metric, province_id, n_intake, n_handling)
SELECT unit_id, procedure_id, day, metric, MAX(province_id),
       SUM(CASE WHEN basis = 0 THEN n ELSE 0 END), SUM(CASE WHEN basis = 1 THEN n ELSE 0 END)
FROM stat_counts GROUP BY unit_id, procedure_id, day, metric;
DROP TABLE stat_counts;
ALTER TABLE stat_counts_0012 RENAME TO stat_counts;
ALTER INDEX stat_counts_0012_pkey RENAME TO stat_counts_pkey;

CREATE TABLE stat_rollups_0012 (
    unit_id    BIGINT NOT NULL,
    grain      SMALLINT NOT NULL,
    period     DATE NOT NULL,
    metric     SMALLINT NOT NULL,
    n_intake   BIGINT NOT NULL,
    n_handling BIGINT NOT NULL,
    PRIMARY KEY (unit_id, grain, period, metric)
);
INSERT INTO stat_rollups_0012 (unit_id, grain, period, metric, n_intake, n_handling)
SELECT unit_id, grain, period, metric,
       SUM(CASE WHEN basis = 0 THEN n ELSE 0 END), SUM(CASE WHEN basis = 1 THEN n ELSE 0 END)
FROM stat_rollups GROUP BY unit_id, grain, period, metric;
DROP TABLE stat_rollups;
ALTER TABLE stat_rollups_0012 RENAME TO stat_rollups;
ALTER INDEX stat_rollups_0012_pkey RENAME TO stat_rollups_pkey;
