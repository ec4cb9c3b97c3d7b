import { idSchema, labelSchema, SCHEMA_BASE } from "./common.js";

const userIdSchema = { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } as const;
const valuesSchema = { type: "object", propertyNames: idSchema, maxProperties: 500 } as const;

/**
 * App-level scenario tests: given users and records, when users act, expect values,
 * statuses and error codes. `plinth test` runs them against the core or a server.
 */
export const scenarioSchema = {
  $id: `${SCHEMA_BASE}/scenario.json`,
  type: "object",
  properties: {
    id: idSchema,
    label: labelSchema,
    today: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
    users: {
      type: "array",
      maxItems: 200,
      items: {
        type: "object",
        properties: {
          id: userIdSchema,
          roles: { type: "array", items: idSchema, maxItems: 50 },
          region: { type: "string", maxLength: 200 },
          team: { type: "string", maxLength: 200 },
          manager: userIdSchema,
        },
        required: ["id", "roles"],
        additionalProperties: false,
      },
    },
    given: {
      type: "array",
      maxItems: 10_000,
      items: {
        type: "object",
        properties: { entity: idSchema, ref: idSchema, values: valuesSchema },
        required: ["entity", "values"],
        additionalProperties: false,
      },
    },
    steps: {
      type: "array",
      minItems: 1,
      maxItems: 1000,
      items: {
        type: "object",
        properties: {
          as: userIdSchema,
          do: {
            enum: [
              "create",
              "update",
              "delete",
              "read",
              "transition",
              "submit",
              "approve",
              "reject",
              "recall",
              "return",
            ],
          },
          entity: idSchema,
          ref: { ...idSchema, description: "The record, by the `ref` it was given in `given` or an earlier step." },
          values: valuesSchema,
          transition: idSchema,
          workflow: idSchema,
          comment: { type: "string", maxLength: 5000 },
          advanceHours: { type: "number", minimum: 0 },
          expect: {
            type: "object",
            properties: {
              ok: { type: "boolean" },
              code: { type: "string", maxLength: 200 },
              values: valuesSchema,
            },
            additionalProperties: false,
          },
        },
        required: ["do"],
        additionalProperties: false,
      },
    },
  },
  required: ["id", "steps"],
  additionalProperties: false,
} as const;
