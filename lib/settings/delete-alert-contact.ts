import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alertContacts, type AlertContact } from "@/db/schema";
import { NotFoundError } from "../errors";
import { requireAdmin } from "../tenancy/roles";
import { within, type Scope } from "../tenancy/scope";
import { accountName } from "./create-alert-contact";

/**
 * Removes a contact of one of the caller's accounts; another account's contact is not found, and a member
 * may see the contact but not remove it (docs/roles.md).
 */
export async function deleteAlertContact(db: DbOrTx, scope: Scope, id: number): Promise<AlertContact> {
  const [contact] = await db
    .select({ accountId: alertContacts.accountId })
    .from(alertContacts)
    .where(and(eq(alertContacts.id, id), within(alertContacts.accountId, scope.accountIds)));
  if (!contact) throw new NotFoundError("Alert contact");
  requireAdmin(scope, contact.accountId, accountName(scope, contact.accountId));
  const [row] = await db.delete(alertContacts).where(eq(alertContacts.id, id)).returning();
  if (!row) throw new NotFoundError("Alert contact");
  return row;
}
