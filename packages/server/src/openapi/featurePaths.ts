import { type JsonSchema, querySchema } from "@plinth/runtime";
import { auditQuerySchema } from "../audit/schemas.js";
import { errorResponses, jsonBody, jsonResponse, param, schemaRef } from "./shared.js";
import type { ParameterObject, PathItemObject } from "./types.js";

/** The query model's schema without its `$id` (it is embedded, not resolved by id). */
export function queryBodySchema(entityIds?: readonly string[]): JsonSchema {
  const { $id: _id, ...body } = querySchema;
  if (entityIds === undefined || entityIds.length === 0) return { ...body, title: "Query" };
  return { ...body, title: "Query", properties: { ...body.properties, entity: { enum: [...entityIds] } } };
}

/** `POST …/query`: grouped and aggregated rows, computed in the database. */
export function queryPath(shared: readonly ParameterObject[] = []): PathItemObject {
  return {
    ...(shared.length > 0 ? { parameters: shared } : {}),
    post: {
      operationId: "runQuery",
      summary: "Run a query",
      description:
        "The schema's query model (entity, filter, groupBy, measures, sort, limit) over the rows you may read.",
      tags: ["Query"],
      requestBody: jsonBody(schemaRef("Query")),
      responses: {
        200: jsonResponse("The grouped rows.", schemaRef("QueryResult")),
        ...errorResponses(400, 401, 403, 404, 413, 415, 422, 429),
      },
    },
  };
}

/** The audit route's query schema as OpenAPI parameters. */
function auditParams(): ParameterObject[] {
  return Object.entries(auditQuerySchema.properties).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return param("query", name, rest, description);
  });
}

/** `GET …/audit`: the app's audit log, newest first. */
export function auditPath(shared: readonly ParameterObject[] = []): PathItemObject {
  return {
    ...(shared.length > 0 ? { parameters: shared } : {}),
    get: {
      operationId: "listAudit",
      summary: "Read the audit log",
      description:
        "Every change to the app and its records, newest first. Platform administrators and holders of the app's `auditor` role only.",
      tags: ["Audit"],
      parameters: auditParams(),
      responses: {
        200: jsonResponse("A page of audit entries.", schemaRef("AuditPage")),
        ...errorResponses(400, 401, 403, 429),
      },
    },
  };
}
