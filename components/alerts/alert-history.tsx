import type { AlertDetail } from "@/lib/alerts/get-alert";
import { formatDateTime } from "@/lib/format/time";

const EVENT_LABELS: Record<AlertDetail["history"][number]["type"], string> = {
  raised: "Raised",
  retried: "Retried",
  retry_failed: "Retry failed",
  edited: "Edited",
  resent: "Resent",
  resolved: "Resolved",
  dismissed: "Dismissed",
  snoozed: "Snoozed",
  emailed: "Emailed",
  skipped: "Skipped",
};

/** An alert's events, newest first, their times in the reader's zone. */
export function AlertHistory({ history, timeZone }: { history: AlertDetail["history"]; timeZone: string }) {
  return (
    <ol className="space-y-3" data-testid="alert-history">
      {[...history].reverse().map((event) => (
        <li key={event.id} className="flex gap-3 text-sm">
          <span className="mt-1.5 h-2 w-2 shrink-0 rounded-full bg-slate-300" aria-hidden />
          <div>
            <p className="font-medium text-slate-900">
              {EVENT_LABELS[event.type]}
              {event.actorName ? <span className="font-normal text-slate-600"> by {event.actorName}</span> : null}
              <span className="ml-2 text-xs font-normal text-slate-500">{formatDateTime(event.at, timeZone)}</span>
            </p>
            {event.detail ? <p className="text-slate-600">{event.detail}</p> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
