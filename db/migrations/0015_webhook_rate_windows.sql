CREATE TABLE `webhook_rate_windows` (
	`connection_id` integer NOT NULL,
	`window_start` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`connection_id`, `window_start`),
	FOREIGN KEY (`connection_id`) REFERENCES `connections`(`id`) ON UPDATE no action ON DELETE no action
);
