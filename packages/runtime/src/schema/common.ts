/**
 * Building blocks shared by every part of the App Schema meta-schema.
 * Each sub-schema is a plain `as const` object: ajv compiles it, json-schema-to-ts
 * derives the TypeScript type from it, and `app-schema.json` is assembled from it.
 */

/** Base URI of the v1 meta-schema and its sub-schemas. */
export const SCHEMA_BASE = "https://plinth.dev/schemas/app/v1";
export const APP_SCHEMA_ID = `${SCHEMA_BASE}/app.json` as const;

/** Letter first, then letters, digits or underscores; at most 63 characters (PostgreSQL keeps identifiers up to 63 bytes). */
export const ID_PATTERN = "^[A-Za-z][A-Za-z0-9_]{0,62}$";
export const idSchema = { type: "string", pattern: ID_PATTERN } as const;

/** Formulas are text in the formula language (docs/formula.md); checked semantically. */
export const FORMULA_MAX_LENGTH = 10_000;
export const formulaSchema = { type: "string", minLength: 1, maxLength: FORMULA_MAX_LENGTH } as const;

/** A label: plain text, or text per locale. */
export const labelSchema = {
  anyOf: [
    { type: "string", minLength: 1, maxLength: 500 },
    {
      type: "object",
      properties: {
        en: { type: "string", maxLength: 500 },
        "zh-CN": { type: "string", maxLength: 500 },
      },
      additionalProperties: false,
      minProperties: 1,
    },
  ],
} as const;

/** Long descriptive text (help, guidance), same shape as a label but longer. */
export const textBlockSchema = {
  anyOf: [
    { type: "string", maxLength: 20_000 },
    {
      type: "object",
      properties: {
        en: { type: "string", maxLength: 20_000 },
        "zh-CN": { type: "string", maxLength: 20_000 },
      },
      additionalProperties: false,
      minProperties: 1,
    },
  ],
} as const;

export const semverSchema = {
  type: "string",
  maxLength: 64,
  pattern:
    "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$",
} as const;

export const idListSchema = { type: "array", items: idSchema, maxItems: 1000 } as const;

/** Reference to a role by id, or "*" for every role. */
export const roleRefSchema = { type: "string", pattern: "^(\\*|[A-Za-z][A-Za-z0-9_]{0,62})$" } as const;
