import type { FromSchema } from "json-schema-to-ts";
import { idSchema } from "../schema/common.js";
import { defineFieldKind, fieldSchema } from "./fieldKind.js";
import { optionsSchema, optionValues } from "./options.js";

export const selectFieldSchema = fieldSchema("select", { options: optionsSchema, default: idSchema }, ["options"]);
export type SelectField = FromSchema<typeof selectFieldSchema>;

/** One value out of a fixed list of options. */
export const selectKind = defineFieldKind<SelectField>({
  kind: "select",
  schema: selectFieldSchema,
  computed: false,
  valueSchema: (f) => ({ type: "string", enum: optionValues(f) }),
  column: () => "text",
  formulaType: (f) => ({ kind: "text", options: optionValues(f) }),
});
