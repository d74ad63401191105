CREATE TABLE `alert_day_tallies` (
	`account_id` integer NOT NULL,
	`day` integer NOT NULL,
	`raised` integer DEFAULT 0 NOT NULL,
	`resolved` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`account_id`, `day`)
);
--> statement-breakpoint
CREATE TABLE `alert_tallies` (
	`account_id` integer NOT NULL,
	`connection_id` integer NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`needs_person` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`account_id`, `kind`, `state`, `needs_person`, `connection_id`)
);
--> statement-breakpoint
CREATE INDEX `alerts_state_seen_idx` ON `alerts` (`state`,`last_seen_at`,`id`);--> statement-breakpoint
CREATE INDEX `alerts_state_kind_seen_idx` ON `alerts` (`state`,`kind`,`last_seen_at`,`id`);--> statement-breakpoint
CREATE INDEX `alerts_seen_idx` ON `alerts` (`last_seen_at`,`id`);--> statement-breakpoint
CREATE INDEX `alerts_open_snoozed_idx` ON `alerts` (`snoozed_until`,`account_id`,`kind`,`needs_person`,`connection_id`) WHERE state = 'open' AND snoozed_until IS NOT NULL;--> statement-breakpoint
CREATE TRIGGER `alert_tallies_insert` AFTER INSERT ON `alerts` BEGIN
  INSERT INTO alert_tallies (account_id, connection_id, kind, state, needs_person, n)
    VALUES (NEW.account_id, coalesce(NEW.connection_id, 0), NEW.kind, NEW.state, NEW.needs_person, 1)
    ON CONFLICT (account_id, kind, state, needs_person, connection_id) DO UPDATE SET n = n + 1;
  INSERT INTO alert_day_tallies (account_id, day, raised, resolved)
    VALUES (NEW.account_id, NEW.first_seen_at / 86400000, 1, 0)
    ON CONFLICT (account_id, day) DO UPDATE SET raised = raised + 1;
  INSERT INTO alert_day_tallies (account_id, day, raised, resolved)
    SELECT NEW.account_id, NEW.resolved_at / 86400000, 0, 1 WHERE NEW.state = 'resolved' AND NEW.resolved_at IS NOT NULL
    ON CONFLICT (account_id, day) DO UPDATE SET resolved = resolved + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `alert_tallies_delete` AFTER DELETE ON `alerts` BEGIN
  UPDATE alert_tallies SET n = n - 1
    WHERE account_id = OLD.account_id AND connection_id = coalesce(OLD.connection_id, 0) AND kind = OLD.kind AND state = OLD.state AND needs_person = OLD.needs_person;
  UPDATE alert_day_tallies SET raised = raised - 1 WHERE account_id = OLD.account_id AND day = OLD.first_seen_at / 86400000;
  UPDATE alert_day_tallies SET resolved = resolved - 1
    WHERE OLD.state = 'resolved' AND OLD.resolved_at IS NOT NULL AND account_id = OLD.account_id AND day = OLD.resolved_at / 86400000;
END;
--> statement-breakpoint
CREATE TRIGGER `alert_tallies_update` AFTER UPDATE OF account_id, connection_id, kind, state, needs_person ON `alerts`
WHEN OLD.account_id IS NOT NEW.account_id OR OLD.connection_id IS NOT NEW.connection_id OR OLD.kind IS NOT NEW.kind
  OR OLD.state IS NOT NEW.state OR OLD.needs_person IS NOT NEW.needs_person
BEGIN
  UPDATE alert_tallies SET n = n - 1
    WHERE account_id = OLD.account_id AND connection_id = coalesce(OLD.connection_id, 0) AND kind = OLD.kind AND state = OLD.state AND needs_person = OLD.needs_person;
  INSERT INTO alert_tallies (account_id, connection_id, kind, state, needs_person, n)
    VALUES (NEW.account_id, coalesce(NEW.connection_id, 0), NEW.kind, NEW.state, NEW.needs_person, 1)
    ON CONFLICT (account_id, kind, state, needs_person, connection_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `alert_day_tallies_update` AFTER UPDATE OF account_id, first_seen_at, state, resolved_at ON `alerts`
WHEN OLD.account_id IS NOT NEW.account_id OR OLD.first_seen_at IS NOT NEW.first_seen_at OR OLD.state IS NOT NEW.state OR OLD.resolved_at IS NOT NEW.resolved_at
BEGIN
  UPDATE alert_day_tallies SET raised = raised - 1 WHERE account_id = OLD.account_id AND day = OLD.first_seen_at / 86400000;
  INSERT INTO alert_day_tallies (account_id, day, raised, resolved)
    VALUES (NEW.account_id, NEW.first_seen_at / 86400000, 1, 0)
    ON CONFLICT (account_id, day) DO UPDATE SET raised = raised + 1;
  UPDATE alert_day_tallies SET resolved = resolved - 1
    WHERE OLD.state = 'resolved' AND OLD.resolved_at IS NOT NULL AND account_id = OLD.account_id AND day = OLD.resolved_at / 86400000;
  INSERT INTO alert_day_tallies (account_id, day, raised, resolved)
    SELECT NEW.account_id, NEW.resolved_at / 86400000, 0, 1 WHERE NEW.state = 'resolved' AND NEW.resolved_at IS NOT NULL
    ON CONFLICT (account_id, day) DO UPDATE SET resolved = resolved + 1;
END;
--> statement-breakpoint
INSERT INTO alert_tallies (account_id, connection_id, kind, state, needs_person, n)
  SELECT account_id, coalesce(connection_id, 0), kind, state, needs_person, count(*) FROM alerts
  GROUP BY account_id, coalesce(connection_id, 0), kind, state, needs_person;
--> statement-breakpoint
INSERT INTO alert_day_tallies (account_id, day, raised, resolved)
  SELECT account_id, day, sum(raised), sum(resolved) FROM (
    SELECT account_id, first_seen_at / 86400000 AS day, 1 AS raised, 0 AS resolved FROM alerts
    UNION ALL
    SELECT account_id, resolved_at / 86400000, 0, 1 FROM alerts WHERE state = 'resolved' AND resolved_at IS NOT NULL
  ) GROUP BY account_id, day;
