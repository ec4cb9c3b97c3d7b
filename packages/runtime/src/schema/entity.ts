import type { FromSchema } from "json-schema-to-ts";
import { formulaSchema, idListSchema, idSchema, labelSchema, SCHEMA_BASE, textBlockSchema } from "./common.js";

export const ENTITY_SCHEMA_ID = `${SCHEMA_BASE}/entity.json` as const;

/**
 * A validation rule in the style sales-ops teams know from Salesforce: the record is
 * invalid when `invalidWhen` is TRUE (blank counts as FALSE), and `message` says why.
 */
export const ruleSchema = {
  $id: `${SCHEMA_BASE}/rule.json`,
  type: "object",
  properties: {
    id: idSchema,
    label: labelSchema,
    invalidWhen: formulaSchema,
    message: labelSchema,
    field: { ...idSchema, description: "The field the message is shown on." },
    on: { type: "array", items: { enum: ["create", "update"] }, minItems: 1, uniqueItems: true },
    severity: { enum: ["error", "warning"] },
    auditRefusal: {
      type: "boolean",
      description:
        "When this rule refuses a write, the attempt (who, which record, the values tried) is written to the audit log.",
    },
  },
  required: ["id", "invalidWhen", "message"],
  additionalProperties: false,
} as const;
export type Rule = FromSchema<typeof ruleSchema>;

export const entitySchema = {
  $id: ENTITY_SCHEMA_ID,
  type: "object",
  properties: {
    id: idSchema,
    label: labelSchema,
    pluralLabel: labelSchema,
    description: textBlockSchema,
    icon: { type: "string", maxLength: 64 },
    titleField: { ...idSchema, description: "The field that names a record in lists and pickers." },
    appendOnly: {
      type: "boolean",
      description: "Records are only ever created: the server refuses every update and delete (a ledger).",
    },
    fields: { type: "array", minItems: 1, maxItems: 500, items: { $ref: `${SCHEMA_BASE}/field.json` } },
    rules: { type: "array", maxItems: 500, items: { $ref: `${SCHEMA_BASE}/rule.json` } },
    indexes: {
      type: "array",
      maxItems: 100,
      items: {
        type: "object",
        properties: { fields: { ...idListSchema, minItems: 1, maxItems: 8 }, unique: { type: "boolean" } },
        required: ["fields"],
        additionalProperties: false,
      },
    },
  },
  required: ["id", "fields"],
  additionalProperties: false,
} as const;
