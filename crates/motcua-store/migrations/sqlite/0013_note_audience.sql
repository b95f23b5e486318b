-- Notes for the file and notes for the applicant (issue 11).
-- Keep in step with ../postgres/0013_note_audience.sql.

-- Whether the applicant may read the event's note (motcua_rules::dossier::
-- NoteAudience). Internal by default: a remark kept inside can be repeated
-- to the citizen, one shown by mistake cannot be taken back.
ALTER TABLE dossier_events ADD COLUMN note_for_applicant INTEGER NOT NULL DEFAULT 0;

-- Existing notes: the written notices the one-stop rules send to the
-- applicant (refusal, supplement request, stop, apology with a new date)
-- and the applicant's own submission note were always meant for them;
-- every other note becomes internal.
UPDATE dossier_events SET note_for_applicant = 1
WHERE note IS NOT NULL
  AND action IN ('refuse_to_receive', 'request_supplement', 'stop', 'reschedule', 'submit_online');
