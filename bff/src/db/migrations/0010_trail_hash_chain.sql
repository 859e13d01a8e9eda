ALTER TABLE `case_events` ADD `hash` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `trail_event_id` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `trail_hash` text;--> statement-breakpoint
ALTER TABLE `content_versions` ADD `hash` text;--> statement-breakpoint
-- A case's state, owner, department, deadline and pause change only together with
-- the event that records them: the same UPDATE must point trail_event_id at a newer
-- event of this case, already inserted (services/trail.ts appendCaseEvent is the one
-- path that does). A bare `UPDATE cases SET state = 'closed'` from a shell is refused;
-- one that forges an event too is found by `pnpm verify-trail` (the HMACs need the key).
CREATE TRIGGER `cases_change_needs_event` BEFORE UPDATE ON `cases`
WHEN (
  NEW.`state` IS NOT OLD.`state` OR NEW.`owner_id` IS NOT OLD.`owner_id` OR NEW.`due_at` IS NOT OLD.`due_at`
  OR NEW.`department_id` IS NOT OLD.`department_id` OR NEW.`paused_at` IS NOT OLD.`paused_at`
) AND NOT (
  NEW.`trail_event_id` IS NOT NULL
  AND NEW.`trail_event_id` > coalesce(OLD.`trail_event_id`, 0)
  AND NEW.`trail_event_id` = (SELECT max(`id`) FROM `case_events` WHERE `case_id` = NEW.`id`)
)
BEGIN
  SELECT RAISE(ABORT, 'a case changes only with the event that records it');
END;
--> statement-breakpoint
-- Cases are never deleted (a shell has foreign_keys off, so the events' reference would not stop it).
CREATE TRIGGER `cases_no_delete` BEFORE DELETE ON `cases`
BEGIN
  SELECT RAISE(ABORT, 'cases are never deleted');
END;
