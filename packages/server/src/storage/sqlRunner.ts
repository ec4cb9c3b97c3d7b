import type Database from "better-sqlite3";
import { helpers, type Queryable } from "./postgres/connection.js";
import { preparedOn } from "./sqlite/records.js";

/** A row as the driver returns it. */
export type Raw = Record<string, unknown>;

/**
 * Plain statements with `?` placeholders on one connection, for the tables whose SQL is the same on
 * both databases (files, saved views): first row, all rows, rows changed.
 */
export interface SqlRunner {
  one(sql: string, ...params: unknown[]): Promise<Raw | undefined>;
  all(sql: string, ...params: unknown[]): Promise<Raw[]>;
  run(sql: string, ...params: unknown[]): Promise<number>;
  /** Appended to a text column in ORDER BY to sort by code point (SQLite's default; PostgreSQL's `COLLATE "C"`). */
  readonly byCodePoint: string;
}

/** SQLite: statements prepared once per connection. */
export function sqliteRunner(db: Database.Database): SqlRunner {
  const prepared = preparedOn(db);
  return {
    one: async (sql, ...params) => prepared(sql).get(...params) as Raw | undefined,
    all: async (sql, ...params) => prepared(sql).all(...params) as Raw[],
    run: async (sql, ...params) => prepared(sql).run(...params).changes,
    byCodePoint: "",
  };
}

/** PostgreSQL: `?` turned into `$n`. */
export function postgresRunner(db: Queryable): SqlRunner {
  return { ...helpers(db), byCodePoint: ' COLLATE "C"' };
}
