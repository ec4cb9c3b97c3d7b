import {
  formulaSchema,
  idListSchema,
  idSchema,
  labelSchema,
  roleRefSchema,
  SCHEMA_BASE,
  textBlockSchema,
} from "./common.js";

export const PARTY_SCHEMA_ID = `${SCHEMA_BASE}/party.json` as const;
export const EFFECT_SCHEMA_ID = `${SCHEMA_BASE}/effect.json` as const;

/** An object whose keys are field ids and whose values are formulas. */
export const fieldFormulasSchema = {
  type: "object",
  propertyNames: idSchema,
  additionalProperties: formulaSchema,
  maxProperties: 500,
} as const;

/**
 * Fields set to the id of a record an earlier `createRecord` effect of the same list created
 * or found (`{ "account": "acct" }` links the field `account` to the record named `acct`).
 */
export const effectLinksSchema = {
  type: "object",
  propertyNames: idSchema,
  additionalProperties: idSchema,
  maxProperties: 50,
} as const;

/**
 * Who: approvers of a step, recipients of a notification. A role (optionally narrowed by
 * a formula over the candidate `$approver` and the record, e.g. `$approver.region = region`),
 * a user field of the record, the manager of a user field, or a fixed list of users.
 */
export const partySchema = {
  $id: PARTY_SCHEMA_ID,
  type: "object",
  required: ["kind"],
  discriminator: { propertyName: "kind" },
  oneOf: [
    {
      type: "object",
      properties: { kind: { const: "role" }, role: idSchema, match: formulaSchema },
      required: ["kind", "role"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: { kind: { const: "userField" }, field: idSchema },
      required: ["kind", "field"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: { kind: { const: "managerOf" }, field: idSchema },
      required: ["kind", "field"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: {
        kind: { const: "users" },
        users: {
          type: "array",
          items: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" },
          minItems: 1,
          maxItems: 200,
        },
      },
      required: ["kind", "users"],
      additionalProperties: false,
    },
  ],
} as const;

/**
 * What a workflow step or an automation does, as data for the host to carry out:
 * set fields, notify people, create a record, call a webhook, or run a stage transition.
 */
export const effectSchema = {
  $id: EFFECT_SCHEMA_ID,
  type: "object",
  required: ["kind"],
  discriminator: { propertyName: "kind" },
  oneOf: [
    {
      type: "object",
      properties: {
        kind: { const: "setFields" },
        values: fieldFormulasSchema,
        links: effectLinksSchema,
        relation: {
          ...idSchema,
          description:
            "A relation field of this record: set the fields of the record it points to (a line item keeping its opportunity's amount), the values computed on this record.",
        },
      },
      required: ["kind", "values"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: {
        kind: { const: "notify" },
        to: { $ref: PARTY_SCHEMA_ID },
        message: textBlockSchema,
        channel: { enum: ["inbox", "email"] },
      },
      required: ["kind", "to", "message"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: {
        kind: { const: "createRecord" },
        entity: idSchema,
        values: fieldFormulasSchema,
        as: {
          ...idSchema,
          description: "Names the record created (or found) so later effects of the same list can link to it.",
        },
        findBy: {
          type: "array",
          maxItems: 10,
          description:
            "Find before creating: key field sets (each among `values`) tried in order; the first set whose values are all filled and equal an existing record's gives that record, and nothing is created.",
          items: { ...idListSchema, minItems: 1, maxItems: 8 },
        },
        links: effectLinksSchema,
        ifMissing: {
          enum: ["create", "skip"],
          description:
            "With findBy: `skip` creates nothing when no record matches (links to it then clear their field); default `create`.",
        },
      },
      required: ["kind", "entity", "values"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: {
        kind: { const: "webhook" },
        url: { type: "string", maxLength: 2048, pattern: "^https://" },
        body: fieldFormulasSchema,
        label: labelSchema,
      },
      required: ["kind", "url"],
      additionalProperties: false,
    },
    {
      type: "object",
      properties: { kind: { const: "transition" }, workflow: idSchema, transition: idSchema },
      required: ["kind", "workflow", "transition"],
      additionalProperties: false,
    },
  ],
} as const;

export const roleRefListSchema = { type: "array", items: roleRefSchema, maxItems: 200 } as const;
