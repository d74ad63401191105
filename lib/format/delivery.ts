import type { Delivery } from "@/db/schema";
import { formatDateTime, formatDay, formatWhen } from "./time";

type Schedule = Pick<Delivery, "kind" | "status" | "nextAttemptAt" | "giveUpAt" | "lastAttemptAt" | "updatedAt">;

/** Where a record stands and what happens next: "Retrying hourly — next try 14:00 UTC — gives up on 9 Dec". */
export function describeSchedule(d: Schedule, syncIntervalMinutes: number, now: Date, timeZone: string): string {
  const cadence = d.kind === "order_to_wms" ? "Retrying hourly" : `Retrying at each sync (every ${syncIntervalMinutes} min)`;
  switch (d.status) {
    case "retrying":
      return [
        cadence,
        d.nextAttemptAt ? `next try ${formatWhen(d.nextAttemptAt, now, timeZone)}` : null,
        d.giveUpAt ? `gives up on ${formatDay(d.giveUpAt, now, timeZone)}` : null,
      ]
        .filter(Boolean)
        .join(" — ");
    case "held":
      return "Held until someone fixes it — not retried";
    case "skipped":
      return `Skipped — gave up on ${formatDay(d.giveUpAt ?? d.updatedAt, now, timeZone)}; resend it once corrected`;
    case "succeeded":
      return d.lastAttemptAt ? `Delivered ${formatDateTime(d.lastAttemptAt, timeZone)}` : "Delivered";
    default:
      return d.nextAttemptAt && d.nextAttemptAt > now
        ? `Waiting — next try ${formatWhen(d.nextAttemptAt, now, timeZone)}`
        : "Waiting to be sent";
  }
}
