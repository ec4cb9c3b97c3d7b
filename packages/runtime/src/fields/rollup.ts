import type { FromSchema } from "json-schema-to-ts";
import { T } from "../expr/types.js";
import { formulaSchema, idSchema } from "../schema/common.js";
import { defineFieldKind, fieldSchema } from "./fieldKind.js";

export const rollupFieldSchema = fieldSchema(
  "rollup",
  {
    from: { ...idSchema, description: "The child entity that holds a relation to this one." },
    via: { ...idSchema, description: "The relation field on the child entity that points to this entity." },
    aggregate: { enum: ["count", "sum", "avg", "min", "max"] },
    field: { ...idSchema, description: "The child field aggregated (not needed for count)." },
    filter: formulaSchema,
  },
  ["from", "via", "aggregate"],
);
export type RollupField = FromSchema<typeof rollupFieldSchema>;

/**
 * An aggregate over related child records, e.g. the sum of `amount` over an account's
 * opportunities where `stage = 'won'`. Computed in SQL; min/max of a date give a date
 * (the app layer types those from the child field).
 */
export const rollupKind = defineFieldKind<RollupField>({
  kind: "rollup",
  schema: rollupFieldSchema,
  computed: true,
  valueSchema: () => ({}),
  column: () => undefined,
  formulaType: (f) => (f.aggregate === "min" || f.aggregate === "max" ? undefined : T.number),
});
