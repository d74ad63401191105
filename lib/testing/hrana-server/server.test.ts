import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, LibsqlError, type Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { startHranaServer, type HranaServer } from "./server";

// The test libSQL server is held to what @libsql/client (the app's driver) expects of sqld and Turso.
let server: HranaServer;
let dir: string;
let n = 0;
const fresh = (): { client: Client; ns: string } => {
  const ns = `t${++n}`;
  return { client: createClient({ url: `${server.url}/ns/${ns}/` }), ns };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hrana-test-"));
  server = await startHranaServer({ dir, busyTimeoutMs: 150, streamIdleMs: 400 });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function v3(ns: string, body: unknown) {
  const res = await fetch(`${server.url}/ns/${ns}/v3/pipeline`, { method: "POST", body: JSON.stringify(body) });
  const text = await res.text();
  return {
    status: res.status,
    body: (text.startsWith("{") ? JSON.parse(text) : { text }) as {
      baton: string | null;
      results: { type: string; response?: never; error?: { code: string } }[];
    },
  };
}

describe("the test libSQL server (Hrana over HTTP)", () => {
  it("executes statements with positional and named arguments and returns every type as the embedded engine does", async () => {
    const { client } = fresh();
    await client.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n)");
    const insert = await client.execute({
      sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
      args: [9007199254740991n, 2.5, "é", new Uint8Array([1, 2, 255]), null],
    });
    expect(insert.rowsAffected).toBe(1);
    expect(insert.lastInsertRowid).toBe(1n);
    await client.execute({ sql: "INSERT INTO t (i, r, s) VALUES (:i, @r, $s)", args: { i: 2, r: 3, s: "two" } });
    const rows = await client.execute("SELECT i, r, s, b, n FROM t ORDER BY rowid");
    expect(rows.columns).toEqual(["i", "r", "s", "b", "n"]);
    expect(rows.columnTypes).toEqual(["INTEGER", "REAL", "TEXT", "BLOB", ""]);
    expect(rows.rows[0]![0]).toBe(9007199254740991);
    expect(rows.rows[0]![1]).toBe(2.5);
    expect(rows.rows[0]![2]).toBe("é");
    expect([...new Uint8Array(rows.rows[0]![3] as ArrayBuffer)]).toEqual([1, 2, 255]);
    expect(rows.rows[0]![4]).toBeNull();
    expect([rows.rows[1]![0], rows.rows[1]![1], rows.rows[1]![2]]).toEqual([2, 3, "two"]);
    const returning = await client.execute("UPDATE t SET s = 'x' RETURNING rowid");
    expect(returning.rows).toHaveLength(2);
    expect(returning.rowsAffected).toBe(2);
    client.close();
  });

  it("runs a batch as one transaction: a failing statement rolls back the ones before it, with sqld's error code", async () => {
    const { client } = fresh();
    await client.execute("CREATE TABLE u (id INTEGER PRIMARY KEY, v TEXT UNIQUE)");
    const ok = await client.batch(
      ["INSERT INTO u (v) VALUES ('a')", "INSERT INTO u (v) VALUES ('b')", "SELECT count(*) AS c FROM u"],
      "write",
    );
    expect(ok[2]!.rows[0]!.c).toBe(2);
    const failed = client.batch(["INSERT INTO u (v) VALUES ('c')", "INSERT INTO u (v) VALUES ('a')"], "write");
    await expect(failed).rejects.toMatchObject({ code: "SQLITE_CONSTRAINT" });
    await expect(failed).rejects.toBeInstanceOf(LibsqlError);
    expect((await client.execute("SELECT v FROM u ORDER BY v")).rows.map((r) => r.v)).toEqual(["a", "b"]);
    client.close();
  });

  it("keeps an interactive transaction on one stream across round trips, and commits or rolls it back", async () => {
    const { client } = fresh();
    await client.execute("CREATE TABLE k (v INTEGER)");
    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO k VALUES (1)");
    expect((await tx.execute("SELECT count(*) AS c FROM k")).rows[0]!.c).toBe(1);
    expect((await client.execute("SELECT count(*) AS c FROM k")).rows[0]!.c).toBe(0);
    await tx.commit();
    const undo = await client.transaction("write");
    await undo.execute("INSERT INTO k VALUES (2)");
    await undo.rollback();
    expect((await client.execute("SELECT v FROM k")).rows.map((r) => r.v)).toEqual([1]);
    await expect(client.execute("SELEC 1")).rejects.toMatchObject({ code: "SQLITE_ERROR" });
    client.close();
  });

  it("makes a second writer wait for the first transaction, and answers SQLITE_BUSY after the busy timeout", async () => {
    const { client } = fresh();
    await client.execute("CREATE TABLE w (v INTEGER)");
    const first = await client.transaction("write");
    await first.execute("INSERT INTO w VALUES (1)");
    const second = client.execute("INSERT INTO w VALUES (2)");
    await new Promise((resolve) => setTimeout(resolve, 50));
    await first.commit();
    await second;
    expect((await client.execute("SELECT v FROM w ORDER BY v")).rows.map((r) => r.v)).toEqual([1, 2]);

    const holder = await client.transaction("write");
    await holder.execute("INSERT INTO w VALUES (3)");
    await expect(client.execute("INSERT INTO w VALUES (4)")).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    await holder.rollback();
    client.close();
  });

  it("applies every Fixline migration through drizzle's migrator and sequences (executeMultiple)", async () => {
    const { ns } = fresh();
    const database = openDatabase(`${server.url}/ns/${ns}/`);
    await migrateDatabase(database);
    const tables = await database.client.execute("SELECT count(*) AS c FROM sqlite_master WHERE type = 'table'");
    expect(Number(tables.rows[0]!.c)).toBeGreaterThan(10);
    await database.client.executeMultiple("CREATE TABLE m1 (a); INSERT INTO m1 VALUES (1); INSERT INTO m1 VALUES (2);");
    expect((await database.client.execute("SELECT count(*) AS c FROM m1")).rows[0]!.c).toBe(2);
    database.client.close();
  });

  it("counts round trips and the sequential ones per database", async () => {
    const { client, ns } = fresh();
    await client.execute("SELECT 1");
    // Sequential means one waited for the other: with a round trip of 20 ms the three run together overlap.
    server.latencyMs = 20;
    server.resetStats();
    await client.execute("SELECT 1");
    await client.batch(["SELECT 1", "SELECT 2"], "read");
    await Promise.all([client.execute("SELECT 1"), client.execute("SELECT 2"), client.execute("SELECT 3")]);
    server.latencyMs = 0;
    const stats = server.stats()[ns]!;
    expect(stats.roundTrips).toBe(5);
    expect(stats.sequential).toBe(3);
    client.close();
  });

  it("speaks Hrana 3: batons, stored SQL, conditions with is_autocommit, describe, get_autocommit, close", async () => {
    const ns = `v3-${++n}`;
    const first = await v3(ns, {
      baton: null,
      requests: [
        { type: "store_sql", sql_id: 1, sql: "SELECT ? + 1 AS x" },
        { type: "execute", stmt: { sql: "BEGIN" } },
        { type: "get_autocommit" },
        { type: "execute", stmt: { sql_id: 1, args: [{ type: "integer", value: "41" }], want_rows: true } },
      ],
    });
    expect(first.status).toBe(200);
    expect(first.body.baton).toBeTruthy();
    expect(first.body.results.map((r) => r.type)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(first.body.results[2]!.response).toEqual({ type: "get_autocommit", is_autocommit: false });
    expect(first.body.results[3]!.response).toMatchObject({ result: { rows: [[{ type: "integer", value: "42" }]] } });

    const second = await v3(ns, {
      baton: first.body.baton,
      requests: [
        {
          type: "batch",
          batch: {
            steps: [
              { stmt: { sql: "SELECT nope" } },
              { condition: { type: "error", step: 0 }, stmt: { sql: "SELECT 'ran after error'" } },
              { condition: { type: "ok", step: 0 }, stmt: { sql: "SELECT 'skipped'" } },
              { condition: { type: "not", cond: { type: "is_autocommit" } }, stmt: { sql: "COMMIT" } },
              { condition: { type: "and", conds: [{ type: "is_autocommit" }, { type: "ok", step: 3 }] }, stmt: { sql: "SELECT 1" } },
            ],
          },
        },
        { type: "describe", sql: "SELECT :a AS a, 2 AS b" },
        { type: "close_sql", sql_id: 1 },
        { type: "execute", stmt: { sql_id: 1 } },
        { type: "close" },
      ],
    });
    expect(second.status).toBe(400);
    const third = await v3(ns, { baton: first.body.baton, requests: [{ type: "close" }] });
    expect(third.status).toBe(400);
    expect(third.body).toMatchObject({ code: "STREAM_EXPIRED" });

    const fourth = await v3(ns, {
      baton: null,
      requests: [
        {
          type: "batch",
          batch: {
            steps: [
              { stmt: { sql: "SELECT nope" } },
              { condition: { type: "error", step: 0 }, stmt: { sql: "SELECT 'ran after error'" } },
              { condition: { type: "ok", step: 0 }, stmt: { sql: "SELECT 'skipped'" } },
              { condition: { type: "or", conds: [{ type: "is_autocommit" }, { type: "ok", step: 2 }] }, stmt: { sql: "SELECT 1" } },
            ],
          },
        },
        { type: "describe", sql: "SELECT :a AS a, 2 AS b" },
        { type: "close" },
      ],
    });
    expect(fourth.status).toBe(200);
    expect(fourth.body.baton).toBeNull();
    const batch = (fourth.body.results[0]!.response as unknown as { result: { step_results: unknown[]; step_errors: unknown[] } }).result;
    expect(batch.step_results.map((r) => r !== null)).toEqual([false, true, false, true]);
    expect(batch.step_errors[0]).toMatchObject({ code: "SQLITE_ERROR" });
    expect(fourth.body.results[1]!.response).toMatchObject({
      result: { params: [{ name: ":a" }], cols: [{ name: "a" }, { name: "b" }], is_readonly: true, is_explain: false },
    });
  });

  it("closes an idle stream and rolls back its transaction, as sqld does after its stream timeout", async () => {
    const { client } = fresh();
    await client.execute("CREATE TABLE e (v INTEGER)");
    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO e VALUES (1)");
    await new Promise((resolve) => setTimeout(resolve, 700));
    await expect(tx.execute("INSERT INTO e VALUES (2)")).rejects.toMatchObject({ code: "STREAM_EXPIRED" });
    expect((await client.execute("SELECT count(*) AS c FROM e")).rows[0]!.c).toBe(0);
    client.close();
  });
});
