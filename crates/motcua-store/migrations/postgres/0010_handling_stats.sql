-- Statistics credited to the unit that handles (issue 10): every counter
-- is kept for the receiving unit (basis 0, intake) and for the unit that
-- handles the dossier (basis 1, handling: the unit that implements the
-- procedure, motcua_rules::credit). Keep in step with
-- ../sqlite/0010_handling_stats.sql.

-- The handling unit, fixed when the dossier is created: for a commune
-- (district) procedure the commune (district) at or above the receiving
-- unit, otherwise the procedure's agency; the receiving unit when neither
-- resolves (rules::credit::handling_unit).
ALTER TABLE dossiers ADD COLUMN handling_unit_id BIGINT NOT NULL DEFAULT 0;
UPDATE dossiers SET handling_unit_id = COALESCE(
    (SELECT CASE WHEN v.data::jsonb ->> 'level' IN ('commune', 'district') THEN (
                SELECT a.id FROM units r JOIN units a ON substr(r.path, 1, length(a.path)) = a.path
                WHERE r.id = dossiers.receiving_unit_id AND a.level = v.data::jsonb ->> 'level'
                ORDER BY length(a.path) DESC LIMIT 1)
            ELSE p.agency_unit_id END
     FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id
     WHERE v.id = dossiers.procedure_version_id),
    receiving_unit_id);
ALTER TABLE dossiers ALTER COLUMN handling_unit_id DROP DEFAULT;

-- Intake keeps the counters as they were (basis 0).
ALTER TABLE stat_counts ADD COLUMN basis SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE stat_counts ALTER COLUMN basis DROP DEFAULT;
ALTER TABLE stat_counts DROP CONSTRAINT stat_counts_pkey;
ALTER TABLE stat_counts ADD PRIMARY KEY (basis, unit_id, procedure_id, day, metric);
-- Handling: the same counters moved to the handling unit of their
-- receiving unit and procedure. That unit is a function of the two (and
-- of the procedure's level, which a new version could change: then
-- `motcua stats check` reports it and `motcua stats rebuild` makes it exact).
INSERT INTO stat_counts (basis, unit_id, procedure_id, day, metric, province_id, n)
SELECT 1, h.handling_unit_id, k.procedure_id, k.day, k.metric, k.province_id, SUM(k.n)
FROM stat_counts k
JOIN (SELECT receiving_unit_id, procedure_id, MIN(handling_unit_id) AS handling_unit_id
      FROM dossiers GROUP BY receiving_unit_id, procedure_id) h
  ON h.receiving_unit_id = k.unit_id AND h.procedure_id = k.procedure_id
WHERE k.basis = 0
GROUP BY h.handling_unit_id, k.procedure_id, k.day, k.metric, k.province_id
HAVING SUM(k.n) <> 0;

ALTER TABLE stat_rollups ADD COLUMN basis SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE stat_rollups ALTER COLUMN basis DROP DEFAULT;
ALTER TABLE stat_rollups DROP CONSTRAINT stat_rollups_pkey;
ALTER TABLE stat_rollups ADD PRIMARY KEY (basis, unit_id, grain, period, metric);
INSERT INTO stat_rollups (basis, unit_id, grain, period, metric, n)
SELECT 1, a.id, g.grain,
       CASE g.grain WHEN 0 THEN k.day
                    WHEN 1 THEN CAST(date_trunc('month', k.day) AS DATE)
                    ELSE CAST(date_trunc('year', k.day) AS DATE) END,
       k.metric, SUM(k.n)
FROM stat_counts k
JOIN units u ON u.id = k.unit_id
JOIN units a ON substr(u.path, 1, length(a.path)) = a.path
CROSS JOIN (VALUES (0), (1), (2)) AS g (grain)
WHERE k.basis = 1
GROUP BY 1, 2, 3, 4, 5
HAVING SUM(k.n) <> 0;
