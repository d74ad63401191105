import Form from "next/form";
import Link from "next/link";
import type { OrderFilter } from "@/lib/orders/order-filter";
import { button, input, label } from "../ui/styles";
import { ordersHref, PAGE_SIZES } from "./orders-href";

/** Search and filters as a GET form: the result is a URL, so a filtered view can be shared, reloaded and paged. */
export function OrderFilters({ filter, merchants, per }: { filter: OrderFilter; merchants: { id: number; name: string }[]; per: number }) {
  const active = Boolean(filter.q || filter.merchantId || filter.method);
  return (
    <Form
      action="/orders"
      role="search"
      aria-label="Order filters"
      className="mb-4 rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200"
    >
      <div className="flex flex-wrap items-end gap-3">
        {filter.status ? <input type="hidden" name="status" value={filter.status} /> : null}
        {filter.method ? <input type="hidden" name="method" value={filter.method} /> : null}
        <label className={`${label} min-w-64 flex-1`}>
          Search
          <input name="q" type="search" defaultValue={filter.q ?? ""} placeholder="Order number or SKU" className={input()} />
        </label>
        {merchants.length > 1 ? (
          <label className={`${label} w-56`}>
            Merchant
            <select name="merchant" defaultValue={filter.merchantId ? String(filter.merchantId) : ""} className={input()}>
              <option value="">All merchants</option>
              {merchants.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className={`${label} w-28`}>
          Per page
          <select name="per" defaultValue={String(per)} className={input()}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={button.primary}>
          Apply
        </button>
        {active ? (
          <Link href={ordersHref({ status: filter.status, per })} className={`${button.link} py-2`}>
            Clear filters
          </Link>
        ) : null}
      </div>
      {filter.method ? (
        <p className="mt-3 flex items-center gap-2 text-sm text-slate-700">
          Ship method: <span className="rounded-full bg-slate-100 px-2 py-0.5 font-medium text-slate-900">{filter.method}</span>
          <Link
            href={ordersHref({ ...filter, per, method: undefined })}
            className={button.link}
            aria-label={`Remove the ship method filter ${filter.method}`}
          >
            Remove
          </Link>
        </p>
      ) : null}
    </Form>
  );
}
