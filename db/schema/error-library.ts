import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts, users } from "./accounts";
import { timestamps } from "./columns";
import { CONNECTION_KINDS } from "./connections";

export const RULE_TREATMENTS = ["needs_person", "retryable", "connection"] as const;
export type RuleTreatment = (typeof RULE_TREATMENTS)[number];

/**
 * A warehouse admin's rule of the error library (docs/error-library.md#rules): errors that match are treated as
 * needing a person, retryable or a connection problem, before any built-in entry. Every given field must match.
 */
export const errorRules = sqliteTable(
  "error_rules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    warehouseId: integer("warehouse_id")
      .notNull()
      .references(() => accounts.id),
    platform: text("platform"),
    connectionKind: text("connection_kind", { enum: CONNECTION_KINDS }),
    httpStatus: integer("http_status"),
    errorCode: text("error_code"),
    /** Matched case-insensitively as a part of the message. */
    messageContains: text("message_contains"),
    treatAs: text("treat_as", { enum: RULE_TREATMENTS }).notNull(),
    /** The admin's plain explanation, shown on the alerts it matches. */
    note: text("note"),
    createdByUserId: text("created_by_user_id").references(() => users.id),
    updatedByUserId: text("updated_by_user_id").references(() => users.id),
    ...timestamps,
  },
  (t) => [index("error_rules_warehouse_idx").on(t.warehouseId)],
);

/** The warehouse's translation of a cart SKU into the WMS item (docs/error-library.md#sku-mappings). */
export const skuMappings = sqliteTable(
  "sku_mappings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    warehouseId: integer("warehouse_id")
      .notNull()
      .references(() => accounts.id),
    cartSku: text("cart_sku").notNull(),
    wmsSku: text("wms_sku").notNull(),
    createdByUserId: text("created_by_user_id").references(() => users.id),
    ...timestamps,
  },
  (t) => [uniqueIndex("sku_mappings_cart_sku_uq").on(t.warehouseId, t.cartSku)],
);

export type ErrorRule = typeof errorRules.$inferSelect;
export type SkuMapping = typeof skuMappings.$inferSelect;
