import type { DayActivity } from "@/lib/alerts/alert-stats";

/** Alerts raised and resolved per day over two weeks: a small server-rendered SVG, no chart library needed. */
export function ActivityChart({ days }: { days: DayActivity[] }) {
  const peak = Math.max(1, ...days.flatMap((d) => [d.raised, d.resolved]));
  const width = 280;
  const height = 72;
  const slot = width / days.length;
  const bar = Math.max(2, slot / 2 - 2);
  const h = (n: number) => (n / peak) * (height - 4);
  const totals = days.reduce((t, d) => ({ raised: t.raised + d.raised, resolved: t.resolved + d.resolved }), { raised: 0, resolved: 0 });
  return (
    <figure className="rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200" data-testid="activity-chart">
      <figcaption className="flex items-center justify-between text-xs text-slate-600">
        <span className="font-semibold text-slate-900">Last 14 days</span>
        <span>
          <span className="mr-1 inline-block h-2 w-2 rounded-sm bg-rose-400" aria-hidden /> {totals.raised} raised
          <span className="mr-1 ml-3 inline-block h-2 w-2 rounded-sm bg-emerald-500" aria-hidden /> {totals.resolved} resolved
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="mt-2 h-16 w-full"
        role="img"
        aria-label={`Alerts raised and resolved per day: ${totals.raised} raised, ${totals.resolved} resolved in 14 days`}
      >
        {days.map((d, i) => (
          <g key={d.day}>
            <title>{`${d.day}: ${d.raised} raised, ${d.resolved} resolved`}</title>
            <rect x={i * slot + 1} y={height - h(d.raised)} width={bar} height={h(d.raised)} className="fill-rose-400" rx="1" />
            <rect
              x={i * slot + 1 + bar + 1}
              y={height - h(d.resolved)}
              width={bar}
              height={h(d.resolved)}
              className="fill-emerald-500"
              rx="1"
            />
          </g>
        ))}
      </svg>
    </figure>
  );
}
