-- The audit trail is append-only: no API edits it, and neither can a stray
-- UPDATE or DELETE (a bug, a console session): the database refuses.
CREATE TRIGGER `case_events_no_update` BEFORE UPDATE ON `case_events`
BEGIN
  SELECT RAISE(ABORT, 'case_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `case_events_no_delete` BEFORE DELETE ON `case_events`
BEGIN
  SELECT RAISE(ABORT, 'case_events is append-only');
END;
