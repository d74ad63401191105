import { Fragment } from "react";
import type { ReceiptRow } from "@/lib/webhooks/list-webhook-receipts";
import { formatAge, formatDateTime } from "@/lib/format/time";
import { Badge, type Tone } from "../ui/badge";

const STATUS: Record<ReceiptRow["status"], { tone: Tone; label: string }> = {
  accepted: { tone: "indigo", label: "Accepted" },
  processed: { tone: "green", label: "Processed" },
  failed: { tone: "red", label: "Failed" },
};

/** The last events a connection sent, with what became of each. */
export function WebhookReceipts({ receipts, now, timeZone }: { receipts: ReceiptRow[]; now: Date; timeZone: string }) {
  if (receipts.length === 0) {
    return <p className="text-sm text-slate-500">No events received yet.</p>;
  }
  return (
    <table className="min-w-full text-sm" data-testid="webhook-receipts">
      <thead className="text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
        <tr>
          <th className="py-2 pr-4">Received</th>
          <th className="py-2 pr-4">Event</th>
          <th className="py-2 pr-4">About</th>
          <th className="py-2 pr-4">Result</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {receipts.map((r) => (
          <Fragment key={r.id}>
            <tr className={r.error ? "border-b-0 align-top" : "align-top"} data-testid="webhook-receipt">
              <td className="py-2 pr-4 whitespace-nowrap text-slate-700" title={formatDateTime(r.receivedAt, timeZone)}>
                {formatAge(r.receivedAt, now)}
              </td>
              <td className="py-2 pr-4">
                <span className="font-mono text-xs text-slate-900">{r.eventType}</span>
                <span className="block max-w-48 truncate font-mono text-[11px] text-slate-500" title={r.webhookId}>
                  {r.webhookId}
                </span>
              </td>
              <td className="py-2 pr-4 font-mono text-xs text-slate-700">{r.subject}</td>
              <td className="py-2 pr-4">
                <Badge tone={STATUS[r.status].tone}>{STATUS[r.status].label}</Badge>
              </td>
            </tr>
            {r.error ? (
              <tr className="border-t-0">
                <td
                  colSpan={4}
                  className={`pr-4 pb-2 text-xs ${r.status === "failed" ? "text-red-700" : "text-amber-800"}`}
                  data-testid="webhook-receipt-error"
                >
                  {r.error}
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
