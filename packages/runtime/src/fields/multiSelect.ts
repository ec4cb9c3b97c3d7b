import type { FromSchema } from "json-schema-to-ts";
import { idSchema } from "../schema/common.js";
import { defined, defineFieldKind, fieldSchema } from "./fieldKind.js";
import { optionsSchema, optionValues } from "./options.js";

export const multiSelectFieldSchema = fieldSchema(
  "multiSelect",
  {
    options: optionsSchema,
    default: { type: "array", items: idSchema, maxItems: 500 },
    maxItems: { type: "integer", minimum: 1, maximum: 500 },
  },
  ["options"],
);
export type MultiSelectField = FromSchema<typeof multiSelectFieldSchema>;

/** Any number of values out of a fixed list; stored as a JSON array. */
export const multiSelectKind = defineFieldKind<MultiSelectField>({
  kind: "multiSelect",
  schema: multiSelectFieldSchema,
  computed: false,
  valueSchema: (f) =>
    defined({
      type: "array",
      items: { type: "string", enum: optionValues(f) },
      uniqueItems: true,
      maxItems: f.maxItems ?? 500,
    }),
  column: () => "json",
  formulaType: (f) => ({ kind: "list", options: optionValues(f) }),
});
