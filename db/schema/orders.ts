import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts";
import { ms, timestamps } from "./columns";
import { connections } from "./connections";

export const ORDER_STATUSES = ["new", "at_wms", "shipped", "error", "held", "skipped", "canceled"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export type ShipTo = {
  name: string;
  company?: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
  phone?: string;
  email?: string;
};

export type OrderLine = { sku: string; quantity: number; name?: string };

/** An order imported from a merchant's cart. */
export const orders = sqliteTable(
  "orders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    cartConnectionId: integer("cart_connection_id").references(() => connections.id),
    orderNumber: text("order_number").notNull(),
    shipTo: text("ship_to", { mode: "json" }).$type<ShipTo>().notNull(),
    shipMethodLabel: text("ship_method_label").notNull(),
    lines: text("lines", { mode: "json" }).$type<OrderLine[]>().notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull().default("new"),
    /** Bumped on every edit: part of the Idempotency-Key, so an edited order is a new send. */
    payloadVersion: integer("payload_version").notNull().default(1),
    placedAt: integer("placed_at", { mode: "timestamp_ms" }).notNull(),
    /** When the order must leave the warehouse: from the cart's event, else the warehouse's cutoff rules (docs/ship-by.md). */
    shipBy: ms("ship_by"),
    shipBySource: text("ship_by_source", { enum: ["cart", "cutoff"] }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("orders_account_number_uq").on(t.accountId, t.orderNumber),
    index("orders_account_status_idx").on(t.accountId, t.status, t.id),
  ],
);

/** The warehouse's translation of a cart's ship-method label into a WMS carrier + service. */
export const shipMethodMappings = sqliteTable(
  "ship_method_mappings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    warehouseId: integer("warehouse_id")
      .notNull()
      .references(() => accounts.id),
    cartLabel: text("cart_label").notNull(),
    carrier: text("carrier").notNull(),
    serviceCode: text("service_code").notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("ship_method_mappings_label_uq").on(t.warehouseId, t.cartLabel)],
);

export type Order = typeof orders.$inferSelect;
export type ShipMethodMapping = typeof shipMethodMappings.$inferSelect;
