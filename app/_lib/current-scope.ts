import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb } from "@/db/client";
import { errorCode } from "@/lib/errors";
import { resolveUserScope } from "@/lib/tenancy/scope";

/**
 * The signed-in user, what they may see, and the zone their pages write times in (docs/rules.md#t3); every page
 * and action starts here.
 */
export const getCurrentUser = cache(async () => {
  const session = await auth();
  if (!session?.user?.id) redirect("/login");
  const scope = await resolveUserScope(getDb(), session.user.id);
  return { user: session.user, scope, timeZone: session.user.timeZone };
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
