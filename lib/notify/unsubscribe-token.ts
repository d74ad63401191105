import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * An unsubscribe token: the contact id and an HMAC of the id and the address. Changing the contact's
 * address makes old links stop working; nothing else expires them (unsubscribe links must keep working).
 */
export function unsubscribeToken(contact: { id: number; email: string }, secret: string): string {
  return `${contact.id}.${signature(contact, secret)}`;
}

/** The contact id a token names, or null when it is not shaped like a token. Check it with `tokenMatches`. */
export function tokenContactId(token: string): number | null {
  const match = /^([1-9]\d{0,15})\.[A-Za-z0-9_-]{43}$/.exec(token.trim());
  const id = match ? Number(match[1]) : Number.NaN;
  return Number.isSafeInteger(id) ? id : null;
}

export function tokenMatches(token: string, contact: { id: number; email: string }, secret: string): boolean {
  const expected = Buffer.from(unsubscribeToken(contact, secret));
  const given = Buffer.from(token.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function signature(contact: { id: number; email: string }, secret: string): string {
  return createHmac("sha256", secret).update(`unsubscribe:${contact.id}:${contact.email.toLowerCase()}`).digest("base64url");
}
