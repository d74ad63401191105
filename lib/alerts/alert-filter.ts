import { z } from "zod";
import { ALERT_KINDS } from "@/db/schema";

export const ALERT_VIEWS = ["open", "snoozed", "resolved", "dismissed", "all"] as const;
export type AlertView = (typeof ALERT_VIEWS)[number];
export const ALERT_SORTS = ["urgent", "newest", "oldest"] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

/** Urgency (soonest ship-by first) for the views of open alerts, newest first for the others. */
export function defaultSort(state: AlertView): AlertSort {
  return state === "open" || state === "snoozed" ? "urgent" : "newest";
}

const id = z.coerce.number().int().positive();
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === undefined || v === null ? undefined : v), schema.optional());

/**
 * The Alerts tab's filters as they appear in the URL. Unknown or malformed values fall back to "no
 * filter" rather than an error page: a hand-edited link still shows something sensible.
 */
export const AlertFilterInput = z
  .object({
    state: optional(z.enum(ALERT_VIEWS))
      .catch(undefined)
      .transform((v) => v ?? "open"),
    kind: optional(z.enum(ALERT_KINDS)).catch(undefined),
    connection: optional(id).catch(undefined),
    merchant: optional(id).catch(undefined),
    needsPerson: optional(z.enum(["1", "0"])).catch(undefined),
    q: optional(z.string().trim().max(100)).catch(undefined),
    sort: optional(z.enum(ALERT_SORTS)).catch(undefined),
  })
  // Open alerts are ranked by urgency unless asked otherwise (docs/ship-by.md#urgency); closed ones newest first.
  .transform(({ sort, ...f }) => ({ ...f, sort: sort ?? defaultSort(f.state) }));
export type AlertFilter = z.output<typeof AlertFilterInput>;

/** The filter back as URL parameters, leaving out defaults, for links that keep the current view. */
export function filterParams(filter: AlertFilter, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.state !== "open") params.set("state", filter.state);
  if (filter.kind) params.set("kind", filter.kind);
  if (filter.connection) params.set("connection", String(filter.connection));
  if (filter.merchant) params.set("merchant", String(filter.merchant));
  if (filter.needsPerson) params.set("needsPerson", filter.needsPerson);
  if (filter.q) params.set("q", filter.q);
  if (filter.sort !== defaultSort(filter.state)) params.set("sort", filter.sort);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params;
}
