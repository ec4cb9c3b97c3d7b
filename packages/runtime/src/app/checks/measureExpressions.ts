import type { ImplementedFunction } from "../../expr/functions/implemented.js";
import { translateToSql } from "../../expr/sql.js";
import { sqliteDialect } from "../../expr/sqlDialect.js";
import { analyzeMeasureExpression, isExpressionMeasure } from "../../query/measureExpression.js";
import type { Query } from "../../schema/types.js";
import { schemaIssue } from "../messages.js";
import type { CheckContext } from "./context.js";

/** What an expression measure computes from other measures; an aggregate's settings do not apply to it. */
const AGGREGATE_ONLY = ["aggregate", "field", "filter", "p", "minus", "divideBy", "percent"] as const;

/**
 * Each measure is either an aggregate or an expression over the query's other measures; an
 * expression must type-check as a number over them and translate to SQL (the server computes it).
 */
export function checkMeasureExpressions(ctx: CheckContext, query: Query, path: string): void {
  query.measures?.forEach((m, i) => {
    const at = `${path}/measures/${i}`;
    if (!isExpressionMeasure(m)) {
      if (m.aggregate === undefined) ctx.issues.push(schemaIssue("schema.required", at, { property: "aggregate" }));
      return;
    }
    for (const property of AGGREGATE_ONLY)
      if (m[property] !== undefined)
        ctx.issues.push(schemaIssue("schema.unknownProperty", `${at}/${property}`, { property }));
    const result = analyzeMeasureExpression(query, m.expression, ctx.functions);
    for (const issue of result.issues) ctx.issues.push({ ...issue, path: `${at}/expression${issue.path}` });
    if (!result.typed || result.issues.length > 0) return;
    const sql = translateToSql(result.typed, {
      dialect: sqliteDialect,
      functions: ctx.functions as ReadonlyMap<string, ImplementedFunction>,
      column: () => "c",
      param: () => "@p",
    });
    if (!sql.ok) for (const issue of sql.issues) ctx.issues.push({ ...issue, path: `${at}/expression${issue.path}` });
  });
}
