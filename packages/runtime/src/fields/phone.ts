import type { FromSchema } from "json-schema-to-ts";
import { T } from "../expr/types.js";
import { defineFieldKind, fieldSchema } from "./fieldKind.js";

/** Digits with the usual separators and an optional leading +; 3 to 32 characters. */
export const PHONE_PATTERN = "^\\+?[0-9][0-9 ()\\-.]{1,30}[0-9]$";

export const phoneFieldSchema = fieldSchema("phone", { default: { type: "string", pattern: PHONE_PATTERN } });
export type PhoneField = FromSchema<typeof phoneFieldSchema>;

/** A telephone number. */
export const phoneKind = defineFieldKind<PhoneField>({
  kind: "phone",
  schema: phoneFieldSchema,
  computed: false,
  valueSchema: () => ({ type: "string", pattern: PHONE_PATTERN }),
  column: () => "text",
  formulaType: () => T.text,
});
