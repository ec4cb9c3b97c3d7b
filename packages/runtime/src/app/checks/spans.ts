import type { Query, Widget } from "../../schema/types.js";
import { schemaIssue } from "../messages.js";
import type { EntityModel } from "../model.js";
import type { CheckContext } from "./context.js";
import { refFieldPath } from "./refs.js";

const DATES = ["date", "datetime"];

/**
 * A span grouping (`through`) buckets a date range: it needs a bucket, its end is a date or
 * datetime path of the query's entity, and a query has at most one (each record joins one
 * bucket per day range, never a cross product of two ranges).
 */
export function checkSpanGroupings(
  ctx: CheckContext,
  entity: EntityModel | undefined,
  query: Query,
  path: string,
): void {
  let spans = 0;
  query.groupBy?.forEach((g, i) => {
    if (g.through === undefined) return;
    const at = `${path}/groupBy/${i}`;
    if (g.bucket === undefined) ctx.issues.push(schemaIssue("schema.required", at, { property: "bucket" }));
    if (++spans > 1) ctx.issues.push(schemaIssue("schema.oneSpanGrouping", `${at}/through`));
    const found = refFieldPath(ctx, entity, g.through, `${at}/through`);
    if (found && !DATES.includes(found.field.kind))
      ctx.issues.push(
        schemaIssue("schema.wrongFieldKind", `${at}/through`, {
          field: g.through,
          actual: found.field.kind,
          expected: "a date or datetime field",
        }),
      );
  });
}

/** What a chart type needs of its query, where it needs more than any query gives. */
const SHAPES: Partial<Record<Widget["type"], { groupings: number; measures: number; en: string; zh: string }>> = {
  heatmap: {
    groupings: 2,
    measures: 1,
    en: "exactly two groupings (rows, then columns) and one measure",
    zh: "恰好两个分组（先行后列）和一个度量",
  },
};

/** A heat-map has rows and columns (two groupings) and one value per cell (one measure). */
export function checkWidgetShape(ctx: CheckContext, widget: Widget, path: string): void {
  const shape = SHAPES[widget.type];
  if (!shape) return;
  const groupings = widget.query.groupBy?.length ?? 0;
  const measures = widget.query.measures?.length ?? 0;
  if (groupings === shape.groupings && measures === shape.measures) return;
  ctx.issues.push(
    schemaIssue("schema.widgetShape", `${path}/query`, {
      type: widget.type,
      expected: shape.en,
      expectedZh: shape.zh,
      groupings,
      measures,
    }),
  );
}
