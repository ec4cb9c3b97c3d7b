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
          description:
            "Fires after a stage-machine transition is taken (any transition of the workflow when `transition` is omitted).",
          properties: { kind: { const: "transition" }, workflow: idSchema, transition: idSchema },
          required: ["kind", "workflow"],
          additionalProperties: false,
        },
        {
          type: "object",
          description: "Fires when an approval request reaches an outcome.",
          properties: {
            kind: { const: "approval" },
            workflow: idSchema,
            outcome: { enum: ["submitted", "approved", "rejected", "returned", "recalled"] },
          },
          required: ["kind", "workflow", "outcome"],
          additionalProperties: false,
        },
        {
          type: "object",
          description: "Fires for each record N days after (or, negative, before) the date in `field`, at `at` (UTC).",
          properties: {
            kind: { const: "dateOffset" },
            field: idSchema,
            days: { type: "integer", minimum: -3650, maximum: 3650 },
            at: { type: "string", pattern: "^([01]\\d|2[0-3]):[0-5]\\d$" },
          },
          required: ["kind", "field", "days"],
          additionalProperties: false,
        },
        {
          type: "object",
          description: "Fires on a cron schedule (five fields: minute hour day-of-month month day-of-week, UTC).",
          properties: {
            kind: { const: "cron" },
            expression: { type: "string", maxLength: 100, pattern: "^\\S+( \\S+){4}$" },
          },
          required: ["kind", "expression"],
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
