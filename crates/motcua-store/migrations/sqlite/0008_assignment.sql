-- Assignment, return and bulk actions (issue 10).
-- Keep in step with ../postgres/0008_assignment.sql.

-- The officer the dossier's current step is assigned to (phân công);
-- NULL when nobody is named. Cleared when the dossier leaves the step.
-- Existing dossiers were never assigned: NULL is their true value.
ALTER TABLE dossiers ADD COLUMN assigned_user_id INTEGER REFERENCES users(id);

-- "Assigned to me" (Được giao cho tôi): an officer's open dossiers in due
-- order, read straight off the index like the unit inbox (dossiers_inbox).
CREATE INDEX dossiers_assigned ON dossiers (assigned_user_id, inbox_due, id)
    WHERE status IN (1, 2, 4, 5, 6, 9) AND assigned_user_id IS NOT NULL;

-- What a history line needs to show a return (from step, to step; 0-based)
-- and an assignment (from officer, to officer): the values before and
-- after the event. NULL on events written before this migration.
ALTER TABLE dossier_events ADD COLUMN from_step INTEGER;
ALTER TABLE dossier_events ADD COLUMN to_step INTEGER;
ALTER TABLE dossier_events ADD COLUMN assigned_from INTEGER REFERENCES users(id);
ALTER TABLE dossier_events ADD COLUMN assigned_to INTEGER REFERENCES users(id);
