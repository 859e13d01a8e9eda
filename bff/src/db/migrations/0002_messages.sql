CREATE TABLE `citizens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`openid` text NOT NULL,
	`created_at` text NOT NULL,
	`last_login_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `citizens_openid_unique` ON `citizens` (`openid`);--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`demo_password` integer DEFAULT false NOT NULL,
	`role` text NOT NULL,
	`department_id` integer,
	`phone` text,
	`wx_openid` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_username_unique` ON `staff_users` (`username`);--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_wx_openid_unique` ON `staff_users` (`wx_openid`);--> statement-breakpoint
CREATE INDEX `staff_users_department_idx` ON `staff_users` (`department_id`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`at` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`from_state` text,
	`to_state` text,
	`visibility` text NOT NULL,
	`body` text,
	`data` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_events_case_idx` ON `case_events` (`case_id`,`id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tracking_no` text NOT NULL,
	`query_code_hash` text NOT NULL,
	`type` text NOT NULL,
	`state` text NOT NULL,
	`title` text NOT NULL,
	`content` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	`owner_id` integer,
	`citizen_id` integer NOT NULL,
	`anonymous` integer NOT NULL,
	`contact_name` text,
	`contact_phone_enc` text,
	`contact_phone_masked` text,
	`consent_at` text,
	`received_at` text NOT NULL,
	`due_at` text NOT NULL,
	`first_reply_at` text,
	`answered_at` text,
	`closed_at` text,
	`paused_at` text,
	`extension_used` integer DEFAULT false NOT NULL,
	`reopen_count` integer DEFAULT 0 NOT NULL,
	`last_chased_at` text,
	`chase_count` integer DEFAULT 0 NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`citizen_id`) REFERENCES `citizens`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_tracking_no_unique` ON `cases` (`tracking_no`);--> statement-breakpoint
CREATE INDEX `cases_inbox_idx` ON `cases` (`department_id`,`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `cases_owner_idx` ON `cases` (`owner_id`,`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `cases_state_due_idx` ON `cases` (`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `cases_citizen_idx` ON `cases` (`citizen_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `cases_received_idx` ON `cases` (`received_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`citizen_id` integer NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` text NOT NULL,
	`response_status` integer,
	`response_body` text,
	`case_id` integer,
	`created_at` text NOT NULL,
	PRIMARY KEY(`citizen_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `uploads` (
	`id` text PRIMARY KEY NOT NULL,
	`citizen_id` integer NOT NULL,
	`case_id` integer,
	`storage_key` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`citizen_id`) REFERENCES `citizens`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `uploads_case_idx` ON `uploads` (`case_id`);--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rating_id` integer NOT NULL,
	`department_id` integer,
	`due_at` text NOT NULL,
	`status` text NOT NULL,
	`result` text,
	`done_at` text,
	`staff_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`rating_id`) REFERENCES `ratings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_ups_rating_id_unique` ON `follow_ups` (`rating_id`);--> statement-breakpoint
CREATE INDEX `follow_ups_status_due_idx` ON `follow_ups` (`status`,`due_at`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer,
	`window_id` integer,
	`visit_date` text,
	`department_id` integer,
	`citizen_id` integer NOT NULL,
	`level` integer NOT NULL,
	`comment` text,
	`created_at` text NOT NULL,
	`appealed` integer DEFAULT false NOT NULL,
	`appeal_reason` text,
	`appealed_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`window_id`) REFERENCES `service_windows`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`citizen_id`) REFERENCES `citizens`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_case_id_unique` ON `ratings` (`case_id`);--> statement-breakpoint
CREATE INDEX `ratings_department_idx` ON `ratings` (`department_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_window_visit` ON `ratings` (`citizen_id`,`window_id`,`visit_date`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`recipient` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`locked_until` text,
	`last_error` text,
	`created_at` text NOT NULL,
	`sent_at` text
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `calendar_days` (
	`date` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`source` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `deadline_rules` (
	`type` text PRIMARY KEY NOT NULL,
	`days` integer NOT NULL,
	`unit` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reply_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`department_id` integer,
	`title` text NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
