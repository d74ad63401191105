import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { join } from "node:path";

export type Row = Record<string, string | number | boolean>;
export type Table = { title: string; rows: Row[] };

const RESULTS_DIR = join(import.meta.dirname, "..", "results");

/** The machine a figure was measured on, printed above every table. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
  return `${availableParallelism()} cores (${cpu}), Node ${process.version}, ${process.platform}`;
}

export function markdownTable(rows: Row[]): string {
  if (rows.length === 0) return "(no rows)\n";
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: Row[string] | undefined) => String(value ?? "").replaceAll("|", "\\|");
  return (
    [
      `| ${columns.join(" | ")} |`,
      `| ${columns.map(() => "---").join(" | ")} |`,
      ...rows.map((row) => `| ${columns.map((c) => cell(row[c])).join(" | ")} |`),
    ].join("\n") + "\n"
  );
}

/**
 * Prints a figure's tables and writes them to bench/results/<name>.md, with the machine and the date,
 * so the README's Performance section can quote the latest run.
 */
export function writeResults(name: string, heading: string, tables: Table[], notes: string[] = []): string {
  const body = [
    `# ${heading}`,
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machineLine()}.`,
    "",
    ...tables.flatMap((t) => [`## ${t.title}`, "", markdownTable(t.rows)]),
    ...(notes.length ? ["## Notes", "", ...notes.map((n) => `- ${n}`), ""] : []),
  ].join("\n");
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.md`);
  writeFileSync(file, body);
  console.log(`\n${body}\nWritten to bench/results/${name}.md`);
  return file;
}
