import Database from "libsql";
import { ProtoError, valueFromSql, valueToSql, type HranaValue, type SqlValue } from "./values";

/** The requests of one Hrana stream (one SQL connection), as the Hrana 3 spec of tursodatabase/libsql names them. */
export type HranaStmt = {
  sql?: string | null;
  sql_id?: number | null;
  args?: HranaValue[];
  named_args?: { name: string; value: HranaValue }[];
  want_rows?: boolean;
};
export type BatchCond =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: BatchCond }
  | { type: "and" | "or"; conds: BatchCond[] }
  | { type: "is_autocommit" };
export type HranaBatch = { steps: { condition?: BatchCond | null; stmt: HranaStmt }[] };
export type HranaError = { message: string; code: string };
export type StmtResult = {
  cols: { name: string | null; decltype: string | null }[];
  rows: HranaValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
  rows_read: number;
  rows_written: number;
  query_duration_ms: number;
};

/** An SQL error answered to the client inside a result (not as an HTTP error), with sqld's codes. */
export class StmtError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
  toProto(): HranaError {
    return { message: this.message, code: this.code };
  }
}

export type StreamOptions = { busyTimeoutMs: number; version: 2 | 3 };

/**
 * One connection to the embedded engine. The engine's calls are synchronous, so a write that meets another
 * stream's transaction must not wait inside SQLite (that would block the whole server, and the transaction it
 * waits for could never commit): the connection's busy timeout is 0 and a busy statement is retried here,
 * asynchronously, until `busyTimeoutMs` has passed — then the client gets SQLITE_BUSY, as from sqld.
 */
export class SqlStream {
  readonly sqls = new Map<number, string>();
  private readonly db: Database.Database;

  constructor(
    path: string,
    private readonly options: StreamOptions,
  ) {
    this.db = new Database(path);
    this.db.exec("PRAGMA busy_timeout = 0");
  }

  get isAutocommit(): boolean {
    return !this.db.inTransaction;
  }

  close(): void {
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
    this.db.close();
  }

  private sqlOf(source: { sql?: string | null; sql_id?: number | null }): string {
    if (source.sql != null && source.sql_id != null) throw new ProtoError("Both sql and sql_id are given");
    if (source.sql != null) return source.sql;
    if (source.sql_id != null) {
      const sql = this.sqls.get(source.sql_id);
      if (sql === undefined) throw new ProtoError(`SQL text ${source.sql_id} was not stored`);
      return sql;
    }
    throw new ProtoError("Neither sql nor sql_id is given");
  }

  async execute(stmt: HranaStmt): Promise<StmtResult> {
    const sql = this.sqlOf(stmt);
    const args = argsOf(stmt);
    const statement = await this.whenNotBusy(() => {
      try {
        return this.db.prepare(sql);
      } catch (error) {
        throw toStmtError(error);
      }
    });
    // The same statement object on every try: a statement that failed with SQLITE_BUSY is not reset, and until it
    // is, the connection's later writes are not committed (measured: a fresh statement's insert stayed invisible).
    return this.whenNotBusy(() => this.run(statement, sql, args, stmt.want_rows !== false));
  }

  async batch(batch: HranaBatch): Promise<{ step_results: (StmtResult | null)[]; step_errors: (HranaError | null)[] }> {
    const results: (StmtResult | null)[] = [];
    const errors: (HranaError | null)[] = [];
    for (const step of batch.steps) {
      if (step.condition && !this.holds(step.condition, results, errors)) {
        results.push(null);
        errors.push(null);
        continue;
      }
      try {
        results.push(await this.execute(step.stmt));
        errors.push(null);
      } catch (error) {
        if (!(error instanceof StmtError)) throw error;
        results.push(null);
        errors.push(error.toProto());
      }
    }
    return { step_results: results, step_errors: errors };
  }

  private holds(cond: BatchCond, results: (StmtResult | null)[], errors: (HranaError | null)[]): boolean {
    const known = (step: number) => {
      if (step >= results.length) throw new ProtoError(`Condition names step ${step}, which has not run before it`);
      return step;
    };
    switch (cond.type) {
      case "ok":
        return results[known(cond.step)] != null;
      case "error":
        return errors[known(cond.step)] != null;
      case "not":
        return !this.holds(cond.cond, results, errors);
      case "and":
        return cond.conds.every((c) => this.holds(c, results, errors));
      case "or":
        return cond.conds.some((c) => this.holds(c, results, errors));
      case "is_autocommit":
        if (this.options.version < 3) throw new ProtoError("is_autocommit needs Hrana 3");
        return this.isAutocommit;
      default:
        throw new ProtoError(`Unknown condition ${(cond as { type: string }).type}`);
    }
  }

