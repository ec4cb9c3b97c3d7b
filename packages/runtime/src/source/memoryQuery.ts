import { type CompiledFormula, compileFormula, evaluateFormula } from "../expr/compile.js";
import type { Formula } from "../expr/formula.js";
import { analyzeMeasureExpression, isExpressionMeasure } from "../query/measureExpression.js";
import { orderGroupsByOptions } from "../query/optionOrder.js";
import { bucketProblem, SPAN_MAX_DAYS, spanBuckets, spanTooLong } from "../query/span.js";
import type { Query } from "../schema/types.js";
import { DataSourceError, sourceError } from "./errors.js";
import { assertReadablePath, callerFilter, inScope, present, requireAccess } from "./memoryAccess.js";
import {
  aggregate,
  compareStored,
  envFor,
  follow,
  holds,
  type MemoryActor,
  type MemoryContext,
  materialize,
  rowsOf,
  stored,
} from "./memoryStore.js";
import type { ListOptions, ListPage, SourceRecord, SourceSortKey } from "./types.js";

const systemSortable = ["id", "createdAt", "updatedAt", "createdBy", "updatedBy"];

function sortKeys(ctx: MemoryContext, actor: MemoryActor, entity: string, sort: ListOptions["sort"]): SourceSortKey[] {
  if (!sort || sort.length === 0) return [{ field: "createdAt", direction: "desc" }];
  const fields = ctx.model.entities.get(entity)?.fields;
  return sort.map((key) => {
    const field = fields?.get(key.field)?.value;
    const known =
      systemSortable.includes(key.field) ||
      (field !== undefined && field.kind !== "attachment" && field.kind !== "multiSelect");
    if (!known)
      throw sourceError(400, "http.badRequest", { reason: `cannot sort by '${key.field}'` }, { path: "sort" });
    assertReadablePath(ctx, actor, entity, [key.field], "sort");
    return { field: key.field, direction: key.direction };
  });
}

/** Compare two rows on the sort keys then `id`: ascending puts blanks first, descending last (as the server). */
function compareOn(keys: readonly SourceSortKey[], a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i <= keys.length; i++) {
    const c = compareStored(a[i] ?? null, b[i] ?? null);
    if (c !== 0) return keys[i]?.direction === "desc" ? -c : c;
  }
  return 0;
}

function decodeCursor(cursor: string): unknown[] {
  try {
    const values = JSON.parse(cursor) as unknown;
    if (Array.isArray(values) && values.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v)))
      return values;
  } catch {
    // fall through
  }
  throw sourceError(
    400,
    "http.badRequest",
    { reason: "the cursor is not one this server gave out; start again without it" },
    { path: "cursor" },
  );
}

