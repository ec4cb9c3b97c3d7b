import { auditPageSchema, auditVerificationSchema } from "../audit/schemas.js";
import { filePaths, fileSchemas } from "../files/openapi.js";
import { viewPaths, viewSchemas } from "../views/openapi.js";
import { webhookPaths, webhookSchemas } from "../webhooks/openapi.js";
import { workflowPaths, workflowSchemas } from "../workflow/openapi.js";
import { entityPaths, pageSchema, queryResultSchema } from "./entityPaths.js";
import { auditPath, queryBodySchema, queryPath } from "./featurePaths.js";
import { appLifecyclePaths, appParam, appSchemas, entityParam } from "./platformApps.js";
import { authPaths, authSchemas } from "./platformAuth.js";
import { baseComponents, schemaRef, signedIn } from "./shared.js";
import type { OpenApiDocument } from "./types.js";

/** A record of any entity: system fields plus the entity's fields (see the app's own document). */
const recordSchema = {
  type: "object",
  title: "Record",
  description: "The exact fields of each entity are in GET /api/apps/{app}/openapi.json.",
  properties: {
    id: { type: "string", readOnly: true },
    version: { type: "integer", minimum: 1, readOnly: true, description: "Send it as If-Match to update." },
    createdAt: { type: "string", format: "date-time", readOnly: true },
    updatedAt: { type: "string", format: "date-time", readOnly: true },
    createdBy: { type: ["string", "null"], readOnly: true },
    updatedBy: { type: ["string", "null"], readOnly: true },
  },
  required: ["id"],
  additionalProperties: true,
} as const;

/** Options of {@link platformOpenApi}. */
export interface PlatformOpenApiOptions {
  /** The server's base URL, listed under `servers`. */
  readonly serverUrl?: string;
  /** The platform version shown in `info.version`. */
  readonly version?: string;
}

/**
 * The OpenAPI 3.1 document of the platform: auth and API tokens, users and roles, the app
 * lifecycle, records (templated by `{app}` and `{entity}`), queries, audit, CSV import and
 * export, and the documents themselves. Each app's concrete document comes from `appOpenApi`.
 *
 * @example
 * reply.send(platformOpenApi({ serverUrl: "https://plinth.example.com" }));
 */
export function platformOpenApi(options: PlatformOpenApiOptions = {}): OpenApiDocument {
  const records = entityPaths({
    stem: "Records",
    tag: "Records",
    label: "records",
    record: schemaRef("Record"),
    input: { type: "object", description: "Field values by field id.", additionalProperties: true },
    page: schemaRef("RecordPage"),
    shared: [appParam, entityParam],
  });
  return {
    openapi: "3.1.0",
    info: {
      title: "Plinth platform API",
      version: options.version ?? "0.1.0",
      description:
        "Sign in with POST /api/auth/login (cookie session; send X-CSRF-Token on unsafe requests) or use an API token as a Bearer token. Errors use the shared Error shape; send Accept-Language: zh-CN for Chinese messages.",
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: [
      { name: "Auth", description: "Sessions, the caller and API tokens." },
      { name: "Users", description: "Users and their roles per app (administrators)." },
      { name: "Apps", description: "Create, edit, publish and roll back apps." },
      { name: "Records", description: "Records of any entity of a published app." },
      { name: "Query", description: "Aggregates over records." },
      { name: "Audit", description: "The append-only, hash-chained audit log." },
      { name: "Import and export", description: "CSV in and out." },
      { name: "Views", description: "Your saved filters, sorts and columns of table pages." },
      { name: "Workflows", description: "Stage transitions, approvals and your inbox." },
      { name: "People", description: "Who can use an app, for user pickers." },
      { name: "Files", description: "Attachment upload and download." },
      { name: "Webhooks", description: "Outgoing webhook settings and dead letters (administrators)." },
      { name: "Documents", description: "OpenAPI documents." },
    ],
    security: signedIn,
    paths: {
      ...authPaths(),
      ...appLifecyclePaths(),
      "/api/apps/{app}/data/{entity}": records.collection,
      "/api/apps/{app}/data/{entity}/{id}": records.item,
      "/api/apps/{app}/query": queryPath([appParam]),
      "/api/apps/{app}/audit": auditPath([appParam]),
      ...viewPaths(appParam),
      ...workflowPaths([appParam, entityParam]),
      ...webhookPaths(),
      ...filePaths(appParam),
    },
    components: baseComponents({
      ...authSchemas,
      ...appSchemas,
      Record: recordSchema,
      RecordPage: pageSchema(schemaRef("Record"), "A page of records"),
      Query: queryBodySchema(),
      QueryResult: queryResultSchema,
      AuditPage: auditPageSchema,
      AuditVerification: auditVerificationSchema,
      ...viewSchemas,
      ...workflowSchemas,
      ...webhookSchemas,
      ...fileSchemas,
    }),
  };
}
