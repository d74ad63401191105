// Where a server's CPU time goes per request, from a V8 CPU profile (node --cpu-prof): self time by layer. The
// alerts benchmark prints it beside each figure, as what bounds the figure when its target is missed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string } };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };

/** Layers, matched on the script's URL (bundled server chunks keep no package names, so drizzle is named by its functions). */
const LAYERS: { layer: string; test: (url: string, fn: string) => boolean }[] = [
  { layer: "idle", test: (url, fn) => fn === "(idle)" },
  { layer: "garbage collection", test: (url, fn) => fn === "(garbage collector)" },
  { layer: "libSQL (SQLite and its driver)", test: (url) => /node_modules\/(@libsql|libsql)\//.test(url) },
  { layer: "React and Next (render, RSC, routing)", test: (url) => /node_modules\/(next|react|react-dom)\//.test(url) },
  { layer: "module loading", test: (url) => url.startsWith("node:internal/modules") || url.includes("turbopack]_runtime") },
  { layer: "Node (streams, crypto, http, zlib)", test: (url) => url.startsWith("node:") },
  { layer: "app code and bundled libraries (drizzle, jose, zod)", test: (url) => url.includes(".next/") },
];

export type LayerTimes = Record<string, number>;

/** Now on the clock V8 stamps profile samples with (the system's monotonic clock, in µs), shared by every process. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Self time per layer in ms per request, over the samples of every profile in `dir` taken within `window` (µs on
 * the monotonic clock: the timed requests only, not start-up or warm-up), idle left out.
 */
export function layerTimesPerRequest(dir: string, requests: number, window: { from: number; to: number }): LayerTimes {
  const totals = new Map<string, number>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      at += profile.timeDeltas[i] ?? 0;
      if (at < window.from || at > window.to) return;
      const { url, functionName } = nodes.get(id)!.callFrame;
      const layer = LAYERS.find((l) => l.test(url, functionName))?.layer ?? "other (native)";
      totals.set(layer, (totals.get(layer) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
  }
  totals.delete("idle");
  return Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]).map(([layer, ms]) => [layer, ms / requests]));
}
