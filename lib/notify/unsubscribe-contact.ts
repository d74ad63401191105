import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, alertContacts } from "@/db/schema";
import { NotFoundError } from "../errors";
import { tokenContactId, tokenMatches } from "./unsubscribe-token";

export type UnsubscribeTarget = { contactId: number; email: string; accountName: string; frequency: string };

/** The contact an unsubscribe link names; a forged, stale (address changed) or unknown token is not found. */
export async function contactForToken(db: DbOrTx, token: string, secret: string): Promise<UnsubscribeTarget> {
  const id = tokenContactId(token);
  const [row] = id
    ? await db
        .select({ contactId: alertContacts.id, email: alertContacts.email, accountName: accounts.name, frequency: alertContacts.frequency })
        .from(alertContacts)
        .innerJoin(accounts, eq(accounts.id, alertContacts.accountId))
        .where(eq(alertContacts.id, id))
    : [];
  if (!row || !tokenMatches(token, { id: row.contactId, email: row.email }, secret)) throw new NotFoundError("Alert contact");
  return row;
}

/** One-click unsubscribe (RFC 8058): the contact's emails are turned off. Doing it twice is harmless. */
export async function unsubscribeContact(db: DbOrTx, token: string, secret: string, now: Date): Promise<UnsubscribeTarget> {
  const target = await contactForToken(db, token, secret);
  await db.update(alertContacts).set({ frequency: "off", updatedAt: now }).where(eq(alertContacts.id, target.contactId));
  return { ...target, frequency: "off" };
}
