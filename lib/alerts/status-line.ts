import type { AlertKind, AlertState, DeliveryKind, DeliveryStatus } from "@/db/schema";
import { formatDay, formatWhen } from "../format/time";

export type StatusInput = {
  kind: AlertKind;
  state: AlertState;
  needsPerson: boolean;
  giveUpAt: Date | null;
  snoozedUntil: Date | null;
  resolvedAt: Date | null;
  dismissedAt: Date | null;
  deliveryKind: DeliveryKind | null;
  deliveryStatus: DeliveryStatus | null;
  nextAttemptAt: Date | null;
  syncIntervalMinutes: number | null;
  /** An order alert's ship-by (docs/ship-by.md): a retry window that outlasts it is said so. */
  shipBy?: Date | null;
};

export type StatusLine = { tone: "waiting" | "retrying" | "done" | "info"; text: string };

const FIXES: Partial<Record<AlertKind, string>> = {
  address_invalid: "fix the address",
  ship_method_unmapped: "map the ship method",
  record_skipped: "correct the record if needed and resend it",
};

/** What Fixline is doing about an alert, in one line: "retrying hourly — next try 14:00 — gives up on 9 Dec". */
export function statusLine(a: StatusInput, now: Date, timeZone: string): StatusLine {
  if (a.state === "resolved")
    return { tone: "done", text: a.resolvedAt ? `Resolved ${formatDay(a.resolvedAt, now, timeZone)}` : "Resolved" };
  if (a.state === "dismissed")
    return { tone: "done", text: a.dismissedAt ? `Dismissed ${formatDay(a.dismissedAt, now, timeZone)}` : "Dismissed" };
  if (a.snoozedUntil && a.snoozedUntil > now) return { tone: "info", text: `Snoozed until ${formatDay(a.snoozedUntil, now, timeZone)}` };
  if (a.kind === "connection_down")
    return { tone: "retrying", text: "Trying one record per cycle until it answers, then sending the backlog" };
  if (a.kind === "connection_silent") return { tone: "waiting", text: "Check the connection: resolves by itself when its flow returns" };
  if (a.needsPerson || a.deliveryStatus === "held" || a.deliveryStatus === "skipped") {
    return { tone: "waiting", text: `Waiting for you: ${FIXES[a.kind] ?? "fix the record and resend it"}` };
  }
  if (a.deliveryStatus === "retrying" || a.deliveryStatus === "pending") {
    const cadence = a.deliveryKind === "order_to_wms" ? "hourly" : `at each ${a.syncIntervalMinutes ?? 15}-minute sync`;
    const next = a.nextAttemptAt ? ` — next try ${formatWhen(a.nextAttemptAt, now, timeZone)}` : "";
    const giveUp = a.giveUpAt ? ` — gives up on ${formatDay(a.giveUpAt, now, timeZone)}` : "";
    // Retrying by itself would still be retrying when the order must be out: say so (docs/ship-by.md#retry-window).
    if (a.shipBy && a.deliveryKind === "order_to_wms" && (!a.giveUpAt || a.giveUpAt > a.shipBy)) {
      const due =
        a.shipBy > now ? `is due out at ${formatWhen(a.shipBy, now, timeZone)}` : `was due out at ${formatWhen(a.shipBy, now, timeZone)}`;
      return { tone: "waiting", text: `Retrying ${cadence}, but the order ${due}${next} — fix or resend it to make it` };
    }
    return { tone: "retrying", text: `Retrying ${cadence}${next}${giveUp}` };
  }
  if (a.kind === "remote_error") return { tone: "waiting", text: "Reported by the connected system: review it" };
  return { tone: "info", text: "Not retried" };
}
