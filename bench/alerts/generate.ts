// Generates the "Alerts tab at scale" database: one warehouse serving 200 merchants, 2,000,000 orders and
// 1,000,000 alerts of every kind and state spread over a year. The rows are made by SQLite itself
// (recursive CTEs and INSERT … SELECT in large transactions), with the migrations' indexes and triggers
// dropped during the load and recreated after it, exactly as the migrations define them.
// Runnable alone: `tsx bench/alerts/generate.ts [file]` prints the time it took.
import { pathToFileURL } from "node:url";
import { createClient, type Client } from "@libsql/client";
import bcrypt from "bcryptjs";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "@/db/schema";
import { FILL_ORDERS_SEARCH_SQL } from "@/db/orders-search";
import { REBUILD_AGE_TALLIES_SQL } from "@/db/age-tallies";
import { REBUILD_ALERT_TALLIES_SQL } from "@/db/alert-tallies";
import { migrateDatabase } from "@/db/migrate";
import { ROOT, freshDatabaseFile } from "../lib/server";

export const SCALE = { merchants: 200, ordersPerMerchant: 10_000, alerts: 1_000_000 };
export const BENCH_USER = { email: "ops@bench-fulfillment.example", password: "bench-password", name: "Bench Admin" };
const DAY = 86_400_000;

/**
 * A deterministic pseudo-random integer in [0, 2^31 - 1) from a row number and a salt. Each salt has its own
 * multiplier and a squaring step, so columns drawn with different salts are not shifted copies of each other.
 */
const h = (x: string, salt: number) => {
  const a = `((${x}) * ${2654435761 - salt * 40503} + ${salt * 7919 + 12345}) % 2147483647`;
  return `((((${a}) * (${a})) % 2147483647) * 48271 + (${a})) % 2147483647`;
};
/** A pseudo-random number in [0, 1). */
const u = (x: string, salt: number) => `(${h(x, salt)} / 2147483647.0)`;
const rows = (n: number) => `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n})`;

// Kinds with their share of alerts (in thousandths), and messages remote systems really send.
const KINDS: [kind: string, share: number, http: number | null, needsPerson: 0 | 1 | 2, messages: string[]][] = [
  [
    "tracking_push_failed",
    300,
    429,
    0,
    [
      "429 Too Many Requests: Exceeded 2 calls per second for api client.",
      "Fulfillment not found for order line",
      "503 Service Unavailable",
    ],
  ],
  ["order_send_failed", 200, 503, 0, ["Upstream WMS timed out after 30 s", "502 Bad Gateway", "Connection refused (ECONNREFUSED)"]],
  [
    "inventory_push_failed",
    190,
    422,
    0,
    ["Inventory item does not exist for SKU", "Location is not active for this item", "429 Too Many Requests"],
  ],
  [
    "address_invalid",
    80,
    422,
    1,
    ["Postal code does not match the state", "Street address is missing a house number", "Country code is not supported"],
  ],
  [
    "ship_method_unmapped",
    70,
    null,
    1,
    [
      "No carrier service mapped for 'Free Shipping'",
      "No carrier service mapped for 'Economy International'",
      "No carrier service mapped for 'Express 2-Day'",
    ],
  ],
  [
    "record_skipped",
    80,
    500,
    1,
    ["Gave up after the retry window closed.", "500 Internal Server Error", "Upstream WMS timed out after 30 s"],
  ],
  ["connection_down", 20, null, 0, ["Connection refused (ECONNREFUSED)", "getaddrinfo ENOTFOUND", "TLS handshake timed out"]],
  ["remote_error", 60, 400, 2, ["Order was canceled in the WMS", "Carrier rejected the label request", "Duplicate order reference"]],
];

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;
/** A CASE over cumulative shares, mapping a value in [0, 1000) to one of the entries. */
function byShare(roll: string, value: (k: (typeof KINDS)[number], index: number) => string): string {
  let acc = 0;
  const branches = KINDS.map((k, index) => {
    acc += k[1];
    return index === KINDS.length - 1 ? `ELSE ${value(k, index)}` : `WHEN ${roll} < ${acc} THEN ${value(k, index)}`;
  });
  return `CASE ${branches.join(" ")} END`;
}

