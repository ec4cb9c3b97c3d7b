import { idSchema, labelSchema, SCHEMA_BASE } from "./common.js";

/**
 * A target inside an app, addressed by ids rather than array positions so it survives
 * template upgrades: `/entities/promotion/fields/plannedSpend/max`. Collections
 * (entities, fields, rules, roles, workflows, states, transitions, steps, automations,
 * pages, widgets) are followed by the id of an element.
 */
export const targetSchema = {
  type: "string",
  maxLength: 500,
  pattern: "^(/[A-Za-z][A-Za-z0-9_]{0,62})+$",
} as const;

/** `extends`: this app is a variant of a template (by app id and a semver range). */
export const extendsSchema = {
  $id: `${SCHEMA_BASE}/extends.json`,
  type: "object",
  properties: {
    app: idSchema,
    version: { type: "string", maxLength: 64, description: "A semver range of the template, e.g. ^1.2.0." },
  },
  required: ["app", "version"],
  additionalProperties: false,
} as const;

/** The changes a variant makes to its template, applied in order. */
export const overlaySchema = {
  $id: `${SCHEMA_BASE}/overlay.json`,
  type: "array",
  maxItems: 5000,
  items: {
    type: "object",
    properties: {
      op: { enum: ["set", "merge", "add", "remove"] },
      target: targetSchema,
      value: {},
      reason: labelSchema,
    },
    required: ["op", "target"],
    additionalProperties: false,
  },
} as const;

/** Red lines: parts of a template that variants may not change (or may only tighten). */
export const locksSchema = {
  $id: `${SCHEMA_BASE}/locks.json`,
  type: "array",
  maxItems: 1000,
  items: {
    type: "object",
    properties: {
      target: targetSchema,
      mode: { enum: ["frozen", "tightenOnly"] },
      reason: labelSchema,
    },
    required: ["target"],
    additionalProperties: false,
  },
} as const;
