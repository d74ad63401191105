import { randomUUID } from "node:crypto";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Resend from "next-auth/providers/resend";
import { z } from "zod";
import { getDb } from "@/db/client";
import { authAccounts, authSessions, authVerificationTokens, users } from "@/db/schema";
import { sendMagicLink, sendSignInLocked } from "@/emails/send";
import { passwordSignIn } from "@/lib/auth/password-sign-in";
import { currentSessionVersion, readSession, revokeSession } from "@/lib/auth/sessions";
import { clientAddress, reserveSignInLink } from "@/lib/auth/sign-in-limits";
import { findUserByEmail } from "@/lib/auth/verify-password";
import { formatDateTime } from "@/lib/format/time";
import { onPublicOrigin, publicUrl } from "@/lib/config/public-url";
import { signInLinkDelivery } from "@/lib/notify/mailbox";
import { sessionCodec } from "@/app/_lib/session-cookie";

export const PasswordSignInInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
});

const MAGIC_LINK_HOURS = 24;

// Auth.js builds its own URLs (sign-in links, redirects) from AUTH_URL when it is set, and from the request's
// Host / X-Forwarded-Host otherwise — which a client chooses. Give it the one public URL (docs/security.md).
process.env.AUTH_URL ||= publicUrl();

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  pages: { signIn: "/login", verifyRequest: "/login/check-email", error: "/login" },
  // Credentials sign-in needs JWT sessions; the adapter still stores users and magic-link tokens.
  session: { strategy: "jwt" },
  // Auth.js's cookie format with the derived key kept per secret (docs/decisions/0012-session-key-derived-once.md).
  jwt: sessionCodec,
  // Safe to trust: with AUTH_URL set (above) Auth.js builds every URL from it, not from Host headers.
  trustHost: true,
  adapter: DrizzleAdapter(getDb(), {
    usersTable: users,
    accountsTable: authAccounts,
    sessionsTable: authSessions,
    verificationTokensTable: authVerificationTokens,
  }),
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      // Every way in (the form's action or a direct POST to Auth.js) passes the limits of
      // lib/auth/sign-in-limits.ts; the action tells a locked address from a wrong password.
      async authorize(raw, request) {
        const parsed = PasswordSignInInput.safeParse(raw);
        if (!parsed.success) return null;
        const client = clientAddress(request.headers);
        return passwordSignIn(getDb(), { ...parsed.data, client }, new Date(), (notice) =>
          sendSignInLocked(notice.to, notice.attemptId, {
            failures: notice.failures,
            client: notice.client,
            // To an address, not a signed-in person: UTC, named.
            lastAt: formatDateTime(notice.at, "UTC"),
            retryAt: formatDateTime(notice.retryAt, "UTC"),
            loginUrl: `${publicUrl()}/login`,
          }),
        );
      },
    }),
    Resend({
      maxAge: MAGIC_LINK_HOURS * 3600,
      // Through Fixline's own sender: Resend when configured, the local outbox otherwise, on the public URL
      // whatever host the request named. An unknown address, or one over the link limit
      // (lib/auth/sign-in-limits.ts), gets no email, and the page says the same either way: it reveals nobody.
      async sendVerificationRequest({ identifier, url, request }) {
        const delivery = signInLinkDelivery();
        if (delivery === "none") throw new Error("Sign-in links cannot be sent: no email provider (RESEND_API_KEY) is set.");
        const allowed = await reserveSignInLink(getDb(), { email: identifier, client: clientAddress(request.headers) }, new Date());
        if (!allowed.ok || !(await findUserByEmail(getDb(), identifier))) return;
        const link = onPublicOrigin(url);
        await sendMagicLink(identifier, link, MAGIC_LINK_HOURS);
        // The local mailbox needs a signed-in user, so a local install finds its sign-in link here.
        if (delivery === "local") console.info(`Sign-in link for ${identifier} (local mode, not emailed): ${link}`);
      },
    }),
  ],
  callbacks: {
    // Each session gets an id and the user's session version at sign-in; every later read checks both against
    // the database (lib/auth/sessions.ts): a revoked or outdated session is no session.
    async jwt({ token, user }) {
      if (user?.id) {
        const version = await currentSessionVersion(getDb(), user.id);
        return version === null ? null : { ...token, sid: randomUUID(), sv: version };
      }
      const { sub, sid, sv } = token;
      if (!sub || typeof sid !== "string" || typeof sv !== "number") return null;
      // The same statement reads the user's time zone, so a change on Profile & Billing shows on the next page.
      const current = await readSession(getDb(), { userId: sub, sessionId: sid, version: sv });
      return current ? { ...token, tz: current.timeZone } : null;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.user.timeZone = typeof token.tz === "string" ? token.tz : "UTC";
      return session;
    },
    // Only people Fixline already knows may sign in; a magic link never creates an account. Asking for a
    // link answers alike for every address (sendVerificationRequest emails known ones only): refusing an
    // unknown one here would tell a stranger which addresses have accounts.
    async signIn({ user, email }) {
      if (email?.verificationRequest) return true;
      return Boolean(user.email && (await findUserByEmail(getDb(), user.email)));
    },
  },
  events: {
    // Signing out ends this session on the server too: a copy of its cookie no longer works.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sub && typeof token.sid === "string") {
        const expiresAt = new Date(typeof token.exp === "number" ? token.exp * 1000 : Date.now() + 30 * 86_400_000);
        await revokeSession(getDb(), { sessionId: token.sid, userId: token.sub, expiresAt }, new Date());
      }
    },
  },
}));
