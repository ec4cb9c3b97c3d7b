import type { FromSchema } from "json-schema-to-ts";
import { T } from "../expr/types.js";
import { defined, defineFieldKind, fieldSchema } from "./fieldKind.js";

export const TEXT_MAX_LENGTH = 1000;

export const textFieldSchema = fieldSchema("text", {
  default: { type: "string", maxLength: TEXT_MAX_LENGTH },
  minLength: { type: "integer", minimum: 0, maximum: TEXT_MAX_LENGTH },
  maxLength: { type: "integer", minimum: 1, maximum: TEXT_MAX_LENGTH },
  placeholder: { type: "string", maxLength: 200 },
});
export type TextField = FromSchema<typeof textFieldSchema>;

/** Single-line text, at most 1,000 characters. */
export const textKind = defineFieldKind<TextField>({
  kind: "text",
  schema: textFieldSchema,
  computed: false,
  valueSchema: (f) => defined({ type: "string", minLength: f.minLength, maxLength: f.maxLength ?? TEXT_MAX_LENGTH }),
  column: () => "text",
  formulaType: () => T.text,
});
