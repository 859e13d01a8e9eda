CREATE TABLE `staff_subscriptions` (
	`staff_id` integer NOT NULL,
	`topic` text NOT NULL,
	`template_id` text NOT NULL,
	`credits` integer DEFAULT 0 NOT NULL,
	`last_result` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`staff_id`, `topic`),
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `case_subscriptions` (
	`case_id` integer NOT NULL,
	`topic` text NOT NULL,
	`template_id` text NOT NULL,
	`credits` integer DEFAULT 0 NOT NULL,
	`last_result` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`case_id`, `topic`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sms_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phone_hash` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`used_at` text
);
--> statement-breakpoint
CREATE INDEX `sms_codes_phone_idx` ON `sms_codes` (`phone_hash`,`id`);
--> statement-breakpoint
-- citizens.openid becomes nullable (a citizen may sign in with a phone only). SQLite cannot drop NOT NULL in place:
-- rebuild the table. The libSQL migrator runs with foreign_keys off, so the drop leaves the rows that reference citizens alone.
CREATE TABLE `__new_citizens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`openid` text,
	`phone_hash` text,
	`phone_enc` text,
	`phone_masked` text,
	`phone_verified_at` text,
	`created_at` text NOT NULL,
	`last_login_at` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_citizens` (`id`, `openid`, `created_at`, `last_login_at`) SELECT `id`, `openid`, `created_at`, `last_login_at` FROM `citizens`;
--> statement-breakpoint
DROP TABLE `citizens`;
--> statement-breakpoint
ALTER TABLE `__new_citizens` RENAME TO `citizens`;
--> statement-breakpoint
CREATE UNIQUE INDEX `citizens_openid_unique` ON `citizens` (`openid`);
--> statement-breakpoint
CREATE UNIQUE INDEX `citizens_phone_hash_unique` ON `citizens` (`phone_hash`);
--> statement-breakpoint
ALTER TABLE `cases` ADD `channel` text DEFAULT 'online' NOT NULL;
--> statement-breakpoint
ALTER TABLE `cases` ADD `recorded_by` integer;
--> statement-breakpoint
ALTER TABLE `cases` ADD `due_soon_notified_at` text;
--> statement-breakpoint
ALTER TABLE `cases` ADD `overdue_notified_at` text;
--> statement-breakpoint
ALTER TABLE `cases` ADD `rating_invited_at` text;
--> statement-breakpoint
ALTER TABLE `follow_ups` ADD `assignee_id` integer;
--> statement-breakpoint
ALTER TABLE `follow_ups` ADD `outcome` text;
--> statement-breakpoint
ALTER TABLE `follow_ups` ADD `attempts` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE `follow_ups` ADD `citizen_view` text;
--> statement-breakpoint
ALTER TABLE `follow_ups` ADD `rectified` integer;
--> statement-breakpoint
ALTER TABLE `follow_ups` ADD `public_note` text;
--> statement-breakpoint
ALTER TABLE `outbox` ADD `channel` text DEFAULT 'wechat' NOT NULL;
--> statement-breakpoint
ALTER TABLE `outbox` ADD `case_id` integer;
--> statement-breakpoint
CREATE INDEX `outbox_case_idx` ON `outbox` (`case_id`);
