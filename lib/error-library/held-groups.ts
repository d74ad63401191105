import { and, eq, gt, inArray, isNotNull, sql } from "drizzle-orm";
import { accounts, alerts, connections, deliveries, heldOrderTallies } from "@/db/schema";
import type { CoreContext } from "../core/context";
import { within } from "../tenancy/scope";
import { explainAlert, type AlertErrorFacts } from "./explain-alert";

/** Orders held on a SKU the WMS does not know (docs/error-library.md#sku-mappings). */
export type HeldSkuGroup = { sku: string; orders: number; merchants: string[]; since: Date };
/** Orders held on a ship-to region or country code the WMS does not know (docs/error-library.md#group-fixes). */
export type HeldRegionGroup = { code: string; orders: number; merchants: string[]; since: Date };
/** A connection whose credential is refused: every record it is owed waits on a new one (docs/error-library.md#group-fixes). */
export type CredentialGroup = {
  connectionId: number;
  connectionName: string;
  platform: string;
  merchantName: string;
  waiting: number;
  since: Date;
  message: string;
};
export type HeldGroups = { skus: HeldSkuGroup[]; regions: HeldRegionGroup[]; credentials: CredentialGroup[] };

type Member = { orders: number; merchants: string[]; firstSeenAt: Date };

/**
 * The open alerts that share a diagnosis and its subject, as the library reads them: a SKU, a region code, a
 * refused credential — each one card with one fix that releases them all. Two statements at once, both a few
 * rows at any scale: the held order alerts as their tallies count them (db/schema/alert-tallies.ts), summed per
 * error and platform with the merchants it holds orders of, and the down connections with their one open outage
 * (found by its dedupe key).
 */
async function readGroups(ctx: Pick<CoreContext, "db" | "scope">) {
  const { db, scope } = ctx;
  const bySku = new Map<string, Member[]>();
  const byRegion = new Map<string, Member[]>();
  const credentials: CredentialGroup[] = [];
  if (scope.merchantIds.length === 0) return { bySku, byRegion, credentials };
  const t = heldOrderTallies;
  const [held, outages] = await Promise.all([
    db
      .select({
        kind: t.kind,
        message: t.message,
        errorCode: t.errorCode,
        httpStatus: t.httpStatus,
        productCode: t.productCode,
        connectionPlatform: connections.platform,
        connectionKind: connections.kind,
        n: sql<number>`sum(${t.n})`.mapWith(Number),
        firstHeldAt: sql<number>`min(${t.firstHeldAt})`.mapWith(Number),
        merchants: sql<string>`json_group_array(distinct ${accounts.name})`,
      })
      .from(t)
      .innerJoin(accounts, eq(accounts.id, t.accountId))
      .leftJoin(connections, eq(connections.id, t.connectionId))
      .where(and(within(t.accountId, scope.merchantIds), gt(t.n, 0)))
      .groupBy(t.kind, t.message, t.errorCode, t.httpStatus, t.productCode, connections.platform, connections.kind),
    db
      .select({
        alert: { message: alerts.message, errorCode: alerts.errorCode, httpStatus: alerts.httpStatus, firstSeenAt: alerts.firstSeenAt },
        connection: { id: connections.id, name: connections.name, platform: connections.platform, kind: connections.kind },
        merchant: accounts.name,
        // What a refused credential holds back: counted for a down connection only, a few at most.
        waiting: sql<number>`(select count(*) from ${deliveries} where ${deliveries.connectionId} = ${connections.id} and ${deliveries.status} in ('pending', 'retrying'))`,
      })
      .from(connections)
      .innerJoin(accounts, eq(accounts.id, connections.accountId))
      .innerJoin(
        alerts,
        and(eq(alerts.dedupeKey, sql`'connection:' || ${connections.id} || ':connection_down'`), sql`${alerts.state} = 'open'`),
      )
      .where(and(within(connections.accountId, scope.merchantIds), isNotNull(connections.downSince))),
  ]);
  for (const row of outages) {
    const { alert, connection } = row;
    const e = explainAlert({
      ...alert,
      kind: "connection_down",
      productCode: null,
      orderId: null,
      connectionPlatform: connection.platform,
      connectionKind: connection.kind,
      deliveryKind: null,
    });
    if (e.fix === "renew_credential")
      credentials.push({
        connectionId: connection.id,
        connectionName: connection.name,
        platform: connection.platform,
        merchantName: row.merchant,
        waiting: Number(row.waiting),
        since: alert.firstSeenAt,
        message: alert.message,
      });
  }
  for (const row of held) {
    const subject = groupOf({ ...factsOf(row), connectionPlatform: row.connectionPlatform, connectionKind: row.connectionKind });
    const member = { orders: row.n, merchants: JSON.parse(row.merchants) as string[], firstSeenAt: new Date(row.firstHeldAt) };
    if (subject?.by === "sku") push(bySku, subject.key, member);
    else if (subject?.by === "region") push(byRegion, subject.key, member);
  }
  return { bySku, byRegion, credentials };
}

