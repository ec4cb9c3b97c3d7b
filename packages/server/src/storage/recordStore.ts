import { type ImplementedFunction, SPAN_MAX_DAYS, type SqlEnv } from "@plinth/runtime";
import { systemColumns } from "./columns.js";
import { q, SqlBuilder, type SqlFlavour } from "./sqlBuilder.js";
import { compileApp, type EntityInfo } from "./sqlite/compiledApp.js";
import type { AggregateOptions, Condition, ListOptions, RecordWriter, Row, StoredApp } from "./types.js";

const noEnv: SqlEnv = {};

/** What else differs between the databases for records, besides building statements. */
export interface RecordFlavour<Bound> extends SqlFlavour<Bound> {
  /** SQLite stores booleans as 0 and 1; PostgreSQL has them. */
  readonly numericBooleans: boolean;
  /** The ISO week bucket (`2026-W07`, weeks from Monday, days before the first Monday in week 00). */
  week(column: string): string;
  /** A percentile (`p`, 0–100, PERCENTILE.INC) or median of `value`. */
  percentile(value: string, p: string | undefined): string;
  /** `measure / over` (times 100 for a percentage) as a float, blank when `over` is 0. */
  ratio(measure: string, over: string, percent: boolean): string;
  /**
   * A measure read by an expression, as a double: JS (the memory source) computes in doubles, so
   * PostgreSQL must not use exact numeric arithmetic on a sum.
   */
  number(value: string): string;
  /** Whole days from the day of one date (or datetime) text to another's, end − start; NULL over a blank. */
  daysBetween(from: string, to: string): string;
  /** The `YYYY-MM-DD` text `n` (an integer SQL expression) days after a `YYYY-MM-DD` text. */
  addDays(day: string, n: string): string;
  /** A FROM item `s` with one integer column `n` holding 0 through `max`. */
  series(max: number): string;
}

/** How statements run on one connection (a transaction's). */
export interface RecordDriver<Bound> {
  readonly flavour: RecordFlavour<Bound>;
  rows(sql: string, params: Bound): Promise<Record<string, unknown>[]>;
  /** Run a write; resolves to the number of rows it changed. */
  run(sql: string, params: Bound): Promise<number>;
  /** Run a write whose failure (a unique violation) the caller may catch and go on from. */
  runGuarded(sql: string, params: Bound): Promise<number>;
}

/** Keyset pagination: rows strictly after the cursor in (sort..., id) order, NULLs first ascending. */
function afterCursor<B>(
  b: SqlBuilder<B>,
  info: EntityInfo,
  alias: string,
  sort: ListOptions["sort"],
  after: readonly unknown[],
  env: SqlEnv,
): string {
  const keys = [...sort, { field: "id", direction: "asc" as const }];
  const no = b.flavour.false;
  const build = (i: number): string => {
    const key = keys[i];
    if (!key) return no;
    const col = b.column(info, alias, [key.field], env);
    const value = after[i] ?? null;
    const rest = i === keys.length - 1 ? no : build(i + 1);
    if (key.direction === "asc") {
      if (value === null) return `(${col} IS NOT NULL OR (${col} IS NULL AND ${rest}))`;
      const p = b.param(value);
      return `(${col} > ${p} OR (${col} = ${p} AND ${rest}))`;
    }
    if (value === null) return `(${col} IS NULL AND ${rest})`;
    const p = b.param(value);
    return `(${col} < ${p} OR ${col} IS NULL OR (${col} = ${p} AND ${rest}))`;
  };
  return build(0);
}

/** The select list: system columns, stored fields and rollups computed in SQL. */
function selectList<B>(b: SqlBuilder<B>, info: EntityInfo, alias: string, env: SqlEnv): string {
  const columns = [...systemColumns, ...info.columns].map((c) => `${alias}.${q(c)}`);
  for (const { field } of info.rollups) columns.push(`${b.column(info, alias, [field.id], env)} AS ${q(field.id)}`);
  return columns.join(", ");
}

