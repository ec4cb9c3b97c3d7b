import type { FromSchema } from "json-schema-to-ts";
import { T } from "../expr/types.js";
import { defineFieldKind, fieldSchema } from "./fieldKind.js";

/** Only web links: a `javascript:` or `data:` URL is never a valid value. */
export const URL_PATTERN = "^https?://";

export const urlFieldSchema = fieldSchema("url", { default: { type: "string", format: "uri", pattern: URL_PATTERN } });
export type UrlField = FromSchema<typeof urlFieldSchema>;

/** A web address (http or https). */
export const urlKind = defineFieldKind<UrlField>({
  kind: "url",
  schema: urlFieldSchema,
  computed: false,
  valueSchema: () => ({ type: "string", format: "uri", pattern: URL_PATTERN, maxLength: 2048 }),
  column: () => "text",
  formulaType: () => T.text,
});
