// A warehouse and merchant of its own for the alert-email specs, so the alerts they raise change nothing
// the other specs count; and the real engine and the real email job run against the test server's database.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import bcrypt from "bcryptjs";
import { eq } from "drizzle-orm";
import { accounts, alerts, connections, deliveries, memberships, orders, shipMethodMappings, users } from "../db/schema";
import type { Outcome } from "../lib/connectors/outcome";
import { processConnection } from "../lib/retry/process-connection";
import { E2E_AUTH_SECRET, E2E_BASE_URL, E2E_DATABASE_URL } from "./config";
import { DEMO_PASSWORD, e2eDb } from "./fixtures";

export type MailTenant = Awaited<ReturnType<typeof createMailTenant>>;

export async function createMailTenant(tag: string) {
  const db = e2eDb();
  const now = new Date();
  const [warehouse] = await db
    .insert(accounts)
    .values({ kind: "warehouse", name: `Mailtest 3PL ${tag}`, createdAt: now })
    .returning();
  const [merchant] = await db
    .insert(accounts)
    .values({ kind: "merchant", name: `Mailtest Shop ${tag}`, warehouseId: warehouse!.id, createdAt: now })
    .returning();
  const email = `lead-${tag}@mailtest-3pl.example`;
  const [user] = await db
    .insert(users)
    .values({ email, name: `Lead ${tag}`, passwordHash: await bcrypt.hash(DEMO_PASSWORD, 4), emailVerified: now })
    .returning();
  await db.insert(memberships).values({ userId: user!.id, accountId: warehouse!.id, role: "admin" });
  await db.insert(shipMethodMappings).values({
    warehouseId: warehouse!.id,
    cartLabel: "Standard",
    carrier: "USPS",
    serviceCode: "usps_ground",
    createdAt: now,
    updatedAt: now,
  });
  const [wms] = await db
    .insert(connections)
    .values({
      accountId: merchant!.id,
      kind: "wms",
      platform: "Mailtest WMS",
      name: `Mailtest WMS ${tag}`,
      endpointUrl: "http://127.0.0.1:9/wms",
      credential: "x",
      webhookSecret: "whsec_dGVzdA==",
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return { tag, userEmail: email, warehouse: warehouse!, merchant: merchant!, wms: wms! };
}

/**
 * A new order of the tenant's merchant that the WMS refuses for its address (docs/rules.md#r3), through the real engine:
 * the WMS's answer is scripted, everything after it (hold, alert, history) is Fixline's own code.
 */
export async function raiseAddressInvalid(tenant: MailTenant, orderNumber: string, message: string) {
  const db = e2eDb();
  const now = new Date();
  const [order] = await db
    .insert(orders)
    .values({
      accountId: tenant.merchant.id,
      orderNumber,
      shipTo: { name: "Ada Lovelace", line1: "1 Main St", city: "Austin", region: "TX.", postalCode: "78701", country: "US" },
      shipMethodLabel: "Standard",
      lines: [{ sku: "MT-1", quantity: 1 }],
      placedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await db.insert(deliveries).values({
    accountId: tenant.merchant.id,
    connectionId: tenant.wms.id,
    kind: "order_to_wms",
    orderId: order!.id,
    payload: {},
    status: "pending",
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  });
  const refuse = async (): Promise<Outcome> => ({ kind: "needs_person", status: 422, code: "address_invalid", message });
  await processConnection({ db, now, send: refuse, owner: `e2e:${tenant.tag}` }, { connectionId: tenant.wms.id, mode: "sync" });
  const [alert] = await db.select().from(alerts).where(eq(alerts.orderId, order!.id));
  if (!alert || alert.kind !== "address_invalid") throw new Error("the engine raised no address_invalid alert");
  return { order: order!, alert };
}

/** One run of the send-alert-emails job, as `npm run job` runs it, against the test server's database. */
export async function runEmailJob(job: "send-alert-emails" | "send-digests" = "send-alert-emails") {
  const { stdout } = await promisify(execFile)("node_modules/.bin/tsx", ["scripts/run-job.ts", job], {
    env: {
      ...process.env,
      DATABASE_URL: E2E_DATABASE_URL,
      APP_URL: E2E_BASE_URL,
      AUTH_SECRET: E2E_AUTH_SECRET,
      RESEND_API_KEY: "",
    },
  });
  return stdout;
}
