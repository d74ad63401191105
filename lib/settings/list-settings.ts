import { asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alertContacts, connections, shipMethodMappings } from "@/db/schema";
import { within, type Scope } from "../tenancy/scope";

export async function listShipMethodMappings(db: DbOrTx, scope: Scope) {
  return db
    .select()
    .from(shipMethodMappings)
    .where(within(shipMethodMappings.warehouseId, scope.warehouseIds))
    .orderBy(asc(shipMethodMappings.cartLabel));
}

export async function listAlertContacts(db: DbOrTx, scope: Scope) {
  return db
    .select({ contact: alertContacts, accountName: accounts.name })
    .from(alertContacts)
    .innerJoin(accounts, eq(accounts.id, alertContacts.accountId))
    .where(within(alertContacts.accountId, scope.accountIds))
    .orderBy(asc(accounts.name), asc(alertContacts.email));
}

/** The accounts whose alert contacts the caller manages: its own, then the merchants its warehouse serves. */
export async function listContactAccounts(db: DbOrTx, scope: Scope) {
  return db
    .select({ id: accounts.id, name: accounts.name, kind: accounts.kind })
    .from(accounts)
    .where(within(accounts.id, scope.accountIds))
    .orderBy(desc(accounts.kind), asc(accounts.name));
}

export async function listConnections(db: DbOrTx, scope: Scope) {
  return db
    .select({
      id: connections.id,
      kind: connections.kind,
      platform: connections.platform,
      name: connections.name,
      endpointUrl: connections.endpointUrl,
      syncIntervalMinutes: connections.syncIntervalMinutes,
      lastSyncAt: connections.lastSyncAt,
      previousSecretExpiresAt: connections.previousSecretExpiresAt,
      silenceSensitivity: connections.silenceSensitivity,
      silenceQuietHours: connections.silenceQuietHours,
      merchantId: accounts.id,
      merchantName: accounts.name,
      warehouseId: accounts.warehouseId,
    })
    .from(connections)
    .innerJoin(accounts, eq(accounts.id, connections.accountId))
    .where(within(connections.accountId, scope.merchantIds))
    .orderBy(asc(accounts.name), asc(connections.kind));
}

/** The merchants the caller may see (a warehouse user's filter choices). */
export async function listMerchants(db: DbOrTx, scope: Scope) {
  return db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(within(accounts.id, scope.merchantIds))
    .orderBy(asc(accounts.name));
}

/** The warehouses whose settings the caller sees: their own, or the one serving their merchant. */
export async function listSettingsWarehouses(db: DbOrTx, scope: Scope) {
  return db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(within(accounts.id, scope.warehouseIds))
    .orderBy(asc(accounts.name));
}