function bucket<B>(flavour: RecordFlavour<B>, name: string, c: string): string {
  switch (name) {
    case "day":
      return `substr(${c}, 1, 10)`;
    case "week":
      return flavour.week(c);
    case "month":
      return `substr(${c}, 1, 7)`;
    case "quarter":
      return `(substr(${c}, 1, 4) || '-Q' || ((CAST(substr(${c}, 6, 2) AS INTEGER) + 2) / 3))`;
    default:
      return `substr(${c}, 1, 4)`;
  }
}

type Measure = AggregateOptions["measures"][number];

function aggregateSql<B>(b: SqlBuilder<B>, flavour: RecordFlavour<B>, m: Measure, value: string): string {
  switch (m.aggregate) {
    case "count":
      return m.path || m.filter ? `COUNT(${value === "1" ? "*" : value})` : "COUNT(*)";
    case "countDistinct":
      return `COUNT(DISTINCT ${value})`;
    case "sum":
      return `COALESCE(${flavour.sum(value)}, 0)`;
    case "avg":
      return flavour.avg(value);
    case "percentile":
      return flavour.percentile(value, b.param(m.p ?? 50));
    case "median":
      return flavour.percentile(value, undefined);
    default:
      return `${m.aggregate.toUpperCase()}(${value})`;
  }
}

/**
 * Records of a published app over one connection, for either database: the statements are the
 * same apart from the driver's {@link RecordFlavour}. Values are always bound; stored lists and
 * objects are JSON text.
 */
