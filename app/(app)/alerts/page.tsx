import type { Metadata } from "next";
import Link from "next/link";
import { ActivityChart } from "@/components/alerts/activity-chart";
import { AlertFilters } from "@/components/alerts/alert-filters";
import { AlertTable, type AlertTableRow } from "@/components/alerts/alert-table";
import { CauseGroups } from "@/components/alerts/cause-groups";
import { CutoffCard } from "@/components/alerts/cutoff-card";
import { AlertAgeView } from "@/components/alerts/alert-age-view";
import { GroupFixCards } from "@/components/error-library/group-fix-cards";
import { HeldSkuCards } from "@/components/error-library/held-sku-cards";
import { namesInBrief } from "@/lib/alerts/grouped-causes";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db/client";
import { AlertFilterInput, filterParams, type AlertFilter } from "@/lib/alerts/alert-filter";
import type { AlertCursor, AlertRow } from "@/lib/alerts/list-alerts";
import { isFiltered, loadAlertsTab } from "@/lib/alerts/load-alerts-tab";
import { statusLine } from "@/lib/alerts/status-line";
import { explainAlert, rulesInScope } from "@/lib/error-library/explain-alert";
import type { RuleInForce } from "@/lib/error-library/diagnose";
import { listHeldGroups, type HeldGroups } from "@/lib/error-library/held-groups";
import { formatAge, formatDateTime } from "@/lib/format/time";
import { shipByLine } from "@/lib/ship-by/ship-by-line";
import { listPausedConnections } from "@/lib/settings/connections";
import { requestTabCounts } from "../../_lib/alert-counts";
import { getCurrentUser } from "../../_lib/current-scope";
import { bulkAlertAction, correctRegionCodeAction, matchingAlertIds, renewCredentialAction } from "./actions";

const NO_GROUPS: HeldGroups = { skus: [], regions: [], credentials: [] };

export const metadata: Metadata = { title: "Alerts" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `?after=<lastSeenMs>.<id>`, or `s<shipByMs>.<id>` within the urgent order's alerts with a ship-by: the keyset cursor of the next page. */
function parseCursor(raw: unknown): AlertCursor | undefined {
  const match = typeof raw === "string" ? raw.match(/^(s?)(\d+)\.(\d+)$/) : null;
  if (!match) return undefined;
  return match[1]
    ? { shipBy: Number(match[2]), lastSeenAt: 0, id: Number(match[3]) }
    : { lastSeenAt: Number(match[2]), id: Number(match[3]) };
}

function cursorParam(next: AlertCursor): string {
  return next.shipBy !== undefined ? `s${next.shipBy}.${next.id}` : `${next.lastSeenAt}.${next.id}`;
}

function toRow(
  a: AlertRow,
  now: Date,
  timeZone: string,
  showMerchant: boolean,
  leadMinutes: number | undefined,
  rules: RuleInForce[],
): AlertTableRow {
  const shipBy = a.state === "open" ? shipByLine(a.shipBy, now, leadMinutes) : null;
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
    exactTime: formatDateTime(a.lastSeenAt, timeZone),
    status: statusLine(a, now, timeZone),
    shipBy: shipBy ? { text: shipBy.text, tone: shipBy.tone, exact: formatDateTime(shipBy.dueAt, timeZone) } : null,
  };
}

export default async function AlertsPage({ searchParams }: Props) {
  // Together: the reads below start the moment the session is known, beside the layout's tab counts.
  const [{ scope, timeZone }, query] = await Promise.all([getCurrentUser(), searchParams]);
  const filter: AlertFilter = AlertFilterInput.parse(query);
  const after = parseCursor(query.after);
  const now = new Date();
  const filtered = isFiltered(filter);
  const db = getDb();
  const [
    { page, total, viewCounts, openByKind, activity, groups, connectionChoices, merchants, warehouseUser, atRisk, age },
    paused,
    rules,
    held,
  ] = await Promise.all([
    loadAlertsTab(db, scope, filter, { now, after, counts: requestTabCounts(scope) }),
    listPausedConnections(db, scope),
    rulesInScope(db, scope),
    filter.state === "open" && !after && !filtered ? listHeldGroups({ db, scope }) : Promise.resolve(NO_GROUPS),
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
        <div className="w-full max-w-xs space-y-3">
          <ActivityChart days={activity} />
          {age ? <AlertAgeView age={age} /> : null}
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
                {p.name} · {p.merchantName} — since {p.pausedAt ? formatDateTime(p.pausedAt, timeZone) : "now"}
                {p.pausedBy ? ` by ${p.pausedBy}` : ""}. Its records wait and their retry windows stand still.
              </li>
            ))}
          </ul>
          <Link href="/settings/connections" className="mt-2 inline-block text-sm font-medium text-indigo-700 hover:underline">
            Resume on Settings → Connections
          </Link>
        </div>
      ) : null}
      {atRisk && (atRisk.orders > 0 || atRisk.overdue > 0) ? <CutoffCard atRisk={atRisk} /> : null}
      <HeldSkuCards groups={held.skus} />
      <GroupFixCards
        actions={{ correctRegion: correctRegionCodeAction, renewCredential: renewCredentialAction }}
        regions={held.regions.map((g) => ({ code: g.code, orders: g.orders, merchants: namesInBrief(g.merchants) }))}
        credentials={held.credentials.map((g) => ({
          connectionId: g.connectionId,
          connectionName: g.connectionName,
          merchantName: g.merchantName,
          waiting: g.waiting,
          since: formatDateTime(g.since, timeZone),
          message: g.message,
        }))}
      />
      <CauseGroups groups={groups} showMerchant={warehouseUser} />
      <AlertFilters filter={filter} viewCounts={viewCounts} openByKind={openByKind} connections={connectionChoices} merchants={merchants} />
      <p className="mb-2 text-sm text-slate-600" data-testid="result-count">
        {total} {total === 1 ? "alert" : "alerts"}
        {filtered ? (total === 1 ? " matches these filters" : " match these filters") : ""}
      </p>
      <AlertTable
        actions={{ bulk: bulkAlertAction, matching: matchingAlertIds }}
        rows={page.rows.map((a) => toRow(a, now, timeZone, warehouseUser, atRisk?.leadMinutes, rules))}
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
          <Link href={`/alerts?${filterParams(filter, { after: cursorParam(page.next) })}`} className="text-indigo-600 hover:underline">
            Next page →
          </Link>
        ) : null}
      </div>
    </>
  );
}
