import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts";
import { ms } from "./columns";

/** "HH:MM" in the warehouse's zone. */
export type LocalTime = string;

/**
 * A warehouse's cutoff rules (docs/ship-by.md): an order placed before the cutoff of its ship method on a
 * business day must leave that day by the cutoff; otherwise by the next business day's cutoff.
 */
export const cutoffSettings = sqliteTable("cutoff_settings", {
  warehouseId: integer("warehouse_id")
    .primaryKey()
    .references(() => accounts.id),
  /** IANA zone of the warehouse, e.g. America/Chicago: cutoffs and days off are its wall-clock times. */
  timeZone: text("time_zone").notNull().default("UTC"),
  defaultCutoff: text("default_cutoff").$type<LocalTime>().notNull().default("14:00"),
  /** Per cart ship-method label: its own cutoff ("Express" → "16:00"). */
  methodCutoffs: text("method_cutoffs", { mode: "json" }).$type<Record<string, LocalTime>>().notNull().default({}),
  /** Weekdays the warehouse does not ship: 0 = Sunday … 6 = Saturday. */
  weekdaysOff: text("weekdays_off", { mode: "json" }).$type<number[]>().notNull().default([0, 6]),
  /** Dates the warehouse does not ship ("2026-12-25"), in its zone. */
  holidays: text("holidays", { mode: "json" }).$type<string[]>().notNull().default([]),
  /** An order alert this close to its ship-by is emailed at once to immediate contacts (docs/ship-by.md#lead-time). */
  leadMinutes: integer("lead_minutes").notNull().default(120),
  updatedAt: ms("updated_at").notNull(),
});

export type CutoffSettings = typeof cutoffSettings.$inferSelect;
