import { MERCHANTS, WAREHOUSE } from "@/db/seed/catalog";

export type TargetKind = "wms" | "cart";
/** `down` answers 503; `refuse` drops the connection before answering, like a crashed or firewalled host. */
export type TargetMode = "up" | "down" | "refuse";
export const TARGET_MODES: readonly TargetMode[] = ["up", "down", "refuse"];

export type TargetState = {
  /** `{slug}/{kind}`, the path prefix Fixline's connection endpoint points at. */
  id: string;
  slug: string;
  kind: TargetKind;
  /** How the system names itself in its error messages. */
  label: string;
  mode: TargetMode;
  /** Every request that reached this target, whatever the answer. */
  received: number;
  /** Distinct records accepted: a repeat of an accepted Idempotency-Key is not counted again. */
  accepted: number;
  /** Idempotency-Key → requests carrying it, so a test can count repeats. */
  keys: Record<string, number>;
  /** Keys whose record was accepted; a repeat is answered as a duplicate. */
  acceptedKeys: Set<string>;
  /** Order number → order attempts that reached the flaky check (sandbox transient failures). */
  orderAttempts: Record<string, number>;
};

export type RequestLogEntry = {
  at: string;
  target: string;
  method: string;
  path: string;
  /** The order number or SKU the request was about, when it could be read. */
  ref: string | null;
  /** HTTP status answered, or null when the connection was dropped. */
  status: number | null;
  code: string | null;
  idempotencyKey: string | null;
};

export type SandboxState = {
  targets: Record<string, TargetState>;
  /** Newest first, at most `historySize`. */
  requests: RequestLogEntry[];
};

export function createSandboxState(slugs: readonly string[]): SandboxState {
  const targets: Record<string, TargetState> = {};
  for (const slug of slugs) {
    for (const kind of ["wms", "cart"] as const) {
      const id = `${slug}/${kind}`;
      targets[id] = {
        id,
        slug,
        kind,
        label: targetLabel(slug, kind),
        mode: "up",
        received: 0,
        accepted: 0,
        keys: {},
        acceptedKeys: new Set(),
        orderAttempts: {},
      };
    }
  }
  return { targets, requests: [] };
}

/** Forgets counters and history but keeps each target's switch, so a demo can start counting afresh. */
export function resetCounters(state: SandboxState): void {
  for (const t of Object.values(state.targets)) {
    Object.assign(t, { received: 0, accepted: 0, keys: {}, acceptedKeys: new Set(), orderAttempts: {} });
  }
  state.requests.length = 0;
}

export function recordRequest(state: SandboxState, entry: RequestLogEntry, historySize: number): void {
  state.requests.unshift(entry);
  if (state.requests.length > historySize) state.requests.length = historySize;
}

/** A JSON-safe copy for `GET /_sandbox/state`. */
export function snapshot(state: SandboxState) {
  return {
    targets: Object.values(state.targets).map(({ acceptedKeys, ...t }) => ({ ...t, acceptedKeys: [...acceptedKeys] })),
    requests: state.requests,
  };
}

function targetLabel(slug: string, kind: TargetKind): string {
  if (kind === "wms") return `${WAREHOUSE.name} WMS`;
  const merchant = MERCHANTS.find((m) => m.slug === slug);
  return merchant ? `${merchant.cart.platform} store ${merchant.cart.name}` : `${slug} cart`;
}
