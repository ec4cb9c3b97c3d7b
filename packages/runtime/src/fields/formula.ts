import type { FromSchema } from "json-schema-to-ts";
import { formulaSchema } from "../schema/common.js";
import { defineFieldKind, fieldSchema } from "./fieldKind.js";

export const formulaResultTypes = ["number", "text", "boolean", "date", "datetime"] as const;

export const formulaFieldSchema = fieldSchema(
  "formula",
  {
    expression: formulaSchema,
    resultType: { enum: formulaResultTypes },
    format: { enum: ["number", "currency", "percent"] },
    decimals: { type: "integer", minimum: 0, maximum: 10 },
  },
  ["expression"],
);
export type FormulaField = FromSchema<typeof formulaFieldSchema>;

const valueSchemas = {
  number: { type: "number" },
  text: { type: "string" },
  boolean: { type: "boolean" },
  date: { type: "string", format: "date" },
  datetime: { type: "string", format: "date-time" },
} as const;

/** A value computed from the record by an expression in the formula language. */
export const formulaKind = defineFieldKind<FormulaField>({
  kind: "formula",
  schema: formulaFieldSchema,
  computed: true,
  valueSchema: (f) => (f.resultType ? valueSchemas[f.resultType] : {}),
  column: (f) => (f.resultType === "number" ? "real" : f.resultType === "boolean" ? "boolean" : "text"),
  formulaType: (f) => (f.resultType ? { kind: f.resultType } : undefined),
});
