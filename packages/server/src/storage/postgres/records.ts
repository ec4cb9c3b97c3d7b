import type { ImplementedFunction } from "@plinth/runtime";
import { type RecordFlavour, recordStore } from "../recordStore.js";
import type { RecordWriter, StoredApp } from "../types.js";
import { guarded, type Queryable, withAllParameters } from "./connection.js";
import { postgresFlavour } from "./sqlBuilder.js";

/** PostgreSQL's side of the record statements. */
export const postgresRecordFlavour: RecordFlavour<unknown[]> = {
  ...postgresFlavour,
  numericBooleans: false,
  // SQLite's %W: weeks start on Monday, days before the year's first Monday are week 00.
  week: (c) =>
    `(substr(${c}, 1, 4) || '-W' || lpad(((EXTRACT(DOY FROM CAST(substr(${c}, 1, 10) AS date))::int + 6 - ((EXTRACT(DOW FROM CAST(substr(${c}, 1, 10) AS date))::int + 6) % 7)) / 7)::text, 2, '0'))`,
  // percentile_cont interpolates as PERCENTILE.INC, like SQLite's percentile(Y, P).
  percentile: (value, p) =>
    `percentile_cont(${p === undefined ? "0.5" : `${p}::float8 / 100`}) WITHIN GROUP (ORDER BY ${value})`,
  ratio: (measure, over, percent) => `(CAST(${measure} AS float8) * ${percent ? "100" : "1"} / NULLIF(${over}, 0))`,
  number: (value) => `CAST(${value} AS float8)`,
  daysBetween: (from, to) => `(CAST(substr(${to}, 1, 10) AS date) - CAST(substr(${from}, 1, 10) AS date))`,
  addDays: (day, n) => `to_char(CAST(${day} AS date) + (${n}), 'YYYY-MM-DD')`,
  series: (max) => `generate_series(0, ${max}) AS s(n)`,
};

/** Records of a published app on one PostgreSQL connection (a transaction's). */
export function postgresRecords(
  db: Queryable,
  stored: StoredApp,
  functions: ReadonlyMap<string, ImplementedFunction>,
): RecordWriter {
  const run = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rowCount ?? 0;
  return recordStore(
    {
      flavour: postgresRecordFlavour,
      // PostgreSQL must know every parameter's type, also of one the statement does not use.
      rows: async (sql, params) => (await db.query(withAllParameters(sql, params), params)).rows,
      run,
      // A savepoint, so a caught unique violation leaves the transaction usable (as on SQLite).
      runGuarded: (sql, params) => guarded(db, () => run(sql, params)),
    },
    stored,
    functions,
  );
}
