import {
  analyzeMeasureExpression,
  bucketProblem,
  isExpressionMeasure,
  orderGroupsByOptions,
  type Query,
  SPAN_MAX_DAYS,
  type TypedNode,
} from "@plinth/runtime";
import type { PublishedApp } from "../apps/published.js";
import type { ServerContext } from "../http/context.js";
import { HttpError, httpError } from "../http/errors.js";
import type { Condition, ReadTx, Row } from "../storage/types.js";
import { requireAccess, rowCondition } from "./access.js";
import { and, assertReadableFormula, assertReadablePath, compileFilter, withCallerFormula } from "./formulas.js";
import type { Actor } from "./userContext.js";

/** A query's measure expression, type-checked over its other measures; a bad one is a 400 with its issues. */
function measureExpression(ctx: ServerContext, query: Query, text: string, index: number): TypedNode {
  const analyzed = analyzeMeasureExpression(query, text, ctx.runtime.functions);
  if (analyzed.typed && analyzed.issues.length === 0) return analyzed.typed;
  const first = analyzed.issues[0];
  throw new HttpError(
    400,
    first?.code ?? "http.badRequest",
    first?.message ?? { en: "bad measure expression", "zh-CN": "度量表达式无效" },
    `/measures/${index}/expression`,
    { issues: analyzed.issues },
  );
}

/**
 * Run a dashboard query (the schema's query model) in SQL over the rows the actor may read.
 * Hidden fields cannot be grouped, measured or filtered on.
 */
export async function runQuery(
  ctx: ServerContext,
  tx: ReadTx,
  published: PublishedApp,
  actor: Actor,
  query: Query,
): Promise<{ rows: Row[] }> {
  const entity = query.entity;
  const access = requireAccess(published, actor, entity, "read");
  let where: Condition = rowCondition(access);
  if (query.filter) {
    const typed = compileFilter(ctx, published, entity, query.filter, "/filter");
    assertReadableFormula(published, actor, entity, typed, "/filter");
    where = and(where, { kind: "formula", typed });
  }
  const groupBy = (query.groupBy ?? []).map((g, i) => {
    const path = g.field.split(".");
    assertReadablePath(published, actor, entity, path, `/groupBy/${i}/field`);
    // PostgreSQL casts a bucketed value to a date: anything else would fail there, not answer.
    const problem = bucketProblem(published.stored.schema, entity, g, i);
    if (problem) throw httpError(400, "http.badRequest", { reason: problem.reason }, { path: problem.path });
    if (g.through === undefined || g.bucket === undefined) return { path, bucket: g.bucket };
    const through = g.through.split(".");
    assertReadablePath(published, actor, entity, through, `/groupBy/${i}/through`);
    return { path, bucket: g.bucket, through };
  });
  const measures = (query.measures ?? [{ id: "count", aggregate: "count" as const }]).flatMap((m, i) => {
    if (m.aggregate === undefined) return [];
    const path = m.field?.split(".");
    if (path) assertReadablePath(published, actor, entity, path, `/measures/${i}/field`);
    let filter: Condition | undefined;
    if (m.filter) {
      const typed = compileFilter(ctx, published, entity, m.filter, `/measures/${i}/filter`);
      assertReadableFormula(published, actor, entity, typed, `/measures/${i}/filter`);
      filter = { kind: "formula", typed };
    }
    return [
      {
        id: m.id,
        aggregate: m.aggregate,
        path,
        filter,
        ...(m.divideBy === undefined ? {} : { divideBy: m.divideBy, percent: m.percent === true }),
        ...(m.minus === undefined ? {} : { minus: m.minus }),
        ...(m.p === undefined ? {} : { p: m.p }),
      },
    ];
  });
  const expressions = (query.measures ?? []).flatMap((m, i) =>
    isExpressionMeasure(m) ? [{ id: m.id, typed: measureExpression(ctx, query, m.expression, i) }] : [],
  );
  const ids = [...measures.map((m) => m.id), ...expressions.map((m) => m.id)];
  const sortable = new Set([...groupBy.map((g) => g.path.join(".")), ...ids]);
  (query.sort ?? []).forEach((s, i) => {
    if (!sortable.has(s.by)) {
      throw httpError(
        400,
        "http.badRequest",
        { reason: `sort by '${s.by}': sort by a grouping or a measure id` },
        { path: `/sort/${i}/by` },
      );
    }
  });
  const callerFormula = query.filter ? "/filter" : measures.some((m) => m.filter) ? "/measures" : undefined;
  // A span grouping counts a record in every bucket of its days: refuse over-long spans up front
  // rather than join each of them to its days (query/span.ts in the runtime bounds the span).
  for (const [i, g] of groupBy.entries()) {
    if (g.through === undefined) continue;
    const through = g.through;
    const count = await withCallerFormula(query.filter ? "/filter" : undefined, () =>
      tx.records(published.stored).countLongSpans(entity, {
        where,
        env: actor.env,
        from: g.path,
        through,
        maxDays: SPAN_MAX_DAYS - 1,
      }),
    );
    if (count > 0)
      throw httpError(
        400,
        "http.spanTooLong",
        { count, max: SPAN_MAX_DAYS, weeks: SPAN_MAX_DAYS / 7, field: g.path.join("."), through: through.join(".") },
        { path: `/groupBy/${i}/through` },
      );
  }
  const rows = await withCallerFormula(callerFormula, () =>
    tx.records(published.stored).aggregate(entity, {
      where,
      env: actor.env,
      groupBy,
      measures,
      expressions,
      sort: (query.sort ?? []).map((s) => ({ by: s.by, direction: s.direction ?? "asc" })),
      limit: query.limit ?? 1000,
    }),
  );
  const names = groupBy.map((g) => g.path.join("."));
  const shaped = rows.map((row) => {
    const out: Row = {};
    names.forEach((name, i) => {
      out[name] = row[`g${i}`];
    });
    for (const id of ids) out[id] = row[id];
    return out;
  });
  // Without a sort, select groupings come in their options' order (stages as the schema lists them).
  if (query.sort?.length) return { rows: shaped };
  const groups = groupBy.map((g, i) => ({ name: names[i] as string, path: g.path }));
  return { rows: orderGroupsByOptions(published.stored.schema, entity, groups, shaped) };
}
