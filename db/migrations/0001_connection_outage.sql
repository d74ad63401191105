ALTER TABLE `connections` ADD `consecutive_transient_failures` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `connections` ADD `down_since` integer;