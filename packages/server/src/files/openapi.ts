import { errorResponses, jsonResponse, param, schemaRef } from "../openapi/shared.js";
import type { ParameterObject, PathItemObject } from "../openapi/types.js";

const ID = { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_]{0,62}$" } as const;

/** Component schemas of the people and file paths. */
export const fileSchemas = {
  FileDescriptor: {
    type: "object",
    title: "File descriptor",
    description: "What an attachment field stores: put it in the field's array with a normal record write.",
    properties: {
      id: { type: "string" },
      name: { type: "string", maxLength: 255 },
      size: { type: "integer", minimum: 0 },
      contentType: { type: "string", maxLength: 255 },
    },
    required: ["id", "name", "size", "contentType"],
  },
  PeopleList: {
    type: "object",
    title: "People",
    properties: {
      people: {
        type: "array",
        items: {
          type: "object",
          properties: { id: { type: "string" }, name: { type: "string" } },
          required: ["id", "name"],
        },
      },
    },
    required: ["people"],
  },
} as const;

/** `/people` for user pickers, and attachment upload and download. */
export function filePaths(appParam: ParameterObject): Record<string, PathItemObject> {
  return {
    "/api/apps/{app}/people": {
      parameters: [appParam],
      get: {
        operationId: "listPeople",
        summary: "People of the app, for user pickers",
        description: "Ids and names only (no e-mail, no attributes), by name. For anyone with a role in the app.",
        tags: ["People"],
        parameters: [
          param("query", "q", { type: "string", maxLength: 100 }, "Part of the name (case-insensitive)."),
          param(
            "query",
            "roles",
            { type: "string", maxLength: 1000 },
            "Only holders of these roles (comma-separated).",
          ),
          param("query", "ids", { type: "string", maxLength: 6500 }, "Only these users (comma-separated, up to 100)."),
          param("query", "limit", { type: "integer", minimum: 1, maximum: 500 }, "At most this many (default 20)."),
        ],
        responses: {
          200: jsonResponse("The people.", schemaRef("PeopleList")),
          ...errorResponses(400, 401, 403, 404, 429),
        },
      },
    },
    "/api/apps/{app}/files/{entity}/{field}": {
      parameters: [
        appParam,
        param("path", "entity", ID, "The entity with the attachment field."),
        param("path", "field", ID, "The attachment field."),
      ],
      post: {
        operationId: "uploadFile",
        summary: "Upload a file for an attachment field",
        description:
          "The request body is the file itself (Content-Type: its type; `?name=` its file name). Checked against the field's `accept` and `maxSizeMb` and the server's cap. Then write the returned descriptor into the field; a write may attach only its writer's uploads.",
        tags: ["Files"],
        parameters: [param("query", "name", { type: "string", maxLength: 1000 }, "The file's name.")],
        requestBody: {
          required: true,
          content: {
            "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } },
          },
        },
        responses: {
          201: jsonResponse("The stored file's descriptor.", schemaRef("FileDescriptor")),
          ...errorResponses(400, 401, 403, 404, 413, 415, 429),
        },
      },
    },
    "/api/apps/{app}/data/{entity}/{id}/files/{field}/{fileId}": {
      parameters: [
        appParam,
        param("path", "entity", ID, "The entity."),
        param("path", "id", { type: "string", minLength: 1, maxLength: 100 }, "The record holding the file."),
        param("path", "field", ID, "The attachment field."),
        param("path", "fileId", { type: "string", minLength: 1, maxLength: 64 }, "The file's id."),
      ],
      get: {
        operationId: "downloadFile",
        summary: "Download an attached file",
        description: "Readers of the record only; sent as an attachment (Content-Disposition) with nosniff.",
        tags: ["Files"],
        responses: {
          200: {
            description: "The file's bytes.",
            content: { "application/octet-stream": { schema: { type: "string" } } },
          },
          ...errorResponses(401, 403, 404, 429),
        },
      },
    },
  };
}
