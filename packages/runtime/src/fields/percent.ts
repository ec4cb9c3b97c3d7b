import type { FromSchema } from "json-schema-to-ts";
import { T } from "../expr/types.js";
import { defineFieldKind, fieldSchema } from "./fieldKind.js";

export const percentFieldSchema = fieldSchema("percent", {
  default: { type: "number" },
  min: { type: "number" },
  max: { type: "number" },
  decimals: { type: "integer", minimum: 0, maximum: 6 },
});
export type PercentField = FromSchema<typeof percentFieldSchema>;

/** A percentage stored as the number shown (25 means 25 %); 0–100 unless bounds say otherwise. */
export const percentKind = defineFieldKind<PercentField>({
  kind: "percent",
  schema: percentFieldSchema,
  computed: false,
  valueSchema: (f) => ({ type: "number", minimum: f.min ?? 0, maximum: f.max ?? 100 }),
  column: () => "real",
  formulaType: () => T.number,
});
