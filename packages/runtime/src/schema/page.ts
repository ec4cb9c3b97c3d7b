import { formulaSchema, idListSchema, idSchema, labelSchema, roleRefSchema, SCHEMA_BASE } from "./common.js";
import { LAYOUT_NODE_SCHEMA_ID } from "./layout.js";
import { fieldPathSchema } from "./query.js";

export const PAGE_SCHEMA_ID = `${SCHEMA_BASE}/page.json` as const;

const pageBase = {
  id: idSchema,
  label: labelSchema,
  icon: { type: "string", maxLength: 64 },
  roles: {
    type: "array",
    items: roleRefSchema,
    maxItems: 200,
    description: "Roles that see the page; all when omitted.",
  },
} as const;

const sortSchema = {
  type: "array",
  maxItems: 5,
  items: {
    type: "object",
    properties: { by: fieldPathSchema, direction: { enum: ["asc", "desc"] } },
    required: ["by"],
    additionalProperties: false,
  },
} as const;

export const formPageSchema = {
  type: "object",
  properties: { kind: { const: "form" }, ...pageBase, entity: idSchema, layout: { $ref: LAYOUT_NODE_SCHEMA_ID } },
  required: ["kind", "id", "entity", "layout"],
  additionalProperties: false,
} as const;

export const detailPageSchema = {
  type: "object",
  properties: {
    kind: { const: "detail" },
    ...pageBase,
    entity: idSchema,
    layout: { $ref: LAYOUT_NODE_SCHEMA_ID },
    showTimeline: { type: "boolean" },
    showHistory: { type: "boolean" },
  },
  required: ["kind", "id", "entity", "layout"],
  additionalProperties: false,
} as const;

export const tablePageSchema = {
  type: "object",
  properties: {
    kind: { const: "table" },
    ...pageBase,
    entity: idSchema,
    columns: {
      type: "array",
      minItems: 1,
      maxItems: 100,
      items: {
        type: "object",
        properties: {
          field: fieldPathSchema,
          label: labelSchema,
          width: { type: "integer", minimum: 40, maximum: 2000 },
        },
        required: ["field"],
        additionalProperties: false,
      },
    },
    filter: formulaSchema,
    sort: sortSchema,
    pageSize: { type: "integer", minimum: 1, maximum: 1000 },
    inlineEdit: { type: "boolean" },
    detailPage: idSchema,
    formPage: idSchema,
  },
  required: ["kind", "id", "entity", "columns"],
  additionalProperties: false,
} as const;

export const kanbanPageSchema = {
  type: "object",
  properties: {
    kind: { const: "kanban" },
    ...pageBase,
    entity: idSchema,
    groupBy: { ...idSchema, description: "A select field; with a stage machine on it, moves run its transitions." },
    cardFields: idListSchema,
    sumField: idSchema,
    filter: formulaSchema,
    detailPage: idSchema,
  },
  required: ["kind", "id", "entity", "groupBy"],
  additionalProperties: false,
} as const;

export const dashboardPageSchema = {
  type: "object",
  properties: {
    kind: { const: "dashboard" },
    ...pageBase,
    filters: {
      type: "array",
      maxItems: 20,
      description:
        "Shared filters the viewer picks a value for (the period is always offered besides). Each narrows the widgets on its `entity` at `field`, and the widgets on an entity with one required relation to it at the field behind that relation (a region filter on promotions narrows promotion lines by `promotion.region`); other widgets are not narrowed.",
      items: {
        type: "object",
        properties: { id: idSchema, label: labelSchema, field: fieldPathSchema, entity: idSchema },
        required: ["id", "field", "entity"],
        additionalProperties: false,
      },
    },
    widgets: { type: "array", maxItems: 100, items: { $ref: `${SCHEMA_BASE}/widget.json` } },
  },
  required: ["kind", "id", "widgets"],
  additionalProperties: false,
} as const;

export const inboxPageSchema = {
  type: "object",
  properties: { kind: { const: "inbox" }, ...pageBase, workflows: idListSchema },
  required: ["kind", "id"],
  additionalProperties: false,
} as const;

export const pageSchema = {
  $id: PAGE_SCHEMA_ID,
  type: "object",
  required: ["kind"],
  discriminator: { propertyName: "kind" },
  oneOf: [formPageSchema, detailPageSchema, tablePageSchema, kanbanPageSchema, dashboardPageSchema, inboxPageSchema],
} as const;
