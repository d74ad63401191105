// What the ship-by-soon email says (docs/ship-by.md#lead-time): the order is due out soon, what Fixline is doing
// by itself, and that this will not make it — "retrying hourly, but the order is due out at 14:00".
import { formatTimeLeft } from "../ship-by/ship-by-line";
import { alertFacts, recordLabel, type AlertContext } from "./alert-email-content";
import type { ShipBySoonEmail } from "./email-models";
import { alertUrl, orderUrl } from "./links";

export function shipBySoonContent(ctx: AlertContext, appUrl: string, now: Date, fmt: (at: Date) => string): ShipBySoonEmail {
  const { alert, delivery } = ctx;
  const shipBy = alert.shipBy ?? now;
  const system = ctx.connection?.name ?? "the WMS";
  const next = delivery?.nextAttemptAt ?? null;
  const retrying = delivery?.kind === "order_to_wms" && (delivery.status === "retrying" || delivery.status === "pending");
  const whatHappened = retrying
    ? `${system} has not accepted it. Fixline is retrying hourly${next ? ` (next try ${fmt(next)})` : ""}, but the order is due out at ${fmt(shipBy)}: if the next answer is the same, it misses its ship-by. Fix what the message below asks for, or resend it now.`
    : `${system} has not accepted it, and the order is due out at ${fmt(shipBy)}. Fix what the message below asks for and resend it now.`;
  const onOrder = alert.orderId != null ? orderUrl(appUrl, alert.orderId) : null;
  return {
    template: "ship-by-soon",
    alert: alertFacts(ctx, fmt),
    recordLabel: recordLabel(ctx),
    dueOut: fmt(shipBy),
    timeLeft: formatTimeLeft(shipBy.getTime() - now.getTime()),
    whatHappened,
    fixUrl: onOrder ?? alertUrl(appUrl, alert.id),
    fixLabel: onOrder ? `Fix order ${alert.orderNumber ?? ""}`.trim() : "Open the alert",
    alertUrl: alertUrl(appUrl, alert.id),
  };
}
