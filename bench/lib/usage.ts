// A benchmark's child process reports its own peak RSS and CPU time (see report-usage.ts), so a figure gives
// the child's resources and not the harness's.
export const USAGE_MARKER = "BENCH_CHILD_USAGE ";

export type ChildUsage = { maxRssMb: number; userCpuMs: number; systemCpuMs: number };

/** The usage line a child printed on stderr, if any. */
export function parseChildUsage(stderr: string): ChildUsage | null {
  const line = stderr.split("\n").find((l) => l.startsWith(USAGE_MARKER));
  return line ? (JSON.parse(line.slice(USAGE_MARKER.length)) as ChildUsage) : null;
}
