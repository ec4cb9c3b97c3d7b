import { standardFieldKinds } from "../fields/index.js";
import { automationSchema } from "./automation.js";
import { APP_SCHEMA_ID, idListSchema, idSchema, labelSchema, semverSchema, textBlockSchema } from "./common.js";
import { computationSchema } from "./computation.js";
import { effectSchema, partySchema } from "./effect.js";
import { entitySchema, ruleSchema } from "./entity.js";
import { fieldUnionSchema } from "./field.js";
import { layoutNodeSchema } from "./layout.js";
import { navigationSchema } from "./navigation.js";
import { extendsSchema, locksSchema, overlaySchema } from "./overlay.js";
import { pageSchema } from "./page.js";
import { permissionSchema } from "./permission.js";
import { querySchema, widgetSchema } from "./query.js";
import { scenarioSchema } from "./scenario.js";
import { workflowSchema } from "./workflow.js";

export const CURRENT_SCHEMA_VERSION = 1;

export const roleSchema = {
  type: "object",
  properties: {
    id: idSchema,
    label: labelSchema,
    description: textBlockSchema,
    inherits: { ...idListSchema, description: "Roles whose permissions this role also has." },
  },
  required: ["id"],
  additionalProperties: false,
} as const;

export const settingsSchema = {
  type: "object",
  properties: {
    currency: { type: "string", pattern: "^[A-Z]{3}$" },
    timezone: { type: "string", maxLength: 64 },
    fiscalYearStartMonth: { type: "integer", minimum: 1, maximum: 12 },
    userAttributes: {
      type: "array",
      maxItems: 100,
      description:
        "Custom user attributes the app's formulas read as $user.<id> (region, team and manager are built in).",
      items: {
        type: "object",
        properties: { id: idSchema, kind: { enum: ["text", "number", "boolean"] }, label: labelSchema },
        required: ["id", "kind"],
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const;

/** The top level of an app document. Sub-schemas are referenced by their `$id`. */
export const appSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: APP_SCHEMA_ID,
  title: "Plinth app schema, version 1",
  type: "object",
  properties: {
    $schema: { type: "string", maxLength: 2048 },
    schemaVersion: { const: 1 },
    id: idSchema,
    version: semverSchema,
    label: labelSchema,
    description: textBlockSchema,
    defaultLocale: { enum: ["en", "zh-CN"] },
    settings: settingsSchema,
    extends: { $ref: extendsSchema.$id },
    overlay: { $ref: overlaySchema.$id },
    locks: { $ref: locksSchema.$id },
    roles: { type: "array", maxItems: 500, items: roleSchema },
    entities: { type: "array", maxItems: 1000, items: { $ref: entitySchema.$id } },
    workflows: { type: "array", maxItems: 500, items: { $ref: workflowSchema.$id } },
    automations: { type: "array", maxItems: 1000, items: { $ref: automationSchema.$id } },
    computations: { type: "array", maxItems: 500, items: { $ref: computationSchema.$id } },
    permissions: { type: "array", maxItems: 10_000, items: { $ref: permissionSchema.$id } },
    pages: { type: "array", maxItems: 1000, items: { $ref: pageSchema.$id } },
    navigation: { $ref: navigationSchema.$id },
    tests: { type: "array", maxItems: 1000, items: { $ref: scenarioSchema.$id } },
  },
  required: ["schemaVersion", "id", "version"],
  additionalProperties: false,
} as const;

/** Every sub-schema with an `$id`, in the order they are bundled. */
export const subSchemas = [
  fieldUnionSchema,
  ...Object.values(standardFieldKinds).map((k) => k.schema),
  ruleSchema,
  entitySchema,
  partySchema,
  effectSchema,
  workflowSchema,
  automationSchema,
  computationSchema,
  permissionSchema,
  querySchema,
  widgetSchema,
  layoutNodeSchema,
  pageSchema,
  navigationSchema,
  extendsSchema,
  overlaySchema,
  locksSchema,
  scenarioSchema,
] as const;

/** A short, unique name for each sub-schema inside `$defs`, taken from its `$id`. */
function defName(id: string): string {
  const tail = id.slice(id.indexOf("/v1/") + 4).replace(/\.json$/, "");
  return tail.replace(/\//g, "_");
}

/**
 * The whole meta-schema as one JSON document: the app schema with every sub-schema
 * embedded under `$defs` (each keeps its `$id`, so references resolve inside the file).
 * This is what `app-schema.json` contains and what ajv, Monaco and IT tools read.
 */
export function buildAppMetaSchema(): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  for (const schema of subSchemas) defs[defName(String(schema.$id))] = schema;
  return { ...appSchema, $defs: defs };
}
