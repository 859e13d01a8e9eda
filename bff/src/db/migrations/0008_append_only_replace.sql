-- The append-only tables also refuse REPLACE. `INSERT OR REPLACE` (and `REPLACE INTO`)
-- with an existing id deletes the old row without firing the delete triggers
-- (recursive_triggers is off on every connection, ours and anyone's sqlite3
-- shell), so an event could be rewritten. A BEFORE INSERT trigger runs before
-- the conflict is resolved: an insert that names an id already on record is
-- refused, whatever conflict clause it carries (for content_versions also one
-- that names an existing (entity, version), its unique key). Our own inserts never name an
-- existing id (ids come from the autoincrement).
CREATE TRIGGER `case_events_no_replace` BEFORE INSERT ON `case_events`
WHEN EXISTS (SELECT 1 FROM `case_events` WHERE `id` = NEW.`id`)
BEGIN
  SELECT RAISE(ABORT, 'case_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `content_versions_no_replace` BEFORE INSERT ON `content_versions`
WHEN EXISTS (
  SELECT 1 FROM `content_versions`
  WHERE `id` = NEW.`id` OR (`entity_type` = NEW.`entity_type` AND `entity_id` = NEW.`entity_id` AND `version` = NEW.`version`)
)
BEGIN
  SELECT RAISE(ABORT, 'content_versions is append-only');
END;
