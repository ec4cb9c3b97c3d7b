import type { Value } from "./values.js";

/** A value that can be bound to a statement parameter. */
export type SqlBindValue = string | number | boolean | null;

/** Date units of DATEADD. */
export type DateUnit = "day" | "week" | "month" | "year";

/** Comparison operators as SQL spells them. */
export type SqlComparison = "=" | "<>" | "<" | "<=" | ">" | ">=";

/**
 * Everything database-specific in the formula-to-SQL translation. Every argument is an SQL
 * expression already parenthesised; every result must be parenthesised too. Booleans are
 * whatever the database uses natively (SQLite 0/1/NULL, PostgreSQL boolean); either way
 * they work as values and in WHERE.
 */
export interface SqlDialect {
  readonly name: string;
  /** Quote an identifier (table, column, alias). */
  quoteIdent(name: string): string;
  /**
   * The placeholder for the n-th (1-based) bound parameter; may appear more than once. The
   * value lets a typed database spell its type (PostgreSQL `$1::float8`).
   */
  placeholder(index: number, value?: SqlBindValue): string;
  /** Convert a formula value into a bindable value (booleans, lists as JSON text). */
  bindValue(value: Value): SqlBindValue;
  booleanLiteral(value: boolean): string;
  /** Real (floating-point) division; blank when the divisor is zero. */
  divide(dividend: string, divisor: string): string;
  /** Truncate a number toward zero into an integer. */
  toInteger(value: string): string;
  /** 10 to the power of an integer, correctly rounded (parsed from the text `1e<n>`); blank for blank. */
  powerOfTen(exponent: string): string;
  /** Concatenate, treating blank as empty text. */
  concat(parts: readonly string[]): string;
  /** Smallest / largest of one or more values; blank when any is blank. */
  least(values: readonly string[]): string;
  greatest(values: readonly string[]): string;
  /** floor, ceil, sqrt, power, sign, abs with the usual meaning and blank in, blank out. */
  math(name: "floor" | "ceil" | "sqrt" | "power" | "sign" | "abs", args: readonly string[]): string;
  /** Compare with binary (code point) order for text. */
  compare(left: string, op: SqlComparison, right: string, text: boolean): string;
  /** Make an expression compare by code point (used for CASE and IN operands). */
  binaryText(value: string): string;
  /** Length in code points. */
  textLength(text: string): string;
  /** Code points from 1-based `start`, `length` of them (both integers; `start` may be ≤ 0). */
  substring(text: string, start: string, length?: string): string;
  /** 1-based code point position of `search` in `text`, 0 when absent, 1 for empty search. */
  position(text: string, search: string): string;
  upperAscii(text: string): string;
  lowerAscii(text: string): string;
  /** Remove leading and trailing U+0020 only. */
  trimSpaces(text: string): string;
  /** Replace every occurrence; empty `search` leaves the text unchanged. */
  replace(text: string, search: string, replacement: string): string;
  /** Year, month or day number of a date or datetime text. */
  datePart(value: string, part: "year" | "month" | "day"): string;
  /** Days since 1970-01-01 of the date part. */
  dayNumber(value: string): string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday(value: string): string;
  /**
   * Add whole days or whole months (month ends clamp: Jan 31 + 1 month = Feb 28) to a date or
   * datetime text, keeping its form; blank when out of the database's range.
   */
  addDays(value: string, days: string, kind: "date" | "datetime"): string;
  addMonths(value: string, months: string, kind: "date" | "datetime"): string;
  /** Is `item` one of the list's values? blank when either is blank. */
  listIncludes(list: string, item: string): string;
  /** Number of values in a list (a JSON array text); blank for blank. */
  listLength(list: string): string;
  /** Bind a value under a name for use inside `body` (a scalar subquery). */
  bind(value: string, alias: string, body: string): string;
  /**
   * Give an always-blank expression (formula type `null`, such as BLANK) the SQL type of a
   * number, text or boolean where an operator needs one. Databases that type NULL from its
   * context (SQLite) leave it out.
   */
  typedBlank?(sql: string, kind: "number" | "text" | "boolean"): string;
}

