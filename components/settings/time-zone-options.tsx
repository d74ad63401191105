"use client";

import { useSyncExternalStore } from "react";

/** The id every zone field of a page names in `list`: the page renders <TimeZoneOptions /> once. */
export const TIME_ZONE_LIST = "time-zones";

const neverChanges = () => () => {};
let zones: string[] | null = null;
const browserZones = () => (zones ??= ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")]);

/**
 * The zone names this browser knows, as suggestions for the page's zone fields. Rendered once a page, after
 * hydration: the HTML and the page's data carried ~420 names for each field (three times on Profile & Billing,
 * ~40 KB), for a list the browser has itself. The core checks whatever is typed (docs/rules.md#t3).
 */
export function TimeZoneOptions() {
  const known = useSyncExternalStore(neverChanges, browserZones, () => null);
  return (
    <datalist id={TIME_ZONE_LIST}>
      {known?.map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}