async function run(client: Client, label: string, script: string) {
  const started = performance.now();
  await client.executeMultiple(
    `PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF; PRAGMA journal_mode = OFF; PRAGMA cache_size = -400000; PRAGMA temp_store = MEMORY; BEGIN; ${script}; COMMIT;`,
  );
  console.log(`  ${label.padEnd(34)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export async function generateAlertsDatabase(file: string, now = Date.now()): Promise<{ seconds: number; file: string }> {
  const started = performance.now();
  // One connection for everything: switching the journal mode needs the file to itself.
  const client = createClient({ url: `file:${file}`, concurrency: 1 });
  await migrateDatabase({ db: drizzle(client, { schema }), client, url: `file:${file}` });
  // Indexes and triggers off during the load; recreated from the migrations' own definitions afterwards.
  const defs = await client.execute(
    "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ('accounts','users','memberships','connections','orders','deliveries','alerts','alert_events')",
  );
  const saved = defs.rows.map((r) => ({ type: String(r.type), name: String(r.name), sql: String(r.sql) }));
  await client.executeMultiple("PRAGMA journal_mode = DELETE; " + saved.map((d) => `DROP ${d.type.toUpperCase()} "${d.name}";`).join(" "));

  const M = SCALE.merchants;
  const since = now - 400 * DAY;
  const passwordHash = await bcrypt.hash(BENCH_USER.password, 10);
  await run(
    client,
    "accounts, user, connections",
    [
      `INSERT INTO accounts (id, kind, name, warehouse_id, created_at) VALUES (1, 'warehouse', 'Bench Fulfillment', NULL, ${since})`,
      `${rows(M)} INSERT INTO accounts (id, kind, name, warehouse_id, created_at) SELECT i + 1, 'merchant', printf('Merchant %03d', i), 1, ${since} FROM s`,
      `INSERT INTO users (id, name, email, email_verified, password_hash) VALUES ('bench-admin', ${sqlString(BENCH_USER.name)}, ${sqlString(BENCH_USER.email)}, ${since}, ${sqlString(passwordHash)})`,
      `INSERT INTO memberships (user_id, account_id, role) VALUES ('bench-admin', 1, 'admin')`,
      // Cutoff rules, so the default view shows (and pays for) the "will miss today's cutoff" card.
      `INSERT INTO cutoff_settings (warehouse_id, time_zone, updated_at) VALUES (1, 'America/Chicago', ${since})`,
      `${rows(2 * M)} INSERT INTO connections (id, account_id, kind, platform, name, endpoint_url, credential, webhook_secret, sync_interval_minutes, created_at, updated_at)
        SELECT i, (i - 1) / 2 + 2, CASE i % 2 WHEN 1 THEN 'cart' ELSE 'wms' END, CASE i % 2 WHEN 1 THEN 'Shopify' ELSE 'Manhattan WMS' END,
          printf(CASE i % 2 WHEN 1 THEN 'shop-%03d.myshopify.com' ELSE 'Bench WMS %03d' END, (i - 1) / 2 + 1),
          printf('https://connector.example/%03d/%s', (i - 1) / 2 + 1, CASE i % 2 WHEN 1 THEN 'cart' ELSE 'wms' END),
          'bench_credential', 'whsec_YmVuY2gtc2VjcmV0LWJlbmNoLXNlY3JldA==', CASE WHEN i % 7 = 0 THEN 60 ELSE 15 END, ${since}, ${since} FROM s`,
    ].join(";\n"),
  );

  // Orders: order i belongs to merchant (i - 1) % 200; its number is #M<merchant>-<100000 + n>.
  const orderCount = M * SCALE.ordersPerMerchant;
  await run(
    client,
    `${orderCount.toLocaleString("en")} orders`,
    `${rows(orderCount)}, o AS (SELECT i, (i - 1) % ${M} AS m, (i - 1) / ${M} AS n, ${u("i", 1)} AS r, ${now} - CAST(${u("i", 2)} * 365 * ${DAY} AS INTEGER) AS placed FROM s)
     INSERT INTO orders (id, account_id, cart_connection_id, order_number, ship_to, ship_method_label, lines, status, payload_version, placed_at, created_at, updated_at)
     SELECT i, m + 2, 2 * m + 1, printf('#M%03d-%d', m + 1, 100000 + n),
       '{"name":"Jordan Reyes","line1":"1200 Harbor Blvd","city":"Oakland","region":"CA","postalCode":"94607","country":"US"}',
       CASE WHEN r < 0.6 THEN 'Standard Shipping' WHEN r < 0.85 THEN 'Express 2-Day' WHEN r < 0.95 THEN 'Free Shipping' ELSE 'Economy International' END,
       printf('[{"sku":"SKU-%03d-%04d","quantity":%d}]', m + 1, i % 500, 1 + i % 3),
       CASE WHEN r < 0.62 THEN 'shipped' WHEN r < 0.80 THEN 'at_wms' WHEN r < 0.86 THEN 'new' WHEN r < 0.91 THEN 'error' WHEN r < 0.95 THEN 'held' WHEN r < 0.97 THEN 'skipped' ELSE 'canceled' END,
       1, placed, placed, placed FROM o`,
  );

  // Alerts: states open 12% (a tenth of them snoozed), resolved 78%, dismissed 10%. Closed alerts spread
  // over a year; open ones are recent (retry windows are at most 30 days; those needing a person up to 90).
  const kind = byShare("k", (k) => sqlString(k[0]));
  const msg = byShare(
    "k",
    (k) => `CASE mv WHEN 0 THEN ${sqlString(k[4][0]!)} WHEN 1 THEN ${sqlString(k[4][1]!)} ELSE ${sqlString(k[4][2]!)} END`,
  );
  const http = byShare("k", (k) => (k[2] === null ? "NULL" : String(k[2])));
  const needs = byShare("k", (k) => (k[3] === 2 ? "(mv = 0)" : String(k[3])));
  await run(
    client,
    `${SCALE.alerts.toLocaleString("en")} alerts`,
    `${rows(SCALE.alerts)},
     a AS (SELECT i, ${h("i", 3)} % ${M} AS m, ${h("i", 4)} % ${SCALE.ordersPerMerchant} AS n, ${h("i", 5)} % 1000 AS k, ${h("i", 6)} % 3 AS mv,
       ${u("i", 7)} AS sr, ${u("i", 8)} AS tr, ${u("i", 9)} AS dr FROM s),
     b AS (SELECT *, ${kind} AS kind, ${needs} AS needs,
       CASE WHEN sr < 0.12 THEN 'open' WHEN sr < 0.90 THEN 'resolved' ELSE 'dismissed' END AS state FROM a),
     c AS (SELECT *, CASE WHEN state = 'open' THEN ${now} - CAST(tr * (CASE WHEN needs THEN 90 ELSE 30 END) * ${DAY} AS INTEGER)
                          ELSE ${now} - CAST(tr * 365 * ${DAY} AS INTEGER) END AS first FROM b),
     d AS (SELECT *, MIN(${now}, first + CAST(dr * dr * 3 * ${DAY} AS INTEGER)) AS last FROM c)
     INSERT INTO alerts (id, account_id, connection_id, delivery_id, order_id, kind, state, needs_person, message, error_code, order_number, product_code,
       http_status, occurrences, first_seen_at, last_seen_at, give_up_at, dedupe_key, resolved_at, dismissed_at, dismissed_by, snoozed_until, ship_by)
     SELECT i, m + 2,
       CASE WHEN kind IN ('order_send_failed', 'address_invalid', 'ship_method_unmapped') THEN 2 * m + 2
            WHEN kind IN ('tracking_push_failed', 'inventory_push_failed') THEN 2 * m + 1 ELSE 2 * m + 1 + (i % 2) END,
       CASE WHEN kind IN ('connection_down', 'remote_error') THEN NULL ELSE i END,
       CASE WHEN kind IN ('inventory_push_failed', 'connection_down') THEN NULL ELSE n * ${M} + m + 1 END,
       kind, state, needs, ${msg},
       CASE kind WHEN 'address_invalid' THEN 'address_invalid' WHEN 'ship_method_unmapped' THEN 'ship_method_unmapped' ELSE NULL END,
       CASE WHEN kind IN ('inventory_push_failed', 'connection_down') THEN NULL ELSE printf('#M%03d-%d', m + 1, 100000 + n) END,
       CASE WHEN kind = 'inventory_push_failed' THEN printf('SKU-%03d-%04d', m + 1, n % 500) ELSE NULL END,
       ${http}, 1 + CAST(dr * dr * 40 AS INTEGER), first, last,
       CASE WHEN kind IN ('order_send_failed', 'tracking_push_failed', 'inventory_push_failed') THEN first + CASE WHEN kind = 'order_send_failed' THEN 15 ELSE 3 END * ${DAY} ELSE NULL END,
       CASE WHEN kind IN ('connection_down', 'remote_error') THEN printf('connection:%d:%s:%d', 2 * m + 1, kind, i) ELSE printf('delivery:%d:%s', i, kind) END,
       CASE WHEN state = 'resolved' THEN MIN(${now}, last + CAST(dr * ${DAY} AS INTEGER)) ELSE NULL END,
       CASE WHEN state = 'dismissed' THEN MIN(${now}, last + CAST(dr * 2 * ${DAY} AS INTEGER)) ELSE NULL END,
       CASE WHEN state = 'dismissed' THEN 'bench-admin' ELSE NULL END,
       CASE WHEN state = 'open' AND sr < 0.012 THEN ${now} + CAST((1 + dr * 6) * ${DAY} AS INTEGER) ELSE NULL END,
       -- Every alert about an order on its way to the WMS has its order's ship-by: open ones from a day overdue
       -- to four days ahead, closed ones a day after they were raised (docs/ship-by.md#urgency).
       CASE WHEN kind NOT IN ('order_send_failed', 'address_invalid', 'ship_method_unmapped', 'record_skipped', 'remote_error') THEN NULL
            WHEN state = 'open' THEN ${now} + CAST(((${h("i", 10)} % 100000) / 100000.0 * 5 - 1) * ${DAY} AS INTEGER)
            ELSE first + ${DAY} END
     FROM d`,
  );

  await run(
    client,
    "deliveries for record alerts",
    `INSERT INTO deliveries (id, account_id, connection_id, kind, order_id, sku, payload, payload_version, status, attempts, consecutive_failures,
       first_failure_at, last_error, last_http_status, last_attempt_at, next_attempt_at, give_up_at, created_at, updated_at)
     SELECT a.delivery_id, a.account_id, a.connection_id,
       CASE WHEN a.kind IN ('tracking_push_failed') THEN 'tracking_to_cart' WHEN a.kind = 'inventory_push_failed' THEN 'inventory_to_cart' ELSE 'order_to_wms' END,
       a.order_id, a.product_code, '{}', 1,
       CASE a.state WHEN 'resolved' THEN 'succeeded' WHEN 'dismissed' THEN 'skipped'
         ELSE CASE WHEN a.kind = 'record_skipped' THEN 'skipped' WHEN a.needs_person THEN 'held' ELSE 'retrying' END END,
       a.occurrences, CASE a.state WHEN 'open' THEN a.occurrences ELSE 0 END, a.first_seen_at, a.message, a.http_status, a.last_seen_at,
       CASE WHEN a.state = 'open' AND NOT a.needs_person AND a.kind <> 'record_skipped' THEN ${now} + 3600000 - (a.id % 3600000) ELSE NULL END,
       a.give_up_at, a.first_seen_at, a.last_seen_at
     FROM alerts a WHERE a.delivery_id IS NOT NULL`,
  );

  await run(
    client,
    "alert events (raised, closed)",
    `INSERT INTO alert_events (alert_id, type, detail, actor_user_id, at) SELECT id, 'raised', message, NULL, first_seen_at FROM alerts;
     INSERT INTO alert_events (alert_id, type, detail, actor_user_id, at)
       SELECT id, state, CASE state WHEN 'resolved' THEN 'Delivered on retry.' ELSE 'No longer retried.' END, dismissed_by, COALESCE(resolved_at, dismissed_at)
       FROM alerts WHERE state IN ('resolved', 'dismissed');
     INSERT INTO alert_events (alert_id, type, detail, actor_user_id, at)
       SELECT id, 'snoozed', 'Snoozed.', 'bench-admin', last_seen_at FROM alerts WHERE snoozed_until IS NOT NULL`,
  );

  const indexes = saved.filter((d) => d.type === "index");
  const triggers = saved.filter((d) => d.type === "trigger");
  await run(client, `${indexes.length} indexes, ${triggers.length} triggers`, [...indexes, ...triggers].map((d) => d.sql).join(";\n"));
  // The tallies' triggers were off during the load: count them once from the alerts.
  await run(client, "alert tallies", `${REBUILD_ALERT_TALLIES_SQL};\n${REBUILD_AGE_TALLIES_SQL}`);
  await run(client, "orders search index", FILL_ORDERS_SEARCH_SQL);
  await client.executeMultiple("PRAGMA journal_mode = WAL; PRAGMA wal_checkpoint(TRUNCATE);");
  client.close();
  const seconds = (performance.now() - started) / 1000;
  return { seconds, file };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.chdir(ROOT);
  const file = process.argv[2] ?? freshDatabaseFile("alerts");
  console.log(`Generating ${file}…`);
  const { seconds } = await generateAlertsDatabase(file);
  console.log(`Generated in ${seconds.toFixed(1)} s`);
}
