import Database from "libsql";

/**
 * libSQL's client prepares every statement it runs, and SQLite compiles a statement with every trigger it can fire
 * (the tallies' triggers on `alerts` are dozens): preparing was the largest single cost of applying a webhook event,
 * and a few ms of every page. The embedded driver runs each statement to its end synchronously, so a prepared
 * statement is kept and run again, by SQL text, per connection; SQLite prepares a kept statement again by itself
 * after a schema change (docs/decisions/0013-prepared-statements-kept.md).
 */
const MAX_PER_CONNECTION = 500;
const PATCHED = Symbol.for("fixline.statementCache");
const EXPANDS_STAR = /(select|,)\s*(distinct\s+)?([\w"`]+\.)?\*/i;

type Prepare = (this: Database.Database, sql: string) => Database.Statement;

/** The client asks a statement for its columns twice per run; a kept statement naming its columns keeps them. */
function memoColumns(statement: Database.Statement) {
  const columns = statement.columns.bind(statement);
  let known: ReturnType<typeof columns> | undefined;
  statement.columns = () => (known ??= columns());
}

export function cachePreparedStatements(): void {
  const proto = Database.prototype as unknown as { prepare: Prepare; [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const prepare = proto.prepare;
  const kept = new WeakMap<object, Map<string, Database.Statement>>();
  proto.prepare = function (sql) {
    let statements = kept.get(this);
    if (!statements) kept.set(this, (statements = new Map()));
    const known = statements.get(sql);
    if (known) return known;
    const statement = prepare.call(this, sql);
    // A `*` is expanded into columns when the statement is prepared: kept, it would answer with the columns of
    // before a migration. Only statements naming their columns are kept (count(*) names one).
    if (EXPANDS_STAR.test(sql)) return statement;
    memoColumns(statement);
    if (statements.size >= MAX_PER_CONNECTION) statements.delete(statements.keys().next().value!);
    statements.set(sql, statement);
    return statement;
  };
  proto[PATCHED] = true;
}
