import { formulaSchema, idListSchema, idSchema, labelSchema, SCHEMA_BASE, textBlockSchema } from "./common.js";
import { fieldFormulasSchema } from "./effect.js";

export const COMPUTATION_SCHEMA_ID = `${SCHEMA_BASE}/computation.json` as const;

/** The aggregates a computation can take over a peer group (docs/workflows.md, "Computations"). */
export const computationAggregates = [
  "count",
  "sum",
  "avg",
  "min",
  "max",
  "stdev",
  "percentile",
  "percentRank",
  "rank",
  "spearman",
] as const;

/**
 * One statistic over a set of records: an aggregate of a field, over the records whose
 * `filter` holds, per partition (`partitionBy`: records with equal values of these fields form
 * one group; none = all the records of the run). `percentRank` and `rank` are per record (the
 * record's own value placed among its partition's); the others are per partition.
 */
export const computationStatSchema = {
  type: "object",
  properties: {
    aggregate: { enum: computationAggregates },
    field: { ...idSchema, description: "The number field aggregated (not needed for count)." },
    with: { ...idSchema, description: "spearman: the second number field, correlated with `field`." },
    p: { type: "number", minimum: 0, maximum: 100, description: "percentile: which one (0–100, e.g. 5 or 95)." },
    partitionBy: { ...idListSchema, maxItems: 8 },
    filter: formulaSchema,
  },
  required: ["aggregate"],
  additionalProperties: false,
} as const;

/**
 * A computation across records, run when a record of `runOn.entity` (the run, which also
 * keeps the run's log) takes a stage-machine transition: the records of `entity` whose fields
 * equal the `match` values (formulas over the run) and satisfy `where` get `values` (formulas
 * over each record, with `$stats.<id>` of its partitions and `$run.<field>`); `summary`
 * aggregates over those records afterwards are written to fields of the run.
 */
export const computationSchema = {
  $id: COMPUTATION_SCHEMA_ID,
  type: "object",
  properties: {
    id: idSchema,
    label: labelSchema,
    description: textBlockSchema,
    entity: idSchema,
    runOn: {
      type: "object",
      properties: { entity: idSchema, workflow: idSchema, transition: idSchema },
      required: ["entity", "workflow"],
      additionalProperties: false,
    },
    match: fieldFormulasSchema,
    where: formulaSchema,
    stats: { type: "object", propertyNames: idSchema, additionalProperties: computationStatSchema, maxProperties: 50 },
    values: { ...fieldFormulasSchema, minProperties: 1 },
    summary: {
      type: "object",
      propertyNames: idSchema,
      additionalProperties: computationStatSchema,
      maxProperties: 50,
    },
  },
  required: ["id", "entity", "runOn", "values"],
  additionalProperties: false,
} as const;
