import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alertContacts, type AlertContact } from "@/db/schema";
import { NotFoundError } from "../errors";
import { within, type Scope } from "../tenancy/scope";

/** Removes a contact of one of the caller's accounts; another account's contact is not found. */
export async function deleteAlertContact(db: DbOrTx, scope: Scope, id: number): Promise<AlertContact> {
  const [row] = await db
    .delete(alertContacts)
    .where(and(eq(alertContacts.id, id), within(alertContacts.accountId, scope.accountIds)))
    .returning();
  if (!row) throw new NotFoundError("Alert contact");
  return row;
}
