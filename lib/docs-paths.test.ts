import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Code cites the repository's documents — `docs/rules.md#r7`, `docs/webhooks.md §5`, `docs/roles.md` — and a
// citation is only worth something while it leads somewhere. This reads every source file and fails on a
// `docs/…` path that does not exist, an anchor its document does not have, or a numbered section it lacks.
// The product specification is not in the repository: code cites docs/rules.md, never the specification's
// section numbers. This file's own fixtures are made up on purpose, so it is not read.

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SOURCE_DIRS = ["app", "components", "db", "lib", "jobs", "emails", "e2e", "scripts", "bench", "types"];
const SOURCE_EXT = /\.(ts|tsx|mts|mjs|js|sql|css)$/;
const SKIP_DIRS = new Set(["node_modules", ".next", "data", "results", "test-results", "playwright-report"]);

type Citation = { file: string; line: number; path: string; anchors: string[]; section: string | null; text: string };

/**
 * Every `docs/…` citation in a text: the path, its anchors (`docs/rules.md#r3, #r5` cites two) and a
 * numbered section (`docs/webhooks.md §5`). A path inside a URL (`nextjs.org/docs/app`) is not a citation.
 */
function findCitations(text: string, file: string): Citation[] {
  const found: Citation[] = [];
  const pattern = /(?<![\w./:@-])docs\/[\w./-]*[\w/](?:#[\w-]+(?:\s*,\s*#[\w-]+)*)?(?:\s+§(\d+))?/g;
  text.split("\n").forEach((line, i) => {
    for (const match of line.matchAll(pattern)) {
      const [cited] = match;
      const path = cited.split(/[#\s]/)[0]!;
      const anchors = [...cited.matchAll(/#([\w-]+)/g)].map((m) => m[1]!);
      found.push({ file, line: i + 1, path, anchors, section: match[1] ?? null, text: cited });
    }
  });
  return found;
}

/** GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    if (fenced) continue;
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) ids.add(m[1]!);
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1]!.replace(/<[^>]+>/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}

/** Whether a document has a heading numbered `n` ("## 5. Every answer…"). */
function hasNumberedSection(markdown: string, n: string): boolean {
  return markdown.split("\n").some((line) => new RegExp(`^#{1,6}\\s+${n}[.\\s]`).test(line));
}

/** What is wrong with each citation, as `file:line: …`; empty when every one leads somewhere. */
function brokenCitations(citations: Citation[], root: string): string[] {
  const problems: string[] = [];
  for (const c of citations) {
    const where = `${c.file}:${c.line}: ${c.text}`;
    const target = join(root, c.path);
    if (!existsSync(target)) {
      problems.push(`${where} — ${c.path} does not exist`);
      continue;
    }
    if (!c.anchors.length && !c.section) continue;
    if (statSync(target).isDirectory()) {
      problems.push(`${where} — ${c.path} is a folder; an anchor needs a document`);
      continue;
    }
    const markdown = readFileSync(target, "utf8");
    const ids = headingIds(markdown);
    for (const anchor of c.anchors) if (!ids.has(anchor)) problems.push(`${where} — ${c.path} has no #${anchor}`);
    if (c.section && !hasNumberedSection(markdown, c.section)) problems.push(`${where} — ${c.path} has no section ${c.section}`);
  }
  return problems;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : sourceFiles(path);
    return SOURCE_EXT.test(entry.name) ? [path] : [];
  });
}

const THIS_FILE = fileURLToPath(import.meta.url);
const files = [
  ...SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir))),
  ...readdirSync(ROOT)
    .filter((name) => SOURCE_EXT.test(name))
    .map((name) => join(ROOT, name)),
].filter((path) => path !== THIS_FILE);
const SPEC_SECTION = new RegExp(`SPEC ${"§"}`);
const read = (path: string) => readFileSync(path, "utf8");
const citations = files.flatMap((path) => findCitations(read(path), relative(ROOT, path)));

describe("every document the code cites exists", () => {
  it("reads the whole tree and finds the citations", () => {
    expect(files.length).toBeGreaterThan(200);
    expect(citations.some((c) => c.path === "docs/rules.md" && c.anchors.includes("r7"))).toBe(true);
  });

  it("every docs/… path, anchor and numbered section cited in code exists", () => {
    expect(brokenCitations(citations, ROOT)).toEqual([]);
  });

  it("code cites docs/rules.md, not the specification, which is not in the repository", () => {
    const spec = files.flatMap((path) =>
      read(path)
        .split("\n")
        .flatMap((line, i) => (SPEC_SECTION.test(line) ? [`${relative(ROOT, path)}:${i + 1}`] : [])),
    );
    expect(spec).toEqual([]);
  });

  it("every link from one document to another leads somewhere", () => {
    const docs = [join(ROOT, "README.md"), join(ROOT, "CONTRIBUTING.md"), ...markdownFiles(join(ROOT, "docs"))].filter(existsSync);
    const links = docs.flatMap((doc) => markdownLinks(read(doc), doc));
    const problems = links.flatMap(({ doc, line, target }) => {
      const [path, anchor] = target.split("#") as [string, string | undefined];
      const file = path ? join(doc, "..", path) : doc;
      const where = `${relative(ROOT, doc)}:${line}: ${target}`;
      if (!existsSync(file)) return [`${where} — no such file`];
      if (anchor && !statSync(file).isDirectory() && file.endsWith(".md") && !headingIds(read(file)).has(anchor))
        return [`${where} — no such anchor`];
      return [];
    });
    expect(links.length).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });
});

describe("the check fails on what does not exist", () => {
  const cite = (text: string) => brokenCitations(findCitations(text, "fixture.ts"), ROOT);

  it.each([
    ["a made-up document", "// see docs/no-such-page.md", /does not exist/],
    ["a made-up anchor", "// (docs/rules.md#r99)", /has no #r99/],
    ["the second of two anchors", "// (docs/rules.md#r3, #r42)", /has no #r42/],
    ["a made-up numbered section", "// docs/webhooks.md §42", /has no section 42/],
  ])("%s", (_name, text, problem) => {
    const problems = cite(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(problem);
  });

  it("passes what exists, and is not fooled by a URL or a full stop", () => {
    expect(cite("// docs/rules.md#r3, #r5; docs/webhooks.md §5; docs/roles.md. docs/decisions/")).toEqual([]);
    expect(findCitations("// https://nextjs.org/docs/app/api-reference", "fixture.ts")).toEqual([]);
  });

  it("names headings as GitHub does", () => {
    const ids = headingIds('# Roles\n## 5. Every answer, and what to do\n## Tenants are walls\n## Tenants are walls\n<a id="r7"></a>\n');
    expect([...ids]).toEqual(["roles", "5-every-answer-and-what-to-do", "tenants-are-walls", "tenants-are-walls-1", "r7"]);
  });
});

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith(".md") ? [path] : [];
  });
}

/** Relative links of a document (`[text](path#anchor)`), outside code blocks; web links are not checked. */
function markdownLinks(markdown: string, doc: string) {
  const links: { doc: string; line: number; target: string }[] = [];
  let fenced = false;
  markdown.split("\n").forEach((text, i) => {
    if (text.startsWith("```")) fenced = !fenced;
    if (fenced) return;
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      links.push({ doc, line: i + 1, target });
    }
  });
  return links;
}
