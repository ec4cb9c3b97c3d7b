import { standardFieldKinds } from "../fields/index.js";
import { SCHEMA_BASE } from "./common.js";

export const FIELD_SCHEMA_ID = `${SCHEMA_BASE}/field.json` as const;

/** Every field kind's meta-schema, in a stable order (the union below refers to them by $id). */
export const fieldKindSchemas = Object.values(standardFieldKinds).map((k) => k.schema);

/**
 * A field: one of the field kinds, chosen by `kind`. `discriminator` makes ajv report one
 * precise error for a bad field instead of one per kind.
 */
export const fieldUnionSchema = {
  $id: FIELD_SCHEMA_ID,
  type: "object",
  required: ["kind"],
  discriminator: { propertyName: "kind" },
  oneOf: fieldKindSchemas.map((s) => ({ $ref: String(s.$id) })),
};
