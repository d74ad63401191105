CREATE TABLE `warehouse_alert_tallies` (
	`warehouse_id` integer NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`warehouse_id`, `kind`, `state`)
);
--> statement-breakpoint
CREATE TABLE `warehouse_day_tallies` (
	`warehouse_id` integer NOT NULL,
	`day` integer NOT NULL,
	`raised` integer DEFAULT 0 NOT NULL,
	`resolved` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`warehouse_id`, `day`)
);
--> statement-breakpoint
CREATE TRIGGER `warehouse_alert_tallies_insert` AFTER INSERT ON `alert_tallies` BEGIN
  INSERT INTO warehouse_alert_tallies (warehouse_id, kind, state, n)
    SELECT warehouse_id, NEW.kind, NEW.state, NEW.n FROM accounts WHERE id = NEW.account_id AND warehouse_id IS NOT NULL
    ON CONFLICT (warehouse_id, kind, state) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `warehouse_alert_tallies_delete` AFTER DELETE ON `alert_tallies` BEGIN
  INSERT INTO warehouse_alert_tallies (warehouse_id, kind, state, n)
    SELECT warehouse_id, OLD.kind, OLD.state, -OLD.n FROM accounts WHERE id = OLD.account_id AND warehouse_id IS NOT NULL
    ON CONFLICT (warehouse_id, kind, state) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `warehouse_alert_tallies_update` AFTER UPDATE ON `alert_tallies` BEGIN
  INSERT INTO warehouse_alert_tallies (warehouse_id, kind, state, n)
    SELECT warehouse_id, OLD.kind, OLD.state, -OLD.n FROM accounts WHERE id = OLD.account_id AND warehouse_id IS NOT NULL
    ON CONFLICT (warehouse_id, kind, state) DO UPDATE SET n = n + excluded.n;
  INSERT INTO warehouse_alert_tallies (warehouse_id, kind, state, n)
    SELECT warehouse_id, NEW.kind, NEW.state, NEW.n FROM accounts WHERE id = NEW.account_id AND warehouse_id IS NOT NULL
    ON CONFLICT (warehouse_id, kind, state) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `warehouse_alert_tallies_merchant_moved` AFTER UPDATE OF warehouse_id ON `accounts`
WHEN OLD.warehouse_id IS NOT NEW.warehouse_id
BEGIN
  INSERT INTO warehouse_alert_tallies (warehouse_id, kind, state, n)
    SELECT OLD.warehouse_id, kind, state, -sum(n) FROM alert_tallies WHERE account_id = NEW.id AND OLD.warehouse_id IS NOT NULL GROUP BY kind, state
    ON CONFLICT (warehouse_id, kind, state) DO UPDATE SET n = n + excluded.n;
  INSERT INTO warehouse_alert_tallies (warehouse_id, kind, state, n)
    SELECT NEW.warehouse_id, kind, state, sum(n) FROM alert_tallies WHERE account_id = NEW.id AND NEW.warehouse_id IS NOT NULL GROUP BY kind, state
    ON CONFLICT (warehouse_id, kind, state) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER `warehouse_day_tallies_insert` AFTER INSERT ON `alert_day_tallies` BEGIN
  INSERT INTO warehouse_day_tallies (warehouse_id, day, raised, resolved)
    SELECT warehouse_id, NEW.day, NEW.raised, NEW.resolved FROM accounts WHERE id = NEW.account_id AND warehouse_id IS NOT NULL
    ON CONFLICT (warehouse_id, day) DO UPDATE SET raised = raised + excluded.raised, resolved = resolved + excluded.resolved;
END;
--> statement-breakpoint
CREATE TRIGGER `warehouse_day_tallies_delete` AFTER DELETE ON `alert_day_tallies` BEGIN
  INSERT INTO warehouse_day_tallies (warehouse_id, day, raised, resolved)
    SELECT warehouse_id, OLD.day, -OLD.raised, -OLD.resolved FROM accounts WHERE id = OLD.account_id AND warehouse_id IS NOT NULL
    ON CONFLICT (warehouse_id, day) DO UPDATE SET raised = raised + excluded.raised, resolved = resolved + excluded.resolved;
END;
--> statement-breakpoint
CREATE TRIGGER `warehouse_day_tallies_update` AFTER UPDATE ON `alert_day_tallies` BEGIN
  INSERT INTO warehouse_day_tallies (warehouse_id, day, raised, resolved)
    SELECT warehouse_id, OLD.day, -OLD.raised, -OLD.resolved FROM accounts WHERE id = OLD.account_id AND warehouse_id IS NOT NULL
    ON CONFLICT (warehouse_id, day) DO UPDATE SET raised = raised + excluded.raised, resolved = resolved + excluded.resolved;
  INSERT INTO warehouse_day_tallies (warehouse_id, day, raised, resolved)
    SELECT warehouse_id, NEW.day, NEW.raised, NEW.resolved FROM accounts WHERE id = NEW.account_id AND warehouse_id IS NOT NULL
    ON CONFLICT (warehouse_id, day) DO UPDATE SET raised = raised + excluded.raised, resolved = resolved + excluded.resolved;
END;
--> statement-breakpoint
CREATE TRIGGER `warehouse_day_tallies_merchant_moved` AFTER UPDATE OF warehouse_id ON `accounts`
WHEN OLD.warehouse_id IS NOT NEW.warehouse_id
BEGIN
  INSERT INTO warehouse_day_tallies (warehouse_id, day, raised, resolved)
    SELECT OLD.warehouse_id, day, -sum(raised), -sum(resolved) FROM alert_day_tallies WHERE account_id = NEW.id AND OLD.warehouse_id IS NOT NULL GROUP BY day
    ON CONFLICT (warehouse_id, day) DO UPDATE SET raised = raised + excluded.raised, resolved = resolved + excluded.resolved;
  INSERT INTO warehouse_day_tallies (warehouse_id, day, raised, resolved)
    SELECT NEW.warehouse_id, day, sum(raised), sum(resolved) FROM alert_day_tallies WHERE account_id = NEW.id AND NEW.warehouse_id IS NOT NULL GROUP BY day
    ON CONFLICT (warehouse_id, day) DO UPDATE SET raised = raised + excluded.raised, resolved = resolved + excluded.resolved;
END;
--> statement-breakpoint
INSERT INTO warehouse_alert_tallies (warehouse_id, kind, state, n)
  SELECT a.warehouse_id, t.kind, t.state, sum(t.n)
  FROM alert_tallies t JOIN accounts a ON a.id = t.account_id WHERE a.warehouse_id IS NOT NULL
  GROUP BY a.warehouse_id, t.kind, t.state;
--> statement-breakpoint
INSERT INTO warehouse_day_tallies (warehouse_id, day, raised, resolved)
  SELECT a.warehouse_id, t.day, sum(t.raised), sum(t.resolved)
  FROM alert_day_tallies t JOIN accounts a ON a.id = t.account_id WHERE a.warehouse_id IS NOT NULL
  GROUP BY a.warehouse_id, t.day;
