import { formulaSchema, idSchema, labelSchema, SCHEMA_BASE } from "./common.js";

export const QUERY_SCHEMA_ID = `${SCHEMA_BASE}/query.json` as const;

/** A dotted field path: `amount`, `account.region` (follows relations). */
export const fieldPathSchema = {
  type: "string",
  maxLength: 200,
  pattern: "^[A-Za-z][A-Za-z0-9_]{0,62}(\\.[A-Za-z][A-Za-z0-9_]{0,62}){0,3}$",
} as const;

export const dateBuckets = ["day", "week", "month", "quarter", "year"] as const;
export const aggregates = ["count", "countDistinct", "sum", "avg", "min", "max", "median", "percentile"] as const;

/**
 * The one query model shared by lists and dashboards: an entity, a filter formula,
 * optional grouping (by a field or a date bucket) and measures. Translated to SQL.
 */
export const querySchema = {
  $id: QUERY_SCHEMA_ID,
  type: "object",
  properties: {
    entity: idSchema,
    filter: formulaSchema,
    groupBy: {
      type: "array",
      maxItems: 3,
      items: {
        type: "object",
        properties: {
          field: fieldPathSchema,
          bucket: { enum: dateBuckets },
          through: {
            ...fieldPathSchema,
            description:
              "With a bucket: the date where each record's span ends; the record counts once in every bucket from `field` through it (a promotion in every week it runs: `in_store_from` through `in_store_to`). A blank end, or one before the start, counts the start's bucket alone. A span is at most 371 days (53 weeks); a query over a longer one is refused with http.spanTooLong. One span grouping per query.",
          },
          blankLabel: {
            ...labelSchema,
            description: "What the group of blank values is called (the HQ reserve, which belongs to no region).",
          },
        },
        required: ["field"],
        additionalProperties: false,
      },
    },
    measures: {
      type: "array",
      maxItems: 20,
      items: {
        type: "object",
        properties: {
          id: idSchema,
          label: labelSchema,
          aggregate: {
            enum: aggregates,
            description: "How the rows are aggregated; required unless `expression` is given.",
          },
          field: fieldPathSchema,
          filter: formulaSchema,
          divideBy: {
            ...idSchema,
            description:
              "Another measure of this query (without divideBy): the result is this aggregate divided by it, blank when it is 0 or blank (a win rate: won count divided by closed count).",
          },
          percent: { type: "boolean", description: "With divideBy: the ratio times 100." },
          p: {
            type: "number",
            minimum: 0,
            maximum: 100,
            description:
              "For percentile: which one, 0–100 (90 = p90), interpolated linearly between neighbours as PERCENTILE.INC.",
          },
          minus: {
            ...idSchema,
            description:
              "Another plain measure of this query subtracted from this aggregate, before any divideBy (quota minus closed: what is left to sell).",
          },
          format: {
            enum: ["number", "currency", "percent"],
            description:
              "How this measure's numbers read, over the widget's format (a utilisation ratio in a table of money).",
          },
          expression: {
            ...formulaSchema,
            description:
              "In place of an aggregate: a number formula over the ids of this query's other measures (their final values, ratios and differences included; not other expressions), computed per group after them, in SQL. Division by 0 gives blank. Sales velocity: `open * win_rate * avg_deal / cycle_days`.",
          },
        },
        required: ["id"],
        additionalProperties: false,
      },
    },
    sort: {
      type: "array",
      maxItems: 5,
      items: {
        type: "object",
        properties: { by: fieldPathSchema, direction: { enum: ["asc", "desc"] } },
        required: ["by"],
        additionalProperties: false,
      },
    },
    limit: { type: "integer", minimum: 1, maximum: 10_000 },
  },
  required: ["entity"],
  additionalProperties: false,
} as const;

export const widgetTypes = ["kpi", "bar", "line", "area", "pie", "funnel", "table", "scatter", "heatmap"] as const;

export const bandColors = ["green", "amber", "red"] as const;

/**
 * Traffic-light colours for one measure of a widget: the first band whose bound the value does
 * not exceed gives the colour; a band without a bound takes every value above the others.
 */
export const thresholdSchema = {
  type: "object",
  properties: {
    measure: { ...idSchema, description: "The measure of the widget's query whose values are coloured." },
    bands: {
      type: "array",
      minItems: 1,
      maxItems: 5,
      items: {
        type: "object",
        properties: {
          color: { enum: bandColors },
          atMost: {
            anyOf: [{ type: "number" }, idSchema],
            description:
              "The band's upper bound (inclusive): a number, or the id of another measure of the query, read in the same row (a region's target). Omitted: no bound (the last band).",
          },
          times: {
            type: "number",
            exclusiveMinimum: 0,
            maximum: 1000,
            description: "Multiplies the bound (amber up to the target × 1.1).",
          },
        },
        required: ["color"],
        additionalProperties: false,
      },
    },
  },
  required: ["measure", "bands"],
  additionalProperties: false,
} as const;

/** A dashboard widget: a query and the way to show it, placed on a 12-column grid. */
export const widgetSchema = {
  $id: `${SCHEMA_BASE}/widget.json`,
  type: "object",
  properties: {
    id: idSchema,
    label: labelSchema,
    type: {
      enum: widgetTypes,
      description:
        "How the query shows. `heatmap`: exactly two groupings (rows, then columns) and one measure, a cell's colour its value (SKU × week); thresholds flag cells (overlaps).",
    },
    query: { $ref: QUERY_SCHEMA_ID },
    format: { enum: ["number", "currency", "percent"] },
    thresholds: {
      type: "array",
      maxItems: 20,
      description:
        "Colour a measure's values green, amber or red by bands (expense ratio vs target: green up to the target, amber up to the target × 1.1, red above); a blank value or bound gets no colour.",
      items: thresholdSchema,
    },
    layout: {
      type: "object",
      properties: {
        x: { type: "integer", minimum: 0, maximum: 11 },
        y: { type: "integer", minimum: 0, maximum: 1000 },
        w: { type: "integer", minimum: 1, maximum: 12 },
        h: { type: "integer", minimum: 1, maximum: 24 },
      },
      required: ["x", "y", "w", "h"],
      additionalProperties: false,
    },
  },
  required: ["id", "type", "query"],
  additionalProperties: false,
} as const;
