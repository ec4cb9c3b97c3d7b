import { formulaSchema, idListSchema, idSchema, labelSchema, SCHEMA_BASE, textBlockSchema } from "./common.js";
import { EFFECT_SCHEMA_ID, PARTY_SCHEMA_ID, roleRefListSchema } from "./effect.js";

export const WORKFLOW_SCHEMA_ID = `${SCHEMA_BASE}/workflow.json` as const;

const effectsSchema = { type: "array", maxItems: 100, items: { $ref: EFFECT_SCHEMA_ID } } as const;

/**
 * A stage machine bound to a select field: its options are the states. Transitions are named,
 * may be guarded by a formula and may require fields; entering a state runs its effects.
 */
export const stateMachineSchema = {
  type: "object",
  properties: {
    kind: { const: "stateMachine" },
    id: idSchema,
    label: labelSchema,
    entity: idSchema,
    field: { ...idSchema, description: "The select field holding the state." },
    initial: idSchema,
    states: {
      type: "array",
      minItems: 1,
      maxItems: 200,
      items: {
        type: "object",
        properties: {
          id: { ...idSchema, description: "An option value of the select field." },
          label: labelSchema,
          final: { type: "boolean" },
          maxDays: { type: "number", exclusiveMinimum: 0 },
          guidance: textBlockSchema,
          exitGuards: {
            type: "array",
            maxItems: 50,
            description:
              "Conditions to leave this state forward: a transition to a state later in `states` checks those of its source and of every state it skips (unless it sets skipExitGuards); each failing one is reported with its message.",
            items: {
              type: "object",
              properties: { id: idSchema, condition: formulaSchema, message: labelSchema },
              required: ["id", "condition", "message"],
              additionalProperties: false,
            },
          },
          onEnter: effectsSchema,
        },
        required: ["id"],
        additionalProperties: false,
      },
    },
    transitions: {
      type: "array",
      maxItems: 1000,
      items: {
        type: "object",
        properties: {
          id: idSchema,
          label: labelSchema,
          from: { anyOf: [{ const: "*" }, { ...idListSchema, minItems: 1 }] },
          to: idSchema,
          guard: formulaSchema,
          guardMessage: labelSchema,
          requiredFields: idListSchema,
          skipExitGuards: {
            type: "boolean",
            description: "Leave without checking the states' exit guards (e.g. closing as lost).",
          },
          roles: roleRefListSchema,
          effects: effectsSchema,
        },
        required: ["id", "from", "to"],
        additionalProperties: false,
      },
    },
    history: {
      type: "object",
      description: "Field values copied into each history row (besides from, to, who and when).",
      properties: { fields: idListSchema },
      additionalProperties: false,
    },
  },
  required: ["kind", "id", "entity", "field", "initial", "states", "transitions"],
  additionalProperties: false,
} as const;

const slaSchema = {
  type: "object",
  properties: {
    hours: { type: "number", exclusiveMinimum: 0, maximum: 8760 },
    remindAfterHours: { type: "number", exclusiveMinimum: 0, maximum: 8760 },
    escalateTo: { anyOf: [{ const: "manager" }, { $ref: PARTY_SCHEMA_ID }] },
  },
  required: ["hours"],
  additionalProperties: false,
} as const;

/**
 * An approval process: entry criteria, ordered steps (each with an optional condition,
 * approvers, a voting mode and an SLA; steps sharing a `parallelGroup` run together),
 * and effects on submit, approval, rejection and recall.
 */
export const approvalSchema = {
  type: "object",
  properties: {
    kind: { const: "approval" },
    id: idSchema,
    label: labelSchema,
    entity: idSchema,
    entryCriteria: formulaSchema,
    entryMessage: labelSchema,
    submitters: roleRefListSchema,
    statusField: { ...idSchema, description: "A select field that mirrors the approval status." },
    allowRecall: { type: "boolean" },
    lockRecord: { type: "boolean" },
    steps: {
      type: "array",
      minItems: 1,
      maxItems: 50,
      items: {
        type: "object",
        properties: {
          id: idSchema,
          label: labelSchema,
          condition: formulaSchema,
          approvers: { $ref: PARTY_SCHEMA_ID },
          mode: { enum: ["any", "all", "percentage"] },
          percentage: { type: "number", exclusiveMinimum: 0, maximum: 100 },
          parallelGroup: idSchema,
          editableFields: idListSchema,
          allowReturn: { type: "boolean" },
          sla: slaSchema,
        },
        required: ["id", "approvers"],
        additionalProperties: false,
      },
    },
    onSubmit: effectsSchema,
    onApprove: effectsSchema,
    onReject: effectsSchema,
    onRecall: effectsSchema,
  },
  required: ["kind", "id", "entity", "steps"],
  additionalProperties: false,
} as const;

export const workflowSchema = {
  $id: WORKFLOW_SCHEMA_ID,
  type: "object",
  required: ["kind"],
  discriminator: { propertyName: "kind" },
  oneOf: [stateMachineSchema, approvalSchema],
} as const;
