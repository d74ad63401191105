import type { NextAuthConfig } from "next-auth";

/** Paths that need no session: sign-in, Auth.js itself, signed webhooks, and the local email outbox. */
const PUBLIC_PATHS = [/^\/login(\/|$)/, /^\/api\/auth(\/|$)/, /^\/api\/webhooks(\/|$)/, /^\/outbox(\/|$)/];

/**
 * The part of the Auth.js configuration the proxy needs: no database, so the sign-in redirect can run
 * at the edge. Providers and the adapter are added in auth.ts.
 */
export const authConfig = {
  pages: { signIn: "/login", verifyRequest: "/login/check-email", error: "/login" },
  session: { strategy: "jwt" },
  trustHost: process.env.AUTH_TRUST_HOST === "true" || process.env.NODE_ENV !== "production" || undefined,
  providers: [],
  callbacks: {
    // Returning false sends the visitor to /login?callbackUrl=<the page they asked for>.
    authorized({ auth, request }) {
      if (PUBLIC_PATHS.some((p) => p.test(request.nextUrl.pathname))) return true;
      return Boolean(auth?.user);
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
} satisfies NextAuthConfig;
