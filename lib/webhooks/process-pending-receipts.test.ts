import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { alerts, webhookReceipts } from "@/db/schema";
import { syncConnections } from "@/jobs/sync-connections";
import { runJobOnce } from "@/jobs/types";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { OK, makeWorld, scriptedSender } from "../testing/world";
import { RECEIPT_GRACE_MS } from "./process-pending-receipts";

const now = new Date("2026-11-26T14:05:00Z");
let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

it("the sync job processes events answered but never processed, and leaves the ones just received to their request", async () => {
  const world = await makeWorld(database.db, now);
  const report = (sku: string, receivedAt: Date) => ({
    connectionId: world.wms.id,
    webhookId: `msg_${sku}`,
    eventType: "error.reported",
    payload: { type: "error.reported", data: { sku, message: `Unknown product ${sku}` } },
    receivedAt,
  });
  await database.db.insert(webhookReceipts).values([
    // The process answered 202 for this one two minutes ago, then stopped before processing it.
    report("SKU-OLD", new Date(now.getTime() - 2 * 60_000)),
    // This one's own request is probably processing it right now.
    report("SKU-NEW", new Date(now.getTime() - RECEIPT_GRACE_MS + 5_000)),
  ]);
  const logs: string[] = [];
  await runJobOnce(syncConnections, { db: database.db, now, send: scriptedSender(() => OK).send, owner: "job", log: (m) => logs.push(m) });

  const receipts = await database.db
    .select({ webhookId: webhookReceipts.webhookId, status: webhookReceipts.status })
    .from(webhookReceipts)
    .orderBy(webhookReceipts.id);
  expect(receipts).toEqual([
    { webhookId: "msg_SKU-OLD", status: "processed" },
    { webhookId: "msg_SKU-NEW", status: "accepted" },
  ]);
  expect((await database.db.select().from(alerts).where(eq(alerts.kind, "remote_error"))).map((a) => a.productCode)).toEqual(["SKU-OLD"]);
  expect(logs).toContain("sync-connections: webhook events left unprocessed: 1 processed, 0 failed, 0 still waiting");
});
