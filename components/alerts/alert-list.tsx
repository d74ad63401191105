import Link from "next/link";
import type { AlertRow } from "@/lib/alerts/list-open-alerts";
import { formatAge, formatDateTime } from "@/lib/format/time";
import { Badge } from "../ui/badge";
import { AlertKindBadge } from "./alert-kind-badge";

export function AlertList({ alerts, now, showMerchant }: { alerts: AlertRow[]; now: Date; showMerchant: boolean }) {
  return (
    <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200" data-testid="alert-list">
      {alerts.map((a) => (
        <li key={a.id} data-testid="alert-row">
          <Link href={`/alerts/${a.id}`} prefetch={false} className="block px-5 py-4 hover:bg-slate-50">
            <div className="flex flex-wrap items-center gap-2">
              <AlertKindBadge kind={a.kind} />
              {a.needsPerson ? <Badge tone="amber">Needs you</Badge> : null}
              {a.orderNumber ? <span className="font-mono text-sm font-semibold text-slate-900">{a.orderNumber}</span> : null}
              {a.productCode ? <span className="font-mono text-sm font-semibold text-slate-900">{a.productCode}</span> : null}
              <span className="ml-auto text-xs text-slate-500" title={formatDateTime(a.lastSeenAt)}>
                {formatAge(a.lastSeenAt, now)}
              </span>
            </div>
            <p className="mt-2 line-clamp-2 text-sm text-slate-700">{a.message}</p>
            <p className="mt-1 text-xs text-slate-500">
              {[
                showMerchant ? a.merchantName : null,
                a.connectionName ? `${a.connectionName}${a.connectionPlatform ? ` (${a.connectionPlatform})` : ""}` : null,
                a.httpStatus ? `HTTP ${a.httpStatus}` : null,
                a.occurrences > 1 ? `${a.occurrences} occurrences` : null,
              ]
                .filter(Boolean)
                .join(" · ")}
            </p>
          </Link>
        </li>
      ))}
    </ul>
  );
}
