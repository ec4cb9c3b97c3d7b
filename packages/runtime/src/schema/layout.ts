import { formulaSchema, idListSchema, idSchema, labelSchema, SCHEMA_BASE, textBlockSchema } from "./common.js";
import { fieldPathSchema } from "./query.js";

export const LAYOUT_NODE_SCHEMA_ID = `${SCHEMA_BASE}/layoutNode.json` as const;
const childrenSchema = { type: "array", maxItems: 500, items: { $ref: LAYOUT_NODE_SCHEMA_ID } } as const;

/** Leaf nodes: a field, a block of text, a related list, an embedded widget. */
export const fieldNodeSchema = {
  type: "object",
  properties: {
    kind: { const: "field" },
    field: fieldPathSchema,
    label: labelSchema,
    widget: { ...idSchema, description: "A widget registered for the field's kind; the kind's default when omitted." },
    span: { type: "integer", minimum: 1, maximum: 12 },
    visibleWhen: formulaSchema,
  },
  required: ["kind", "field"],
  additionalProperties: false,
} as const;

export const textNodeSchema = {
  type: "object",
  properties: {
    kind: { const: "text" },
    text: textBlockSchema,
    style: { enum: ["heading", "body", "note"] },
    visibleWhen: formulaSchema,
  },
  required: ["kind", "text"],
  additionalProperties: false,
} as const;

export const relatedListNodeSchema = {
  type: "object",
  properties: {
    kind: { const: "relatedList" },
    entity: idSchema,
    via: { ...idSchema, description: "The relation field on `entity` that points to this page's entity." },
    label: labelSchema,
    columns: idListSchema,
    allowCreate: { type: "boolean" },
    visibleWhen: formulaSchema,
  },
  required: ["kind", "entity", "via"],
  additionalProperties: false,
} as const;

export const widgetNodeSchema = {
  type: "object",
  properties: {
    kind: { const: "widget" },
    widget: { $ref: `${SCHEMA_BASE}/widget.json` },
    visibleWhen: formulaSchema,
  },
  required: ["kind", "widget"],
  additionalProperties: false,
} as const;

/** Containers (recursive): sections, columns and tabs hold further layout nodes. */
export const sectionNodeSchema = {
  type: "object",
  properties: {
    kind: { const: "section" },
    id: idSchema,
    label: labelSchema,
    columns: { type: "integer", minimum: 1, maximum: 4 },
    collapsible: { type: "boolean" },
    visibleWhen: formulaSchema,
    children: childrenSchema,
  },
  required: ["kind", "children"],
  additionalProperties: false,
} as const;

export const columnsNodeSchema = {
  type: "object",
  properties: {
    kind: { const: "columns" },
    widths: { type: "array", items: { type: "integer", minimum: 1, maximum: 12 }, maxItems: 4 },
    visibleWhen: formulaSchema,
    children: childrenSchema,
  },
  required: ["kind", "children"],
  additionalProperties: false,
} as const;

export const tabsNodeSchema = {
  type: "object",
  properties: {
    kind: { const: "tabs" },
    visibleWhen: formulaSchema,
    tabs: {
      type: "array",
      minItems: 1,
      maxItems: 20,
      items: {
        type: "object",
        properties: { id: idSchema, label: labelSchema, visibleWhen: formulaSchema, children: childrenSchema },
        required: ["id", "children"],
        additionalProperties: false,
      },
    },
  },
  required: ["kind", "tabs"],
  additionalProperties: false,
} as const;

export const leafNodeSchemas = [fieldNodeSchema, textNodeSchema, relatedListNodeSchema, widgetNodeSchema] as const;
export const containerNodeSchemas = [sectionNodeSchema, columnsNodeSchema, tabsNodeSchema] as const;

export const layoutNodeSchema = {
  $id: LAYOUT_NODE_SCHEMA_ID,
  type: "object",
  required: ["kind"],
  discriminator: { propertyName: "kind" },
  oneOf: [...containerNodeSchemas, ...leafNodeSchemas],
} as const;
