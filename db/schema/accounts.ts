import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { ms } from "./columns";

export const ACCOUNT_KINDS = ["warehouse", "merchant"] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];
export const ROLES = ["admin", "member"] as const;
export type Role = (typeof ROLES)[number];

/** A warehouse (3PL) or a merchant; a merchant is served by exactly one warehouse. */
export const accounts = sqliteTable(
  "accounts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ACCOUNT_KINDS }).notNull(),
    name: text("name").notNull(),
    warehouseId: integer("warehouse_id").references((): AnySQLiteColumn => accounts.id),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [
    index("accounts_warehouse_idx").on(t.warehouseId),
    check(
      "accounts_merchant_has_warehouse",
      sql`(${t.kind} = 'merchant' AND ${t.warehouseId} IS NOT NULL) OR (${t.kind} = 'warehouse' AND ${t.warehouseId} IS NULL)`,
    ),
  ],
);

export const users = sqliteTable("users", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").notNull().unique(),
  emailVerified: ms("email_verified"),
  image: text("image"),
  passwordHash: text("password_hash"),
  /** Bumped to end every session of the user at once: a password change, a removal from an account. */
  sessionVersion: integer("session_version").notNull().default(0),
  /** The zone the app's pages write times in for this person (Profile & Billing; docs/rules.md#t3). */
  timeZone: text("time_zone").notNull().default("UTC"),
});

export const memberships = sqliteTable(
  "memberships",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull().default("member"),
  },
  (t) => [primaryKey({ columns: [t.userId, t.accountId] }), index("memberships_account_idx").on(t.accountId)],
);

export type Account = typeof accounts.$inferSelect;
export type User = typeof users.$inferSelect;