  async sequence(source: { sql?: string | null; sql_id?: number | null }): Promise<void> {
    const sql = this.sqlOf(source);
    await this.whenNotBusy(() => {
      try {
        this.db.exec(sql);
      } catch (error) {
        throw toStmtError(error);
      }
    });
  }

  describe(source: { sql?: string | null; sql_id?: number | null }) {
    const sql = this.sqlOf(source);
    let statement: Database.Statement;
    try {
      statement = this.db.prepare(sql);
    } catch (error) {
      throw toStmtError(error);
    }
    const reader = statement.reader;
    const cols = reader ? statement.columns().map((c) => ({ name: c.name, decltype: c.type ?? null })) : [];
    // The embedded engine does not name a statement's parameters: read them from the text.
    const params = [...sql.matchAll(/[?:@$][A-Za-z0-9_]*/g)].map(([p]) => ({ name: p === "?" ? null : p }));
    return { params, cols, is_explain: /^\s*explain\b/i.test(sql), is_readonly: isReadOnly(sql) };
  }

  private run(statement: Database.Statement, sql: string, args: Args, wantRows: boolean): StmtResult {
    const started = performance.now();
    try {
      statement.safeIntegers(true);
      if (statement.reader) {
        statement.raw(true);
        const cols = statement.columns().map((c) => ({ name: c.name, decltype: c.type ?? null }));
        const rows = (statement.all(...args) as unknown[][]).map((row) => row.map(valueFromSql));
        const changed = isReadOnly(sql) ? null : this.changes();
        return result(cols, wantRows ? rows : [], changed?.changes ?? 0, changed?.lastRowid ?? null, started);
      }
      const info = statement.run(...args);
      return result([], [], Number(info.changes), String(info.lastInsertRowid), started);
    } catch (error) {
      throw toStmtError(error);
    }
  }

  /** What a statement that returned rows (`INSERT … RETURNING`) changed. */
  private changes(): { changes: number; lastRowid: string } {
    const [changes, lastRowid] = this.db.prepare("SELECT changes(), last_insert_rowid()").raw(true).get() as [number, number];
    return { changes: Number(changes), lastRowid: String(lastRowid) };
  }

  private async whenNotBusy<T>(fn: () => T): Promise<T> {
    const deadline = Date.now() + this.options.busyTimeoutMs;
    let wait = 1;
    for (;;) {
      try {
        return fn();
      } catch (error) {
        if (!(error instanceof StmtError) || error.code !== "SQLITE_BUSY" || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
        wait = Math.min(wait * 2, 16);
      }
    }
  }
}

type Args = SqlValue[] | [Record<string, SqlValue>];

function argsOf(stmt: HranaStmt): Args {
  const positional = (stmt.args ?? []).map(valueToSql);
  const named = stmt.named_args ?? [];
  if (positional.length > 0 && named.length > 0) {
    throw new StmtError("Statement has both positional and named arguments", "ARGS_BOTH_POSITIONAL_AND_NAMED");
  }
  if (named.length === 0) return positional;
  return [Object.fromEntries(named.map(({ name, value }) => [name.replace(/^[:@$]/, ""), valueToSql(value)]))];
}

function result(cols: StmtResult["cols"], rows: HranaValue[][], changes: number, lastRowid: string | null, started: number): StmtResult {
  return {
    cols,
    rows,
    affected_row_count: changes,
    last_insert_rowid: lastRowid,
    rows_read: 0,
    rows_written: 0,
    query_duration_ms: performance.now() - started,
  };
}

function isReadOnly(sql: string): boolean {
  return /^\s*(select|values|explain)\b/i.test(sql) || (/^\s*with\b/i.test(sql) && !/\b(insert|update|delete|replace)\b/i.test(sql));
}

/** The embedded engine's error as sqld words it: the primary result code (`SQLITE_CONSTRAINT`), its message. */
export function toStmtError(error: unknown): StmtError {
  if (error instanceof StmtError) return error;
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e.code === "string" && e.code.startsWith("SQLITE_") ? primaryCode(e.code) : "SQLITE_UNKNOWN";
  return new StmtError(`SQLite error: ${String(e.message ?? error)}`, code);
}

function primaryCode(code: string): string {
  const [, primary] = /^(SQLITE_[A-Z]+)/.exec(code) ?? [];
  return primary ?? code;
}
