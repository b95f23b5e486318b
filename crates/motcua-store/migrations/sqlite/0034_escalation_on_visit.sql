-- The escalation state moves from the dossier to its step visit: 0 none,
-- else the highest level created, 9 nothing more to come under its rule.
-- On the visit, a new visit starts at 0 by itself and a dossier's action
-- touches neither the column nor the scheduler's index; the scheduler
-- reads only the open visits not yet done, by their due moment (which a
-- pause moves). Migration 0028 had put it on the dossier
-- (dossiers.step_escalated, index dossiers_step_due); the open visit of
-- each dossier takes over the dossier's mark, so nothing is escalated
-- twice. Keep in step with ../postgres/0034_escalation_on_visit.sql.
ALTER TABLE dossier_steps ADD COLUMN escalated INTEGER NOT NULL DEFAULT 0;
UPDATE dossier_steps SET escalated = (SELECT d.step_escalated FROM dossiers d WHERE d.id = dossier_steps.dossier_id)
WHERE ended_at IS NULL;
CREATE INDEX dossier_steps_escalation ON dossier_steps (due_at) WHERE ended_at IS NULL AND escalated < 9;
DROP INDEX dossiers_step_due;
ALTER TABLE dossiers DROP COLUMN step_escalated;
