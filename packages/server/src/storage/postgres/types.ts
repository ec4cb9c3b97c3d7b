import type { ColumnType } from "@plinth/runtime";

export { quoteIdent as q } from "./connection.js";

/**
 * PostgreSQL column declarations for Plinth's logical column types. Dates, datetimes and JSON
 * stay ISO / JSON text as on SQLite, so values round-trip identically and the formula
 * translation reads them the same way; text sorts by code point (`COLLATE "C"`).
 */
export const postgresColumnType: Readonly<Record<ColumnType, string>> = {
  text: 'TEXT COLLATE "C"',
  real: "DOUBLE PRECISION",
  integer: "BIGINT",
  boolean: "BOOLEAN",
  date: 'TEXT COLLATE "C"',
  datetime: 'TEXT COLLATE "C"',
  json: "TEXT",
};
