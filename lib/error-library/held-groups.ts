import { and, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import { accounts, alerts, connections, deliveries } from "@/db/schema";
import type { CoreContext } from "../core/context";
import { within } from "../tenancy/scope";
import { explainAlert } from "./explain-alert";

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

type Member = { orderId: number; merchant: string; firstSeenAt: Date };

/**
 * The open alerts that share a diagnosis and its subject, as the library reads them: a SKU, a region code, a
 * refused credential — each one card with one fix that releases them all. One statement: the held order alerts
 * and the connection outages of the caller's merchants.
 */
async function readGroups(ctx: Pick<CoreContext, "db" | "scope">) {
  const { db, scope } = ctx;
  const bySku = new Map<string, Member[]>();
  const byRegion = new Map<string, Member[]>();
  const credentials: CredentialGroup[] = [];
  if (scope.merchantIds.length === 0) return { bySku, byRegion, credentials };
  const rows = await db
    .select({
      alert: {
        kind: alerts.kind,
        message: alerts.message,
        errorCode: alerts.errorCode,
        httpStatus: alerts.httpStatus,
        productCode: alerts.productCode,
        orderId: alerts.orderId,
        firstSeenAt: alerts.firstSeenAt,
        connectionId: alerts.connectionId,
      },
      connectionPlatform: connections.platform,
      connectionKind: connections.kind,
      connectionName: connections.name,
      merchant: accounts.name,
      // What a refused credential holds back: counted only for an outage's alert.
      waiting: sql<number>`case when ${alerts.kind} = 'connection_down' then (select count(*) from ${deliveries} where ${deliveries.connectionId} = ${alerts.connectionId} and ${deliveries.status} in ('pending', 'retrying')) else 0 end`,
    })
    .from(alerts)
    .innerJoin(accounts, eq(accounts.id, alerts.accountId))
    .leftJoin(connections, eq(connections.id, alerts.connectionId))
    .where(
      and(
        within(alerts.accountId, scope.merchantIds),
        eq(alerts.state, "open"),
        or(
          and(inArray(alerts.kind, ["order_send_failed", "address_invalid"]), eq(alerts.needsPerson, true), isNotNull(alerts.orderId)),
          eq(alerts.kind, "connection_down"),
        ),
      ),
    );
  for (const row of rows) {
    const { alert } = row;
    const down = alert.kind === "connection_down";
    const e = explainAlert({
      ...alert,
      connectionPlatform: row.connectionPlatform,
      connectionKind: row.connectionKind,
      deliveryKind: down ? null : "order_to_wms",
    });
    if (down) {
      if (e.fix === "renew_credential" && alert.connectionId != null)
        credentials.push({
          connectionId: alert.connectionId,
          connectionName: row.connectionName ?? "The connection",
          platform: row.connectionPlatform ?? "",
          merchantName: row.merchant,
          waiting: Number(row.waiting),
          since: alert.firstSeenAt,
          message: alert.message,
        });
      continue;
    }
    const member = { orderId: alert.orderId!, merchant: row.merchant, firstSeenAt: alert.firstSeenAt };
    const sku = e.subject?.sku ?? alert.productCode;
    if (e.fix === "map_sku" && sku) push(bySku, sku, member);
    else if (e.id === "common.region_code" && e.subject?.label) push(byRegion, e.subject.label.toUpperCase(), member);
  }
  return { bySku, byRegion, credentials };
}

function push(groups: Map<string, Member[]>, key: string, member: Member) {
  const members = groups.get(key);
  if (members) members.push(member);
  else groups.set(key, [member]);
}

function summarise(members: Member[]) {
  return {
    orders: new Set(members.map((m) => m.orderId)).size,
    merchants: [...new Set(members.map((m) => m.merchant))].sort(),
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

/** The orders held on one region or country code, as the library reads their alerts. */
export async function ordersHeldOnRegionCode(ctx: Pick<CoreContext, "db" | "scope">, code: string): Promise<number[]> {
  const { byRegion } = await readGroups(ctx);
  return [...new Set((byRegion.get(code.toUpperCase()) ?? []).map((m) => m.orderId))].sort((a, b) => a - b);
}
