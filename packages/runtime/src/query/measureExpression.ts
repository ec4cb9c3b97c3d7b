import { type AnalyzeResult, analyzeFormula } from "../expr/front.js";
import type { FunctionSpec } from "../expr/functionSpec.js";
import type { FormulaScope } from "../expr/scope.js";
import { createScope } from "../expr/scopeBuilder.js";
import type { Query } from "../schema/types.js";

type Measure = NonNullable<Query["measures"]>[number];

/**
 * The entity name a measure expression's scope gives the measures (issues say "… on
 * query measures"); it is no entity of any app.
 */
export const MEASURES_SCOPE = "query measures";

/** Aggregates that always give a number (min and max keep their field's kind: a date stays a date). */
const NUMERIC_AGGREGATES: ReadonlySet<string> = new Set([
  "count",
  "countDistinct",
  "sum",
  "avg",
  "median",
  "percentile",
]);

/** A measure computed from the query's other measures rather than aggregated from rows. */
export function isExpressionMeasure(measure: Measure): measure is Measure & { readonly expression: string } {
  return measure.expression !== undefined;
}

/**
 * The measures an expression may name: every number measure of the query that is no expression
 * itself (plain aggregates, differences and ratios, read at their final value).
 */
export function expressionOperands(query: Query): string[] {
  return (query.measures ?? [])
    .filter(
      (m) =>
        !isExpressionMeasure(m) &&
        (m.divideBy !== undefined || (m.aggregate !== undefined && NUMERIC_AGGREGATES.has(m.aggregate))),
    )
    .map((m) => m.id);
}

/** The formula scope of a query's measure expressions: each operand is a number; no variables. */
export function measureExpressionScope(query: Query): FormulaScope {
  const fields = Object.fromEntries(expressionOperands(query).map((id) => [id, { kind: "number" as const }]));
  return createScope({ entity: MEASURES_SCOPE, entities: { [MEASURES_SCOPE]: fields } });
}

/**
 * Parse and type-check a measure expression against its query: a number formula whose fields
 * are the query's other measures. The server translates the typed tree to SQL (each field the
 * SQL of that measure); the memory source evaluates it over the measures' results; both give
 * blank for a blank operand and for a division by 0.
 *
 * @example
 * analyzeMeasureExpression(query, "open * win_rate * avg_deal / cycle_days", standardFunctions).typed
 */
export function analyzeMeasureExpression(
  query: Query,
  text: string,
  functions: ReadonlyMap<string, FunctionSpec>,
): AnalyzeResult {
  return analyzeFormula(text, measureExpressionScope(query), functions, { expected: "number" });
}
