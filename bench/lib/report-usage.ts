// Preloaded into a benchmark's child process (`node --import ./bench/lib/report-usage.ts`): on exit it prints
// the process's peak RSS and CPU time as one marked line on stderr.
import { USAGE_MARKER, type ChildUsage } from "./usage";

process.on("exit", () => {
  const usage = process.resourceUsage();
  const report: ChildUsage = {
    maxRssMb: usage.maxRSS / 1024,
    userCpuMs: usage.userCPUTime / 1000,
    systemCpuMs: usage.systemCPUTime / 1000,
  };
  process.stderr.write(`${USAGE_MARKER}${JSON.stringify(report)}\n`);
});