/** A tally row's facts as an alert's: its '' and 0 stand for none. */
function factsOf(tally: Pick<typeof heldOrderTallies.$inferSelect, "kind" | "message" | "errorCode" | "httpStatus" | "productCode">) {
  return {
    kind: tally.kind,
    message: tally.message,
    errorCode: tally.errorCode || null,
    httpStatus: tally.httpStatus || null,
    productCode: tally.productCode || null,
  };
}

/** The card a held order alert belongs to, as the library explains it: its SKU or its region code, or none. */
function groupOf(facts: Omit<AlertErrorFacts, "deliveryKind" | "orderId">): { by: "sku" | "region"; key: string } | null {
  const e = explainAlert({ ...facts, orderId: null, deliveryKind: "order_to_wms" });
  const sku = e.subject?.sku ?? facts.productCode;
  if (e.fix === "map_sku" && sku) return { by: "sku", key: sku };
  if (e.id === "common.region_code" && e.subject?.label) return { by: "region", key: e.subject.label.toUpperCase() };
  return null;
}

function push(groups: Map<string, Member[]>, key: string, member: Member) {
  const members = groups.get(key);
  if (members) members.push(member);
  else groups.set(key, [member]);
}

/** One open alert per held order (its dedupe key is the order's delivery's), so alerts count orders. */
function summarise(members: Member[]) {
  return {
    orders: members.reduce((n, m) => n + m.orders, 0),
    merchants: [...new Set(members.flatMap((m) => m.merchants))].sort(),
    since: new Date(Math.min(...members.map((m) => m.firstSeenAt.getTime()))),
  };
}

/** Every group the Alerts tab shows as a card, the most orders first. */
export async function listHeldGroups(ctx: Pick<CoreContext, "db" | "scope">): Promise<HeldGroups> {
  const { bySku, byRegion, credentials } = await readGroups(ctx);
  const skus = [...bySku].map(([sku, members]) => ({ sku, ...summarise(members) }));
  const regions = [...byRegion].map(([code, members]) => ({ code, ...summarise(members) }));
  return {
    skus: skus.sort((a, b) => b.orders - a.orders || a.sku.localeCompare(b.sku)),
    regions: regions.sort((a, b) => b.orders - a.orders || a.code.localeCompare(b.code)),
    credentials: credentials.sort((a, b) => b.waiting - a.waiting || a.connectionName.localeCompare(b.connectionName)),
  };
}

/**
 * The orders held on one region or country code, as the library reads their alerts: the held alerts of the
 * merchants whose tallies put any in that group, each explained again.
 */
export async function ordersHeldOnRegionCode(ctx: Pick<CoreContext, "db" | "scope">, code: string): Promise<number[]> {
  const { db, scope } = ctx;
  const wanted = code.toUpperCase();
  const { byRegion } = await readGroups(ctx);
  if (!byRegion.has(wanted)) return [];
  const rows = await db
    .select({
      orderId: alerts.orderId,
      kind: alerts.kind,
      message: alerts.message,
      errorCode: alerts.errorCode,
      httpStatus: alerts.httpStatus,
      productCode: alerts.productCode,
      connectionPlatform: connections.platform,
      connectionKind: connections.kind,
    })
    .from(alerts)
    .leftJoin(connections, eq(connections.id, alerts.connectionId))
    .where(
      and(
        within(alerts.accountId, scope.merchantIds),
        sql`${alerts.state} = 'open'`,
        eq(alerts.needsPerson, true),
        isNotNull(alerts.orderId),
        inArray(alerts.kind, ["order_send_failed", "address_invalid"]),
      ),
    );
  const ids = rows.filter((r) => groupOf(r)?.key === wanted && groupOf(r)?.by === "region").map((r) => r.orderId!);
  return [...new Set(ids)].sort((a, b) => a - b);
}
