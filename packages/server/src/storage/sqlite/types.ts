import type { ColumnType } from "@plinth/runtime";

/** SQLite column declarations for Plinth's logical column types. */
export const sqliteColumnType: Readonly<Record<ColumnType, string>> = {
  text: "TEXT",
  real: "REAL",
  integer: "INTEGER",
  boolean: "INTEGER",
  date: "TEXT",
  datetime: "TEXT",
  json: "TEXT",
};

/** Identifiers only ever come from validated schema ids or our own names. */
export { q } from "../sqlBuilder.js";
