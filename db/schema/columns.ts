import { integer } from "drizzle-orm/sqlite-core";

/** A point in time stored as epoch milliseconds. */
export const ms = (name: string) => integer(name, { mode: "timestamp_ms" });

/** created_at / updated_at, set by the application (time is a parameter of the core). */
export const timestamps = {
  createdAt: ms("created_at").notNull(),
  updatedAt: ms("updated_at").notNull(),
};
