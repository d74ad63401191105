import type { DbOrTx } from "@/db/client";
import { listMerchants } from "../settings/list-settings";
import { isWarehouseUser, type Scope } from "../tenancy/scope";
import type { AlertFilter, AlertView } from "./alert-filter";
import { dailyActivity, tabCounts, type TabCounts } from "./alert-stats";
import { loadConnectionOptions } from "./connection-options";
import { groupedCauses } from "./grouped-causes";
import { countAlerts } from "./count-alerts";
import { listAlerts, type AlertCursor } from "./list-alerts";
import { cutoffAtRisk } from "../ship-by/cutoff-at-risk";
import { alertAge } from "./alert-age";

/** Whether a filter narrows the view beyond its state tab. */
export function isFiltered(filter: AlertFilter): boolean {
  return Boolean(filter.q || filter.kind || filter.connection || filter.merchant || filter.needsPerson);
}

/**
 * Everything the Alerts tab shows for one view: the page of alerts, its total, the counts on the tabs and
 * kinds, the 14-day chart, the grouped causes (first page of the unfiltered open view only) and the filter
 * choices. One function, so the page and the benchmark run the same queries.
 */
export async function loadAlertsTab(
  db: DbOrTx,
  scope: Scope,
  filter: AlertFilter,
  params: { now: Date; after?: AlertCursor; counts?: Promise<TabCounts> },
) {
  const { now, after } = params;
  const warehouseUser = isWarehouseUser(scope);
  const filtered = isFiltered(filter);
  // An unfiltered view's total is its tab's count: no second count of the same alerts.
  // The layout has usually read the tab counts for its badge already: `counts` passes them on.
  const countsRead = params.counts ?? tabCounts(db, scope, now);
  const [page, filteredTotal, counts, activity, groups, connectionChoices, merchants, atRisk, age] = await Promise.all([
    listAlerts(db, scope, filter, { now, after }),
    filtered ? countAlerts(db, scope, filter, now) : Promise.resolve(null),
    countsRead,
    dailyActivity(db, scope, now),
    filter.state === "open" && !after && !filtered ? groupedCauses(db, scope, now) : Promise.resolve([]),
    loadConnectionOptions(db, scope, { warehouseUser, merchant: filter.merchant, connection: filter.connection }),
    warehouseUser ? listMerchants(db, scope) : Promise.resolve(null),
    filter.state === "open" && !after ? cutoffAtRisk(db, scope, now) : Promise.resolve(null),
    // After the counts only, beside the other reads: "open longer than 24 h" is the open count less the last
    // day's (docs/ship-by.md#age). The unfiltered open view's first page only, like the grouped causes.
    filter.state === "open" && !after && !filtered
      ? countsRead.then((c) => alertAge(db, scope, now, c.byState.open))
      : Promise.resolve(null),
  ]);
  const { byState, openByKind, snoozed } = counts;
  const viewCounts: Record<AlertView, number> = {
    open: byState.open - snoozed,
    snoozed,
    resolved: byState.resolved,
    dismissed: byState.dismissed,
    all: byState.open + byState.resolved + byState.dismissed,
  };
  const total = filteredTotal ?? viewCounts[filter.state];
  return { page, total, viewCounts, openByKind, activity, groups, connectionChoices, merchants, warehouseUser, atRisk, age };
}
