import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, createTestFileDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { migrateDatabase } from "./migrate";
import { accounts, alerts } from "./schema";

const NOW = new Date("2026-11-26T12:00:00Z");

const TABLES = [
  "accounts",
  "users",
  "memberships",
  "auth_accounts",
  "auth_sessions",
  "auth_verification_tokens",
  "connections",
  "orders",
  "ship_method_mappings",
  "deliveries",
  "alerts",
  "alert_events",
  "alert_contacts",
  "email_outbox",
  "webhook_receipts",
];

const ALERT_INDEXES = [
  "alerts_account_state_seen_idx",
  "alerts_account_order_number_idx",
  "alerts_account_product_code_idx",
  "alerts_open_dedupe_uq",
];

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

async function names(type: "table" | "index"): Promise<string[]> {
  const result = await database.client.execute({ sql: "SELECT name FROM sqlite_master WHERE type = ?", args: [type] });
  return result.rows.map((row) => String(row.name));
}

async function insertMerchant(): Promise<number> {
  const [warehouse] = await database.db.insert(accounts).values({ kind: "warehouse", name: "W", createdAt: NOW }).returning();
  const [merchant] = await database.db
    .insert(accounts)
    .values({ kind: "merchant", name: "M", warehouseId: warehouse!.id, createdAt: NOW })
    .returning();
  return merchant!.id;
}

function openAlert(accountId: number, dedupeKey: string) {
  return { accountId, kind: "order_send_failed" as const, message: "HTTP 503", firstSeenAt: NOW, lastSeenAt: NOW, dedupeKey };
}

describe("migrateDatabase", () => {
  it("creates every table", async () => {
    expect(await names("table")).toEqual(expect.arrayContaining(TABLES));
  });

  it("switches an embedded file to WAL", async () => {
    // A file's journal mode is the file's own business: asked of a file in both test modes.
    const file = await createTestFileDatabase();
    const result = await file.client.execute("PRAGMA journal_mode");
    await file.cleanup();
    expect(String(result.rows[0]?.journal_mode).toLowerCase()).toBe("wal");
  });

  it("creates the alert indexes", async () => {
    expect(await names("index")).toEqual(expect.arrayContaining(ALERT_INDEXES));
  });

  it("is harmless to run twice", async () => {
    const merchantId = await insertMerchant();
    const before = await names("table");
    await migrateDatabase(database);
    expect(await names("table")).toEqual(before);
    const rows = await database.db.select().from(accounts);
    expect(rows.map((r) => r.id)).toContain(merchantId);
  });

  it("allows one open alert per dedupe key, and a new one once the first is resolved", async () => {
    const merchantId = await insertMerchant();
    const [first] = await database.db.insert(alerts).values(openAlert(merchantId, "delivery:1:order_send_failed")).returning();
    await expect(database.db.insert(alerts).values(openAlert(merchantId, "delivery:1:order_send_failed"))).rejects.toMatchObject({
      cause: { message: expect.stringContaining("UNIQUE constraint failed: alerts.dedupe_key") },
    });
    // A different key is a different record or cause.
    await database.db.insert(alerts).values(openAlert(merchantId, "delivery:2:order_send_failed"));

    await database.client.execute({
      sql: "UPDATE alerts SET state = 'resolved', resolved_at = ? WHERE id = ?",
      args: [NOW.getTime(), first!.id],
    });
    await database.db.insert(alerts).values(openAlert(merchantId, "delivery:1:order_send_failed"));

    const rows = await database.db.select().from(alerts);
    expect(
      rows
        .filter((r) => r.dedupeKey === "delivery:1:order_send_failed")
        .map((r) => r.state)
        .sort(),
    ).toEqual(["open", "resolved"]);
  });
});
