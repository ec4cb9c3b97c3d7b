import type { FromSchema } from "json-schema-to-ts";
import { T } from "../expr/types.js";
import { defineFieldKind, fieldSchema } from "./fieldKind.js";

export const booleanFieldSchema = fieldSchema("boolean", { default: { type: "boolean" } });
export type BooleanField = FromSchema<typeof booleanFieldSchema>;

/** Yes or no. */
export const booleanKind = defineFieldKind<BooleanField>({
  kind: "boolean",
  schema: booleanFieldSchema,
  computed: false,
  valueSchema: () => ({ type: "boolean" }),
  column: () => "boolean",
  formulaType: () => T.boolean,
});
