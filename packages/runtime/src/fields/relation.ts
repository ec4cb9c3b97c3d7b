import type { FromSchema } from "json-schema-to-ts";
import { idSchema, labelSchema } from "../schema/common.js";
import { defineFieldKind, fieldSchema } from "./fieldKind.js";
import { RECORD_ID_PATTERN } from "./user.js";

export const relationFieldSchema = fieldSchema(
  "relation",
  {
    target: idSchema,
    onDelete: { enum: ["restrict", "setNull", "cascade"] },
    inverse: {
      type: "object",
      description: "The one-to-many side, usable in related lists and rollups of the target entity.",
      properties: { id: idSchema, label: labelSchema },
      required: ["id"],
      additionalProperties: false,
    },
  },
  ["target"],
);
export type RelationField = FromSchema<typeof relationFieldSchema>;

/**
 * Many-to-one link to a record of `target`. Formulas follow it with a dot (`account.region`);
 * the target sees the reverse side under `inverse.id` in related lists and rollups.
 */
export const relationKind = defineFieldKind<RelationField>({
  kind: "relation",
  schema: relationFieldSchema,
  computed: false,
  valueSchema: () => ({ type: "string", pattern: RECORD_ID_PATTERN }),
  column: () => "text",
  formulaType: (f) => ({ kind: "text", ref: f.target }),
});
