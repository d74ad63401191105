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

/**
 * What the unsubscribe page says, from the contact as it is now, never from the URL: `?done=1` only says the
 * button was pressed. "unsubscribed" only when the token is valid and its contact is off; "not_changed" when
 * the button was pressed but the contact still gets emails (e.g. turned back on since); "confirm" asks.
 */
export type UnsubscribePageState = { kind: "invalid" } | { kind: "unsubscribed" | "not_changed" | "confirm"; target: UnsubscribeTarget };

export async function unsubscribePageState(db: DbOrTx, token: string, secret: string, done: boolean): Promise<UnsubscribePageState> {
  const target = await contactForToken(db, token, secret).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!target) return { kind: "invalid" };
  if (target.frequency === "off") return { kind: "unsubscribed", target };
  return { kind: done ? "not_changed" : "confirm", target };
}
