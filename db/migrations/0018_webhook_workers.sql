CREATE TABLE `webhook_workers` (
	`id` text PRIMARY KEY NOT NULL,
	`address` text NOT NULL,
	`token` text NOT NULL,
	`started_at` integer NOT NULL,
	`beat_at` integer NOT NULL
);
