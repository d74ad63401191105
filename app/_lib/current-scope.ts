import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { readSession } from "@/lib/auth/sessions";
import { errorCode } from "@/lib/errors";
import { resolveUserScope } from "@/lib/tenancy/scope";
import { readCookieSession } from "./session-cookie";

/**
 * The signed-in user, what they may see, and the zone their pages write times in (docs/rules.md#t3); every page
 * and action starts here. The cookie is decoded here, not through Auth.js's `auth()`, which also re-encodes it
 * for a Set-Cookie a page cannot send. Whether the session is current (lib/auth/sessions.ts) and what the user
 * may see are read at once, one round trip (bench/round-trips.ts): the scope of a session found not current is
 * never used.
 */
export const getCurrentUser = cache(async () => {
  const cookie = await readCookieSession(await headers());
  if (!cookie) redirect("/login");
  const db = getDb();
  const [user, scope] = await Promise.all([readSession(db, cookie), resolveUserScope(db, cookie.userId)]);
  if (!user) redirect("/login");
  return { user, scope, timeZone: user.timeZone };
});

/** Runs a core lookup, turning "not found" (including another tenant's record) into the 404 page. */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (error) {
    if (errorCode(error) === "not_found") notFound();
    throw error;
  }
}

/** A route id that is a positive integer, or the 404 page. */
export function idParam(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}
