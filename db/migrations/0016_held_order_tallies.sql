CREATE TABLE `held_order_tallies` (
	`account_id` integer NOT NULL,
	`connection_id` integer NOT NULL,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`error_code` text NOT NULL,
	`http_status` integer NOT NULL,
	`product_code` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`first_held_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `kind`, `connection_id`, `message`, `error_code`, `http_status`, `product_code`)
);
--> statement-breakpoint
CREATE TRIGGER `held_order_tallies_insert` AFTER INSERT ON `alerts` BEGIN
  INSERT INTO held_order_tallies (account_id, connection_id, kind, message, error_code, http_status, product_code, n, first_held_at)
    SELECT NEW.account_id, coalesce(NEW.connection_id, 0), NEW.kind, NEW.message, coalesce(NEW.error_code, ''), coalesce(NEW.http_status, 0), coalesce(NEW.product_code, ''), 1, NEW.first_seen_at WHERE NEW.state = 'open' AND NEW.needs_person = 1 AND NEW.order_id IS NOT NULL AND NEW.kind IN ('order_send_failed', 'address_invalid')
    ON CONFLICT (account_id, kind, connection_id, message, error_code, http_status, product_code) DO UPDATE SET n = n + 1, first_held_at = min(first_held_at, excluded.first_held_at);
END;
--> statement-breakpoint
CREATE TRIGGER `held_order_tallies_delete` AFTER DELETE ON `alerts` BEGIN
  UPDATE held_order_tallies SET n = n - 1
    WHERE OLD.state = 'open' AND OLD.needs_person = 1 AND OLD.order_id IS NOT NULL AND OLD.kind IN ('order_send_failed', 'address_invalid')
      AND account_id = OLD.account_id AND kind = OLD.kind AND connection_id = coalesce(OLD.connection_id, 0) AND message = OLD.message AND error_code = coalesce(OLD.error_code, '') AND http_status = coalesce(OLD.http_status, 0) AND product_code = coalesce(OLD.product_code, '');
  DELETE FROM held_order_tallies WHERE n <= 0 AND OLD.state = 'open' AND OLD.needs_person = 1 AND OLD.order_id IS NOT NULL AND OLD.kind IN ('order_send_failed', 'address_invalid') AND account_id = OLD.account_id AND kind = OLD.kind AND connection_id = coalesce(OLD.connection_id, 0) AND message = OLD.message AND error_code = coalesce(OLD.error_code, '') AND http_status = coalesce(OLD.http_status, 0) AND product_code = coalesce(OLD.product_code, '');
END;
--> statement-breakpoint
CREATE TRIGGER `held_order_tallies_update` AFTER UPDATE OF account_id, connection_id, kind, state, needs_person, message, order_id, error_code, http_status, product_code ON `alerts`
WHEN OLD.account_id IS NOT NEW.account_id OR OLD.connection_id IS NOT NEW.connection_id OR OLD.kind IS NOT NEW.kind OR OLD.state IS NOT NEW.state OR OLD.needs_person IS NOT NEW.needs_person OR OLD.message IS NOT NEW.message OR OLD.order_id IS NOT NEW.order_id OR OLD.error_code IS NOT NEW.error_code OR OLD.http_status IS NOT NEW.http_status OR OLD.product_code IS NOT NEW.product_code
BEGIN
  UPDATE held_order_tallies SET n = n - 1
    WHERE OLD.state = 'open' AND OLD.needs_person = 1 AND OLD.order_id IS NOT NULL AND OLD.kind IN ('order_send_failed', 'address_invalid')
      AND account_id = OLD.account_id AND kind = OLD.kind AND connection_id = coalesce(OLD.connection_id, 0) AND message = OLD.message AND error_code = coalesce(OLD.error_code, '') AND http_status = coalesce(OLD.http_status, 0) AND product_code = coalesce(OLD.product_code, '');
  DELETE FROM held_order_tallies WHERE n <= 0 AND OLD.state = 'open' AND OLD.needs_person = 1 AND OLD.order_id IS NOT NULL AND OLD.kind IN ('order_send_failed', 'address_invalid') AND account_id = OLD.account_id AND kind = OLD.kind AND connection_id = coalesce(OLD.connection_id, 0) AND message = OLD.message AND error_code = coalesce(OLD.error_code, '') AND http_status = coalesce(OLD.http_status, 0) AND product_code = coalesce(OLD.product_code, '');
  INSERT INTO held_order_tallies (account_id, connection_id, kind, message, error_code, http_status, product_code, n, first_held_at)
    SELECT NEW.account_id, coalesce(NEW.connection_id, 0), NEW.kind, NEW.message, coalesce(NEW.error_code, ''), coalesce(NEW.http_status, 0), coalesce(NEW.product_code, ''), 1, NEW.first_seen_at WHERE NEW.state = 'open' AND NEW.needs_person = 1 AND NEW.order_id IS NOT NULL AND NEW.kind IN ('order_send_failed', 'address_invalid')
    ON CONFLICT (account_id, kind, connection_id, message, error_code, http_status, product_code) DO UPDATE SET n = n + 1, first_held_at = min(first_held_at, excluded.first_held_at);
END;
--> statement-breakpoint
INSERT INTO held_order_tallies (account_id, connection_id, kind, message, error_code, http_status, product_code, n, first_held_at)
  SELECT a.account_id, coalesce(a.connection_id, 0), a.kind, a.message, coalesce(a.error_code, ''), coalesce(a.http_status, 0), coalesce(a.product_code, ''), count(*), min(a.first_seen_at)
  FROM alerts a
  WHERE a.state = 'open' AND a.needs_person = 1 AND a.order_id IS NOT NULL AND a.kind IN ('order_send_failed', 'address_invalid')
  GROUP BY a.account_id, coalesce(a.connection_id, 0), a.kind, a.message, coalesce(a.error_code, ''), coalesce(a.http_status, 0), coalesce(a.product_code, '');
