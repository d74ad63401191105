import { and, count, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, connections } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";

type ListedConnection = { id: number; name: string; platform: string; merchantId: number; merchantName: string };

/** More connections than this are not listed until a merchant is chosen (a warehouse may serve hundreds). */
export const MAX_CONNECTION_OPTIONS = 40;

function optionLabel(c: ListedConnection, view: OptionsView): string {
  return view.warehouseUser ? `${c.merchantName} — ${c.name}` : `${c.name} (${c.platform})`;
}

type OptionsView = { warehouseUser: boolean; merchant?: number; connection?: number };

const longListHint = (n: number) => `Choose a merchant to list its ${n} connections`;

/**
 * The Alerts tab's connection choices. A warehouse user sees each connection with its merchant, since every
 * merchant has its own "Northwind WMS"; with a merchant chosen, only that merchant's. A long list waits for
 * a merchant to be chosen first (the one already filtered on stays listed).
 */
export function connectionOptions(connections: ListedConnection[], view: OptionsView) {
  const label = (c: ListedConnection) => optionLabel(c, view);
  const mine = view.merchant ? connections.filter((c) => c.merchantId === view.merchant) : connections;
  if (mine.length <= MAX_CONNECTION_OPTIONS) return { options: mine.map((c) => ({ id: c.id, name: label(c) })), hint: null };
  const current = connections.filter((c) => c.id === view.connection);
  return { options: current.map((c) => ({ id: c.id, name: label(c) })), hint: longListHint(mine.length) };
}

/**
 * The connection choices straight from the database, reading no more than a list can show: up to
 * MAX_CONNECTION_OPTIONS + 1 connections of the merchants in view; past that, their count and the connection
 * already filtered on. A warehouse with 200 merchants reads 41 rows, not 400.
 */
export async function loadConnectionOptions(db: DbOrTx, scope: Scope, view: OptionsView) {
  const merchantIds = view.merchant ? scope.merchantIds.filter((id) => id === view.merchant) : scope.merchantIds;
  const listed = {
    id: connections.id,
    name: connections.name,
    platform: connections.platform,
    kind: connections.kind,
    merchantId: accounts.id,
    merchantName: accounts.name,
  };
  const rows = await db
    .select(listed)
    .from(connections)
    .innerJoin(accounts, eq(accounts.id, connections.accountId))
    .where(within(connections.accountId, merchantIds))
    .limit(MAX_CONNECTION_OPTIONS + 1);
  // Sorted here, not by SQL: an ORDER BY would sort every connection in view before the limit.
  if (rows.length <= MAX_CONNECTION_OPTIONS) return connectionOptions(rows.sort(byMerchantThenKind), view);
  const [total, current] = await Promise.all([
    db.select({ n: count() }).from(connections).where(within(connections.accountId, merchantIds)),
    view.connection
      ? db
          .select(listed)
          .from(connections)
          .innerJoin(accounts, eq(accounts.id, connections.accountId))
          .where(and(eq(connections.id, view.connection), within(connections.accountId, scope.merchantIds)))
      : Promise.resolve([]),
  ]);
  return {
    options: current.map((c) => ({ id: c.id, name: optionLabel(c, view) })),
    hint: longListHint(total[0]?.n ?? 0),
  };
}

/** The order SQL gave them (binary, as the merchant list beside it is sorted), then by name and id. */
function byMerchantThenKind(a: ListedConnection & { kind: string }, b: ListedConnection & { kind: string }): number {
  const compare = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);
  return compare(a.merchantName, b.merchantName) || compare(a.kind, b.kind) || compare(a.name, b.name) || compare(a.id, b.id);
}
