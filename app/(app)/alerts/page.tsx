import type { Metadata } from "next";
import Link from "next/link";
import { ActivityChart } from "@/components/alerts/activity-chart";
import { AlertFilters } from "@/components/alerts/alert-filters";
import { AlertTable, type AlertTableRow } from "@/components/alerts/alert-table";
import { CauseGroups } from "@/components/alerts/cause-groups";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db/client";
import { AlertFilterInput, filterParams, type AlertFilter } from "@/lib/alerts/alert-filter";
import { alertCounts, dailyActivity } from "@/lib/alerts/alert-stats";
import { groupedCauses } from "@/lib/alerts/grouped-causes";
import { countAlerts, listAlerts, type AlertCursor, type AlertRow } from "@/lib/alerts/list-alerts";
import { statusLine } from "@/lib/alerts/status-line";
import { formatAge, formatDateTime } from "@/lib/format/time";
import { listConnections, listMerchants } from "@/lib/settings/list-settings";
import { isWarehouseUser } from "@/lib/tenancy/scope";
import { getCurrentUser } from "../../_lib/current-scope";

export const metadata: Metadata = { title: "Alerts" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `?after=<lastSeenMs>.<id>`: the keyset cursor of the next page. */
function parseCursor(raw: unknown): AlertCursor | undefined {
  const match = typeof raw === "string" ? raw.match(/^(\d+)\.(\d+)$/) : null;
  return match ? { lastSeenAt: Number(match[1]), id: Number(match[2]) } : undefined;
}

function toRow(a: AlertRow, now: Date, showMerchant: boolean): AlertTableRow {
  return {
    id: a.id,
    kind: a.kind,
    needsPerson: a.needsPerson,
    open: a.state === "open",
    message: a.message,
    orderNumber: a.orderNumber,
    productCode: a.productCode,
    context: [showMerchant ? a.merchantName : null, a.connectionName, a.httpStatus ? `HTTP ${a.httpStatus}` : null, a.occurrences > 1 ? `${a.occurrences} occurrences` : null]
      .filter(Boolean)
      .join(" · "),
    age: formatAge(a.lastSeenAt, now),
    exactTime: formatDateTime(a.lastSeenAt),
    status: statusLine(a, now),
  };
}

export default async function AlertsPage({ searchParams }: Props) {
  const { scope } = await getCurrentUser();
  const query = await searchParams;
  const filter: AlertFilter = AlertFilterInput.parse(query);
  const after = parseCursor(query.after);
  const db = getDb();
  const now = new Date();
  const warehouseUser = isWarehouseUser(scope);
  const filtered = Boolean(filter.q || filter.kind || filter.connection || filter.merchant || filter.needsPerson);
  const [page, total, counts, snoozed, activity, groups, connections, merchants] = await Promise.all([
    listAlerts(db, scope, filter, { now, after }),
    countAlerts(db, scope, filter, now),
    alertCounts(db, scope),
    countAlerts(db, scope, { state: "snoozed" }, now),
    dailyActivity(db, scope, now),
    filter.state === "open" && !after && !filtered ? groupedCauses(db, scope, now) : Promise.resolve([]),
    listConnections(db, scope),
    warehouseUser ? listMerchants(db, scope) : Promise.resolve(null),
  ]);
  const { byState, openByKind } = counts;
  const viewCounts = { open: byState.open - snoozed, snoozed, resolved: byState.resolved, dismissed: byState.dismissed, all: byState.open + byState.resolved + byState.dismissed };
  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Alerts</h1>
          <p className="mt-1 max-w-xl text-sm text-slate-600">
            {viewCounts.open} open. Failed records are retried automatically and resolve by themselves; those marked “Needs you” wait for a fix.
          </p>
        </div>
        <div className="w-full max-w-xs">
          <ActivityChart days={activity} />
        </div>
      </div>
      <CauseGroups groups={groups} />
      <AlertFilters
        filter={filter}
        viewCounts={viewCounts}
        openByKind={openByKind}
        connections={connections.map((c) => ({ id: c.id, name: warehouseUser ? c.name : `${c.name} (${c.platform})` }))}
        merchants={merchants}
      />
      <p className="mb-2 text-sm text-slate-600" data-testid="result-count">
        {total} {total === 1 ? "alert" : "alerts"}
        {filtered ? (total === 1 ? " matches these filters" : " match these filters") : ""}
      </p>
      <AlertTable
        rows={page.rows.map((a) => toRow(a, now, warehouseUser))}
        filter={filter}
        total={total}
        empty={
          <EmptyState title={filtered ? "No alerts match these filters" : filter.state === "open" ? "No open alerts" : `No ${filter.state} alerts`}>
            {filtered ? (
              <Link href={filter.state === "open" ? "/alerts" : `/alerts?state=${filter.state}`} className="text-indigo-600 hover:underline">
                Clear the filters
              </Link>
            ) : filter.state === "open" ? (
              "Every order, tracking number and inventory level has reached its system."
            ) : null}
          </EmptyState>
        }
      />
      <div className="mt-4 flex justify-between text-sm">
        {after ? (
          <Link href={`/alerts?${filterParams(filter)}`} className="text-indigo-600 hover:underline">
            ← Back to the first page
          </Link>
        ) : (
          <span />
        )}
        {page.next ? (
          <Link href={`/alerts?${filterParams(filter, { after: `${page.next.lastSeenAt}.${page.next.id}` })}`} className="text-indigo-600 hover:underline">
            Next page →
          </Link>
        ) : null}
      </div>
    </>
  );
}
