import type { FromSchema } from "json-schema-to-ts";
import { T } from "../expr/types.js";
import { defineFieldKind, fieldSchema } from "./fieldKind.js";

export const DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";

export const dateFieldSchema = fieldSchema("date", {
  default: { anyOf: [{ type: "string", pattern: DATE_PATTERN }, { const: "$today" }] },
});
export type DateField = FromSchema<typeof dateFieldSchema>;

/** A calendar date, stored as ISO text `YYYY-MM-DD`. A default of `$today` uses the current date. */
export const dateKind = defineFieldKind<DateField>({
  kind: "date",
  schema: dateFieldSchema,
  computed: false,
  valueSchema: () => ({ type: "string", format: "date" }),
  column: () => "date",
  formulaType: () => T.date,
});
