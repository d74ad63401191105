import { NextResponse, type NextRequest } from "next/server";
import { readCookieSession } from "@/app/_lib/session-cookie";
import { readEnv } from "@/lib/config/env";
import { publicUrl } from "@/lib/config/public-url";

/**
 * Paths that need no session: sign-in, Auth.js itself, unsubscribe links (signed, and used by contacts who
 * have no login). The local mailbox is not public: it shows signed-in users their own accounts' mail.
 * Signed webhooks do not pass through here at all (see `matcher`).
 */
const PUBLIC_PATHS = [/^\/login(\/|$)/, /^\/api\/auth(\/|$)/, /^\/unsubscribe$/, /^\/api\/unsubscribe$/];

/**
 * Sends signed-out visitors to /login?callbackUrl=<the page they asked for>, before any page renders.
 * It only reads the session cookie: Auth.js's own proxy wrapper re-issues the cookie on every request,
 * and a prefetch in flight during sign-out would then sign the user back in.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((p) => p.test(pathname))) return withSecurityHeaders(request);
  if (await readCookieSession(request.headers)) return withSecurityHeaders(request);
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

/**
 * A fresh nonce per request. Next reads the policy from the request headers while it renders and puts the
 * nonce on its own scripts (so every page must render dynamically: the root layout reads `x-nonce`).
 * Styles stay 'unsafe-inline': React writes `style` attributes, and the mailbox's srcdoc iframe inherits
 * this policy while the emails it shows are styled inline (and no script runs there: it is sandboxed).
 * React's dev tooling needs eval, so 'unsafe-eval' is sent by `next dev` only.
 */
export function contentSecurityPolicy(nonce: string, dev = readEnv().NODE_ENV === "development") {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** HSTS only when the public URL is https: over plain http a browser ignores it, and it must not stick to localhost. */
const publicUrlIsHttps = () => readEnv().NODE_ENV === "production" && publicUrl().startsWith("https:");

function withSecurityHeaders(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  if (publicUrlIsHttps()) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  // Webhooks are authenticated by their signature, per request, in the route: the proxy would only add
  // its own cost to the busiest endpoint (bench/ingest.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/webhooks(?:/|$)|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
