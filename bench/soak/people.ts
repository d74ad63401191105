// The soak's people: a stream of edits, resends and bulk resends through the core verbs the browser's actions call
// (editOrder, resendOrder, resendOrders: app/(app)/orders/actions.ts), with a signed-in admin's scope and actor, on
// the real clock, while the engine sweeps and is killed. Some act from a "page" loaded a while ago, with the version
// it showed. Each refusal is checked to have changed nothing; what was saved is checked against what the WMS got.
import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { deliveries, memberships, orders, users } from "@/db/schema";
import { httpSender } from "@/lib/connectors/send";
import { refusalOf } from "@/lib/errors";
import { editOrder } from "@/lib/orders/edit-order";
import type { CoreContext } from "@/lib/core/context";
import { resendOrder, resendOrders } from "@/lib/retry/resend-order";
import { resolveUserScope } from "@/lib/tenancy/scope";

export type PeopleStats = {
  edits: { applied: number; busy: number; changed: number; other: number };
  resends: { sent: number; busy: number; changed: number; other: number };
  bulk: { runs: number; orders: number; sent: number; busy: number; changed: number };
  /** Refused edits whose change was found saved anyway: must be 0. */
  refusedButSaved: number;
  /** Actions that threw something other than a refusal: must be 0. */
  errors: string[];
};

export async function startPeople(database: Database, opts: { warehouseId: number; actionsPerSecond: number }) {
  const { db } = database;
  const now = new Date();
  const [user] = await db
    .insert(users)
    .values({ name: "Soak Person", email: `soak-${randomBytes(3).toString("hex")}@example.test`, emailVerified: now })
    .returning();
  await db.insert(memberships).values({ userId: user!.id, accountId: opts.warehouseId, role: "admin" });
  const scope = await resolveUserScope(db, user!.id);
  const send = httpSender({ timeoutMs: 5_000 });
  const stats: PeopleStats = {
    edits: { applied: 0, busy: 0, changed: 0, other: 0 },
    resends: { sent: 0, busy: 0, changed: 0, other: 0 },
    bulk: { runs: 0, orders: 0, sent: 0, busy: 0, changed: 0 },
    refusedButSaved: 0,
    errors: [],
  };
  let seq = 0;
  const ctx = (): CoreContext => ({
    db,
    scope,
    now: new Date(),
    send,
    actor: { type: "user", userId: user!.id },
    owner: `soak-person:${++seq}`,
  });
  // Versions as "pages" showed them a while ago: an action from an old page carries an old version.
  const pages = new Map<number, number>();

  async function pick(count: number) {
    const rows = await db
      .select({ id: orders.id, version: orders.payloadVersion, shipTo: orders.shipTo, shipMethodLabel: orders.shipMethodLabel })
      .from(orders)
      .where(inArray(orders.status, ["new", "error", "held", "skipped"]))
      .orderBy(sql`random()`)
      .limit(count);
    return rows.map((row) => {
      // One in three acts from a page loaded earlier, if there was one.
      const old = pages.get(row.id);
      const version = old !== undefined && Math.random() < 1 / 3 ? old : row.version;
      pages.set(row.id, row.version);
      return { ...row, version };
    });
  }

  const kind = (error: unknown) => {
    const refusal = refusalOf(error);
    return refusal === "changed" || refusal === "busy" ? refusal : "other";
  };

  async function act() {
    const roll = Math.random();
    if (roll < 0.5) {
      const [order] = await pick(1);
      if (!order) return;
      const marker = `Soak edit ${++seq}`;
      try {
        await editOrder(ctx(), {
          orderId: order.id,
          changes: { shipTo: { ...order.shipTo, line2: marker }, shipMethodLabel: order.shipMethodLabel },
          seenVersion: order.version,
        });
        stats.edits.applied++;
      } catch (error) {
        const k = kind(error);
        if (k === "other") stats.errors.push(String(error));
        else stats.edits[k]++;
        const [after] = await db.select({ shipTo: orders.shipTo }).from(orders).where(eq(orders.id, order.id));
        if (after?.shipTo.line2 === marker) stats.refusedButSaved++;
      }
    } else if (roll < 0.85) {
      const [order] = await pick(1);
      if (!order) return;
      try {
        await resendOrder(ctx(), { orderId: order.id, seenVersion: order.version });
        stats.resends.sent++;
      } catch (error) {
        const k = kind(error);
        if (k === "other") stats.errors.push(String(error));
        else stats.resends[k]++;
      }
    } else {
      const chosen = await pick(10);
      if (!chosen.length) return;
      try {
        const result = await resendOrders(ctx(), { orders: chosen });
        stats.bulk.runs++;
        stats.bulk.orders += chosen.length;
        stats.bulk.sent += result.sent;
        stats.bulk.busy += result.busy;
        stats.bulk.changed += Object.values(result.changed).reduce((n, k) => n + (k ?? 0), 0);
      } catch (error) {
        stats.errors.push(String(error));
      }
    }
  }

  let running = true;
  const loop = (async () => {
    const interval = 1000 / opts.actionsPerSecond;
    while (running) {
      const started = Date.now();
      try {
        await act();
      } catch (error) {
        // The database busy under a SIGKILL'd writer, say: an action that failed on our side.
        stats.errors.push(String(error));
      }
      await new Promise((r) => setTimeout(r, Math.max(0, interval - (Date.now() - started))));
    }
  })();
  return {
    async stop(): Promise<PeopleStats> {
      running = false;
      await loop;
      return stats;
    },
  };
}

/** Orders at the WMS whose accepted version is not the one Fixline shows: a correction lost. Must be 0. */
export async function editsLost(database: Database, acceptedVersions: Map<number, Set<number>>) {
  const rows = await database.db
    .select({ id: orders.id, version: orders.payloadVersion, deliveryId: deliveries.id })
    .from(orders)
    .innerJoin(deliveries, and(eq(deliveries.orderId, orders.id), eq(deliveries.kind, "order_to_wms")))
    .where(eq(orders.status, "at_wms"));
  return rows.filter((row) => {
    const versions = acceptedVersions.get(Number(row.deliveryId));
    return versions && !versions.has(row.version);
  }).length;
}
