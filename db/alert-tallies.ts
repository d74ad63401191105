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
].join(";\n");
