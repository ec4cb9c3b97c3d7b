import { type ImplementedFunction, postgresDialect, type SqlBindValue } from "@plinth/runtime";
import { SqlBuilder, type SqlFlavour } from "../sqlBuilder.js";
import type { CompiledApp } from "../sqlite/compiledApp.js";

/** PostgreSQL: numbered parameters (`$1`...; a formula's value carries its type), native booleans. */
export const postgresFlavour: SqlFlavour<unknown[]> = {
  dialect: postgresDialect,
  placeholder: (index, value, typed) =>
    typed ? postgresDialect.placeholder(index, value as SqlBindValue) : `$${index}`,
  bind: (value) => value,
  bound: (params) => [...params],
  true: "TRUE",
  false: "FALSE",
};

/** A statement builder for PostgreSQL (see {@link SqlBuilder}). */
export function postgresBuilder(
  app: CompiledApp,
  functions: ReadonlyMap<string, ImplementedFunction>,
): SqlBuilder<unknown[]> {
  return new SqlBuilder(app, functions, postgresFlavour);
}
