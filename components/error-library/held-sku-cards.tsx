import Link from "next/link";
import { namesInBrief } from "@/lib/alerts/grouped-causes";

export type HeldSkuCard = { sku: string; orders: number; merchants: string[] };

/** Alerts that share a diagnosis and its subject — a SKU the WMS does not know — as one card with its one fix. */
export function HeldSkuCards({ groups }: { groups: HeldSkuCard[] }) {
  if (groups.length === 0) return null;
  return (
    <ul className="mb-6 grid gap-3 md:grid-cols-2" data-testid="sku-groups" aria-label="Orders held on a SKU the WMS does not know">
      {groups.map((g) => (
        <li
          key={g.sku}
          className="flex items-start justify-between gap-3 rounded-xl bg-amber-50 px-4 py-3 ring-1 ring-amber-200"
          data-testid="sku-group"
        >
          <div>
            <p className="text-sm font-semibold text-amber-900">
              SKU {g.sku} is not in the WMS item master — {g.orders} {g.orders === 1 ? "order" : "orders"} held
            </p>
            <p className="mt-0.5 text-xs text-amber-800">
              {namesInBrief(g.merchants)} · one SKU mapping, or adding it in the WMS, releases them all
            </p>
          </div>
          <Link
            href={`/settings/sku-mappings?sku=${encodeURIComponent(g.sku)}`}
            className="shrink-0 rounded-md bg-amber-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-amber-600"
          >
            Fix it
          </Link>
        </li>
      ))}
    </ul>
  );
}