/** One page of the rows the actor may read: row scope AND filter, sorted, after the cursor, masked. */
export function listRows(ctx: MemoryContext, actor: MemoryActor, entity: string, options: ListOptions): ListPage {
  const access = requireAccess(ctx, actor, entity, "read");
  const filter = options.filter ? callerFilter(ctx, actor, entity, options.filter, "filter") : undefined;
  const keys = sortKeys(ctx, actor, entity, options.sort);
  const limit = options.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw sourceError(400, "http.badRequest", { reason: "limit must be 1 to 500" }, { path: "limit" });
  const after = options.cursor ? decodeCursor(options.cursor) : undefined;
  const env = envFor(ctx, actor, entity);
  const tuple = (row: SourceRecord) => [...keys.map((k) => row[k.field] ?? null), row.id];
  const rows = [...rowsOf(ctx, entity).values()]
    .map((row) => materialize(ctx, entity, row, env))
    .filter((row) => inScope(ctx, actor, entity, access, row) && (!filter || holds(filter, row, env)))
    .map((row) => ({ row, key: tuple(row) }))
    .filter(({ key }) => !after || compareOn(keys, key, after) > 0)
    .sort((a, b) => compareOn(keys, a.key, b.key));
  const page = rows.slice(0, limit);
  const wanted = options.fields ? new Set(["id", "version", ...options.fields]) : undefined;
  const records = page.map(({ row }) => {
    const visible = present(ctx, actor, entity, row);
    return wanted ? Object.fromEntries(Object.entries(visible).filter(([k]) => wanted.has(k))) : visible;
  });
  const last = page.at(-1);
  return rows.length > limit && last ? { records, next: JSON.stringify(last.key) } : { records };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** SQLite's strftime('%Y-W%W'): weeks start on Monday; days before the year's first Monday are week 00. */
function isoWeekLabel(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = Date.UTC(y, mo - 1, d);
  const yday = Math.round((day - Date.UTC(y, 0, 1)) / 86_400_000);
  const monday0 = (new Date(day).getUTCDay() + 6) % 7;
  return `${pad(y, 4)}-W${pad(Math.floor((yday + 7 - monday0) / 7))}`;
}

/** Date buckets with the server's labels (storage/sqlite/records.ts `bucketSql`). */
export function bucketOf(bucket: "day" | "week" | "month" | "quarter" | "year", value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const s = String(value);
  switch (bucket) {
    case "day":
      return s.slice(0, 10);
    case "week":
      return isoWeekLabel(s);
    case "month":
      return s.slice(0, 7);
    case "quarter":
      return `${s.slice(0, 4)}-Q${Math.trunc((Number.parseInt(s.slice(5, 7), 10) + 2) / 3)}`;
    case "year":
      return s.slice(0, 4);
  }
}

/** A query's measure expression compiled for the JS path; a bad one is a 400 with its issues. */
function measureExpression(ctx: MemoryContext, query: Query, text: string, index: number): CompiledFormula {
  const analyzed = analyzeMeasureExpression(query, text, ctx.functions);
  if (!analyzed.typed || analyzed.issues.length > 0) {
    const first = analyzed.issues[0];
    throw new DataSourceError(
      400,
      first?.code ?? "http.badRequest",
      first?.message ?? { en: "bad measure expression", "zh-CN": "度量表达式无效" },
      `/measures/${index}/expression`,
      { issues: analyzed.issues },
    );
  }
  return compileFormula(analyzed.typed, ctx.functions);
}

/** The schema's query model over the rows the actor may read, computed in JS like the server's SQL. */
export function runQuery(
  ctx: MemoryContext,
  actor: MemoryActor,
  query: Query,
): { rows: Array<Record<string, unknown>> } {
  const entity = query.entity;
  const access = requireAccess(ctx, actor, entity, "read");
  const filter = query.filter ? callerFilter(ctx, actor, entity, query.filter, "/filter") : undefined;
  const groupBy = (query.groupBy ?? []).map((g, i) => {
    const path = g.field.split(".");
    assertReadablePath(ctx, actor, entity, path, `/groupBy/${i}/field`);
    const problem = bucketProblem(ctx.app, entity, g, i);
    if (problem) throw sourceError(400, "http.badRequest", { reason: problem.reason }, { path: problem.path });
    const through = g.through === undefined || g.bucket === undefined ? undefined : g.through.split(".");
    if (through) assertReadablePath(ctx, actor, entity, through, `/groupBy/${i}/through`);
    return { name: g.field, path, bucket: g.bucket, through };
  });
  const measures = (query.measures ?? [{ id: "count", aggregate: "count" as const }]).flatMap((m, i) => {
    if (m.aggregate === undefined) return [];
    const path = m.field?.split(".");
    if (path) assertReadablePath(ctx, actor, entity, path, `/measures/${i}/field`);
    const f: Formula | undefined = m.filter
      ? callerFilter(ctx, actor, entity, m.filter, `/measures/${i}/filter`)
      : undefined;
    return [{ id: m.id, aggregate: m.aggregate, path, filter: f, p: m.p }];
  });
  const expressions = (query.measures ?? []).flatMap((m, i) =>
    isExpressionMeasure(m) ? [{ id: m.id, run: measureExpression(ctx, query, m.expression, i) }] : [],
  );
  const sortable = new Set([
    ...groupBy.map((g) => g.name),
    ...measures.map((m) => m.id),
    ...expressions.map((m) => m.id),
  ]);
  (query.sort ?? []).forEach((s, i) => {
    if (!sortable.has(s.by)) {
      throw sourceError(
        400,
        "http.badRequest",
        { reason: `sort by '${s.by}': sort by a grouping or a measure id` },
        { path: `/sort/${i}/by` },
      );
    }
  });
  const env = envFor(ctx, actor, entity);
  const rows = [...rowsOf(ctx, entity).values()]
    .map((row) => materialize(ctx, entity, row, env))
    .filter((row) => inScope(ctx, actor, entity, access, row) && (!filter || holds(filter, row, env)));
  const groups = new Map<string, { keys: unknown[]; rows: SourceRecord[] }>();
  // A span grouping puts a record in each bucket of its span (query/span.ts), so one record
  // may join several groups; the others give one key each.
  const tooLong = groupBy.map(() => 0);
  for (const row of rows) {
    const choices = groupBy.map((g, i) => {
      const value = stored(follow(ctx, entity, row, g.path, env));
      if (!g.bucket) return [value];
      const bucket = g.bucket;
      if (!g.through) return [bucketOf(bucket, value)];
      const end = stored(follow(ctx, entity, row, g.through, env));
      const span = spanBuckets(value, end, (day) => bucketOf(bucket, day));
      if (spanTooLong(span.days)) tooLong[i] = (tooLong[i] ?? 0) + 1;
      return span.buckets;
    });
    const combos = choices.reduce<unknown[][]>(
      (acc, options) => acc.flatMap((k) => options.map((o) => [...k, o])),
      [[]],
    );
    for (const keys of combos) {
      const id = JSON.stringify(keys);
      const group = groups.get(id);
      if (group) group.rows.push(row);
      else groups.set(id, { keys, rows: [row] });
    }
  }
  tooLong.forEach((count, i) => {
    const g = query.groupBy?.[i];
    if (count > 0 && g?.through)
      throw sourceError(
        400,
        "http.spanTooLong",
        { count, max: SPAN_MAX_DAYS, weeks: SPAN_MAX_DAYS / 7, field: g.field, through: g.through },
        { path: `/groupBy/${i}/through` },
      );
  });
  // Without a grouping an aggregate query always answers one row, even over no rows.
  if (groupBy.length === 0 && groups.size === 0) groups.set("[]", { keys: [], rows: [] });
  const out = [...groups.values()].map(({ keys, rows: members }) => {
    const result: Record<string, unknown> = {};
    groupBy.forEach((g, i) => {
      result[g.name] = keys[i] ?? null;
    });
    for (const m of measures) {
      const chosen = m.filter ? members.filter((r) => holds(m.filter as Formula, r, env)) : members;
      const values = chosen
        .map((r) => (m.path ? stored(follow(ctx, entity, r, m.path, env)) : 1))
        .filter((v) => v !== null);
      result[m.id] = aggregate(m.aggregate, values, m.p);
    }
    // Differences, then ratios, as the server's SQL: blank over 0 or blank, scale first.
    const plain = { ...result };
    for (const m of query.measures ?? []) {
      if (m.minus === undefined) continue;
      const value = result[m.id];
      const minus = plain[m.minus];
      result[m.id] = value === null || minus === null ? null : Number(value) - Number(minus);
    }
    for (const m of query.measures ?? []) {
      if (m.divideBy === undefined) continue;
      const over = Number(result[m.divideBy] ?? 0);
      const value = result[m.id];
      result[m.id] = over === 0 || value === null ? null : (Number(value) * (m.percent ? 100 : 1)) / over;
    }
    // Expressions last, over the final values of the others, as the server's SQL.
    const operands = { ...result };
    for (const m of expressions) {
      const evaluated = evaluateFormula(m.run, operands, env);
      result[m.id] = evaluated.ok ? evaluated.value : null;
    }
    return result;
  });
  const order = [
    ...(query.sort ?? []).map((s) => ({ by: s.by, direction: s.direction ?? "asc" })),
    ...groupBy.map((g) => ({ by: g.name, direction: "asc" as const })),
  ];
  out.sort((a, b) => {
    for (const o of order) {
      const c = compareStored(a[o.by], b[o.by]);
      if (c !== 0) return o.direction === "desc" ? -c : c;
    }
    return 0;
  });
  const limited = out.slice(0, query.limit ?? 1000);
  return { rows: query.sort?.length ? limited : orderGroupsByOptions(ctx.app, entity, groupBy, limited) };
}
