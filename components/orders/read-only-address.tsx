import type { ShipTo } from "@/db/schema";

/** The ship-to address and ship method of an order that can no longer be changed here. */
export function ReadOnlyAddress({ shipTo: a, shipMethodLabel, note }: { shipTo: ShipTo; shipMethodLabel: string; note: string }) {
  const lines = [a.name, a.company, a.line1, a.line2, [a.city, a.region, a.postalCode].filter(Boolean).join(", "), a.country];
  return (
    <>
      <address className="text-sm leading-6 text-slate-800 not-italic" data-testid="ship-to">
        {lines.filter(Boolean).map((line, i) => (
          <span key={i} className="block">
            {line}
          </span>
        ))}
      </address>
      <p className="mt-4 text-sm text-slate-600">
        Ship method: <span className="font-medium text-slate-900">{shipMethodLabel}</span>
      </p>
      <p className="mt-4 text-xs text-slate-600">{note}</p>
    </>
  );
}
