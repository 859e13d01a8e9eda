-- One number that changes whenever published content changes. Read answers are
-- cached per process under it (src/lib/content-cache.ts): triggers, not
-- application code, bump it, so no write path can forget to, and every instance
-- sharing the database sees the change at once.
CREATE TABLE `content_version` (
  `id` integer PRIMARY KEY CHECK (`id` = 1),
  `version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `content_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `departments_insert_bumps_content` AFTER INSERT ON `departments`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `departments_update_bumps_content` AFTER UPDATE ON `departments`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `departments_delete_bumps_content` AFTER DELETE ON `departments`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_items_insert_bumps_content` AFTER INSERT ON `service_items`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_items_update_bumps_content` AFTER UPDATE ON `service_items`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_items_delete_bumps_content` AFTER DELETE ON `service_items`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `halls_insert_bumps_content` AFTER INSERT ON `halls`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `halls_update_bumps_content` AFTER UPDATE ON `halls`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `halls_delete_bumps_content` AFTER DELETE ON `halls`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_windows_insert_bumps_content` AFTER INSERT ON `service_windows`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_windows_update_bumps_content` AFTER UPDATE ON `service_windows`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `service_windows_delete_bumps_content` AFTER DELETE ON `service_windows`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `window_items_insert_bumps_content` AFTER INSERT ON `window_items`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `window_items_update_bumps_content` AFTER UPDATE ON `window_items`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `window_items_delete_bumps_content` AFTER DELETE ON `window_items`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `policies_insert_bumps_content` AFTER INSERT ON `policies`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `policies_update_bumps_content` AFTER UPDATE ON `policies`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `policies_delete_bumps_content` AFTER DELETE ON `policies`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `interpretations_insert_bumps_content` AFTER INSERT ON `interpretations`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `interpretations_update_bumps_content` AFTER UPDATE ON `interpretations`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `interpretations_delete_bumps_content` AFTER DELETE ON `interpretations`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `interpretation_items_insert_bumps_content` AFTER INSERT ON `interpretation_items`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `interpretation_items_update_bumps_content` AFTER UPDATE ON `interpretation_items`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `interpretation_items_delete_bumps_content` AFTER DELETE ON `interpretation_items`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `qr_codes_insert_bumps_content` AFTER INSERT ON `qr_codes`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `qr_codes_update_bumps_content` AFTER UPDATE ON `qr_codes`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `qr_codes_delete_bumps_content` AFTER DELETE ON `qr_codes`
BEGIN
  UPDATE `content_version` SET `version` = `version` + 1 WHERE `id` = 1;
END;
