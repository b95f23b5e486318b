-- Per-step deadlines (issue 10): each workflow step visit has its own due
-- moment from its share of the time limit (motcua_rules::dossier::step_clock).
-- Keep in step with ../sqlite/0009_step_deadlines.sql.

-- The running step, so the inbox shows and flags it without a join.
ALTER TABLE dossiers ADD COLUMN step_started_at TIMESTAMP;
ALTER TABLE dossiers ADD COLUMN step_due_at TIMESTAMP;
-- Working days the running step has waited for supplements.
ALTER TABLE dossiers ADD COLUMN step_paused_days BIGINT NOT NULL DEFAULT 0;

-- One row per step visit (a step entered by a forward, or again by a
-- return), written in the transaction of the action that started it and
-- completed by the action that ended it.
CREATE TABLE dossier_steps (
    dossier_id   BIGINT NOT NULL REFERENCES dossiers(id),
    seq          BIGINT NOT NULL,   -- the dossier version (event) that started the visit
    province_id  BIGINT NOT NULL,
    step         BIGINT NOT NULL,   -- index in the workflow
    unit_id      BIGINT NOT NULL REFERENCES units(id),
    role         TEXT NOT NULL,
    started_at   TIMESTAMP NOT NULL,
    due_at       TIMESTAMP,         -- NULL: no own deadline (share 0, or a visit older than this migration)
    ended_at     TIMESTAMP,         -- NULL while the step runs
    late         BOOLEAN,           -- once ended; NULL while running or not known (older visits)
    paused_days  BIGINT NOT NULL DEFAULT 0,
    working_days BIGINT,            -- start to end less paused; NULL while running or not known
    PRIMARY KEY (dossier_id, seq)
);
-- Per-step timeliness of a unit and period.
CREATE INDEX dossier_steps_unit_ended ON dossier_steps (unit_id, ended_at) WHERE ended_at IS NOT NULL;

-- Older dossiers: their visits rebuilt from the history. Before returns
-- existed a dossier went through its steps in order, so the n-th forward
-- entered step n-1, and a visit ended at the next forward, finish, stop or
-- withdrawal. The units come from the dossier's route, the roles from its
-- procedure version. Due moments and lateness need the working-day
-- calendar, which SQL does not have: they stay NULL ("not computed").
INSERT INTO dossier_steps (dossier_id, seq, province_id, step, unit_id, role, started_at, due_at, ended_at,
                           late, paused_days, working_days)
SELECT v.dossier_id, v.seq, v.province_id, v.k,
       ((d.route::jsonb -> CAST(v.k AS INTEGER)) ->> 'id')::bigint,
       COALESCE(pv.data::jsonb -> 'workflow' -> CAST(v.k AS INTEGER) ->> 'role', 'specialist'),
       v.at, NULL, v.next_at, NULL, 0, NULL
FROM (
    SELECT m.dossier_id, m.seq, m.province_id, m.at, m.action, m.fwd - 1 AS k,
           LEAD(m.at) OVER (PARTITION BY m.dossier_id ORDER BY m.seq) AS next_at
    FROM (
        SELECT e.dossier_id, e.seq, e.province_id, e.at, e.action,
               SUM(CASE WHEN e.action = 'forward' THEN 1 ELSE 0 END)
                   OVER (PARTITION BY e.dossier_id ORDER BY e.seq) AS fwd
        FROM dossier_events e
        WHERE e.action IN ('forward', 'finish', 'stop', 'withdraw')
    ) m
) v
JOIN dossiers d ON d.id = v.dossier_id
JOIN procedure_versions pv ON pv.id = d.procedure_version_id
WHERE v.action = 'forward' AND (d.route::jsonb -> CAST(v.k AS INTEGER)) ->> 'id' IS NOT NULL;

-- A running step keeps its start; its own due moment is not computed.
UPDATE dossiers SET step_started_at = (
    SELECT MAX(s.started_at) FROM dossier_steps s WHERE s.dossier_id = dossiers.id AND s.ended_at IS NULL
) WHERE step IS NOT NULL AND status IN (4, 5, 6);
