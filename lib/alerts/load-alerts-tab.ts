import type { DbOrTx } from "@/db/client";
import { listConnections, listMerchants } from "../settings/list-settings";
import { isWarehouseUser, type Scope } from "../tenancy/scope";
import type { AlertFilter, AlertView } from "./alert-filter";
import { alertCounts, dailyActivity } from "./alert-stats";
import { groupedCauses } from "./grouped-causes";
import { countAlerts } from "./count-alerts";
import { listAlerts, type AlertCursor } from "./list-alerts";

/** Whether a filter narrows the view beyond its state tab. */
export function isFiltered(filter: AlertFilter): boolean {
  return Boolean(filter.q || filter.kind || filter.connection || filter.merchant || filter.needsPerson);
}

/**
 * Everything the Alerts tab shows for one view: the page of alerts, its total, the counts on the tabs and
 * kinds, the 14-day chart, the grouped causes (first page of the unfiltered open view only) and the filter
 * choices. One function, so the page and the benchmark run the same queries.
 */
export async function loadAlertsTab(db: DbOrTx, scope: Scope, filter: AlertFilter, params: { now: Date; after?: AlertCursor }) {
  const { now, after } = params;
  const warehouseUser = isWarehouseUser(scope);
  const filtered = isFiltered(filter);
  // An unfiltered view's total is its tab's count: no second count of the same alerts.
  const [page, filteredTotal, counts, snoozed, activity, groups, connections, merchants] = await Promise.all([
    listAlerts(db, scope, filter, { now, after }),
    filtered ? countAlerts(db, scope, filter, now) : Promise.resolve(null),
    alertCounts(db, scope),
    countAlerts(db, scope, { state: "snoozed" }, now),
    dailyActivity(db, scope, now),
    filter.state === "open" && !after && !filtered ? groupedCauses(db, scope, now) : Promise.resolve([]),
    listConnections(db, scope),
    warehouseUser ? listMerchants(db, scope) : Promise.resolve(null),
  ]);
  const { byState, openByKind } = counts;
  const viewCounts: Record<AlertView, number> = {
    open: byState.open - snoozed,
    snoozed,
    resolved: byState.resolved,
    dismissed: byState.dismissed,
    all: byState.open + byState.resolved + byState.dismissed,
  };
  const total = filteredTotal ?? viewCounts[filter.state];
  return { page, total, viewCounts, openByKind, activity, groups, connections, merchants, warehouseUser };
}