/** SQLite (3.46+ for the `floor` date modifier; math functions enabled). */
export const sqliteDialect: SqlDialect = {
  name: "sqlite",
  quoteIdent: (name) => `"${name.replace(/"/g, '""')}"`,
  placeholder: (index) => `@p${index}`,
  bindValue: (value) => {
    if (value === null || typeof value === "string" || typeof value === "number") return value;
    if (typeof value === "boolean") return value ? 1 : 0;
    return JSON.stringify(value);
  },
  booleanLiteral: (value) => (value ? "1" : "0"),
  // REAL first, so two integers (5 / 2) never divide as integers; SQLite gives NULL for x / 0.
  divide: (a, b) => `(CAST(${a} AS REAL) / ${b})`,
  toInteger: (value) => `CAST(${value} AS INTEGER)`,
  powerOfTen: (exponent) => `CAST('1e' || ${exponent} AS REAL)`,
  // concat() ignores NULL arguments; with a single argument it still needs a second one.
  concat: (parts) => `concat(${parts.length === 1 ? `${parts[0]}, ''` : parts.join(", ")})`,
  // Multi-argument min()/max() are scalar and NULL when any argument is NULL; one argument
  // would make them aggregates, so a single value stays as it is.
  least: (values) => (values.length === 1 ? `(${values[0]})` : `min(${values.join(", ")})`),
  greatest: (values) => (values.length === 1 ? `(${values[0]})` : `max(${values.join(", ")})`),
  math: (name, args) => `${name === "power" ? "pow" : name}(${args.join(", ")})`,
  compare: (left, op, right, text) => `(${left} ${op} ${text ? `${right} COLLATE BINARY` : right})`,
  binaryText: (value) => `(${value} COLLATE BINARY)`,
  textLength: (text) => `length(${text})`,
  substring: (text, start, length) =>
    length === undefined ? `substr(${text}, ${start})` : `substr(${text}, ${start}, ${length})`,
  position: (text, search) => `instr(${text}, ${search})`,
  // Without ICU, SQLite's upper()/lower() map ASCII letters only: exactly the definition.
  upperAscii: (text) => `upper(${text})`,
  lowerAscii: (text) => `lower(${text})`,
  trimSpaces: (text) => `trim(${text})`,
  replace: (text, search, replacement) => `replace(${text}, ${search}, ${replacement})`,
  datePart: (value, part) => {
    const [start, length] = part === "year" ? [1, 4] : part === "month" ? [6, 2] : [9, 2];
    return `CAST(substr(${value}, ${start}, ${length}) AS INTEGER)`;
  },
  dayNumber: (value) => `CAST(julianday(substr(${value}, 1, 10)) - 2440587.5 AS INTEGER)`,
  weekday: (value) => `CAST(strftime('%w', substr(${value}, 1, 10)) AS INTEGER)`,
  addDays: (value, days, kind) => dateModifier(value, `printf('%+d days', ${days})`, kind),
  addMonths: (value, months, kind) => dateModifier(value, `printf('%+d months', ${months}), 'floor'`, kind),
  listIncludes: (list, item) =>
    `(CASE WHEN ${list} IS NULL OR ${item} IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM json_each(${list}) WHERE json_each.value = ${item} COLLATE BINARY) END)`,
  listLength: (list) => `json_array_length(${list})`,
  bind: (value, alias, body) => `(SELECT ${body} FROM (SELECT ${value} AS ${alias}))`,
};

function dateModifier(value: string, modifiers: string, kind: "date" | "datetime"): string {
  return kind === "date" ? `date(${value}, ${modifiers})` : `strftime('%Y-%m-%dT%H:%M:%fZ', ${value}, ${modifiers})`;
}

/**
 * Collects bound values for a dialect: pass `param` to `translateToSql`, then run the SQL
 * with `named` (SQLite `@p1`) or `positional` (PostgreSQL `$1`).
 */
export interface SqlParameters {
  param(value: SqlBindValue): string;
  readonly named: Record<string, SqlBindValue>;
  readonly positional: SqlBindValue[];
}

/** Create a parameter collector that numbers placeholders the dialect's way. */
export function createSqlParameters(dialect: SqlDialect): SqlParameters {
  const named: Record<string, SqlBindValue> = {};
  const positional: SqlBindValue[] = [];
  return {
    named,
    positional,
    param(value) {
      positional.push(value);
      named[`p${positional.length}`] = value;
      return dialect.placeholder(positional.length, value);
    },
  };
}
