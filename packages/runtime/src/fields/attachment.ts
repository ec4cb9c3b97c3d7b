import type { FromSchema } from "json-schema-to-ts";
import { defineFieldKind, fieldSchema } from "./fieldKind.js";
import { RECORD_ID_PATTERN } from "./user.js";

export const attachmentFieldSchema = fieldSchema("attachment", {
  maxFiles: { type: "integer", minimum: 1, maximum: 100 },
  maxSizeMb: { type: "number", exclusiveMinimum: 0, maximum: 1024 },
  accept: { type: "array", items: { type: "string", pattern: "^[a-z]+/[a-z0-9.+*-]+$" }, maxItems: 50 },
});
export type AttachmentField = FromSchema<typeof attachmentFieldSchema>;

/** Uploaded files; the record holds their descriptors, the server holds the bytes. */
export const attachmentKind = defineFieldKind<AttachmentField>({
  kind: "attachment",
  schema: attachmentFieldSchema,
  computed: false,
  valueSchema: (f) => ({
    type: "array",
    maxItems: f.maxFiles ?? 10,
    items: {
      type: "object",
      properties: {
        id: { type: "string", pattern: RECORD_ID_PATTERN },
        name: { type: "string", minLength: 1, maxLength: 255 },
        size: { type: "integer", minimum: 0 },
        contentType: { type: "string", maxLength: 255 },
      },
      required: ["id", "name", "size", "contentType"],
      additionalProperties: false,
    },
  }),
  column: () => "json",
  formulaType: () => undefined,
});
