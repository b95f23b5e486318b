-- Statistics counters, kept in the same transaction as each action
-- (motcua_rules::stats). Keep in step with ../sqlite/0002_statistics.sql.

ALTER TABLE dossiers ADD COLUMN paused_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN processing_days INTEGER;

-- What the history needs to replay the counters (motcua stats rebuild).
ALTER TABLE dossier_events ADD COLUMN supplement_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossier_events ADD COLUMN processing_days INTEGER;

CREATE TABLE stat_counts (
    unit_id      BIGINT NOT NULL,   -- the receiving unit
    procedure_id BIGINT NOT NULL,
    day          DATE NOT NULL,
    metric       SMALLINT NOT NULL,   -- motcua_rules::stats::Metric
    province_id  BIGINT NOT NULL,
    n            BIGINT NOT NULL,
    PRIMARY KEY (unit_id, procedure_id, day, metric)
);
CREATE INDEX stat_counts_province_day ON stat_counts (province_id, day);
