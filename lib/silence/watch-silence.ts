// The silence watch (docs/silence.md): for each cart and WMS connection, whether its flow of orders (or shipments)
// stopped well beyond its own normal gap. One `connection_silent` alert per silence, kept up to date while it
// lasts, resolved by itself when the flow returns. Run by the watch-silence job every five minutes.
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { alerts, connections, type Connection } from "@/db/schema";
import { raiseAlert, resolveAlerts } from "../alerts/record-alert";
import { formatDateTime } from "../format/time";
import { SYSTEM } from "../retry/actor";
import { cutoffRulesOfMerchant } from "../ship-by/load-cutoff-rules";
import { formatTimeLeft } from "../ship-by/ship-by-line";
import { BASELINE_WEEKS, learnBaseline } from "./baseline";
import {
  firstFlowHour,
  flowEvent,
  hourlyFlow,
  lastEvents,
  lastSuccessfulCall,
  ordersAcceptedSince,
  otherEventsSince,
} from "./connection-flow";
import { silenceVerdict } from "./silence-rule";

/** A WMS is silent only if at least this many orders reached it since its last shipment (else it is idle). */
export const MIN_ORDERS_FOR_WMS_SILENCE = 3;

export type WatchResult = {
  connectionId: number;
  silent: boolean;
  expected: number;
  raised: boolean;
  resolved: boolean;
  reason: string | null;
};

/** Watches every connection that is not paused; returns what it found for each. */
export async function watchSilence(ctx: { db: DbOrTx; now: Date }): Promise<WatchResult[]> {
  const rows = await ctx.db.select().from(connections).where(isNull(connections.pausedAt));
  const results: WatchResult[] = [];
  for (const connection of rows) results.push(await watchConnection(ctx, connection));
  return results;
}

export async function watchConnection({ db, now }: { db: DbOrTx; now: Date }, connection: Connection): Promise<WatchResult> {
  const eventType = flowEvent(connection.kind);
  const rules = await cutoffRulesOfMerchant(db, connection.accountId);
  const timeZone = rules?.timeZone ?? "UTC";
  const first = await firstFlowHour(db, connection.id, eventType);
  const since = first && first > connection.createdAt ? first : connection.createdAt;
  const counts = await hourlyFlow(db, connection.id, eventType, now, BASELINE_WEEKS);
  const baseline = learnBaseline(counts, since, now, timeZone);
  const events = await lastEvents(db, connection.id, eventType);
  const last = events.flowAt ?? since;
  // The warehouse's holidays are quiet for every connection of its merchants; its weekdays off too for a WMS,
  // which does not ship then, whatever its own settings say.
  const own = connection.silenceQuietHours;
  const quiet = rules
    ? {
        weekdays: [...new Set([...(own?.weekdays ?? []), ...(connection.kind === "wms" ? rules.weekdaysOff : [])])],
        from: own?.from ?? null,
        to: own?.to ?? null,
        dates: rules.holidays,
      }
    : own;
  const verdict = silenceVerdict(baseline, { last, now, timeZone, quiet, sensitivity: connection.silenceSensitivity, counts });
  let silent = verdict.silent;
  let ordersIn = 0;
  if (silent && connection.kind === "wms") {
    ordersIn = await ordersAcceptedSince(db, connection.id, last);
    silent = ordersIn >= MIN_ORDERS_FOR_WMS_SILENCE;
  }
  const [open] = await db
    .select({ id: alerts.id, firstSeenAt: alerts.firstSeenAt })
    .from(alerts)
    .where(and(eq(alerts.connectionId, connection.id), eq(alerts.kind, "connection_silent"), eq(alerts.state, "open")));
  const result = {
    connectionId: connection.id,
    silent,
    expected: verdict.expected,
    raised: false,
    resolved: false,
    reason: baseline.reason,
  };
  if (!silent) {
    const returned = open && events.flowAt && events.flowAt > open.firstSeenAt;
    if (open && (returned || connection.silenceSensitivity === "off")) {
      const detail = returned
        ? `${connection.kind === "cart" ? "Orders" : "Shipments"} arrive again: the first at ${formatDateTime(events.flowAt!, "UTC")}.`
        : "Silence watch switched off for this connection.";
      await resolveAlerts(db, eq(alerts.id, open.id), detail, SYSTEM, now);
      result.resolved = true;
    }
    return result;
  }
  const message = await silenceMessage(db, connection, {
    last: events.flowAt,
    anyAt: events.anyAt,
    since,
    now,
    expected: verdict.expected,
    ordersIn,
    eventType,
  });
  if (open) {
    // The same silence, longer: its message says how long now; it stays one alert with one history entry.
    await db.update(alerts).set({ message, lastSeenAt: now }).where(eq(alerts.id, open.id));
    return result;
  }
  await raiseAlert(
    db,
    { accountId: connection.accountId, kind: "connection_silent", connectionId: connection.id, needsPerson: false, message },
    "Raised by the silence watch.",
    now,
  );
  return { ...result, raised: true };
}

async function silenceMessage(
  db: DbOrTx,
  connection: Connection,
  f: { last: Date | null; anyAt: Date | null; since: Date; now: Date; expected: number; ordersIn: number; eventType: string },
): Promise<string> {
  const from = f.last ?? f.since;
  const gap = formatTimeLeft(f.now.getTime() - from.getTime());
  const usual = `by now there are usually about ${Math.round(f.expected)}`;
  const head =
    connection.kind === "cart"
      ? `No orders from ${connection.name} for ${gap}; ${usual}.`
      : `No shipments from ${connection.name} for ${gap} while ${f.ordersIn} orders reached it; ${usual}.`;
  const [call, others] = await Promise.all([lastSuccessfulCall(db, connection.id), otherEventsSince(db, connection.id, f.eventType, from)]);
  const facts = [
    f.last
      ? `Last ${connection.kind === "cart" ? "order" : "shipment"} received ${formatDateTime(f.last, "UTC")}.`
      : "No event of that kind received yet.",
    call ? `Last successful call to it ${formatDateTime(call, "UTC")}.` : "No successful call to it yet.",
    others > 0
      ? `Its other webhooks still arrive (${others} since, the last ${formatDateTime(f.anyAt!, "UTC")}).`
      : "No webhook of any kind has arrived from it since.",
  ];
  return `${head} ${facts.join(" ")}`;
}
