// The alert tallies (db/schema/alert-tallies.ts) are kept by triggers on `alerts`, created in the 0004
// migration. This recounts them from the alerts themselves: the migration's backfill, and what a bulk
// load that ran with the triggers dropped (the benchmark generator) runs afterwards.

const DAY_MS = 86_400_000;

export const REBUILD_ALERT_TALLIES_SQL = [
  "DELETE FROM alert_tallies",
  `INSERT INTO alert_tallies (account_id, connection_id, kind, state, needs_person, n)
     SELECT account_id, coalesce(connection_id, 0), kind, state, needs_person, count(*) FROM alerts
     GROUP BY account_id, coalesce(connection_id, 0), kind, state, needs_person`,
  "DELETE FROM alert_day_tallies",
  `INSERT INTO alert_day_tallies (account_id, day, raised, resolved)
     SELECT account_id, day, sum(raised), sum(resolved) FROM (
       SELECT account_id, first_seen_at / ${DAY_MS} AS day, 1 AS raised, 0 AS resolved FROM alerts
       UNION ALL
       SELECT account_id, resolved_at / ${DAY_MS}, 0, 1 FROM alerts WHERE state = 'resolved' AND resolved_at IS NOT NULL
     ) GROUP BY account_id, day`,
  "DELETE FROM alert_cause_tallies",
  `INSERT INTO alert_cause_tallies (account_id, connection_id, kind, cause, n)
     SELECT a.account_id, coalesce(a.connection_id, 0), a.kind, CASE WHEN a.kind = 'ship_method_unmapped' THEN coalesce(o.ship_method_label, '') ELSE a.message END, count(*)
     FROM alerts a LEFT JOIN orders o ON o.id = a.order_id
     WHERE a.state = 'open' AND ((a.kind = 'ship_method_unmapped' AND a.order_id IS NOT NULL) OR (a.kind IN ('order_send_failed', 'tracking_push_failed', 'inventory_push_failed') AND a.needs_person = 0))
     GROUP BY a.account_id, coalesce(a.connection_id, 0), a.kind, CASE WHEN a.kind = 'ship_method_unmapped' THEN coalesce(o.ship_method_label, '') ELSE a.message END`,
  "DELETE FROM held_order_tallies",
  `INSERT INTO held_order_tallies (account_id, connection_id, kind, message, error_code, http_status, product_code, n, first_held_at)
     SELECT a.account_id, coalesce(a.connection_id, 0), a.kind, a.message, coalesce(a.error_code, ''), coalesce(a.http_status, 0), coalesce(a.product_code, ''), count(*), min(a.first_seen_at)
     FROM alerts a
     WHERE a.state = 'open' AND a.needs_person = 1 AND a.order_id IS NOT NULL AND a.kind IN ('order_send_failed', 'address_invalid')
     GROUP BY a.account_id, coalesce(a.connection_id, 0), a.kind, a.message, coalesce(a.error_code, ''), coalesce(a.http_status, 0), coalesce(a.product_code, '')`,
  // Summed per warehouse last: the triggers on the tallies kept them through the deletes and inserts above, and this
  // recount is exact whatever they were before.
  "DELETE FROM warehouse_alert_tallies",
  `INSERT INTO warehouse_alert_tallies (warehouse_id, kind, state, n)
  SELECT a.warehouse_id, t.kind, t.state, sum(t.n)
  FROM alert_tallies t JOIN accounts a ON a.id = t.account_id WHERE a.warehouse_id IS NOT NULL
  GROUP BY a.warehouse_id, t.kind, t.state`,
  "DELETE FROM warehouse_day_tallies",
  `INSERT INTO warehouse_day_tallies (warehouse_id, day, raised, resolved)
  SELECT a.warehouse_id, t.day, sum(t.raised), sum(t.resolved)
  FROM alert_day_tallies t JOIN accounts a ON a.id = t.account_id WHERE a.warehouse_id IS NOT NULL
  GROUP BY a.warehouse_id, t.day`,
].join(";\n");
