import { type ImplementedFunction, postgresDialect, type SqlBindValue } from "@plinth/runtime";
import { SqlBuilder, type SqlFlavour } from "../sqlBuilder.js";
import type { CompiledApp } from "../sqlite/compiledApp.js";

/** A number as numeric, through its text: the shortest decimal that reads back as the same double. */
const exactly = (value: string) => `CAST(CAST(${value} AS text) AS numeric)`;

/** PostgreSQL: numbered parameters (`$1`...; a formula's value carries its type), native booleans. */
export const postgresFlavour: SqlFlavour<unknown[]> = {
  dialect: postgresDialect,
  placeholder: (index, value, typed) =>
    typed ? postgresDialect.placeholder(index, value as SqlBindValue) : `$${index}`,
  bind: (value) => value,
  bound: (params) => [...params],
  true: "TRUE",
  false: "FALSE",
  // SUM over float8 adds in row order, and the order follows the plan (an index scan for a
  // rollup, a hash aggregate for a report): the same amounts summed two ways differed in the last
  // digit (1880000.1799999997 against 1880000.18). Numeric addition is exact, so the order is moot.
  // Each value goes to numeric through its text (a direct cast keeps only 15 digits); the answer
  // goes back to a double, as every number is. AVG likewise.
  sum: (value) => `CAST(SUM(${exactly(value)}) AS float8)`,
  avg: (value) => `CAST(AVG(${exactly(value)}) AS float8)`,
};

/** A statement builder for PostgreSQL (see {@link SqlBuilder}). */
export function postgresBuilder(
  app: CompiledApp,
  functions: ReadonlyMap<string, ImplementedFunction>,
): SqlBuilder<unknown[]> {
  return new SqlBuilder(app, functions, postgresFlavour);
}
