import Link from "next/link";
import { namesInBrief, type CauseGroup } from "@/lib/alerts/grouped-causes";

/** Alerts that share one fix, with that fix one click away. */
/** `showMerchant`: a warehouse user sees many merchants, each with its own "Northwind WMS". */
export function CauseGroups({ groups, showMerchant }: { groups: CauseGroup[]; showMerchant: boolean }) {
  if (groups.length === 0) return null;
  return (
    <section aria-labelledby="shared-causes" className="mb-6">
      <h2 id="shared-causes" className="mb-2 text-sm font-semibold text-slate-900">
        Shared causes
      </h2>
      <ul className="grid gap-3 md:grid-cols-2" data-testid="cause-groups">
        {groups.map((g) =>
          g.type === "unmapped_ship_method" ? (
            <li
              key={`label:${g.label}`}
              className="flex items-start justify-between gap-3 rounded-xl bg-amber-50 px-4 py-3 ring-1 ring-amber-200"
            >
              <div>
                <p className="text-sm font-semibold text-amber-900">
                  Ship method ‘{g.label}’ is not mapped — {g.orders} {g.orders === 1 ? "order" : "orders"} held
                </p>
                <p className="mt-0.5 text-xs text-amber-800">{namesInBrief(g.merchants)} · one mapping releases them all</p>
              </div>
              <Link
                href={`/settings/ship-methods?label=${encodeURIComponent(g.label)}`}
                className="shrink-0 rounded-md bg-amber-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-amber-600"
              >
                Map it
              </Link>
            </li>
          ) : (
            <li
              key={`err:${g.connectionId}:${g.message}`}
              className="flex items-start justify-between gap-3 rounded-xl bg-white px-4 py-3 ring-1 ring-slate-200"
            >
              <div className="min-w-0">
                <p className="text-sm font-semibold text-slate-900">
                  {g.alerts} records failing on {g.connectionName}
                  {showMerchant ? ` (${g.merchantName})` : ""}
                </p>
                <p className="mt-0.5 line-clamp-2 text-xs text-slate-600">{g.message}</p>
              </div>
              <Link
                href={`/alerts?connection=${g.connectionId}&q=`}
                className="shrink-0 rounded-md px-3 py-1.5 text-sm font-medium text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50"
              >
                View
              </Link>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
