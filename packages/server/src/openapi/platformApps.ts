import { ID_PATTERN } from "@plinth/runtime";
import { anonymous, errorResponses, etagHeader, jsonBody, jsonResponse, param, schemaRef } from "./shared.js";
import type { ParameterObject, PathItemObject } from "./types.js";

/** The app lifecycle (create, draft, publish, versions, rollback), CSV import/export and the documents. */

/** The `{app}` path parameter. */
export const appParam: ParameterObject = param(
  "path",
  "app",
  { type: "string", pattern: ID_PATTERN },
  "The app id, e.g. `sales`.",
);
/** The `{entity}` path parameter. */
export const entityParam: ParameterObject = param(
  "path",
  "entity",
  { type: "string", pattern: ID_PATTERN },
  "The entity id, e.g. `opportunity`.",
);

const issue = {
  type: "object",
  title: "Issue",
  properties: {
    code: { type: "string" },
    path: { type: "string", description: "JSON Pointer into the app schema." },
    params: { type: "object", additionalProperties: true },
    message: {
      type: "object",
      properties: { en: { type: "string" }, "zh-CN": { type: "string" } },
      required: ["en", "zh-CN"],
    },
    severity: { enum: ["error", "warning"] },
  },
  required: ["code", "path", "message", "severity"],
} as const;

const appSummary = {
  type: "object",
  properties: {
    id: { type: "string" },
    label: { description: "Text, or text per locale." },
    publishedVersion: { type: ["integer", "null"] },
    draftRevision: { type: "integer" },
    updatedAt: { type: "string", format: "date-time" },
  },
  required: ["id", "publishedVersion", "draftRevision"],
} as const;

const importJob = {
  type: "object",
  title: "Import job",
  properties: {
    id: { type: "string" },
    status: { type: "string", description: "e.g. running, done, failed." },
  },
  required: ["id", "status"],
  additionalProperties: true,
} as const;

/** Component schemas these paths refer to. */
export const appSchemas = {
  Issue: issue,
  AppSummary: appSummary,
  AppDocument: {
    type: "object",
    description: "An app schema document (see app-schema.json).",
    additionalProperties: true,
  },
  ImportJob: importJob,
} as const;

const issuesList = { type: "array", items: schemaRef("Issue") } as const;
const appBody = jsonBody({
  type: "object",
  properties: { app: schemaRef("AppDocument") },
  required: ["app"],
  additionalProperties: false,
});
const publishResult = {
  type: "object",
  description: "The migration plan, whether it was applied, and the new version.",
  additionalProperties: true,
} as const;
const tags = ["Apps"];
const dataTags = ["Import and export"];
const writeErrors = errorResponses(400, 401, 403, 404, 409, 413, 415, 422);

