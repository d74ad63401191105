import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "@/db/client";
import { accounts, memberships, type AccountKind, type Role } from "@/db/schema";

/**
 * What a caller may see. Every query of the core takes a Scope and filters by it: a warehouse user
 * sees every merchant its warehouse serves, a merchant user its own merchant only, and a job or a
 * webhook acts for one merchant. Anything outside is "not found".
 */
export type Scope = {
  /** The signed-in user, or null when the system acts (a job, a webhook). */
  userId: string | null;
  memberships: { accountId: number; kind: AccountKind; name: string; role: Role }[];
  /** Merchants whose orders, connections, deliveries and alerts are visible. */
  merchantIds: number[];
  /** Warehouses whose settings (ship-method mappings) are visible: own, or the one serving the merchant. */
  warehouseIds: number[];
  /** Every account id above: the accounts whose alert contacts are visible. */
  accountIds: number[];
  /**
   * The accounts whose settings and secrets the caller manages (docs/roles.md): those it is an admin of, and
   * the merchants a warehouse it is an admin of serves. A subset of `accountIds`; see lib/tenancy/roles.ts.
   */
  managedAccountIds: number[];
  /**
   * How the alert tallies are summed for this scope (db/schema/alert-tallies.ts): the warehouses the caller sees
   * every merchant of, read from their per-warehouse sums, and the merchants of `merchantIds` outside them.
   */
  tallies: { warehouseIds: number[]; merchantIds: number[] };
};

export async function resolveUserScope(db: DbOrTx, userId: string): Promise<Scope> {
  // Both reads at once: on a libSQL server every page starts here, and one round trip after another is its cost
  // (bench/results/round-trips.md). The merchants served are those whose warehouse the user belongs to.
  const [rows, served] = await Promise.all([
    db
      .select({
        accountId: accounts.id,
        kind: accounts.kind,
        name: accounts.name,
        role: memberships.role,
        warehouseId: accounts.warehouseId,
      })
      .from(memberships)
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(eq(memberships.userId, userId)),
    db
      .select({ id: accounts.id, warehouseId: accounts.warehouseId })
      .from(accounts)
      .where(
        inArray(accounts.warehouseId, db.select({ id: memberships.accountId }).from(memberships).where(eq(memberships.userId, userId))),
      ),
  ]);
  return buildScope(db, userId, rows, served);
}

/** The scope a job or webhook uses when it acts for one merchant. */
export async function resolveAccountScope(db: DbOrTx, accountId: number): Promise<Scope> {
  const rows = await db
    .select({ accountId: accounts.id, kind: accounts.kind, name: accounts.name, warehouseId: accounts.warehouseId })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return buildScope(
    db,
    null,
    rows.map((r) => ({ ...r, role: "member" as const })),
  );
}

async function buildScope(
  db: DbOrTx,
  userId: string | null,
  rows: { accountId: number; kind: AccountKind; name: string; role: Role; warehouseId: number | null }[],
  servedRead?: { id: number; warehouseId: number | null }[],
): Promise<Scope> {
  const ownWarehouses = rows.filter((r) => r.kind === "warehouse").map((r) => r.accountId);
  const ownMerchants = rows.filter((r) => r.kind === "merchant");
  const served = servedRead
    ? servedRead.filter((m) => m.warehouseId !== null && ownWarehouses.includes(m.warehouseId))
    : ownWarehouses.length
      ? await db
          .select({ id: accounts.id, warehouseId: accounts.warehouseId })
          .from(accounts)
          .where(inArray(accounts.warehouseId, ownWarehouses))
      : [];
  const servedIds = new Set(served.map((m) => m.id));
  const adminOf = rows.filter((r) => r.role === "admin").map((r) => r.accountId);
  const merchantIds = unique([...ownMerchants.map((r) => r.accountId), ...served.map((r) => r.id)]);
  const warehouseIds = unique([...ownWarehouses, ...ownMerchants.flatMap((r) => (r.warehouseId ? [r.warehouseId] : []))]);
  return {
    userId,
    memberships: rows.map(({ accountId, kind, name, role }) => ({ accountId, kind, name, role })),
    merchantIds,
    warehouseIds,
    accountIds: unique([...rows.map((r) => r.accountId), ...merchantIds]),
    managedAccountIds: unique([...adminOf, ...served.filter((m) => adminOf.includes(m.warehouseId!)).map((m) => m.id)]),
    tallies: { warehouseIds: unique(ownWarehouses), merchantIds: merchantIds.filter((id) => !servedIds.has(id)) },
  };
}

/** `column IN (scope ids)`; an empty scope matches nothing. */
export function within(column: SQLiteColumn, ids: number[]): SQL {
  return ids.length ? inArray(column, ids) : sql`0`;
}

export function isWarehouseUser(scope: Scope): boolean {
  return scope.memberships.some((m) => m.kind === "warehouse");
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}
