import { formulaSchema, idListSchema, idSchema, roleRefSchema, SCHEMA_BASE } from "./common.js";

export const PERMISSION_SCHEMA_ID = `${SCHEMA_BASE}/permission.json` as const;

/** The standard record actions; apps may add their own (e.g. `reopen`, `overrideProbability`). */
export const standardActions = ["read", "create", "update", "delete", "export", "import"] as const;

/**
 * One cell row of the role × entity × action matrix: what `role` may do with records of
 * `entity`, restricted to the rows where `rowScope` is TRUE, without the fields it masks.
 * Several grants for one role and entity add up (a union of what each allows).
 */
export const permissionSchema = {
  $id: PERMISSION_SCHEMA_ID,
  type: "object",
  properties: {
    role: roleRefSchema,
    entity: { anyOf: [{ const: "*" }, idSchema] },
    actions: { type: "array", minItems: 1, maxItems: 50, uniqueItems: true, items: idSchema },
    rowScope: formulaSchema,
    hiddenFields: { ...idListSchema, description: "Fields this role can neither see nor write." },
    readOnlyFields: { ...idListSchema, description: "Fields this role sees but cannot write." },
  },
  required: ["role", "entity", "actions"],
  additionalProperties: false,
} as const;
