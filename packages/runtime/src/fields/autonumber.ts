import type { FromSchema } from "json-schema-to-ts";
import { T } from "../expr/types.js";
import { defineFieldKind, fieldSchema } from "./fieldKind.js";

export const autonumberFieldSchema = fieldSchema("autonumber", {
  prefix: { type: "string", pattern: "^[A-Za-z0-9_-]{0,16}$" },
  padding: { type: "integer", minimum: 0, maximum: 12 },
  start: { type: "integer", minimum: 0 },
});
export type AutonumberField = FromSchema<typeof autonumberFieldSchema>;

/** A number the system assigns on create, e.g. `PRM-000123`. */
export const autonumberKind = defineFieldKind<AutonumberField>({
  kind: "autonumber",
  schema: autonumberFieldSchema,
  computed: true,
  valueSchema: () => ({ type: "string" }),
  column: () => "text",
  formulaType: () => T.text,
});

/** Format the n-th number of an autonumber field. */
export function formatAutonumber(field: AutonumberField, n: number): string {
  return `${field.prefix ?? ""}${String(n).padStart(field.padding ?? 0, "0")}`;
}
