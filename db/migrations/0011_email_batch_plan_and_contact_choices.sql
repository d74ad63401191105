CREATE TABLE `email_notices` (
	`notice_key` text PRIMARY KEY NOT NULL,
	`email_id` integer NOT NULL,
	`alert_id` integer NOT NULL,
	FOREIGN KEY (`email_id`) REFERENCES `email_outbox`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `email_notices_email_idx` ON `email_notices` (`email_id`);--> statement-breakpoint
CREATE INDEX `email_notices_alert_idx` ON `email_notices` (`alert_id`);--> statement-breakpoint
ALTER TABLE `alert_contacts` ADD `time_zone` text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE `alert_contacts` ADD `digest_hour` integer DEFAULT 8 NOT NULL;--> statement-breakpoint
ALTER TABLE `alert_contacts` ADD `alert_topics` text;--> statement-breakpoint
ALTER TABLE `alert_contacts` ADD `hourly_email_cap` integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE `alert_contacts` ADD `receiving_since` integer;--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `contact_id` integer;--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `headers` text;--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `batch_key` text;--> statement-breakpoint
CREATE INDEX `email_outbox_contact_idx` ON `email_outbox` (`contact_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `email_outbox_pending_idx` ON `email_outbox` (`id`) WHERE status = 'failed';--> statement-breakpoint
CREATE INDEX `email_outbox_planned_idx` ON `email_outbox` (`batch_key`) WHERE status = 'failed' AND batch_key IS NOT NULL;