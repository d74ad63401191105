import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";
import { ms } from "./columns";

// The tables next-auth's drizzle adapter expects, under names that do not clash with Fixline's
// own "accounts" (warehouses and merchants).

export const authAccounts = sqliteTable(
  "auth_accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const authSessions = sqliteTable("auth_sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: ms("expires").notNull(),
});

export const authVerificationTokens = sqliteTable(
  "auth_verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: ms("expires").notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/**
 * Sign-in attempts, kept in the database so the limits hold across app processes (lib/auth/sign-in-limits.ts):
 * failed passwords and sign-in-link requests, by address and by client. Rows older than the window are
 * deleted as new ones arrive.
 */
export const SIGN_IN_ATTEMPT_KINDS = ["password_failed", "link_requested"] as const;
export type SignInAttemptKind = (typeof SIGN_IN_ATTEMPT_KINDS)[number];

export const signInAttempts = sqliteTable(
  "sign_in_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: SIGN_IN_ATTEMPT_KINDS }).notNull(),
    email: text("email").notNull(),
    client: text("client").notNull(),
    at: ms("at").notNull(),
  },
  (t) => [index("sign_in_attempts_email_idx").on(t.kind, t.email, t.at), index("sign_in_attempts_client_idx").on(t.kind, t.client, t.at)],
);

/** Sessions ended before their cookie expires (sign-out), by the session id Fixline puts in each JWT. */
export const revokedSessions = sqliteTable("revoked_sessions", {
  sessionId: text("session_id").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expiresAt: ms("expires_at").notNull(),
});
