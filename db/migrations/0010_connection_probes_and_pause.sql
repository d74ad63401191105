CREATE TABLE `connection_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connection_id` integer NOT NULL,
	`actor_user_id` text,
	`field` text NOT NULL,
	`detail` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `connection_changes_connection_idx` ON `connection_changes` (`connection_id`,`at`);--> statement-breakpoint
ALTER TABLE `connections` ADD `last_probe_at` integer;--> statement-breakpoint
ALTER TABLE `connections` ADD `paused_at` integer;--> statement-breakpoint
ALTER TABLE `connections` ADD `paused_by_user_id` text;