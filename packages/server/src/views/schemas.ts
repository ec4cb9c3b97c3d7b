import { ID_PATTERN } from "@plinth/runtime";

/** Limits of a saved view: what one user may keep per page, and the sizes of its parts. */
export const VIEW_LIMITS = {
  /** Views per user and page. */
  perPage: 50,
  nameLength: 80,
  /** The list API's own limit on filter text. */
  filterLength: 10_000,
  sortKeys: 5,
  columns: 100,
  /** A request body; the largest valid view is well below it. */
  bodyBytes: 64 * 1024,
} as const;

const fieldId = { type: "string", pattern: ID_PATTERN } as const;

/** What a view holds besides its name (shared by the create and replace bodies). */
const viewParts = {
  name: { type: "string", minLength: 1, maxLength: VIEW_LIMITS.nameLength, description: "Shown in the view picker." },
  filter: {
    type: "string",
    maxLength: VIEW_LIMITS.filterLength,
    description: "A formula of the page's entity the rows must satisfy; empty for none.",
  },
  sort: {
    type: "array",
    maxItems: VIEW_LIMITS.sortKeys,
    items: {
      type: "object",
      properties: { field: fieldId, direction: { enum: ["asc", "desc"] } },
      required: ["field", "direction"],
      additionalProperties: false,
    },
    description: "Sort keys, first key first; empty for the page's default order.",
  },
  columns: {
    type: "array",
    maxItems: VIEW_LIMITS.columns,
    uniqueItems: true,
    items: fieldId,
    description: "Field ids in display order; empty for the page's own columns.",
  },
} as const;

/** `POST /api/apps/{app}/views`: a new view of a table page. */
export const createViewBody = {
  type: "object",
  title: "SavedViewInput",
  properties: {
    page: { ...fieldId, description: "The table page's id." },
    ...viewParts,
  },
  required: ["page", "name", "filter", "sort", "columns"],
  additionalProperties: false,
} as const;

/** `PUT /api/apps/{app}/views/{id}`: a view's new name and contents (its page stays). */
export const replaceViewBody = {
  type: "object",
  title: "SavedViewUpdate",
  properties: viewParts,
  required: ["name", "filter", "sort", "columns"],
  additionalProperties: false,
} as const;

/** A saved view as the API returns it. */
export const savedViewSchema = {
  type: "object",
  title: "SavedView",
  properties: {
    id: { type: "string" },
    page: { type: "string" },
    ...viewParts,
    createdAt: { type: "string", format: "date-time" },
    updatedAt: { type: "string", format: "date-time" },
  },
  required: ["id", "page", "name", "filter", "sort", "columns", "createdAt", "updatedAt"],
} as const;

export const savedViewListSchema = {
  type: "object",
  title: "SavedViewList",
  properties: { views: { type: "array", items: savedViewSchema } },
  required: ["views"],
} as const;

export interface ViewBody {
  readonly name: string;
  readonly filter: string;
  readonly sort: ReadonlyArray<{ readonly field: string; readonly direction: "asc" | "desc" }>;
  readonly columns: readonly string[];
}

export interface CreateViewBody extends ViewBody {
  readonly page: string;
}
