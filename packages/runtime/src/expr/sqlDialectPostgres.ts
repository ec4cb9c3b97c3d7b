import type { SqlBindValue, SqlDialect } from "./sqlDialect.js";

/*
 * Every helper names its operands once, in a subquery (`FROM (SELECT <expr> AS _x) AS _q`), so
 * nested formulas never repeat their parts (repetition grows exponentially with nesting);
 * `OFFSET 0` keeps the planner from pulling the subquery up and repeating them after all.
 */

/** A number argument as an `integer` for functions that need one, saturating instead of overflowing. */
function int(value: string): string {
  return `(SELECT CAST(CASE WHEN _i < -2000000000 THEN -2000000000 WHEN _i > 2000000000 THEN 2000000000 ELSE _i END AS integer) FROM (SELECT ${value} AS _i OFFSET 0) AS _n)`;
}

/** NULL when any argument is NULL (PostgreSQL's LEAST/GREATEST skip NULLs; the formula's MIN/MAX do not). */
function strict(fn: "LEAST" | "GREATEST", values: readonly string[]): string {
  const names = values.map((_, i) => `_a${i}`);
  return `(SELECT CASE WHEN ${names.map((n) => `${n} IS NULL`).join(" OR ")} THEN NULL ELSE ${fn}(${names.join(", ")}) END FROM (SELECT ${values.map((v, i) => `${v} AS ${names[i]}`).join(", ")} OFFSET 0) AS _l)`;
}

/**
 * The date of an ISO text in `_s`. Years 0000–9999 as SQLite's date functions take them:
 * PostgreSQL has no year 0, so 0000 is 1 BC (year -1).
 */
const YEAR = "CAST(substr(_s, 1, 4) AS integer)";
const DATE_OF_S = `make_date(CASE WHEN ${YEAR} = 0 THEN -1 ELSE ${YEAR} END, CAST(substr(_s, 6, 2) AS integer), CAST(substr(_s, 9, 2) AS integer))`;

/** An expression over the date of the text `value` (`_d` in `body`). */
function overDate(value: string, body: string): string {
  return `(SELECT ${body} FROM (SELECT ${DATE_OF_S} AS _d FROM (SELECT ${value} AS _s OFFSET 0) AS _i OFFSET 0) AS _j)`;
}

/**
 * Move a date or datetime text by whole days or months and format it back into the stored text
 * form, blank outside the years 0000–9999 (the range of SQLite's date functions). The range is
 * checked on the numbers first: PostgreSQL's own range ends at 4713 BC, where it would fail.
 */
function moved(value: string, amount: string, unit: "days" | "months", kind: "date" | "datetime"): string {
  const timestamp =
    kind === "date"
      ? "CAST(_d AS timestamp)"
      : "(_d + make_interval(hours => CAST(substr(_s, 12, 2) AS integer), mins => CAST(substr(_s, 15, 2) AS integer), secs => CAST(substr(_s, 18, 6) AS float8)))";
  const inRange =
    unit === "days"
      ? "(_d - DATE '1970-01-01') + _n BETWEEN -719528 AND 2932896"
      : `${YEAR} * 12 + CAST(substr(_s, 6, 2) AS integer) - 1 + _n BETWEEN 0 AND 119999`;
  const year = "CAST(EXTRACT(YEAR FROM _r) AS integer)";
  const text = `(lpad(CAST(${year} + CASE WHEN ${year} < 0 THEN 1 ELSE 0 END AS text), 4, '0') || to_char(_r, '${kind === "date" ? "-MM-DD" : '-MM-DD"T"HH24:MI:SS.MS"Z"'}'))`;
  const shifted = `(SELECT ${timestamp} + make_interval(${unit} => _n) AS _r)`;
  return `(SELECT CASE WHEN ${inRange} THEN (SELECT ${text} FROM ${shifted} AS _m) END FROM (SELECT _s, ${DATE_OF_S} AS _d, ${int(amount)} AS _n FROM (SELECT ${value} AS _s OFFSET 0) AS _i OFFSET 0) AS _j)`;
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
  least: (values) => (values.length === 1 ? `(${values[0]})` : strict("LEAST", values)),
  greatest: (values) => (values.length === 1 ? `(${values[0]})` : strict("GREATEST", values)),
  math: (name, args) => {
    const [x] = args;
    switch (name) {
      case "sqrt":
        // sqrt of a negative number is an error here, blank on SQLite.
        return `(SELECT CASE WHEN _x >= 0 THEN sqrt(_x) END FROM (SELECT CAST(${x} AS float8) AS _x OFFSET 0) AS _q)`;
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
  dayNumber: (value) => overDate(value, "(_d - DATE '1970-01-01')"),
  weekday: (value) => overDate(value, "CAST(EXTRACT(DOW FROM _d) AS integer)"),
  addDays: (value, days, kind) => moved(value, days, "days", kind),
  addMonths: (value, months, kind) => moved(value, months, "months", kind),
  listIncludes: (list, item) =>
    `(CASE WHEN ${list} IS NULL OR ${item} IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM json_array_elements_text(CAST(${list} AS json)) AS e(v) WHERE e.v = ${item} COLLATE "C") END)`,
  listLength: (list) => `json_array_length(CAST(${list} AS json))`,
  typedBlank: (sql, kind) =>
    `CAST(${sql} AS ${kind === "number" ? "float8" : kind === "boolean" ? "boolean" : "text"})`,
  bind: (value, alias, body) => `(SELECT ${body} FROM (SELECT ${value} AS ${alias} OFFSET 0) AS _b)`,
};
