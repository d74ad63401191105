import { CART_ENTRIES } from "./entries/carts";
import { COMMON_ENTRIES } from "./entries/common";
import { WMS_ENTRIES } from "./entries/wms";
import type { EntryMatch, ErrorFacts, LibraryEntry } from "./types";

/**
 * The built-in catalogue, in the order it is tried: platform entries first, then those of any platform
 * (docs/error-library.md). The first entry whose every given field matches decides.
 */
export const CATALOGUE: readonly LibraryEntry[] = [...WMS_ENTRIES, ...CART_ENTRIES, ...COMMON_ENTRIES];

export function platformMatches(platforms: string[] | undefined, platform: string | null): boolean {
  if (!platforms) return true;
  const name = (platform ?? "").toLowerCase();
  return platforms.some((p) => name.includes(p));
}

/** The entry's match against an answer, with the groups its pattern captured; null when it does not match. */
export function matchEntry(match: EntryMatch, facts: ErrorFacts): Record<string, string> | null {
  if (!platformMatches(match.platforms, facts.platform)) return null;
  if (match.connectionKind && facts.connectionKind && match.connectionKind !== facts.connectionKind) return null;
  if (match.deliveryKinds && (!facts.deliveryKind || !match.deliveryKinds.includes(facts.deliveryKind))) return null;
  if (match.statuses && (facts.status == null || !match.statuses.includes(facts.status))) return null;
  if (match.codes && (!facts.code || !match.codes.some((c) => c.toLowerCase() === facts.code!.toLowerCase()))) return null;
  if (!match.pattern) return {};
  const found = match.pattern.exec(facts.message);
  if (!found) return null;
  return Object.fromEntries(Object.entries(found.groups ?? {}).filter((e): e is [string, string] => e[1] != null));
}

export function findEntry(facts: ErrorFacts): { entry: LibraryEntry; groups: Record<string, string> } | null {
  for (const entry of CATALOGUE) {
    const groups = matchEntry(entry.match, facts);
    if (groups) return { entry, groups };
  }
  return null;
}
