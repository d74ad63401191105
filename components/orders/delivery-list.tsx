import type { OrderDetail } from "@/lib/orders/get-order";
import { describeSchedule } from "@/lib/format/delivery";
import { formatDateTime } from "@/lib/format/time";
import { Badge, type Tone } from "../ui/badge";

const KIND_LABELS = { order_to_wms: "Order → WMS", tracking_to_cart: "Tracking → cart", inventory_to_cart: "Inventory → cart" } as const;
const STATUS: Record<string, { label: string; tone: Tone }> = {
  pending: { label: "Waiting", tone: "indigo" },
  retrying: { label: "Retrying", tone: "red" },
  held: { label: "Held", tone: "amber" },
  succeeded: { label: "Delivered", tone: "green" },
  skipped: { label: "Skipped", tone: "red" },
};

/** Each record this order must deliver: where it goes, its attempts, the last answer and what happens next. */
export function DeliveryList({ deliveries, now, timeZone }: { deliveries: OrderDetail["deliveries"]; now: Date; timeZone: string }) {
  if (deliveries.length === 0) return <p className="text-sm text-slate-600">Nothing has been sent for this order yet.</p>;
  return (
    <ul className="space-y-4 text-sm" data-testid="deliveries">
      {deliveries.map(({ delivery: d, connectionName, syncIntervalMinutes }) => (
        <li key={d.id} data-testid={`delivery-${d.kind}`}>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-slate-900">{KIND_LABELS[d.kind]}</span>
            <Badge tone={STATUS[d.status]!.tone}>{STATUS[d.status]!.label}</Badge>
          </div>
          <p className="mt-0.5 text-xs text-slate-500">
            {connectionName} · {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"}
            {d.lastAttemptAt ? ` · last ${formatDateTime(d.lastAttemptAt, timeZone)}` : ""}
          </p>
          {d.lastError && d.status !== "succeeded" ? (
            <p className="mt-1.5 rounded bg-slate-50 px-2 py-1 font-mono text-xs break-words text-slate-800">{d.lastError}</p>
          ) : null}
          <p className="mt-1.5 text-xs text-slate-700" data-testid="delivery-schedule">
            {describeSchedule(d, syncIntervalMinutes, now, timeZone)}
          </p>
        </li>
      ))}
    </ul>
  );
}
