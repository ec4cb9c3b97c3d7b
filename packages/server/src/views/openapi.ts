import { errorResponses, jsonBody, jsonResponse, noContent, param, schemaRef } from "../openapi/shared.js";
import type { ParameterObject, PathItemObject } from "../openapi/types.js";
import { createViewBody, replaceViewBody, savedViewListSchema, savedViewSchema } from "./schemas.js";

/** Component schemas of the saved-views paths (the route schemas themselves). */
export const viewSchemas = {
  SavedView: savedViewSchema,
  SavedViewList: savedViewListSchema,
  SavedViewInput: createViewBody,
  SavedViewUpdate: replaceViewBody,
} as const;

const tags = ["Views"];

/** `/api/apps/{app}/views` and `/api/apps/{app}/views/{id}`: the caller's saved table views. */
export function viewPaths(appParam: ParameterObject): Record<string, PathItemObject> {
  const idParam = param("path", "id", { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" }, "The view's id.");
  return {
    "/api/apps/{app}/views": {
      parameters: [appParam],
      get: {
        operationId: "listViews",
        summary: "List your saved views of a table page",
        description: "Only your own views, by name. Other users' views are never listed.",
        tags,
        parameters: [param("query", "page", { type: "string" }, "The table page's id.", true)],
        responses: {
          200: jsonResponse("Your views of the page.", schemaRef("SavedViewList")),
          ...errorResponses(400, 401, 403, 404, 429),
        },
      },
      post: {
        operationId: "createView",
        summary: "Save a view of a table page",
        description:
          "A name, a filter formula, sort keys and columns. Checked like a list request: the filter must type-check and every field must be readable by you. Names are unique per user and page; at most 50 views per page.",
        tags,
        requestBody: jsonBody(schemaRef("SavedViewInput")),
        responses: {
          201: jsonResponse("The saved view.", schemaRef("SavedView")),
          ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
        },
      },
    },
    "/api/apps/{app}/views/{id}": {
      parameters: [appParam, idParam],
      put: {
        operationId: "replaceView",
        summary: "Replace one of your saved views",
        description: "New name, filter, sort and columns; the page stays. Another user's view answers 404.",
        tags,
        requestBody: jsonBody(schemaRef("SavedViewUpdate")),
        responses: {
          200: jsonResponse("The view as saved.", schemaRef("SavedView")),
          ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
        },
      },
      delete: {
        operationId: "deleteView",
        summary: "Delete one of your saved views",
        tags,
        responses: { 204: noContent, ...errorResponses(401, 404, 429) },
      },
    },
  };
}
