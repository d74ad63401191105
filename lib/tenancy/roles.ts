import { ForbiddenError } from "../errors";
import type { Scope } from "./scope";

/**
 * What each role may do, as docs/roles.md tables it. Seeing a record is tenancy (Scope): a record outside the
 * scope is "not found" whatever the role. Within the scope, a member views everything and fixes orders and
 * alerts; settings and secrets are an admin's.
 */
export const ROLE_TABLE = {
  view: { member: true, admin: true },
  fix_orders_and_alerts: { member: true, admin: true },
  manage_ship_methods: { member: false, admin: true },
  manage_alert_contacts: { member: false, admin: true },
  manage_connections_and_secrets: { member: false, admin: true },
  manage_users: { member: false, admin: true },
} as const;

/**
 * Whether the caller manages the settings of this account: it is an admin of the account, or of the warehouse
 * that serves it (a warehouse admin manages its own warehouse and the merchants it serves; a merchant admin its
 * own merchant, never its warehouse). A job or a webhook manages nothing. See docs/roles.md.
 */
export function canManage(scope: Scope, accountId: number): boolean {
  return scope.managedAccountIds.includes(accountId);
}

/**
 * Throws ForbiddenError unless the caller manages the account. Call it only once the record is known to be in
 * the scope: outside it, the answer is NotFoundError, so another tenant's ids cannot be probed.
 */
export function requireAdmin(scope: Scope, accountId: number, accountName?: string): void {
  if (!canManage(scope, accountId)) throw new ForbiddenError(adminOnlyMessage(accountName));
}

/** The line a member reads beside a setting it cannot change, and the message of a refused change. */
export function adminOnlyMessage(accountName?: string): string {
  return `Only an admin of ${accountName ?? "this account"} can change this.`;
}
