CREATE TABLE `content_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` integer NOT NULL,
	`version` integer NOT NULL,
	`action` text NOT NULL,
	`editor_id` integer,
	`at` text NOT NULL,
	`changed_fields` text NOT NULL,
	`snapshot` text NOT NULL,
	FOREIGN KEY (`editor_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `content_versions_editor_idx` ON `content_versions` (`editor_id`,`at`);--> statement-breakpoint
CREATE UNIQUE INDEX `content_versions_entity_version` ON `content_versions` (`entity_type`,`entity_id`,`version`);--> statement-breakpoint
ALTER TABLE `service_items` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `service_items` ADD `reviewed_at` text;--> statement-breakpoint
ALTER TABLE `service_items` ADD `reviewed_by` integer;--> statement-breakpoint
ALTER TABLE `halls` ADD `status` text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE `halls` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `service_windows` ADD `status` text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE `service_windows` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `interpretations` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `interpretations` ADD `reviewed_at` text;--> statement-breakpoint
ALTER TABLE `interpretations` ADD `reviewed_by` integer;--> statement-breakpoint
ALTER TABLE `policies` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `policies` ADD `reviewed_at` text;--> statement-breakpoint
ALTER TABLE `policies` ADD `reviewed_by` integer;--> statement-breakpoint
-- Hand-written (drizzle-kit does not model triggers): the content history is
-- append-only, like case_events (0003).
CREATE TRIGGER `content_versions_no_update` BEFORE UPDATE ON `content_versions`
BEGIN
  SELECT RAISE(ABORT, 'content_versions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `content_versions_no_delete` BEFORE DELETE ON `content_versions`
BEGIN
  SELECT RAISE(ABORT, 'content_versions is append-only');
END;
