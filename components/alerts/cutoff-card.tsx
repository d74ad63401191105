import { formatDateTime } from "@/lib/format/time";
import type { CutoffAtRisk } from "@/lib/ship-by/cutoff-at-risk";

/** "3 orders will miss today's 14:00 cutoff unless fixed" (docs/ship-by.md#urgency): they head the list below. */
export function CutoffCard({ atRisk }: { atRisk: CutoffAtRisk }) {
  return (
    <div
      className="mb-6 rounded-xl border-l-4 border-red-500 bg-red-50 px-5 py-4 ring-1 ring-red-200"
      data-testid="cutoff-card"
      role="status"
    >
      <p className="text-sm font-semibold text-red-900">{atRisk.headline}</p>
      <p className="mt-1 text-sm text-slate-800">
        {atRisk.overdue
          ? atRisk.overdue === 1
            ? "1 order has already missed its ship-by. "
            : `${atRisk.overdue} orders have already missed their ship-by. `
          : ""}
        The cutoff is {formatDateTime(atRisk.cutoffAt, atRisk.timeZone)}. They are at the top of the list, soonest first.
      </p>
    </div>
  );
}
