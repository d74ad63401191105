// The age tallies (db/schema/flow.ts: alert_open_hours, alert_resolve_tallies) are kept by triggers created in the
// 0012 migration, per merchant and once more under its warehouse's account id. This recounts them from the alerts:
// what a bulk load with the triggers dropped runs afterwards.
const HOUR_MS = 3_600_000;
const WEEK_MS = 604_800_000;

export const REBUILD_AGE_TALLIES_SQL = [
  "DELETE FROM alert_open_hours",
  `INSERT INTO alert_open_hours (account_id, hour, n)
     SELECT owner, hour, count(*) FROM (
       SELECT a.account_id AS owner, a.first_seen_at / ${HOUR_MS} AS hour FROM alerts a WHERE a.state = 'open'
       UNION ALL SELECT m.warehouse_id, a.first_seen_at / ${HOUR_MS} FROM alerts a JOIN accounts m ON m.id = a.account_id
         WHERE a.state = 'open' AND m.warehouse_id IS NOT NULL
     ) GROUP BY 1, 2`,
  "DELETE FROM alert_resolve_tallies",
  `INSERT INTO alert_resolve_tallies (account_id, kind, week, n, total_ms)
     SELECT owner, kind, week, count(*), sum(ms) FROM (
       SELECT a.account_id AS owner, a.kind, a.resolved_at / ${WEEK_MS} AS week, max(0, a.resolved_at - a.first_seen_at) AS ms
         FROM alerts a WHERE a.state = 'resolved' AND a.resolved_at IS NOT NULL
       UNION ALL SELECT m.warehouse_id, a.kind, a.resolved_at / ${WEEK_MS}, max(0, a.resolved_at - a.first_seen_at)
         FROM alerts a JOIN accounts m ON m.id = a.account_id WHERE a.state = 'resolved' AND a.resolved_at IS NOT NULL AND m.warehouse_id IS NOT NULL
     ) GROUP BY 1, 2, 3`,
].join(";\n");
