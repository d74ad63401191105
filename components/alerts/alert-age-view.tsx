import { ALERT_KIND_LABELS } from "@/lib/alerts/kinds";
import type { AlertAge } from "@/lib/alerts/alert-age";
import { formatTimeLeft } from "@/lib/ship-by/ship-by-line";

/** How long problems live (docs/ship-by.md#age): open longer than 24 h, and time to resolve by kind over 30 days. */
export function AlertAgeView({ age }: { age: AlertAge }) {
  return (
    <div className="rounded-lg bg-white px-4 py-3 text-xs ring-1 ring-slate-200" data-testid="alert-age">
      <p className="text-sm font-semibold text-slate-900">
        <span data-testid="open-over-24h">{age.openOver24h}</span> open longer than 24 h
      </p>
      {age.resolveTimes.length ? (
        <table className="mt-2 w-full text-left">
          <caption className="pb-1 text-left text-slate-500">Average time to resolve, last 30 days</caption>
          <tbody>
            {age.resolveTimes.slice(0, 5).map((r) => (
              <tr key={r.kind}>
                <th scope="row" className="pr-3 font-normal text-slate-700">
                  {ALERT_KIND_LABELS[r.kind]}
                </th>
                <td className="pr-3 text-right font-medium text-slate-900">{formatTimeLeft(r.averageMs)}</td>
                <td className="text-right text-slate-500">{r.resolved.toLocaleString("en")} resolved</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="mt-1 text-slate-500">Nothing resolved in the last 30 days.</p>
      )}
    </div>
  );
}
