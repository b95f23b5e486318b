-- Feedback (PAKN) handled to a deadline (docs/feedback.md): its topic for
-- 766 indicator 5.1, its due moments on the working-day calendar, the
-- sender's consent to publish the answer and rating of the handling, and a
-- history of forwarding and handling. Keep in step with
-- ../postgres/0029_feedback_deadlines.sql.
--
-- status is now received | refused | answered. The due moments of rows
-- received before this migration are filled in by the server when it
-- starts (it holds the calendar), so they are NULL only until then.
ALTER TABLE feedback ADD COLUMN topic TEXT CHECK (topic IN ('regulation', 'conduct'));
ALTER TABLE feedback ADD COLUMN refuse_by TEXT;
ALTER TABLE feedback ADD COLUMN answer_by TEXT;
ALTER TABLE feedback ADD COLUMN publish_consent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feedback ADD COLUMN published_at TEXT;
ALTER TABLE feedback ADD COLUMN rating TEXT CHECK (rating IN ('satisfied', 'dissatisfied'));
ALTER TABLE feedback ADD COLUMN rated_at TEXT;
-- An earlier feedback of the same matter this one repeats; the earlier one
-- is then marked repeated (5.3 counts it as not satisfactory).
ALTER TABLE feedback ADD COLUMN repeat_of INTEGER REFERENCES feedback(id);
ALTER TABLE feedback ADD COLUMN repeated INTEGER NOT NULL DEFAULT 0;
-- SHA-256 of the key in the sender's tracking link; the key itself is
-- shown once and never stored.
ALTER TABLE feedback ADD COLUMN track_key_hash TEXT;
CREATE INDEX feedback_published ON feedback (published_at) WHERE published_at IS NOT NULL;

-- What happened to a feedback, in order: forwarded (from_unit, to_unit),
-- refused, answered, published, rated, marked as a repeat.
CREATE TABLE feedback_history (
    id          INTEGER PRIMARY KEY,
    feedback_id INTEGER NOT NULL REFERENCES feedback(id),
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id),  -- NULL: the sender
    action      TEXT NOT NULL,
    from_unit_id INTEGER REFERENCES units(id),
    to_unit_id  INTEGER REFERENCES units(id),
    note        TEXT
);
CREATE INDEX feedback_history_of ON feedback_history (feedback_id, id);