export function recordStore<B>(
  driver: RecordDriver<B>,
  stored: StoredApp,
  functions: ReadonlyMap<string, ImplementedFunction>,
): RecordWriter {
  const { flavour } = driver;
  const app = compileApp(stored.schema, stored.tables, functions);
  const builder = () => new SqlBuilder(app, functions, flavour);
  const info = (entity: string): EntityInfo => {
    const found = app.entities.get(entity);
    if (!found) throw new Error(`Unknown entity ${entity}`);
    return found;
  };
  const toStored = (value: unknown): unknown => {
    if (value === undefined || value === null) return null;
    if (typeof value === "boolean") return flavour.numericBooleans ? (value ? 1 : 0) : value;
    if (typeof value === "object") return JSON.stringify(value);
    return value;
  };
  const fromStored = (e: EntityInfo, field: string, value: unknown): unknown => {
    if (value === null || value === undefined) return null;
    if (flavour.numericBooleans && e.booleans.has(field)) return value === 1;
    if (e.json.has(field)) return JSON.parse(String(value)) as unknown;
    return value;
  };
  const toRow = (e: EntityInfo, row: Record<string, unknown>): Row => {
    const out: Row = {};
    for (const [key, value] of Object.entries(row)) out[key] = fromStored(e, key, value);
    return out;
  };

  const records: RecordWriter = {
    async get(entity, id, where: Condition = { kind: "all" }, env = noEnv) {
      const e = info(entity);
      const b = builder();
      const idParam = b.param(id);
      const sql = `SELECT ${selectList(b, e, "t", env)} FROM ${q(e.table)} t WHERE t.id = ${idParam} AND (${b.condition(where, e, "t", env)})`;
      const [row] = await driver.rows(sql, b.params);
      return row && toRow(e, row);
    },
    async list(entity, options: ListOptions) {
      const e = info(entity);
      const b = builder();
      const where = [b.condition(options.where, e, "t", options.env)];
      if (options.after) where.push(afterCursor(b, e, "t", options.sort, options.after, options.env));
      const order = [...options.sort, { field: "id", direction: "asc" as const }]
        .map(
          (s) =>
            `${b.column(e, "t", [s.field], options.env)} ${s.direction === "asc" ? "ASC NULLS FIRST" : "DESC NULLS LAST"}`,
        )
        .join(", ");
      const sql = `SELECT ${selectList(b, e, "t", options.env)} FROM ${q(e.table)} t WHERE ${where.map((w) => `(${w})`).join(" AND ")} ORDER BY ${order} LIMIT ${b.param(options.limit)}`;
      return (await driver.rows(sql, b.params)).map((r) => toRow(e, r));
    },
    async count(entity, where, env) {
      const e = info(entity);
      const b = builder();
      const sql = `SELECT COUNT(*) AS n FROM ${q(e.table)} t WHERE ${b.condition(where, e, "t", env)}`;
      const [row] = await driver.rows(sql, b.params);
      return Number(row?.n);
    },
    async countNonBlank(entity, field) {
      const e = info(entity);
      const b = builder();
      const [row] = await driver.rows(
        `SELECT COUNT(*) AS n FROM ${q(e.table)} WHERE ${q(field)} IS NOT NULL`,
        b.params,
      );
      return Number(row?.n);
    },
    async aggregate(entity, options: AggregateOptions) {
      const e = info(entity);
      const b = builder();
      const where = b.condition(options.where, e, "t", options.env);
      let from = `${q(e.table)} t`;
      let spanWhere = "";
      const span = options.groupBy.findIndex((g) => g.through !== undefined && g.bucket !== undefined);
      const groups = options.groupBy.map((g, i) => {
        const col = b.column(e, "t", g.path, options.env);
        if (i !== span || !g.bucket || !g.through)
          return { sql: g.bucket ? bucket(flavour, g.bucket, col) : col, as: `g${i}` };
        // A span grouping (runtime query/span.ts): the filtered rows, each with its start day and
        // its length in days (0 for a blank or earlier end), joined to the day numbers 0..length;
        // of those days only the first of each bucket is kept, so a row counts once per bucket.
        const end = b.column(e, "t", g.through, options.env);
        const days = flavour.daysBetween(col, end);
        from = `(SELECT t.*, substr(${col}, 1, 10) AS "__span_from", CASE WHEN ${days} > 0 THEN ${days} ELSE 0 END AS "__span_days" FROM ${q(e.table)} t WHERE ${where}) t CROSS JOIN ${flavour.series(SPAN_MAX_DAYS - 1)}`;
        const day = flavour.addDays(`t."__span_from"`, "s.n");
        const before = flavour.addDays(`t."__span_from"`, "s.n - 1");
        spanWhere = `s.n <= t."__span_days" AND (s.n = 0 OR ${bucket(flavour, g.bucket, day)} <> ${bucket(flavour, g.bucket, before)})`;
        return { sql: bucket(flavour, g.bucket, day), as: `g${i}` };
      });
      const measures = options.measures.map((m) => {
        const value = m.path ? b.column(e, "t", m.path, options.env) : "1";
        const filtered = m.filter ? `CASE WHEN ${b.condition(m.filter, e, "t", options.env)} THEN ${value} END` : value;
        return { sql: aggregateSql(b, flavour, m, filtered), as: m.id };
      });
      // Differences, then ratios, are computed in SQL too, so a query can sort by them.
      const plainSql = new Map(measures.map((m) => [m.as, m.sql]));
      for (const [i, m] of options.measures.entries()) {
        const minus = m.minus === undefined ? undefined : plainSql.get(m.minus);
        const measure = measures[i];
        if (minus !== undefined && measure) measure.sql = `((${measure.sql}) - (${minus}))`;
      }
      const differenceSql = new Map(measures.map((m) => [m.as, m.sql]));
      for (const [i, m] of options.measures.entries()) {
        const over = m.divideBy === undefined ? undefined : differenceSql.get(m.divideBy);
        const measure = measures[i];
        if (over !== undefined && measure) measure.sql = flavour.ratio(measure.sql, over, m.percent === true);
      }
      // Expressions last, over the others' final SQL (the checker let them name only those).
      const finalSql = new Map(measures.map((m) => [m.as, m.sql]));
      for (const x of options.expressions ?? []) {
        const operand = (path: readonly string[]): string => {
          const sql = path.length === 1 && path[0] !== undefined ? finalSql.get(path[0]) : undefined;
          if (sql === undefined) throw new Error(`Unknown measure ${path.join(".")}`);
          return flavour.number(sql);
        };
        measures.push({ sql: b.formulaOver(x.typed, operand, options.env), as: x.id });
      }
      const select = [
        ...groups.map((g) => `${g.sql} AS ${q(g.as)}`),
        ...measures.map((m) => `${m.sql} AS ${q(m.as)}`),
      ].join(", ");
      const groupBy = groups.length > 0 ? ` GROUP BY ${groups.map((_, i) => i + 1).join(", ")}` : "";
      const names = new Map(options.groupBy.map((g, i) => [g.path.join("."), `g${i}`]));
      // Blanks first ascending and last descending, on both databases.
      const order = options.sort.map(
        (s) => `${q(names.get(s.by) ?? s.by)} ${s.direction === "asc" ? "ASC NULLS FIRST" : "DESC NULLS LAST"}`,
      );
      const orderBy =
        order.length > 0
          ? ` ORDER BY ${order.join(", ")}`
          : groups.length > 0
            ? ` ORDER BY ${groups.map((_, i) => `${i + 1} NULLS FIRST`).join(", ")}`
            : "";
      const sql = `SELECT ${select} FROM ${from} WHERE ${spanWhere || where}${groupBy}${orderBy} LIMIT ${b.param(options.limit)}`;
      return (await driver.rows(sql, b.params)) as Row[];
    },
    async countLongSpans(entity, options) {
      const e = info(entity);
      const b = builder();
      const days = flavour.daysBetween(
        b.column(e, "t", options.from, options.env),
        b.column(e, "t", options.through, options.env),
      );
      const sql = `SELECT COUNT(*) AS n FROM ${q(e.table)} t WHERE (${b.condition(options.where, e, "t", options.env)}) AND ${days} > ${b.param(options.maxDays)}`;
      const [row] = await driver.rows(sql, b.params);
      return Number(row?.n);
    },
    async lookup(entity, id, field) {
      const e = info(entity);
      const b = builder();
      const [row] = await driver.rows(`SELECT ${q(field)} AS v FROM ${q(e.table)} WHERE id = ${b.param(id)}`, b.params);
      return fromStored(e, field, row?.v);
    },
    async insert(entity, row) {
      const e = info(entity);
      const b = builder();
      const columns = [...systemColumns, ...e.columns].filter((c) => Object.hasOwn(row, c));
      const values = columns.map((c) => b.param(toStored(row[c])));
      const sql = `INSERT INTO ${q(e.table)} (${columns.map(q).join(", ")}) VALUES (${values.join(", ")})`;
      await driver.runGuarded(sql, b.params);
    },
    async update(entity, id, expectedVersion, changes) {
      const e = info(entity);
      const b = builder();
      const columns = [...systemColumns, ...e.columns].filter(
        (c) => c !== "id" && c !== "version" && Object.hasOwn(changes, c),
      );
      const sets = [...columns.map((c) => `${q(c)} = ${b.param(toStored(changes[c]))}`), "version = version + 1"];
      const sql = `UPDATE ${q(e.table)} SET ${sets.join(", ")} WHERE id = ${b.param(id)} AND version = ${b.param(expectedVersion)}`;
      return (await driver.runGuarded(sql, b.params)) === 1;
    },
    async delete(entity, id) {
      const e = info(entity);
      const b = builder();
      return (await driver.run(`DELETE FROM ${q(e.table)} WHERE id = ${b.param(id)}`, b.params)) === 1;
    },
    async nextNumber(entity, field, start) {
      const b = builder();
      const name = b.param(`auto:${stored.id}:${entity}:${field}`);
      const [row] = await driver.rows(
        `INSERT INTO counters (name, value) VALUES (${name}, ${b.param(start)}) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`,
        b.params,
      );
      return Number(row?.value);
    },
  };
  return records;
}
