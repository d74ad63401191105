import Link from "next/link";
import { ALERT_KINDS, type AlertKind } from "@/db/schema";
import { ALERT_VIEWS, filterParams, type AlertFilter, type AlertView } from "@/lib/alerts/alert-filter";
import { ALERT_KIND_LABELS } from "@/lib/alerts/kinds";

type Option = { id: number; name: string };
type Props = {
  filter: AlertFilter;
  viewCounts: Partial<Record<AlertView, number>>;
  openByKind: Partial<Record<AlertKind, number>>;
  connections: { options: Option[]; hint: string | null };
  merchants: Option[] | null;
};

const VIEW_LABELS: Record<AlertView, string> = {
  open: "Open",
  snoozed: "Snoozed",
  resolved: "Resolved",
  dismissed: "Dismissed",
  all: "All",
};
const field =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30";

/** The Alerts tab's filters: a plain GET form, so every view is a link that can be shared or bookmarked. */
export function AlertFilters({ filter, viewCounts, openByKind, connections, merchants }: Props) {
  return (
    <div className="mb-4 space-y-3">
      <nav aria-label="Alert state" className="flex flex-wrap gap-1 border-b border-slate-200">
        {ALERT_VIEWS.map((view) => {
          const active = filter.state === view;
          return (
            <Link
              key={view}
              href={`/alerts?${filterParams({ ...filter, state: view })}`}
              aria-current={active ? "page" : undefined}
              className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            >
              {VIEW_LABELS[view]}
              {viewCounts[view] !== undefined ? <span className="ml-1.5 text-xs text-slate-500">{viewCounts[view]}</span> : null}
            </Link>
          );
        })}
      </nav>
      <form method="get" action="/alerts" className="flex flex-wrap items-end gap-3" role="search">
        {filter.state !== "open" ? <input type="hidden" name="state" value={filter.state} /> : null}
        <label className="text-xs font-medium text-slate-600">
          Search
          <input
            name="q"
            type="search"
            defaultValue={filter.q}
            placeholder="Order number or product code"
            className={`${field} mt-1 block w-72`}
          />
        </label>
        <label className="text-xs font-medium text-slate-600">
          Kind
          <select name="kind" defaultValue={filter.kind ?? ""} className={`${field} mt-1 block w-56`}>
            <option value="">All kinds</option>
            {ALERT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {ALERT_KIND_LABELS[kind]}
                {openByKind[kind] ? ` (${openByKind[kind]} open)` : ""}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs font-medium text-slate-600">
          Connection
          <select name="connection" defaultValue={filter.connection ?? ""} className={`${field} mt-1 block max-w-56`}>
            <option value="">All connections</option>
            {connections.options.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            {connections.hint ? (
              <option value="" disabled>
                {connections.hint}
              </option>
            ) : null}
          </select>
        </label>
        {merchants ? (
          <label className="text-xs font-medium text-slate-600">
            Merchant
            <select name="merchant" defaultValue={filter.merchant ?? ""} className={`${field} mt-1 block`}>
              <option value="">All merchants</option>
              {merchants.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="text-xs font-medium text-slate-600">
          Sort
          <select name="sort" defaultValue={filter.sort} className={`${field} mt-1 block`}>
            {filter.state === "open" || filter.state === "snoozed" ? <option value="urgent">Most urgent first (ship-by)</option> : null}
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        </label>
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
          <input
            type="checkbox"
            name="needsPerson"
            value="1"
            defaultChecked={filter.needsPerson === "1"}
            className="h-4 w-4 rounded border-slate-300 text-indigo-600"
          />
          Needs a person
        </label>
        <button
          type="submit"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 focus:ring-2 focus:ring-indigo-500 focus:ring-offset-2 focus:outline-none"
        >
          Apply
        </button>
        {filter.q || filter.kind || filter.connection || filter.merchant || filter.needsPerson ? (
          <Link
            href={filter.state === "open" ? "/alerts" : `/alerts?state=${filter.state}`}
            className="pb-2 text-sm text-indigo-600 hover:underline"
          >
            Clear filters
          </Link>
        ) : null}
      </form>
    </div>
  );
}
