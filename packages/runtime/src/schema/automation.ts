import { formulaSchema, idListSchema, idSchema, labelSchema, SCHEMA_BASE } from "./common.js";
import { EFFECT_SCHEMA_ID } from "./effect.js";

export const AUTOMATION_SCHEMA_ID = `${SCHEMA_BASE}/automation.json` as const;

/**
 * When something happens to records of an entity (created, updated, deleted, a condition
 * turns true, or on a schedule) and `condition` holds, run the actions.
 */
export const automationSchema = {
  $id: AUTOMATION_SCHEMA_ID,
  type: "object",
  properties: {
    id: idSchema,
    label: labelSchema,
    entity: idSchema,
    enabled: { type: "boolean" },
    trigger: {
      type: "object",
      required: ["kind"],
      discriminator: { propertyName: "kind" },
      oneOf: [
        { type: "object", properties: { kind: { const: "create" } }, required: ["kind"], additionalProperties: false },
        {
          type: "object",
          properties: { kind: { const: "update" }, fields: idListSchema },
          required: ["kind"],
          additionalProperties: false,
        },
        { type: "object", properties: { kind: { const: "delete" } }, required: ["kind"], additionalProperties: false },
        {
          type: "object",
          description:
            "Fires once for a record when the formula turns from FALSE to TRUE (checked on write and hourly).",
          properties: { kind: { const: "becomesTrue" }, formula: formulaSchema },
          required: ["kind", "formula"],
          additionalProperties: false,
        },
        {
          type: "object",
          properties: {
            kind: { const: "schedule" },
            every: { enum: ["hour", "day", "week", "month"] },
            at: { type: "string", pattern: "^([01]\\d|2[0-3]):[0-5]\\d$" },
          },
          required: ["kind", "every"],
          additionalProperties: false,
        },
      ],
    },
    condition: formulaSchema,
    actions: { type: "array", minItems: 1, maxItems: 50, items: { $ref: EFFECT_SCHEMA_ID } },
  },
  required: ["id", "entity", "trigger", "actions"],
  additionalProperties: false,
} as const;
