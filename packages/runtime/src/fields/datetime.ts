import type { FromSchema } from "json-schema-to-ts";
import { T } from "../expr/types.js";
import { defineFieldKind, fieldSchema } from "./fieldKind.js";

export const datetimeFieldSchema = fieldSchema("datetime", {
  default: { const: "$now" },
});
export type DatetimeField = FromSchema<typeof datetimeFieldSchema>;

/** A moment in time, stored as UTC ISO text `YYYY-MM-DDTHH:MM:SS.sssZ`. */
export const datetimeKind = defineFieldKind<DatetimeField>({
  kind: "datetime",
  schema: datetimeFieldSchema,
  computed: false,
  valueSchema: () => ({ type: "string", format: "date-time" }),
  column: () => "datetime",
  formulaType: () => T.datetime,
});
