import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import Database from "libsql";
import { afterEach, beforeEach, expect, it } from "vitest";
import { cachePreparedStatements } from "./statement-cache";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "fixline-statements-"));
  cachePreparedStatements();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("keeps a prepared statement per connection and SQL text, and runs it again with new arguments", () => {
  const db = new Database(join(dir, "a.db"));
  db.exec("create table t (id integer primary key, name text)");
  const insert = db.prepare("insert into t (name) values (?)");
  expect(db.prepare("insert into t (name) values (?)")).toBe(insert);
  insert.run("a");
  db.prepare("insert into t (name) values (?)").run("b");
  expect(db.prepare("select name from t order by id").all()).toEqual([{ name: "a" }, { name: "b" }]);
  expect(db.prepare("select count(*) as n from t")).toBe(db.prepare("select count(*) as n from t"));
  // One that expands a `*` is prepared each time: a migration may change what it expands to.
  expect(db.prepare("select * from t")).not.toBe(db.prepare("select * from t"));
  expect(db.prepare("select t.* from t")).not.toBe(db.prepare("select t.* from t"));
  // Another connection has its own statements.
  const other = new Database(join(dir, "a.db"));
  expect(other.prepare("insert into t (name) values (?)")).not.toBe(insert);
});

it("answers with the schema's columns after a migration changes what a kept statement reads", async () => {
  const client = createClient({ url: `file:${join(dir, "b.db")}` });
  await client.execute("create table t (id integer primary key, name text)");
  await client.execute("insert into t (name) values ('a')");
  expect((await client.execute("select * from t")).columns).toEqual(["id", "name"]);
  await client.execute("alter table t add column note text");
  const after = await client.execute("select * from t");
  expect(after.columns).toEqual(["id", "name", "note"]);
  expect(after.rows[0]).toMatchObject({ id: 1, name: "a", note: null });
  expect((await client.execute({ sql: "select name from t where id = ?", args: [1] })).rows[0]).toMatchObject({ name: "a" });
  client.close();
});
