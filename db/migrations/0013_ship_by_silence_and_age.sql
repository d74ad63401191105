CREATE TABLE `cutoff_settings` (
	`warehouse_id` integer PRIMARY KEY NOT NULL,
	`time_zone` text DEFAULT 'UTC' NOT NULL,
	`default_cutoff` text DEFAULT '14:00' NOT NULL,
	`method_cutoffs` text DEFAULT '{}' NOT NULL,
	`weekdays_off` text DEFAULT '[0,6]' NOT NULL,
	`holidays` text DEFAULT '[]' NOT NULL,
	`lead_minutes` integer DEFAULT 120 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`warehouse_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `alert_open_hours` (
	`account_id` integer NOT NULL,
	`hour` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`hour`, `account_id`)
);
--> statement-breakpoint
CREATE TABLE `alert_resolve_tallies` (
	`account_id` integer NOT NULL,
	`kind` text NOT NULL,
	`week` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`total_ms` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`account_id`, `week`, `kind`)
);
--> statement-breakpoint
CREATE TABLE `connection_flow_hours` (
	`connection_id` integer NOT NULL,
	`hour` integer NOT NULL,
	`event_type` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`connection_id`, `hour`, `event_type`)
);
--> statement-breakpoint
ALTER TABLE `connections` ADD `silence_sensitivity` text DEFAULT 'normal' NOT NULL;--> statement-breakpoint
ALTER TABLE `connections` ADD `silence_quiet_hours` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `ship_by` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `ship_by_source` text;--> statement-breakpoint
ALTER TABLE `alerts` ADD `ship_by` integer;--> statement-breakpoint
CREATE INDEX `alerts_open_ship_by_idx` ON `alerts` (`ship_by`,`id`) WHERE state = 'open' AND ship_by IS NOT NULL;--> statement-breakpoint
-- Webhook events per connection and hour, for the silence watch's baseline (docs/silence.md): kept by a trigger
-- like alert_tallies (docs/decisions/0004-tallies-kept-by-triggers.md), so learning a connection's week reads at most 24 × 7 × 8 rows.
CREATE TRIGGER `connection_flow_hours_insert` AFTER INSERT ON `webhook_receipts` BEGIN
  INSERT INTO connection_flow_hours (connection_id, hour, event_type, n)
    VALUES (NEW.connection_id, NEW.received_at / 3600000, NEW.event_type, 1)
    ON CONFLICT (connection_id, hour, event_type) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- Open alerts by the hour they were first seen, per merchant and once more under its warehouse's own account id
-- (no alert is a warehouse's own), so a warehouse user's view reads its warehouse's rows and not one per merchant.
-- A bucket that empties is deleted: "open longer than 24 h" reads the last 24 hours' buckets only (docs/ship-by.md#age).
CREATE TRIGGER `alert_open_hours_insert` AFTER INSERT ON `alerts` WHEN NEW.state = 'open' BEGIN
  INSERT INTO alert_open_hours (account_id, hour, n)
    SELECT id, NEW.first_seen_at / 3600000, 1 FROM accounts WHERE id = NEW.account_id
    UNION ALL SELECT warehouse_id, NEW.first_seen_at / 3600000, 1 FROM accounts WHERE id = NEW.account_id AND warehouse_id IS NOT NULL
    ON CONFLICT (hour, account_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `alert_open_hours_update` AFTER UPDATE OF state, account_id, first_seen_at ON `alerts`
WHEN (OLD.state = 'open' OR NEW.state = 'open')
  AND (OLD.state IS NOT NEW.state OR OLD.account_id IS NOT NEW.account_id OR OLD.first_seen_at IS NOT NEW.first_seen_at)
BEGIN
  UPDATE alert_open_hours SET n = n - 1 WHERE OLD.state = 'open' AND hour = OLD.first_seen_at / 3600000
    AND account_id IN (SELECT id FROM accounts WHERE id = OLD.account_id UNION ALL SELECT warehouse_id FROM accounts WHERE id = OLD.account_id);
  DELETE FROM alert_open_hours WHERE n <= 0 AND hour = OLD.first_seen_at / 3600000;
  INSERT INTO alert_open_hours (account_id, hour, n)
    SELECT id, NEW.first_seen_at / 3600000, 1 FROM accounts WHERE id = NEW.account_id AND NEW.state = 'open'
    UNION ALL SELECT warehouse_id, NEW.first_seen_at / 3600000, 1 FROM accounts WHERE id = NEW.account_id AND warehouse_id IS NOT NULL AND NEW.state = 'open'
    ON CONFLICT (hour, account_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `alert_open_hours_delete` AFTER DELETE ON `alerts` WHEN OLD.state = 'open' BEGIN
  UPDATE alert_open_hours SET n = n - 1 WHERE hour = OLD.first_seen_at / 3600000
    AND account_id IN (SELECT id FROM accounts WHERE id = OLD.account_id UNION ALL SELECT warehouse_id FROM accounts WHERE id = OLD.account_id);
  DELETE FROM alert_open_hours WHERE n <= 0 AND hour = OLD.first_seen_at / 3600000;
END;
--> statement-breakpoint
-- Time to resolve: each resolution adds its alert's open time to its merchant (and its warehouse, as above), kind
-- and week of resolution (a week, so the Alerts tab's 30 days read about 5 buckets per kind).
CREATE TRIGGER `alert_resolve_tallies_insert` AFTER INSERT ON `alerts` WHEN NEW.state = 'resolved' AND NEW.resolved_at IS NOT NULL BEGIN
  INSERT INTO alert_resolve_tallies (account_id, kind, week, n, total_ms)
    SELECT id, NEW.kind, NEW.resolved_at / 604800000, 1, max(0, NEW.resolved_at - NEW.first_seen_at) FROM accounts WHERE id = NEW.account_id
    UNION ALL SELECT warehouse_id, NEW.kind, NEW.resolved_at / 604800000, 1, max(0, NEW.resolved_at - NEW.first_seen_at)
      FROM accounts WHERE id = NEW.account_id AND warehouse_id IS NOT NULL
    ON CONFLICT (account_id, week, kind) DO UPDATE SET n = n + 1, total_ms = total_ms + excluded.total_ms;
END;
--> statement-breakpoint
CREATE TRIGGER `alert_resolve_tallies_update` AFTER UPDATE OF state, resolved_at ON `alerts`
WHEN (OLD.state = 'resolved' OR NEW.state = 'resolved') AND (OLD.state IS NOT NEW.state OR OLD.resolved_at IS NOT NEW.resolved_at)
BEGIN
  UPDATE alert_resolve_tallies SET n = n - 1, total_ms = total_ms - max(0, OLD.resolved_at - OLD.first_seen_at)
    WHERE OLD.state = 'resolved' AND OLD.resolved_at IS NOT NULL AND week = OLD.resolved_at / 604800000 AND kind = OLD.kind
      AND account_id IN (SELECT id FROM accounts WHERE id = OLD.account_id UNION ALL SELECT warehouse_id FROM accounts WHERE id = OLD.account_id);
  INSERT INTO alert_resolve_tallies (account_id, kind, week, n, total_ms)
    SELECT id, NEW.kind, NEW.resolved_at / 604800000, 1, max(0, NEW.resolved_at - NEW.first_seen_at)
      FROM accounts WHERE id = NEW.account_id AND NEW.state = 'resolved' AND NEW.resolved_at IS NOT NULL
    UNION ALL SELECT warehouse_id, NEW.kind, NEW.resolved_at / 604800000, 1, max(0, NEW.resolved_at - NEW.first_seen_at)
      FROM accounts WHERE id = NEW.account_id AND warehouse_id IS NOT NULL AND NEW.state = 'resolved' AND NEW.resolved_at IS NOT NULL
    ON CONFLICT (account_id, week, kind) DO UPDATE SET n = n + 1, total_ms = total_ms + excluded.total_ms;
END;
--> statement-breakpoint
INSERT INTO connection_flow_hours (connection_id, hour, event_type, n)
  SELECT connection_id, received_at / 3600000, event_type, count(*) FROM webhook_receipts GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO alert_open_hours (account_id, hour, n)
  SELECT owner, hour, count(*) FROM (
    SELECT a.account_id AS owner, a.first_seen_at / 3600000 AS hour FROM alerts a WHERE a.state = 'open'
    UNION ALL SELECT m.warehouse_id, a.first_seen_at / 3600000 FROM alerts a JOIN accounts m ON m.id = a.account_id
      WHERE a.state = 'open' AND m.warehouse_id IS NOT NULL
  ) GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO alert_resolve_tallies (account_id, kind, week, n, total_ms)
  SELECT owner, kind, week, count(*), sum(ms) FROM (
    SELECT a.account_id AS owner, a.kind, a.resolved_at / 604800000 AS week, max(0, a.resolved_at - a.first_seen_at) AS ms
      FROM alerts a WHERE a.state = 'resolved' AND a.resolved_at IS NOT NULL
    UNION ALL SELECT m.warehouse_id, a.kind, a.resolved_at / 604800000, max(0, a.resolved_at - a.first_seen_at)
      FROM alerts a JOIN accounts m ON m.id = a.account_id WHERE a.state = 'resolved' AND a.resolved_at IS NOT NULL AND m.warehouse_id IS NOT NULL
  ) GROUP BY 1, 2, 3;
