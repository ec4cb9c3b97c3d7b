import type { SqlBindValue, SqlDialect } from "./sqlDialect.js";

/** A number argument as an `integer` for functions that need one, saturating instead of overflowing. */
function int(value: string): string {
  return `CAST(CASE WHEN ${value} < -2000000000 THEN -2000000000 WHEN ${value} > 2000000000 THEN 2000000000 ELSE ${value} END AS integer)`;
}

/** NULL when any argument is NULL (PostgreSQL's LEAST/GREATEST skip NULLs; the formula's MIN/MAX do not). */
function strict(values: readonly string[], body: string): string {
  return `(CASE WHEN ${values.map((v) => `${v} IS NULL`).join(" OR ")} THEN NULL ELSE ${body} END)`;
}

const dateOf = (value: string) => `CAST(substr(${value}, 1, 10) AS date)`;
const DATE_TEXT = `'YYYY-MM-DD'`;
const DATETIME_TEXT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * Format a moved date or timestamp back into the stored text form, blank outside the years
 * 0001–9999 (the range SQLite's date functions and the JS evaluation share).
 */
function moved(value: string, interval: string, kind: "date" | "datetime"): string {
  const base = kind === "date" ? `CAST(${dateOf(value)} AS timestamp)` : `CAST(${value} AS timestamp)`;
  const result = `(${base} + ${interval})`;
  return `(CASE WHEN ${result} >= TIMESTAMP '0001-01-01' AND ${result} < TIMESTAMP '10000-01-01' THEN to_char(${result}, ${kind === "date" ? DATE_TEXT : DATETIME_TEXT}) END)`;
}

/**
 * PostgreSQL (15+). Values are stored exactly as on SQLite so they round-trip identically:
 * dates and datetimes as ISO text, lists as JSON text, numbers as double precision (or
 * bigint), booleans native. Text compares by code point (`COLLATE "C"`); parameters carry
 * their type (`$1::float8`) because PostgreSQL, unlike SQLite, must know it to plan.
 */
export const postgresDialect: SqlDialect = {
  name: "postgres",
  quoteIdent: (name) => `"${name.replace(/"/g, '""')}"`,
  placeholder: (index, value?: SqlBindValue) =>
    typeof value === "number"
      ? `$${index}::float8`
      : typeof value === "boolean"
        ? `$${index}::boolean`
        : typeof value === "string"
          ? `$${index}::text`
          : `$${index}`,
  bindValue: (value) => {
    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      return value;
    return JSON.stringify(value);
  },
  booleanLiteral: (value) => (value ? "TRUE" : "FALSE"),
  // PostgreSQL raises on division by zero where SQLite gives NULL.
  divide: (a, b) => `(CAST(${a} AS float8) / NULLIF(${b}, 0))`,
  // trunc() keeps double precision, so huge values never overflow an integer type.
  toInteger: (value) => `trunc(CAST(${value} AS float8))`,
  powerOfTen: (exponent) => `CAST('1e' || ${exponent} AS float8)`,
  concat: (parts) => `concat(${parts.join(", ")})`,
  least: (values) => (values.length === 1 ? `(${values[0]})` : strict(values, `LEAST(${values.join(", ")})`)),
  greatest: (values) => (values.length === 1 ? `(${values[0]})` : strict(values, `GREATEST(${values.join(", ")})`)),
  math: (name, args) => {
    const [x] = args;
    switch (name) {
      case "sqrt":
        return `(CASE WHEN ${x} >= 0 THEN sqrt(CAST(${x} AS float8)) END)`;
      case "power":
        return `power(CAST(${x} AS float8), ${args[1]})`;
      case "sign":
        return `sign(CAST(${x} AS float8))`;
      default:
        return `${name}(${x})`;
    }
  },
  compare: (left, op, right, text) => `(${left} ${op} ${text ? `${right} COLLATE "C"` : right})`,
  binaryText: (value) => `(${value} COLLATE "C")`,
  textLength: (text) => `char_length(${text})`,
  // SQLite's substr counts a start ≤ 0 as before the first character, as PostgreSQL's does; a
  // negative length (never produced by the functions) would be an error here.
  substring: (text, start, length) =>
    length === undefined ? `substr(${text}, ${int(start)})` : `substr(${text}, ${int(start)}, ${int(length)})`,
  position: (text, search) => `strpos(${text}, ${search})`,
  // Under the "C" collation upper() and lower() map ASCII letters only, like SQLite's.
  upperAscii: (text) => `upper(${text} COLLATE "C")`,
  lowerAscii: (text) => `lower(${text} COLLATE "C")`,
  trimSpaces: (text) => `btrim(${text}, ' ')`,
  replace: (text, search, replacement) => `replace(${text}, ${search}, ${replacement})`,
  datePart: (value, part) => {
    const [start, length] = part === "year" ? [1, 4] : part === "month" ? [6, 2] : [9, 2];
    return `CAST(substr(${value}, ${start}, ${length}) AS integer)`;
  },
  dayNumber: (value) => `(${dateOf(value)} - DATE '1970-01-01')`,
  weekday: (value) => `CAST(EXTRACT(DOW FROM ${dateOf(value)}) AS integer)`,
  addDays: (value, days, kind) => moved(value, `make_interval(days => ${int(days)})`, kind),
  addMonths: (value, months, kind) => moved(value, `make_interval(months => ${int(months)})`, kind),
  listIncludes: (list, item) =>
    `(CASE WHEN ${list} IS NULL OR ${item} IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM json_array_elements_text(CAST(${list} AS json)) AS e(v) WHERE e.v = ${item} COLLATE "C") END)`,
  listLength: (list) => `json_array_length(CAST(${list} AS json))`,
  bind: (value, alias, body) => `(SELECT ${body} FROM (SELECT ${value} AS ${alias}) AS _b)`,
};
