// What the server-side session check adds to every signed-in request (docs/security.md): the statement
// lib/auth/sessions.ts runs on each read of a session, against an embedded database holding 10,000 users and
// 50,000 revoked sessions. Prints per-check times; the target is under 1 ms.
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";
import { revokedSessions, users } from "../db/schema";
import { readSession } from "../lib/auth/sessions";
import { createTestDatabase } from "../lib/testing/test-database";
import { writeResults } from "./lib/results";
import { median, percentile, round } from "./lib/stats";

const USERS = 10_000;
const REVOKED = 50_000;
const CHECKS = 5_000;

const database = await createTestDatabase();
const { db } = database;
const ids = Array.from({ length: USERS }, () => randomUUID());
for (let i = 0; i < USERS; i += 500) {
  await db.insert(users).values(ids.slice(i, i + 500).map((id, j) => ({ id, email: `user${i + j}@bench.example` })));
}
const expiresAt = new Date(Date.now() + 86_400_000);
for (let i = 0; i < REVOKED; i += 1000) {
  await db
    .insert(revokedSessions)
    .values(Array.from({ length: 1000 }, (_, j) => ({ sessionId: randomUUID(), userId: ids[(i + j) % USERS]!, expiresAt })));
}

// Warm up, then time one check at a time, as requests make them.
for (let i = 0; i < 200; i++) await readSession(db, { userId: ids[i]!, sessionId: randomUUID(), version: 0 });
const times: number[] = [];
for (let i = 0; i < CHECKS; i++) {
  const claims = { userId: ids[i % USERS]!, sessionId: randomUUID(), version: 0 };
  const start = performance.now();
  const ok = await readSession(db, claims);
  times.push(performance.now() - start);
  if (!ok) throw new Error("a current session was refused");
}
await database.cleanup();

writeResults("session-check", "Server-side session check: cost per signed-in request", [
  {
    title: `${CHECKS.toLocaleString("en-US")} checks, ${USERS.toLocaleString("en-US")} users, ${REVOKED.toLocaleString("en-US")} revoked sessions (embedded libSQL)`,
    rows: [
      {
        "median ms": round(median(times), 3),
        "p95 ms": round(percentile(times, 95), 3),
        "p99 ms": round(percentile(times, 99), 3),
        "target ms": "< 1",
      },
    ],
  },
]);
