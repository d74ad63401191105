// The SQL a view of the Alerts tab runs, captured through a drizzle logger while the bench process calls
// the same core functions as the page (and its layout), then EXPLAIN QUERY PLAN and a timing of each.
import { createClient, type Client, type InValue } from "@libsql/client";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "@/db/schema";
import { AlertFilterInput } from "@/lib/alerts/alert-filter";
import type { AlertCursor } from "@/lib/alerts/list-alerts";
import { tabCounts } from "@/lib/alerts/alert-stats";
import { isFiltered, loadAlertsTab } from "@/lib/alerts/load-alerts-tab";
import { rulesInScope } from "@/lib/error-library/explain-alert";
import { listHeldGroups } from "@/lib/error-library/held-groups";
import { listPausedConnections } from "@/lib/settings/connections";
import { resolveUserScope } from "@/lib/tenancy/scope";
import { median, round } from "../lib/stats";

export type CapturedQuery = { sql: string; params: InValue[] };
export type QueryReport = { sql: string; ms: number; plan: string[]; fullScans: string[]; indexScans: string[]; tempBTrees: string[] };

/** Runs what one /alerts request runs (layout and page) against the file, and returns its statements. */
export async function captureViewQueries(file: string, email: string, query: Record<string, string>, now: Date): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const client = createClient({ url: `file:${file}` });
  const db = drizzle(client, { schema, logger: { logQuery: (sql, params) => captured.push({ sql, params: params as InValue[] }) } });
  try {
    const [user] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email));
    captured.length = 0;
    const scope = await resolveUserScope(db, user!.id);
    // As a request does: the layout's counts are read once and handed to the page.
    const counts = tabCounts(db, scope, now);
    await counts;
    const filter = AlertFilterInput.parse(query);
    const after = parseCursor(query.after);
    // The page's own reads beside the list (app/(app)/alerts/page.tsx): paused connections, rules, fix-once cards.
    await Promise.all([
      loadAlertsTab(db, scope, filter, { now, after, counts }),
      listPausedConnections(db, scope),
      rulesInScope(db, scope),
      filter.state === "open" && !after && !isFiltered(filter) ? listHeldGroups({ db, scope }) : null,
    ]);
  } finally {
    client.close();
  }
  return captured;
}

function parseCursor(raw: string | undefined): AlertCursor | undefined {
  const match = raw?.match(/^(\d+)\.(\d+)$/);
  return match ? { lastSeenAt: Number(match[1]), id: Number(match[2]) } : undefined;
}

/** EXPLAIN QUERY PLAN of each statement, as an indented tree, with its full scans flagged, and its median time. */
export async function explainQueries(file: string, queries: CapturedQuery[], repeats = 5): Promise<QueryReport[]> {
  const client = createClient({ url: `file:${file}` });
  try {
    const reports: QueryReport[] = [];
    for (const q of queries) reports.push(await explainOne(client, q, repeats));
    return reports;
  } finally {
    client.close();
  }
}

async function explainOne(client: Client, q: CapturedQuery, repeats: number): Promise<QueryReport> {
  const result = await client.execute({ sql: `EXPLAIN QUERY PLAN ${q.sql}`, args: q.params });
  const depth = new Map<number, number>([[0, -1]]);
  const plan = result.rows.map((row) => {
    const level = (depth.get(Number(row.parent)) ?? -1) + 1;
    depth.set(Number(row.id), level);
    return `${"  ".repeat(level)}${String(row.detail)}`;
  });
  const details = plan.map((line) => line.trim());
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await client.execute({ sql: q.sql, args: q.params });
    times.push(performance.now() - started);
  }
  return {
    sql: q.sql,
    ms: round(median(times), 2),
    plan,
    // A table read from end to end: "SCAN alerts" with no index, the one shape the figure forbids.
    // (A co-routine's own rows, "CO-ROUTINE ranked … SCAN ranked", are a subquery's result, not a table.)
    fullScans: details.filter((d) => /^SCAN \w+( AS \w+)?$/.test(d) && !details.includes(`CO-ROUTINE ${d.slice(5)}`)),
    // A walk over an index rather than a search of it: bounded only by a LIMIT or a small table.
    indexScans: details.filter((d) => /^SCAN .* USING (COVERING )?INDEX/.test(d)),
    tempBTrees: details.filter((d) => d.includes("TEMP B-TREE")),
  };
}

/** The statement shortened for a table: a long IN list of scope ids becomes "?×N". */
export function shortSql(sql: string): string {
  return sql
    .replace(/\((\?(, )?){6,}\)/g, (m) => `(?×${m.split("?").length - 1})`)
    .replace(/"(\w+)"\."(\w+)"/g, "$1.$2")
    .replace(/"(\w+)"/g, "$1");
}