/** Paths of `/api/apps`, the lifecycle, CSV import/export, the OpenAPI documents and audit verification. */
export function appLifecyclePaths(): Record<string, PathItemObject> {
  return {
    "/api/apps": {
      get: {
        operationId: "listApps",
        summary: "List apps",
        description: "Administrators see every app; others the apps they hold a role in.",
        tags,
        responses: {
          200: jsonResponse("The apps.", {
            type: "object",
            properties: { apps: { type: "array", items: schemaRef("AppSummary") } },
            required: ["apps"],
          }),
          ...errorResponses(401),
        },
      },
      post: {
        operationId: "createApp",
        summary: "Create an app",
        description: "Administrators only. The schema becomes the first draft (revision 1); publish it to use it.",
        tags,
        requestBody: appBody,
        responses: {
          201: jsonResponse("Created.", {
            type: "object",
            properties: { id: { type: "string" }, draftRevision: { type: "integer" }, issues: issuesList },
            required: ["id", "draftRevision", "issues"],
          }),
          ...writeErrors,
        },
      },
    },
    "/api/apps/{app}": {
      parameters: [appParam],
      get: {
        operationId: "getApp",
        summary: "Get an app",
        description:
          "The published schema with your roles; with `draft=1` (administrators) the draft, its revision (ETag) and issues.",
        tags,
        parameters: [
          param("query", "draft", { enum: ["0", "1"] }, "1 for the draft instead of the published version."),
        ],
        responses: {
          200: jsonResponse(
            "The app.",
            {
              type: "object",
              properties: {
                app: schemaRef("AppDocument"),
                version: { type: "integer" },
                roles: { type: "array", items: { type: "string" } },
                draftRevision: { type: "integer" },
                issues: issuesList,
              },
            },
            etagHeader,
          ),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    "/api/apps/{app}/draft": {
      parameters: [appParam],
      put: {
        operationId: "saveDraft",
        summary: "Save the draft",
        description:
          "Administrators only. Fails with 409 when the draft changed since the revision you send in If-Match.",
        tags,
        parameters: [param("header", "If-Match", { type: "string" }, "The draft revision you read, e.g. 4.", true)],
        requestBody: appBody,
        responses: {
          200: jsonResponse("Saved.", {
            type: "object",
            properties: { draftRevision: { type: "integer" }, issues: issuesList },
            required: ["draftRevision", "issues"],
          }),
          ...writeErrors,
        },
      },
    },
    "/api/apps/{app}/publish": {
      parameters: [appParam],
      post: {
        operationId: "publishApp",
        summary: "Publish the draft",
        description:
          "Administrators only. Computes a migration plan from the schema diff and applies it; destructive steps need `confirm: true`. `renames` maps old to new ids so data is kept.",
        tags,
        parameters: [
          param(
            "query",
            "dryRun",
            { enum: ["0", "1"] },
            "1 to compute the plan and its data impact without applying it.",
          ),
        ],
        requestBody: jsonBody(
          {
            type: "object",
            properties: {
              confirm: { type: "boolean" },
              renames: {
                type: "object",
                description: "Renamed entities and fields, old id → new id.",
                additionalProperties: true,
              },
            },
            additionalProperties: false,
          },
          undefined,
          false,
        ),
        responses: { 200: jsonResponse("The plan and its outcome.", publishResult), ...writeErrors },
      },
    },
    "/api/apps/{app}/versions": {
      parameters: [appParam],
      get: {
        operationId: "listAppVersions",
        summary: "List published versions",
        tags,
        responses: {
          200: jsonResponse("Every published version with its plan.", {
            type: "object",
            properties: { versions: { type: "array", items: { type: "object", additionalProperties: true } } },
            required: ["versions"],
          }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    "/api/apps/{app}/versions/{version}": {
      parameters: [appParam, { name: "version", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
      get: {
        operationId: "getAppVersion",
        summary: "Read one published version",
        description: "Administrators only. The schema as published in that version, with when, by whom and its plan.",
        tags,
        responses: {
          200: jsonResponse("The version.", {
            type: "object",
            properties: {
              version: { type: "integer" },
              app: { type: "object", additionalProperties: true },
              publishedAt: { type: "string" },
              publishedBy: { type: "string" },
              plan: { type: "object", additionalProperties: true },
            },
            required: ["version", "app", "publishedAt", "publishedBy"],
          }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    "/api/apps/{app}/rollback": {
      parameters: [appParam],
      post: {
        operationId: "rollbackApp",
        summary: "Roll back to a version",
        description: "Administrators only. Publishes an earlier version's schema again, as a new version.",
        tags,
        requestBody: jsonBody({
          type: "object",
          properties: { version: { type: "integer", minimum: 1 }, confirm: { type: "boolean" } },
          required: ["version"],
          additionalProperties: false,
        }),
        responses: { 200: jsonResponse("The plan and its outcome.", publishResult), ...writeErrors },
      },
    },
    "/api/apps/{app}/variants/publish": {
      parameters: [appParam],
      post: {
        operationId: "publishVariants",
        summary: "Publish every variant of a template against its current version",
        description:
          "Administrators only. After a template upgrade, re-applies each variant's overlay to the new version, " +
          "each in its own transaction. A variant whose overlay changes a node the upgrade also changed is reported " +
          "with its `overlay.conflict` issues and published (keeping the overlay's value) only with `confirm`.",
        tags,
        requestBody: jsonBody({
          type: "object",
          properties: { confirm: { type: "boolean" } },
          additionalProperties: false,
        }),
        responses: {
          200: jsonResponse("One entry per variant: app, published, version, conflicts (and the error when refused).", {
            type: "object",
            properties: { variants: { type: "array", items: { type: "object", additionalProperties: true } } },
          }),
          ...writeErrors,
        },
      },
    },
    ...dataTransferPaths(),
    ...documentPaths(),
  };
}

function dataTransferPaths(): Record<string, PathItemObject> {
  return {
    "/api/apps/{app}/data/{entity}/import": {
      parameters: [appParam, entityParam],
      post: {
        operationId: "importCsv",
        summary: "Import records from CSV",
        description:
          "A header row of field ids, then one record per row. Runs as a job; poll it for progress and per-row issues.",
        tags: dataTags,
        parameters: [
          param(
            "query",
            "mode",
            { enum: ["all", "skip"] },
            "`all`: import nothing unless every row is valid; `skip`: import the valid rows and report the others.",
          ),
          param("query", "wait", { enum: ["0", "1"] }, "`1`: answer when the import has ended (200 done, 422 failed)."),
          param(
            "query",
            "restore",
            { enum: ["1"] },
            "Administrators only: rows restored from an export (plinth import); automations do not react.",
          ),
        ],
        requestBody: { required: true, content: { "text/csv": { schema: { type: "string" } } } },
        responses: {
          202: jsonResponse("The import job.", schemaRef("ImportJob")),
          ...writeErrors,
          ...errorResponses(429),
        },
      },
    },
    "/api/apps/{app}/imports/{id}": {
      parameters: [appParam, param("path", "id", { type: "string", minLength: 1, maxLength: 64 }, "The job id.")],
      get: {
        operationId: "getImport",
        summary: "Get an import job",
        tags: dataTags,
        responses: { 200: jsonResponse("The job.", schemaRef("ImportJob")), ...errorResponses(401, 403, 404) },
      },
    },
    "/api/apps/{app}/data/{entity}/export.csv": {
      parameters: [appParam, entityParam],
      get: {
        operationId: "exportCsv",
        summary: "Export records as CSV",
        description: "The records you may read, with the fields visible to you, as CSV (header row of field ids).",
        tags: dataTags,
        parameters: [
          param("query", "filter", { type: "string", maxLength: 10_000 }, "A formula the rows must satisfy."),
          param(
            "query",
            "sort",
            { type: "string", maxLength: 1000 },
            "Sort keys as in the list API (`-amount,name`); id order when omitted.",
          ),
        ],
        responses: {
          200: { description: "The CSV file.", content: { "text/csv": { schema: { type: "string" } } } },
          ...errorResponses(400, 401, 403, 404, 429),
        },
      },
    },
  };
}

function documentPaths(): Record<string, PathItemObject> {
  const openApi = { type: "object", description: "An OpenAPI 3.1 document.", additionalProperties: true } as const;
  return {
    "/api/openapi.json": {
      get: {
        operationId: "platformOpenApi",
        summary: "This document",
        tags: ["Documents"],
        security: anonymous,
        responses: { 200: jsonResponse("The platform's OpenAPI document.", openApi) },
      },
    },
    "/api/apps/{app}/openapi.json": {
      parameters: [appParam],
      get: {
        operationId: "appOpenApi",
        summary: "An app's OpenAPI document",
        description: "Generated from the published schema: concrete paths and a schema per entity.",
        tags: ["Documents"],
        responses: { 200: jsonResponse("The app's OpenAPI document.", openApi), ...errorResponses(401, 403, 404) },
      },
    },
    "/api/audit/verify": {
      get: {
        operationId: "verifyAudit",
        summary: "Verify the audit chain",
        description:
          "Administrators only. Walks the hash chain and reports the first modified, deleted or re-linked row.",
        tags: ["Audit"],
        responses: {
          200: jsonResponse("The verification.", schemaRef("AuditVerification")),
          ...errorResponses(401, 403),
        },
      },
    },
  };
}
