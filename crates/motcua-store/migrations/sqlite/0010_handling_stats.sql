-- Statistics credited to the unit that handles (issue 10): every counter
-- is kept for the receiving unit (basis 0, intake) and for the unit that
-- handles the dossier (basis 1, handling: the unit that implements the
-- procedure, motcua_rules::credit). Keep in step with
-- ../postgres/0010_handling_stats.sql.

-- The handling unit, fixed when the dossier is created: for a commune
-- (district) procedure the commune (district) at or above the receiving
-- unit, otherwise the procedure's agency; the receiving unit when neither
-- resolves (rules::credit::handling_unit).
ALTER TABLE dossiers ADD COLUMN handling_unit_id INTEGER NOT NULL DEFAULT 0;
UPDATE dossiers SET handling_unit_id = COALESCE(
    (SELECT CASE WHEN json_extract(v.data, '$.level') IN ('commune', 'district') THEN (
                SELECT a.id FROM units r JOIN units a ON substr(r.path, 1, length(a.path)) = a.path
                WHERE r.id = dossiers.receiving_unit_id AND a.level = json_extract(v.data, '$.level')
                ORDER BY length(a.path) DESC LIMIT 1)
            ELSE p.agency_unit_id END
     FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id
     WHERE v.id = dossiers.procedure_version_id),
    receiving_unit_id);

-- SQLite cannot change a primary key in place: copy into new tables.
CREATE TABLE stat_counts_0010 (
    basis        INTEGER NOT NULL,   -- motcua_rules::credit::Basis: 0 intake, 1 handling
    unit_id      INTEGER NOT NULL,   -- the receiving (0) or handling (1) unit
    procedure_id INTEGER NOT NULL,
    day          TEXT NOT NULL,
    metric       INTEGER NOT NULL,   -- motcua_rules::stats::Metric
    province_id  INTEGER NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (basis, unit_id, procedure_id, day, metric)
);
-- Intake: the counters as they were.
INSERT INTO stat_counts_0010 (basis, unit_id, procedure_id, day, metric, province_id, n)
SELECT 0, unit_id, procedure_id, day, metric, province_id, n FROM stat_counts;
-- Handling: the same counters moved to the handling unit of their
-- receiving unit and procedure. That unit is a function of the two (and
-- of the procedure's level, which a new version could change: then
-- `motcua stats check` reports it and `motcua stats rebuild` makes it exact).
INSERT INTO stat_counts_0010 (basis, unit_id, procedure_id, day, metric, province_id, n)
SELECT 1, h.handling_unit_id, k.procedure_id, k.day, k.metric, k.province_id, SUM(k.n)
FROM stat_counts k
JOIN (SELECT receiving_unit_id, procedure_id, MIN(handling_unit_id) AS handling_unit_id
      FROM dossiers GROUP BY receiving_unit_id, procedure_id) h
  ON h.receiving_unit_id = k.unit_id AND h.procedure_id = k.procedure_id
GROUP BY h.handling_unit_id, k.procedure_id, k.day, k.metric, k.province_id
HAVING SUM(k.n) <> 0;
DROP TABLE stat_counts;
ALTER TABLE stat_counts_0010 RENAME TO stat_counts;

CREATE TABLE stat_rollups_0010 (
    basis   INTEGER NOT NULL,   -- 0 intake, 1 handling
    unit_id INTEGER NOT NULL,   -- the unit whose subtree is summed
    grain   INTEGER NOT NULL,   -- 0 day, 1 month, 2 year
    period  TEXT NOT NULL,      -- the first day of the day, month or year
    metric  INTEGER NOT NULL,   -- motcua_rules::stats::Metric
    n       INTEGER NOT NULL,
    PRIMARY KEY (basis, unit_id, grain, period, metric)
) WITHOUT ROWID;
INSERT INTO stat_rollups_0010 (basis, unit_id, grain, period, metric, n)
SELECT 0, unit_id, grain, period, metric, n FROM stat_rollups;
INSERT INTO stat_rollups_0010 (basis, unit_id, grain, period, metric, n)
SELECT 1, a.id, g.grain,
       CASE g.grain WHEN 0 THEN k.day WHEN 1 THEN substr(k.day, 1, 8) || '01' ELSE substr(k.day, 1, 5) || '01-01' END,
       k.metric, SUM(k.n)
FROM stat_counts k
JOIN units u ON u.id = k.unit_id
JOIN units a ON substr(u.path, 1, length(a.path)) = a.path
CROSS JOIN (SELECT 0 AS grain UNION ALL SELECT 1 UNION ALL SELECT 2) g
WHERE k.basis = 1
GROUP BY 1, 2, 3, 4, 5
HAVING SUM(k.n) <> 0;
DROP TABLE stat_rollups;
ALTER TABLE stat_rollups_0010 RENAME TO stat_rollups;
