import type { ImplementedFunction, SqlEnv } from "@plinth/runtime";
import { systemColumns } from "../columns.js";
import type { SqlBuilder } from "../sqlBuilder.js";
import { compileApp, type EntityInfo } from "../sqlite/compiledApp.js";
import type { AggregateOptions, Condition, ListOptions, RecordWriter, Row, StoredApp } from "../types.js";
import { guarded, type Queryable, withAllParameters } from "./connection.js";
import { postgresBuilder } from "./sqlBuilder.js";
import { q } from "./types.js";

const noEnv: SqlEnv = {};

/** Stored value of a record value: booleans native, lists and objects as JSON text. */
function toStored(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

function fromStored(info: EntityInfo, row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (value !== null && info.json.has(key)) out[key] = JSON.parse(String(value)) as unknown;
    else out[key] = value;
  }
  return out;
}

/** The select list: system columns, stored fields and rollups computed in SQL. */
function selectList(b: SqlBuilder<unknown[]>, info: EntityInfo, alias: string, env: SqlEnv): string {
  const columns = [...systemColumns, ...info.columns].map((c) => `${alias}.${q(c)}`);
  for (const { field } of info.rollups) columns.push(`${b.column(info, alias, [field.id], env)} AS ${q(field.id)}`);
  return columns.join(", ");
}

