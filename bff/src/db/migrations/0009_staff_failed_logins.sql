ALTER TABLE `staff_users` ADD `failed_logins` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `staff_users` ADD `last_failed_login_at` text;