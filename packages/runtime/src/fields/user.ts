import type { FromSchema } from "json-schema-to-ts";
import { defineFieldKind, fieldSchema } from "./fieldKind.js";

export const RECORD_ID_PATTERN = "^[A-Za-z0-9_-]{1,64}$";

export const userFieldSchema = fieldSchema("user", {
  default: { const: "$user" },
  roles: {
    type: "array",
    items: { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_]{0,62}$" },
    description: "Only users with one of these roles may be picked.",
  },
});
export type UserField = FromSchema<typeof userFieldSchema>;

/** A person using Plinth (owner, approver...). A default of `$user` is the current user. */
export const userKind = defineFieldKind<UserField>({
  kind: "user",
  schema: userFieldSchema,
  computed: false,
  valueSchema: () => ({ type: "string", pattern: RECORD_ID_PATTERN }),
  column: () => "text",
  formulaType: () => ({ kind: "text", ref: "user" }),
});
