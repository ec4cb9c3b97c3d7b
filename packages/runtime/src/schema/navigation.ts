import { idSchema, labelSchema, roleRefSchema, SCHEMA_BASE } from "./common.js";

const pageItemSchema = {
  type: "object",
  properties: {
    kind: { const: "page" },
    page: idSchema,
    label: labelSchema,
    icon: { type: "string", maxLength: 64 },
    roles: { type: "array", items: roleRefSchema, maxItems: 200 },
  },
  required: ["kind", "page"],
  additionalProperties: false,
} as const;

/** The app's menu: pages, optionally in one level of groups. */
export const navigationSchema = {
  $id: `${SCHEMA_BASE}/navigation.json`,
  type: "array",
  maxItems: 200,
  items: {
    type: "object",
    required: ["kind"],
    discriminator: { propertyName: "kind" },
    oneOf: [
      pageItemSchema,
      {
        type: "object",
        properties: {
          kind: { const: "group" },
          id: idSchema,
          label: labelSchema,
          items: { type: "array", maxItems: 100, items: pageItemSchema },
        },
        required: ["kind", "id", "items"],
        additionalProperties: false,
      },
    ],
  },
} as const;
