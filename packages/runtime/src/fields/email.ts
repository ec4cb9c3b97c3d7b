import type { FromSchema } from "json-schema-to-ts";
import { T } from "../expr/types.js";
import { defineFieldKind, fieldSchema } from "./fieldKind.js";

export const emailFieldSchema = fieldSchema("email", { default: { type: "string", format: "email" } });
export type EmailField = FromSchema<typeof emailFieldSchema>;

/** An e-mail address. */
export const emailKind = defineFieldKind<EmailField>({
  kind: "email",
  schema: emailFieldSchema,
  computed: false,
  valueSchema: () => ({ type: "string", format: "email", maxLength: 320 }),
  column: () => "text",
  formulaType: () => T.text,
});
