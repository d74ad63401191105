// The age tallies (db/schema/flow.ts: alert_open_hours, alert_resolve_tallies) are kept by triggers created in the
// 0012 migration. This recounts them from the alerts: what a bulk load with the triggers dropped runs afterwards.
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const REBUILD_AGE_TALLIES_SQL = [
  "DELETE FROM alert_open_hours",
  `INSERT INTO alert_open_hours (account_id, hour, n)
     SELECT account_id, first_seen_at / ${HOUR_MS}, count(*) FROM alerts WHERE state = 'open' GROUP BY 1, 2`,
  "DELETE FROM alert_resolve_tallies",
  `INSERT INTO alert_resolve_tallies (account_id, kind, day, n, total_ms)
     SELECT account_id, kind, resolved_at / ${DAY_MS}, count(*), sum(max(0, resolved_at - first_seen_at)) FROM alerts
     WHERE state = 'resolved' AND resolved_at IS NOT NULL GROUP BY 1, 2, 3`,
].join(";\n");
