import type { Metadata } from "next";
import Link from "next/link";
import { ActivityChart } from "@/components/alerts/activity-chart";
import { AlertFilters } from "@/components/alerts/alert-filters";
import { AlertTable, type AlertTableRow } from "@/components/alerts/alert-table";
import { CauseGroups } from "@/components/alerts/cause-groups";
import { HeldSkuCards } from "@/components/error-library/held-sku-cards";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db/client";
import { AlertFilterInput, filterParams, type AlertFilter } from "@/lib/alerts/alert-filter";
import type { AlertCursor, AlertRow } from "@/lib/alerts/list-alerts";
import { isFiltered, loadAlertsTab } from "@/lib/alerts/load-alerts-tab";
import { statusLine } from "@/lib/alerts/status-line";
import { explainAlert, rulesInScope } from "@/lib/error-library/explain-alert";
import type { RuleInForce } from "@/lib/error-library/diagnose";
import { listHeldSkus } from "@/lib/error-library/save-sku-mapping";
import { formatAge, formatDateTime } from "@/lib/format/time";
import { listPausedConnections } from "@/lib/settings/connections";
import { requestTabCounts } from "../../_lib/alert-counts";
import { getCurrentUser } from "../../_lib/current-scope";
import { bulkAlertAction, matchingAlertIds } from "./actions";

export const metadata: Metadata = { title: "Alerts" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `?after=<lastSeenMs>.<id>`: the keyset cursor of the next page. */
function parseCursor(raw: unknown): AlertCursor | undefined {
  const match = typeof raw === "string" ? raw.match(/^(\d+)\.(\d+)$/) : null;
  return match ? { lastSeenAt: Number(match[1]), id: Number(match[2]) } : undefined;
}

function toRow(a: AlertRow, now: Date, showMerchant: boolean, rules: RuleInForce[]): AlertTableRow {
  const explanation = explainAlert(a, rules);
  return {
    explanation: { headline: explanation.headline, action: explanation.action.label, explained: explanation.explained },
    id: a.id,
    kind: a.kind,
    needsPerson: a.needsPerson,
    open: a.state === "open",
    message: a.message,
    orderNumber: a.orderNumber,
    productCode: a.productCode,
    context: [
      showMerchant ? a.merchantName : null,
      a.connectionName,
      a.httpStatus ? `HTTP ${a.httpStatus}` : null,
      a.occurrences > 1 ? `${a.occurrences} occurrences` : null,
    ]
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
  const now = new Date();
  const filtered = isFiltered(filter);
  const db = getDb();
  const [{ page, total, viewCounts, openByKind, activity, groups, connectionChoices, merchants, warehouseUser }, paused, rules, heldSkus] =
    await Promise.all([
      loadAlertsTab(db, scope, filter, { now, after, counts: requestTabCounts(scope) }),
      listPausedConnections(db, scope),
      rulesInScope(db, scope),
      filter.state === "open" && !after && !filtered ? listHeldSkus({ db, scope }) : Promise.resolve([]),
    ]);
  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Alerts</h1>
          <p className="mt-1 max-w-xl text-sm text-slate-600">
            {viewCounts.open} open. Failed records are retried automatically and resolve by themselves; those marked “Needs you” wait for a
            fix.
          </p>
        </div>
        <div className="w-full max-w-xs">
          <ActivityChart days={activity} />
        </div>
      </div>
      {paused.length ? (
        <div
          className="mb-6 rounded-xl border-l-4 border-amber-400 bg-amber-50 px-5 py-4 ring-1 ring-amber-200"
          data-testid="paused-connections"
          role="status"
        >
          <p className="text-sm font-semibold text-amber-900">
            {paused.length === 1 ? "1 connection is paused" : `${paused.length} connections are paused`}: nothing is sent to{" "}
            {paused.length === 1 ? "it" : "them"}
          </p>
          <ul className="mt-1 space-y-0.5 text-sm text-slate-800">
            {paused.map((p) => (
              <li key={p.id}>
                {p.name} · {p.merchantName} — since {p.pausedAt ? formatDateTime(p.pausedAt) : "now"}
                {p.pausedBy ? ` by ${p.pausedBy}` : ""}. Its records wait and their retry windows stand still.
              </li>
            ))}
          </ul>
          <Link href="/settings/connections" className="mt-2 inline-block text-sm font-medium text-indigo-700 hover:underline">
            Resume on Settings → Connections
          </Link>
        </div>
      ) : null}
      <HeldSkuCards groups={heldSkus} />
      <CauseGroups groups={groups} showMerchant={warehouseUser} />
      <AlertFilters filter={filter} viewCounts={viewCounts} openByKind={openByKind} connections={connectionChoices} merchants={merchants} />
      <p className="mb-2 text-sm text-slate-600" data-testid="result-count">
        {total} {total === 1 ? "alert" : "alerts"}
        {filtered ? (total === 1 ? " matches these filters" : " match these filters") : ""}
      </p>
      <AlertTable
        actions={{ bulk: bulkAlertAction, matching: matchingAlertIds }}
        rows={page.rows.map((a) => toRow(a, now, warehouseUser, rules))}
        filter={filter}
        total={total}
        empty={
          <EmptyState
            title={filtered ? "No alerts match these filters" : filter.state === "open" ? "No open alerts" : `No ${filter.state} alerts`}
          >
            {filtered ? (
              <Link
                href={filter.state === "open" ? "/alerts" : `/alerts?state=${filter.state}`}
                className="text-indigo-600 hover:underline"
              >
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
          <Link
            href={`/alerts?${filterParams(filter, { after: `${page.next.lastSeenAt}.${page.next.id}` })}`}
            className="text-indigo-600 hover:underline"
          >
            Next page →
          </Link>
        ) : null}
      </div>
    </>
  );
}
