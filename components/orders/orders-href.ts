import type { OrderFilter } from "@/lib/orders/order-filter";

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

/** `?per=` as one of the page sizes offered, or the default. */
export function pageSize(raw: string | undefined): number {
  const n = Number(raw);
  return (PAGE_SIZES as readonly number[]).includes(n) ? n : DEFAULT_PAGE_SIZE;
}

/** The Orders page's URL for a filter: every filter lives in the URL, so a view can be shared and reloaded. */
export function ordersHref(filter: OrderFilter & { before?: number; per?: number }): string {
  const params = new URLSearchParams();
  if (filter.status) params.set("status", filter.status);
  if (filter.merchantId) params.set("merchant", String(filter.merchantId));
  if (filter.method) params.set("method", filter.method);
  if (filter.q) params.set("q", filter.q);
  if (filter.per && filter.per !== DEFAULT_PAGE_SIZE) params.set("per", String(filter.per));
  if (filter.before) params.set("before", String(filter.before));
  const query = params.toString();
  return query ? `/orders?${query}` : "/orders";
}
