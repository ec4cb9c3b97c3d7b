import type { FromSchema } from "json-schema-to-ts";
import { T } from "../expr/types.js";
import { defined, defineFieldKind, fieldSchema } from "./fieldKind.js";

export const numberFieldSchema = fieldSchema("number", {
  default: { type: "number" },
  min: { type: "number" },
  max: { type: "number" },
  integer: { type: "boolean" },
  decimals: { type: "integer", minimum: 0, maximum: 10 },
});
export type NumberField = FromSchema<typeof numberFieldSchema>;

/** A plain number, optionally whole and bounded. */
export const numberKind = defineFieldKind<NumberField>({
  kind: "number",
  schema: numberFieldSchema,
  computed: false,
  valueSchema: (f) => defined({ type: f.integer ? "integer" : "number", minimum: f.min, maximum: f.max }),
  column: (f) => (f.integer ? "integer" : "real"),
  formulaType: () => T.number,
});
