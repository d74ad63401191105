import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { publicUrl } from "@/lib/config/public-url";

/**
 * Paths that need no session: sign-in, Auth.js itself, unsubscribe links (signed, and used by contacts who
 * have no login). The local mailbox is not public: it shows signed-in users their own accounts' mail. Signed webhooks do not pass through here at all (see `matcher`).
 */
const PUBLIC_PATHS = [
  /^\/login(\/|$)/,
  /^\/api\/auth(\/|$)/,
  /^\/unsubscribe$/,
  /^\/api\/unsubscribe$/,
];

/**
 * Sends signed-out visitors to /login?callbackUrl=<the page they asked for>, before any page renders.
 * It only reads the session cookie: Auth.js's own proxy wrapper re-issues the cookie on every request,
 * and a prefetch in flight during sign-out would then sign the user back in.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((p) => p.test(pathname))) return NextResponse.next();
  // The cookie's name follows the public URL's scheme, as Auth.js's does; never a forwarded header.
  const secure = publicUrl().startsWith("https:");
  const token = await getToken({ req: request, secret: process.env.AUTH_SECRET, secureCookie: secure });
  if (token?.sub) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  // Webhooks are authenticated by their signature, per request, in the route: the proxy would only add
  // its own cost to the busiest endpoint (bench/ingest.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/webhooks(?:/|$)|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
