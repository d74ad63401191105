import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { alerts, connections, deliveries } from "@/db/schema";
import type { Outcome } from "../connectors/outcome";
import type { Send } from "../connectors/send";
import { heldWms } from "../testing/held-wms";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { DOWN, makeWorld } from "../testing/world";
import { attemptDelivery } from "./attempt-delivery";
import { claimDelivery } from "./claim";
import { processConnection } from "./process-connection";

// The outage threshold, exact (R9): 5 transient failures in a row mark a connection down, and no sixth request
// goes out before it counts as down — however many senders want the connection at once.

const t0 = new Date("2030-11-04T09:00:00Z");

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => database.cleanup());

/** Answers every request DOWN, each after the others have had a chance to start. */
function slowDown(): { send: Send; requests: number } {
  const state = { requests: 0, send: (async () => DOWN) as Send };
  state.send = async () => {
    state.requests++;
    await new Promise((resolve) => setTimeout(resolve, 20));
    return DOWN satisfies Outcome;
  };
  return state;
}

describe("the outage threshold", () => {
  it("with 20 events applied in parallel, each sending its order at once, exactly 5 requests go out", async () => {
    const world = await makeWorld(database.db, t0);
    const made = [];
    for (let i = 0; i < 20; i++) made.push((await world.addOrder()).delivery);
    const wms = slowDown();
    const results = await Promise.all(
      made.map(async (d) => {
        const claimed = await claimDelivery(database.db, d.id, { leaseNow: t0, leaseMs: 300_000, owner: `event-${d.id}` });
        return attemptDelivery({ db: database.db, now: t0, send: wms.send, owner: `event-${d.id}` }, claimed!);
      }),
    );
    expect(wms.requests).toBe(5);
    expect(results.filter((r) => r.notSent)).toHaveLength(15);
    const [wmsRow] = await database.db.select().from(connections).where(eq(connections.id, world.wms.id));
    expect(wmsRow).toMatchObject({ consecutiveTransientFailures: 5, downSince: t0 });
    expect(await database.db.select().from(alerts).where(eq(alerts.kind, "connection_down"))).toHaveLength(1);
    // What was held back is still due, unleased, for the probe and the drain.
    const rest = await database.db.select().from(deliveries).where(eq(deliveries.status, "pending"));
    expect(rest).toHaveLength(15);
    expect(rest.every((d) => d.leaseOwner === null)).toBe(true);
  });

  it("a job's batch on a healthy connection that goes down sends 5, not its window of 16", async () => {
    const world = await makeWorld(database.db, t0);
    for (let i = 0; i < 40; i++) await world.addOrder();
    const wms = heldWms();
    const run = processConnection(
      { db: database.db, now: t0, send: wms.send, owner: "job" },
      { connectionId: world.wms.id, mode: "retry" },
    );
    // Open the window: the first answers come back fine.
    for (let i = 0; i < 8; i++) {
      await wms.arrived(i + 1);
      wms.release(i, { kind: "success", status: 200 });
    }
    await wms.arrived(9);
    // Now the WMS stops answering: everything in flight and after fails.
    let answered = 8;
    while (answered < wms.requests.length || wms.inFlight > 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (; answered < wms.requests.length; answered++) wms.release(answered, DOWN);
    }
    const summary = await run;
    expect(wms.maxInFlight).toBeLessThanOrEqual(5);
    expect(wms.requests.length - 8).toBe(5);
    expect(summary).toMatchObject({ succeeded: 8, failed: 5 });
  });
});
