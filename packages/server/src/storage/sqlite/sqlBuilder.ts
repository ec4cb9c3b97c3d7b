import { type ImplementedFunction, sqliteDialect } from "@plinth/runtime";
import { SqlBuilder, type SqlFlavour } from "../sqlBuilder.js";
import type { CompiledApp } from "./compiledApp.js";

/** SQLite: named parameters (`@p1`...), booleans as 1 and 0. */
export const sqliteFlavour: SqlFlavour<Record<string, unknown>> = {
  dialect: sqliteDialect,
  placeholder: (index) => `@p${index}`,
  bind: (value) => (typeof value === "boolean" ? (value ? 1 : 0) : value),
  bound: (params) => Object.fromEntries(params.map((value, i) => [`p${i + 1}`, value])),
  true: "1",
  false: "0",
  // SQLite (3.43 on) sums reals with Kahan-Babuska-Neumaier compensation: order does not matter.
  sum: (value) => `SUM(${value})`,
  avg: (value) => `AVG(${value})`,
};

/** A statement builder for SQLite (see {@link SqlBuilder}). */
export function sqliteBuilder(
  app: CompiledApp,
  functions: ReadonlyMap<string, ImplementedFunction>,
): SqlBuilder<Record<string, unknown>> {
  return new SqlBuilder(app, functions, sqliteFlavour);
}