/** Keyset pagination: rows strictly after the cursor in (sort..., id) order, NULLs first ascending. */
function afterCursor(
  b: SqlBuilder<unknown[]>,
  info: EntityInfo,
  alias: string,
  sort: ListOptions["sort"],
  after: readonly unknown[],
  env: SqlEnv,
): string {
  const keys = [...sort, { field: "id", direction: "asc" as const }];
  const build = (i: number): string => {
    const key = keys[i];
    if (!key) return "FALSE";
    const col = b.column(info, alias, [key.field], env);
    const value = after[i] ?? null;
    const rest = i === keys.length - 1 ? "FALSE" : build(i + 1);
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

const bucketSql: Record<string, (col: string) => string> = {
  day: (c) => `substr(${c}, 1, 10)`,
  // SQLite's %W: weeks start on Monday, days before the year's first Monday are week 00.
  week: (c) =>
    `(substr(${c}, 1, 4) || '-W' || lpad(((EXTRACT(DOY FROM CAST(substr(${c}, 1, 10) AS date))::int + 6 - ((EXTRACT(DOW FROM CAST(substr(${c}, 1, 10) AS date))::int + 6) % 7)) / 7)::text, 2, '0'))`,
  month: (c) => `substr(${c}, 1, 7)`,
  quarter: (c) => `(substr(${c}, 1, 4) || '-Q' || ((CAST(substr(${c}, 6, 2) AS INTEGER) + 2) / 3))`,
  year: (c) => `substr(${c}, 1, 4)`,
};

/** Records of a published app on one PostgreSQL connection (a transaction's). */
export function postgresRecords(
  db: Queryable,
  stored: StoredApp,
  functions: ReadonlyMap<string, ImplementedFunction>,
): RecordWriter {
  const app = compileApp(stored.schema, stored.tables, functions);
  const info = (entity: string): EntityInfo => {
    const found = app.entities.get(entity);
    if (!found) throw new Error(`Unknown entity ${entity}`);
    return found;
  };
  const rows = async (sql: string, params: readonly unknown[]) =>
    (await db.query(withAllParameters(sql, params), params as unknown[])).rows as Record<string, unknown>[];
  const changed = async (sql: string, params: readonly unknown[]) =>
    (await db.query(sql, params as unknown[])).rowCount ?? 0;

  const records: RecordWriter = {
    async get(entity, id, where: Condition = { kind: "all" }, env = noEnv) {
      const e = info(entity);
      const b = postgresBuilder(app, functions);
      const idParam = b.param(id);
      const sql = `SELECT ${selectList(b, e, "t", env)} FROM ${q(e.table)} t WHERE t.id = ${idParam} AND (${b.condition(where, e, "t", env)})`;
      const [row] = await rows(sql, b.params);
      return row && fromStored(e, row);
    },
    async list(entity, options: ListOptions) {
      const e = info(entity);
      const b = postgresBuilder(app, functions);
      const where = [b.condition(options.where, e, "t", options.env)];
      if (options.after) where.push(afterCursor(b, e, "t", options.sort, options.after, options.env));
      const order = [...options.sort.map((s) => ({ ...s })), { field: "id", direction: "asc" as const }]
        .map(
          (s) =>
            `${b.column(e, "t", [s.field], options.env)} ${s.direction === "asc" ? "ASC NULLS FIRST" : "DESC NULLS LAST"}`,
        )
        .join(", ");
      const sql = `SELECT ${selectList(b, e, "t", options.env)} FROM ${q(e.table)} t WHERE ${where.map((w) => `(${w})`).join(" AND ")} ORDER BY ${order} LIMIT ${b.param(options.limit)}`;
      return (await rows(sql, b.params)).map((r) => fromStored(e, r));
    },
    async count(entity, where, env) {
      const e = info(entity);
      const b = postgresBuilder(app, functions);
      const [row] = await rows(
        `SELECT COUNT(*) AS n FROM ${q(e.table)} t WHERE ${b.condition(where, e, "t", env)}`,
        b.params,
      );
      return Number(row?.n);
    },
    async countNonBlank(entity, field) {
      const e = info(entity);
      const [row] = await rows(`SELECT COUNT(*) AS n FROM ${q(e.table)} WHERE ${q(field)} IS NOT NULL`, []);
      return Number(row?.n);
    },
    async aggregate(entity, options: AggregateOptions) {
      const e = info(entity);
      const b = postgresBuilder(app, functions);
      const groups = options.groupBy.map((g, i) => {
        const col = b.column(e, "t", g.path, options.env);
        return { sql: g.bucket ? (bucketSql[g.bucket] as (c: string) => string)(col) : col, as: `g${i}` };
      });
      const measures = options.measures.map((m) => {
        const value = m.path ? b.column(e, "t", m.path, options.env) : "1";
        const filtered = m.filter ? `CASE WHEN ${b.condition(m.filter, e, "t", options.env)} THEN ${value} END` : value;
        const sql =
          m.aggregate === "count"
            ? m.path || m.filter
              ? `COUNT(${filtered === "1" ? "*" : filtered})`
              : "COUNT(*)"
            : m.aggregate === "countDistinct"
              ? `COUNT(DISTINCT ${filtered})`
              : m.aggregate === "sum"
                ? `COALESCE(SUM(${filtered}), 0)`
                : m.aggregate === "percentile" || m.aggregate === "median"
                  ? // percentile_cont interpolates as PERCENTILE.INC, like SQLite's percentile(Y, P).
                    `percentile_cont(${m.aggregate === "median" ? "0.5" : `${b.param(m.p ?? 50)}::float8 / 100`}) WITHIN GROUP (ORDER BY ${filtered})`
                  : `${m.aggregate.toUpperCase()}(${filtered})`;
        return { sql, as: m.id };
      });
      // Ratios are computed in SQL too, so a query can sort by them; the scale comes first so
      // whole counts divide exactly (1200.0 / 30 = 40, not 0.4 * 100 = 40.00000000000001).
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
        if (over === undefined || !measure) continue;
        measure.sql = `(CAST(${measure.sql} AS float8) * ${m.percent ? "100" : "1"} / NULLIF(${over}, 0))`;
      }
      const select = [
        ...groups.map((g) => `${g.sql} AS ${q(g.as)}`),
        ...measures.map((m) => `${m.sql} AS ${q(m.as)}`),
      ].join(", ");
      const groupBy = groups.length > 0 ? ` GROUP BY ${groups.map((_, i) => i + 1).join(", ")}` : "";
      const names = new Map(options.groupBy.map((g, i) => [g.path.join("."), `g${i}`]));
      // SQLite puts blanks first ascending and last descending; so does this.
      const order = options.sort.map(
        (s) => `${q(names.get(s.by) ?? s.by)} ${s.direction === "asc" ? "ASC NULLS FIRST" : "DESC NULLS LAST"}`,
      );
      const orderBy =
        order.length > 0
          ? ` ORDER BY ${order.join(", ")}`
          : groups.length > 0
            ? ` ORDER BY ${groups.map((_, i) => `${i + 1} NULLS FIRST`).join(", ")}`
            : "";
      const sql = `SELECT ${select} FROM ${q(e.table)} t WHERE ${b.condition(options.where, e, "t", options.env)}${groupBy}${orderBy} LIMIT ${b.param(options.limit)}`;
      return (await rows(sql, b.params)) as Row[];
    },
    async lookup(entity, id, field) {
      const e = info(entity);
      const [row] = await rows(`SELECT ${q(field)} AS v FROM ${q(e.table)} WHERE id = $1`, [id]);
      if (!row || row.v === null || row.v === undefined) return null;
      if (e.json.has(field)) return JSON.parse(String(row.v)) as unknown;
      return row.v;
    },
    async insert(entity, row) {
      const e = info(entity);
      const columns = [...systemColumns, ...e.columns].filter((c) => Object.hasOwn(row, c));
      const sql = `INSERT INTO ${q(e.table)} (${columns.map(q).join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`;
      await guarded(db, () =>
        changed(
          sql,
          columns.map((c) => toStored(row[c])),
        ),
      );
    },
    async update(entity, id, expectedVersion, changes) {
      const e = info(entity);
      const columns = [...systemColumns, ...e.columns].filter(
        (c) => c !== "id" && c !== "version" && Object.hasOwn(changes, c),
      );
      const sets = [...columns.map((c, i) => `${q(c)} = $${i + 1}`), "version = version + 1"].join(", ");
      const n = columns.length;
      const sql = `UPDATE ${q(e.table)} SET ${sets} WHERE id = $${n + 1} AND version = $${n + 2}`;
      const values = [...columns.map((c) => toStored(changes[c])), id, expectedVersion];
      return (await guarded(db, () => changed(sql, values))) === 1;
    },
    async delete(entity, id) {
      const e = info(entity);
      return (await changed(`DELETE FROM ${q(e.table)} WHERE id = $1`, [id])) === 1;
    },
    async nextNumber(entity, field, start) {
      const name = `auto:${stored.id}:${entity}:${field}`;
      const [row] = await rows(
        "INSERT INTO counters (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value",
        [name, start],
      );
      return Number(row?.value);
    },
  };
  return records;
}
