import { getToken } from "next-auth/jwt";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";
import type { SessionClaims } from "@/lib/auth/sessions";
import { readEnv } from "@/lib/config/env";
import { publicUrl } from "@/lib/config/public-url";

/** Auth.js's `jwt` option: its own cookie format, with the derived key kept (lib/auth/session-token.ts). */
export const sessionCodec = { encode: encodeSessionToken, decode: decodeSessionToken };

/**
 * Decodes the session cookie (chunked or not) the way Auth.js names it. The cookie's name follows the public URL's
 * scheme, as Auth.js's does, never a forwarded header. Whether the session is still current is the database's
 * answer (lib/auth/sessions.ts#readSession): this says only that Fixline issued it and it has not expired.
 */
export async function readCookieSession(headers: Headers): Promise<SessionClaims | null> {
  const token = await getToken({
    req: { headers },
    secret: readEnv().AUTH_SECRET,
    secureCookie: publicUrl().startsWith("https:"),
    decode: decodeSessionToken,
  });
  const { sub, sid, sv } = token ?? {};
  if (typeof sub !== "string" || typeof sid !== "string" || typeof sv !== "number") return null;
  return { userId: sub, sessionId: sid, version: sv };
}
