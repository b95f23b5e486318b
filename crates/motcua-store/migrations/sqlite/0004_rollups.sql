-- Subtree roll-ups of stat_counts, so a dashboard for a province reads a few
-- rows instead of every counter below it. For every unit, the sum over the
-- receiving units at or below it (itself and its subtree), per day (grain 0),
-- month (1, period = the 1st) and year (2, period = 1 January), with no
-- procedure. Kept in the same transaction as stat_counts (ops/stats.rs);
-- `motcua stats rebuild` recomputes both. Units never move in the tree, so an
-- ancestor's roll-up never needs re-homing. Keep in step with
-- ../postgres/0004_rollups.sql.

CREATE TABLE stat_rollups (
    unit_id INTEGER NOT NULL,   -- the unit whose subtree is summed
    grain   INTEGER NOT NULL,   -- 0 day, 1 month, 2 year
    period  TEXT NOT NULL,      -- the first day of the day, month or year
    metric  INTEGER NOT NULL,   -- motcua_rules::stats::Metric
    n       INTEGER NOT NULL,
    PRIMARY KEY (unit_id, grain, period, metric)
) WITHOUT ROWID;

-- Citizens' ratings are counted from now on (metrics 16 and 17, for 766
-- indicator 5.4; "dissatisfied" is a total under 9, rules::stats); count
-- the ones already given, as `motcua stats rebuild` would.
INSERT INTO stat_counts (unit_id, procedure_id, day, metric, province_id, n)
SELECT d.receiving_unit_id, d.procedure_id, substr(r.rated_at, 1, 10), m.metric, d.province_id, COUNT(*)
FROM dossier_ratings r
JOIN dossiers d ON d.id = r.dossier_id
JOIN (SELECT 16 AS metric UNION ALL SELECT 17) m ON m.metric = 16 OR r.total < 9
GROUP BY d.receiving_unit_id, d.procedure_id, substr(r.rated_at, 1, 10), m.metric, d.province_id;

-- Fill from the counters an existing database already has.
INSERT INTO stat_rollups (unit_id, grain, period, metric, n)
SELECT a.id, g.grain,
       CASE g.grain WHEN 0 THEN k.day WHEN 1 THEN substr(k.day, 1, 8) || '01' ELSE substr(k.day, 1, 5) || '01-01' END,
       k.metric, SUM(k.n)
FROM stat_counts k
JOIN units u ON u.id = k.unit_id
JOIN units a ON substr(u.path, 1, length(a.path)) = a.path
CROSS JOIN (SELECT 0 AS grain UNION ALL SELECT 1 UNION ALL SELECT 2) g
GROUP BY 1, 2, 3, 4
HAVING SUM(k.n) <> 0;

-- The units a ranking compares: one level of one province.
CREATE INDEX units_province_level ON units (province_id, level);
-- A dashboard's "most overdue" list: open dossiers with the clock running
-- (statuses 2, 4, 6), in due order, per province.
CREATE INDEX dossiers_past_due ON dossiers (province_id, due_at, id) WHERE status IN (2, 4, 6);
-- Nothing reads the counters by province and day any more (dashboards read
-- the roll-ups); the index only slowed every write and every rebuild.
DROP INDEX stat_counts_province_day;
