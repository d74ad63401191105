import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const BENCH_AUTH_SECRET = "bench-only-secret-not-for-production-use";
const NEXT_BIN = join(ROOT, "node_modules", ".bin", "next");

/** Benchmarks run against the production build; `npm run bench` builds once, a single script builds if none exists. */
/** Where a build made with the benchmark's routes (`*.bench.ts`, next.config.ts) keeps the floor route. */
const BENCH_ROUTE_BUILT = join(ROOT, ".next", "server", "app", "api", "webhooks", "bench-floor");

/** The source folders a build is made from: a file in them newer than the build makes it stale. */
const SOURCES = ["app", "components", "db", "emails", "jobs", "lib"];

function newestSource(): number {
  let newest = 0;
  for (const folder of SOURCES) {
    const dir = join(ROOT, folder);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * A production build with the benchmark's floor route in it: built (again) when there is none, one without it, or
 * one older than a source file (a figure of yesterday's code is no figure).
 */
export function ensureBuild() {
  const buildId = join(ROOT, ".next", "BUILD_ID");
  if (existsSync(buildId) && existsSync(BENCH_ROUTE_BUILT) && statSync(buildId).mtimeMs > newestSource()) return;
  console.log("No current benchmark build: running next build with the benchmark's routes…");
  const built = spawnSync(NEXT_BIN, ["build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, FIXLINE_BENCH_ROUTES: "on" } });
  if (built.status !== 0) throw new Error("next build failed");
}

/** A bench database file under data/bench/, removed with its WAL files first. */
export function freshDatabaseFile(name: string): string {
  const file = join(ROOT, "data", "bench", `${name}.db`);
  // A fresh clone has no data/bench yet.
  mkdirSync(dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  return file;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export type RunningApp = { url: string; port: number; process: ChildProcess; stop: () => Promise<void>; output: () => string };

/**
 * Starts `next start` on a database file with the jobs off (a benchmark drives what it measures) and waits
 * until /login answers. The app applies migrations on start; FIXLINE_SEED=off keeps the demo data out.
 */
export async function startApp(opts: {
  databaseFile: string;
  env?: Record<string, string>;
  port?: number;
  nodeArgs?: string[];
}): Promise<RunningApp> {
  const port = opts.port ?? (await freePort());
  const url = `http://localhost:${port}`;
  // Node's own flags (e.g. --cpu-prof to see where a figure's time goes) need node itself to start Next.
  const command = opts.nodeArgs?.length
    ? ([
        process.execPath,
        [...opts.nodeArgs, join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)],
      ] as const)
    : ([NEXT_BIN, ["start", "-p", String(port)]] as const);
  const child = spawn(command[0], command[1], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: `file:${opts.databaseFile}`,
      AUTH_SECRET: BENCH_AUTH_SECRET,
      AUTH_TRUST_HOST: "true",
      APP_URL: url,
      RESEND_API_KEY: "",
      FIXLINE_JOBS: "off",
      FIXLINE_SEED: "off",
      ...opts.env,
    },
  });
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log}`);
    try {
      const answer = await fetch(`${url}/login`);
      if (answer.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    process: child,
    output: () => log,
    stop: () => stopChild(child, exited, 5_000),
  };
}

/**
 * Signs in through Auth.js's own credentials endpoint, as the login form does, and returns the session
 * cookie header for later requests.
 */
export async function signInCookie(appUrl: string, email: string, password: string): Promise<string> {
  const csrfAnswer = await fetch(`${appUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfAnswer.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfAnswer);
  const answer = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${appUrl}/alerts` }),
  });
  const session = cookiesOf(answer).find((c) => c.includes("session-token="));
  if (!session) throw new Error(`Signing in as ${email} failed (HTTP ${answer.status}, ${answer.headers.get("location")})`);
  return session;
}

function cookiesOf(answer: Response): string[] {
  return answer.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

export type LibsqlServerProcess = { url: string; close: () => Promise<void> };

/**
 * The libSQL test server (scripts/hrana-server.ts) in a process of its own, as sqld would be: a benchmark that
 * measures the app processes must not also host the database in its own event loop.
 */
export async function startLibsqlServerProcess(dir: string, latencyMs = 0): Promise<LibsqlServerProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join("scripts", "hrana-server.ts"), "--port", String(port), "--dir", dir, "--latency", String(latencyMs)],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  // However the benchmark ends (a failed check exits at once), the server goes with it.
  process.once("exit", () => child.kill("SIGKILL"));
  await new Promise<void>((ready, fail) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("libSQL test server")) ready();
    });
    child.once("exit", (code) => fail(new Error(`the libSQL test server exited (${code}) before listening`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    close: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
async function stopChild(child: ChildProcess, exited: Promise<void>, graceMs: number) {
  if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

export type WorkerProcess = { process: ChildProcess; output: () => string; stop: () => Promise<void> };

/**
 * The webhook worker (`npm run worker`, scripts/webhook-worker.ts) on a database file, in a process of its own as
 * in production; resolves once it has started (its first heartbeat is written before it says so).
 */
export async function startWorker(opts: { databaseFile: string; nodeArgs?: string[] }): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), "--import", "tsx", join("scripts", "webhook-worker.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: `file:${opts.databaseFile}` },
  });
  process.once("exit", () => child.kill("SIGKILL"));
  let log = "";
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  await new Promise<void>((ready, fail) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("Fixline webhook worker")) ready();
    });
    child.once("exit", (code) => fail(new Error(`the webhook worker exited (${code}) before starting:\n${log}`)));
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  return {
    process: child,
    output: () => log,
    // It finishes what it is applying and sending first.
    stop: () => stopChild(child, exited, 10_000),
  };
}
