import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Resend from "next-auth/providers/resend";
import { z } from "zod";
import { getDb } from "@/db/client";
import { authAccounts, authSessions, authVerificationTokens, users } from "@/db/schema";
import { sendMagicLink } from "@/emails/send";
import { findUserByEmail, verifyPassword } from "@/lib/auth/verify-password";
import { onPublicOrigin, publicUrl } from "@/lib/config/public-url";
import { signInLinkDelivery } from "@/lib/notify/mailbox";

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
      async authorize(raw) {
        const parsed = PasswordSignInInput.safeParse(raw);
        if (!parsed.success) return null;
        return verifyPassword(getDb(), parsed.data.email, parsed.data.password);
      },
    }),
    Resend({
      maxAge: MAGIC_LINK_HOURS * 3600,
      // Through Fixline's own sender: Resend when configured, the local outbox otherwise. Unknown
      // addresses get no email, and the page says the same either way, so it reveals nobody. The link is
      // built on the public URL whatever host the request named.
      async sendVerificationRequest({ identifier, url }) {
        const delivery = signInLinkDelivery();
        if (delivery === "none") throw new Error("Sign-in links cannot be sent: no email provider (RESEND_API_KEY) is set.");
        if (!(await findUserByEmail(getDb(), identifier))) return;
        const link = onPublicOrigin(url);
        await sendMagicLink(identifier, link, MAGIC_LINK_HOURS);
        // The local mailbox needs a signed-in user, so a local install finds its sign-in link here.
        if (delivery === "local") console.info(`Sign-in link for ${identifier} (local mode, not emailed): ${link}`);
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
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
}));
