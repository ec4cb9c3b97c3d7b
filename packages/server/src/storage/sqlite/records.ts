import type { ImplementedFunction } from "@plinth/runtime";
import type Database from "better-sqlite3";
import { type RecordFlavour, recordStore } from "../recordStore.js";
import type { RecordWriter, StoredApp } from "../types.js";
import { sqliteFlavour } from "./sqlBuilder.js";

/** SQLite's side of the record statements (its own functions PERCENTILE and MEDIAN are registered on the connection). */
export const sqliteRecordFlavour: RecordFlavour<Record<string, unknown>> = {
  ...sqliteFlavour,
  numericBooleans: true,
  week: (c) => `strftime('%Y-W%W', ${c})`,
  // percentile(Y, P) interpolates as PERCENTILE.INC (percentile_cont in PostgreSQL).
  percentile: (value, p) => (p === undefined ? `MEDIAN(${value})` : `PERCENTILE(${value}, ${p})`),
  // The scale comes first so whole counts divide exactly (1200.0 / 30 = 40, not 0.4 * 100 = 40.00000000000001).
  ratio: (measure, over, percent) => `((${measure}) * ${percent ? "100.0" : "1.0"} / NULLIF(${over}, 0))`,
  // Integers stay exact (as doubles are up to 2^53) and reals are doubles already.
  number: (value) => `(${value})`,
  daysBetween: (from, to) => `CAST(julianday(substr(${to}, 1, 10)) - julianday(substr(${from}, 1, 10)) AS INTEGER)`,
  addDays: (day, n) => `date(julianday(${day}) + (${n}))`,
  // A recursive CTE of its own: SQLite has no generate_series without an extension.
  series: (max) =>
    `(WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < ${max}) SELECT n FROM s) s`,
};

const statementCaches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Prepared statements cached per connection and SQL text (the SQL holds no values). */
export function preparedOn(db: Database.Database): (sql: string) => Database.Statement {
  let cache = statementCaches.get(db);
  if (!cache) {
    cache = new Map();
    statementCaches.set(db, cache);
  }
  const statements = cache;
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size > 2000) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}

/** Records of a published app on one SQLite connection. */
export function sqliteRecords(
  db: Database.Database,
  stored: StoredApp,
  functions: ReadonlyMap<string, ImplementedFunction>,
): RecordWriter {
  const prepare = preparedOn(db);
  const run = async (sql: string, params: Record<string, unknown>) => prepare(sql).run(params).changes;
  return recordStore(
    {
      flavour: sqliteRecordFlavour,
      rows: async (sql, params) => prepare(sql).all(params) as Record<string, unknown>[],
      run,
      // A failed statement leaves a SQLite transaction usable as it is.
      runGuarded: run,
    },
    stored,
    functions,
  );
}
