CREATE TABLE `alert_cause_tallies` (
	`account_id` integer NOT NULL,
	`connection_id` integer NOT NULL,
	`kind` text NOT NULL,
	`cause` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`account_id`, `kind`, `connection_id`, `cause`)
);
--> statement-breakpoint
CREATE INDEX `alerts_open_unmapped_order_idx` ON `alerts` (`order_id`) WHERE state = 'open' AND kind = 'ship_method_unmapped';--> statement-breakpoint
CREATE TRIGGER `alert_cause_tallies_insert` AFTER INSERT ON `alerts` BEGIN
  INSERT INTO alert_cause_tallies (account_id, connection_id, kind, cause, n)
    SELECT NEW.account_id, coalesce(NEW.connection_id, 0), NEW.kind, CASE WHEN NEW.kind = 'ship_method_unmapped' THEN coalesce((SELECT ship_method_label FROM orders WHERE id = NEW.order_id), '') ELSE NEW.message END, 1 WHERE NEW.state = 'open' AND ((NEW.kind = 'ship_method_unmapped' AND NEW.order_id IS NOT NULL) OR (NEW.kind IN ('order_send_failed', 'tracking_push_failed', 'inventory_push_failed') AND NEW.needs_person = 0))
    ON CONFLICT (account_id, kind, connection_id, cause) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `alert_cause_tallies_delete` AFTER DELETE ON `alerts` BEGIN
  UPDATE alert_cause_tallies SET n = n - 1
    WHERE OLD.state = 'open' AND ((OLD.kind = 'ship_method_unmapped' AND OLD.order_id IS NOT NULL) OR (OLD.kind IN ('order_send_failed', 'tracking_push_failed', 'inventory_push_failed') AND OLD.needs_person = 0))
      AND account_id = OLD.account_id AND kind = OLD.kind AND connection_id = coalesce(OLD.connection_id, 0) AND cause = CASE WHEN OLD.kind = 'ship_method_unmapped' THEN coalesce((SELECT ship_method_label FROM orders WHERE id = OLD.order_id), '') ELSE OLD.message END;
END;
--> statement-breakpoint
CREATE TRIGGER `alert_cause_tallies_update` AFTER UPDATE OF account_id, connection_id, kind, state, needs_person, message, order_id ON `alerts`
WHEN OLD.account_id IS NOT NEW.account_id OR OLD.connection_id IS NOT NEW.connection_id OR OLD.kind IS NOT NEW.kind OR OLD.state IS NOT NEW.state
  OR OLD.needs_person IS NOT NEW.needs_person OR OLD.message IS NOT NEW.message OR OLD.order_id IS NOT NEW.order_id
BEGIN
  UPDATE alert_cause_tallies SET n = n - 1
    WHERE OLD.state = 'open' AND ((OLD.kind = 'ship_method_unmapped' AND OLD.order_id IS NOT NULL) OR (OLD.kind IN ('order_send_failed', 'tracking_push_failed', 'inventory_push_failed') AND OLD.needs_person = 0))
      AND account_id = OLD.account_id AND kind = OLD.kind AND connection_id = coalesce(OLD.connection_id, 0) AND cause = CASE WHEN OLD.kind = 'ship_method_unmapped' THEN coalesce((SELECT ship_method_label FROM orders WHERE id = OLD.order_id), '') ELSE OLD.message END;
  INSERT INTO alert_cause_tallies (account_id, connection_id, kind, cause, n)
    SELECT NEW.account_id, coalesce(NEW.connection_id, 0), NEW.kind, CASE WHEN NEW.kind = 'ship_method_unmapped' THEN coalesce((SELECT ship_method_label FROM orders WHERE id = NEW.order_id), '') ELSE NEW.message END, 1 WHERE NEW.state = 'open' AND ((NEW.kind = 'ship_method_unmapped' AND NEW.order_id IS NOT NULL) OR (NEW.kind IN ('order_send_failed', 'tracking_push_failed', 'inventory_push_failed') AND NEW.needs_person = 0))
    ON CONFLICT (account_id, kind, connection_id, cause) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `alert_cause_tallies_order_label` AFTER UPDATE OF ship_method_label ON `orders`
WHEN OLD.ship_method_label IS NOT NEW.ship_method_label
BEGIN
  INSERT INTO alert_cause_tallies (account_id, connection_id, kind, cause, n)
    SELECT account_id, coalesce(connection_id, 0), kind, OLD.ship_method_label, -count(*) FROM alerts
    WHERE order_id = NEW.id AND state = 'open' AND kind = 'ship_method_unmapped' GROUP BY account_id, coalesce(connection_id, 0), kind
    ON CONFLICT (account_id, kind, connection_id, cause) DO UPDATE SET n = n + excluded.n;
  INSERT INTO alert_cause_tallies (account_id, connection_id, kind, cause, n)
    SELECT account_id, coalesce(connection_id, 0), kind, NEW.ship_method_label, count(*) FROM alerts
    WHERE order_id = NEW.id AND state = 'open' AND kind = 'ship_method_unmapped' GROUP BY account_id, coalesce(connection_id, 0), kind
    ON CONFLICT (account_id, kind, connection_id, cause) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
INSERT INTO alert_cause_tallies (account_id, connection_id, kind, cause, n)
  SELECT a.account_id, coalesce(a.connection_id, 0), a.kind, CASE WHEN a.kind = 'ship_method_unmapped' THEN coalesce(o.ship_method_label, '') ELSE a.message END, count(*)
  FROM alerts a LEFT JOIN orders o ON o.id = a.order_id
  WHERE a.state = 'open' AND ((a.kind = 'ship_method_unmapped' AND a.order_id IS NOT NULL) OR (a.kind IN ('order_send_failed', 'tracking_push_failed', 'inventory_push_failed') AND a.needs_person = 0))
  GROUP BY a.account_id, coalesce(a.connection_id, 0), a.kind, CASE WHEN a.kind = 'ship_method_unmapped' THEN coalesce(o.ship_method_label, '') ELSE a.message END;
