CREATE TABLE `departments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`description` text NOT NULL,
	`phone` text NOT NULL,
	`address` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_code_unique` ON `departments` (`code`);--> statement-breakpoint
CREATE TABLE `service_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`item_type` text NOT NULL,
	`department_id` integer NOT NULL,
	`summary` text NOT NULL,
	`legal_basis` text NOT NULL,
	`procedure` text NOT NULL,
	`conditions` text NOT NULL,
	`fee` text NOT NULL,
	`responsible_unit` text NOT NULL,
	`supervision_phone` text NOT NULL,
	`consult_phone` text NOT NULL,
	`materials` text NOT NULL,
	`statutory_limit_days` integer NOT NULL,
	`promised_limit_days` integer NOT NULL,
	`location` text NOT NULL,
	`office_hours` text NOT NULL,
	`visits_needed` integer NOT NULL,
	`online_url` text,
	`result_name` text NOT NULL,
	`faq` text NOT NULL,
	`keywords` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_items_code_unique` ON `service_items` (`code`);--> statement-breakpoint
CREATE INDEX `service_items_dept_idx` ON `service_items` (`status`,`department_id`,`id`);--> statement-breakpoint
CREATE INDEX `service_items_type_idx` ON `service_items` (`status`,`item_type`,`id`);--> statement-breakpoint
CREATE TABLE `halls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`address` text NOT NULL,
	`phone` text NOT NULL,
	`hours` text NOT NULL,
	`description` text NOT NULL,
	`directions` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `halls_name_unique` ON `halls` (`name`);--> statement-breakpoint
CREATE TABLE `service_windows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hall_id` integer NOT NULL,
	`number` text NOT NULL,
	`name` text NOT NULL,
	`department_id` integer,
	`description` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`hall_id`) REFERENCES `halls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_windows_hall_number` ON `service_windows` (`hall_id`,`number`);--> statement-breakpoint
CREATE TABLE `window_items` (
	`window_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	PRIMARY KEY(`window_id`, `item_id`),
	FOREIGN KEY (`window_id`) REFERENCES `service_windows`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `service_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `window_items_item_idx` ON `window_items` (`item_id`);--> statement-breakpoint
CREATE TABLE `interpretation_items` (
	`interpretation_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	PRIMARY KEY(`interpretation_id`, `item_id`),
	FOREIGN KEY (`interpretation_id`) REFERENCES `interpretations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `service_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `interpretation_items_item_idx` ON `interpretation_items` (`item_id`);--> statement-breakpoint
CREATE TABLE `interpretations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`policy_id` integer NOT NULL,
	`title` text NOT NULL,
	`form` text NOT NULL,
	`interpreter` text NOT NULL,
	`published_at` text NOT NULL,
	`background` text NOT NULL,
	`purpose` text NOT NULL,
	`main_points` text NOT NULL,
	`scope` text NOT NULL,
	`key_terms` text NOT NULL,
	`changes` text NOT NULL,
	`benefits` text NOT NULL,
	`qa` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`policy_id`) REFERENCES `policies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `interpretations_policy_idx` ON `interpretations` (`policy_id`);--> statement-breakpoint
CREATE TABLE `policies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`doc_number` text NOT NULL,
	`issuer` text NOT NULL,
	`department_id` integer,
	`issued_at` text NOT NULL,
	`effective_at` text NOT NULL,
	`expires_at` text,
	`validity` text NOT NULL,
	`summary` text NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `policies_doc_number_unique` ON `policies` (`doc_number`);--> statement-breakpoint
CREATE INDEX `policies_issued_idx` ON `policies` (`status`,`issued_at`);--> statement-breakpoint
CREATE TABLE `qr_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`target_type` text NOT NULL,
	`target_id` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qr_codes_target` ON `qr_codes` (`target_type`,`target_id`);--> statement-breakpoint
CREATE TABLE `search_docs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doc_type` text NOT NULL,
	`doc_id` integer NOT NULL,
	`title` text NOT NULL,
	`keywords` text NOT NULL,
	`body` text NOT NULL,
	`source` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_doc` ON `search_docs` (`doc_type`,`doc_id`);