import type { FromSchema } from "json-schema-to-ts";
import { T } from "../expr/types.js";
import { defineFieldKind, fieldSchema } from "./fieldKind.js";

export const LONG_TEXT_MAX_LENGTH = 100_000;

export const longTextFieldSchema = fieldSchema("longText", {
  default: { type: "string", maxLength: LONG_TEXT_MAX_LENGTH },
  maxLength: { type: "integer", minimum: 1, maximum: LONG_TEXT_MAX_LENGTH },
  rows: { type: "integer", minimum: 1, maximum: 50 },
});
export type LongTextField = FromSchema<typeof longTextFieldSchema>;

/** Multi-line text, at most 100,000 characters. */
export const longTextKind = defineFieldKind<LongTextField>({
  kind: "longText",
  schema: longTextFieldSchema,
  computed: false,
  valueSchema: (f) => ({ type: "string", maxLength: f.maxLength ?? LONG_TEXT_MAX_LENGTH }),
  column: () => "text",
  formulaType: () => T.text,
});
