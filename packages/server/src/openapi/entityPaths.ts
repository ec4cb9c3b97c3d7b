import type { JsonSchema } from "@plinth/runtime";
import { errorResponses, etagHeader, jsonBody, jsonResponse, noContent, param } from "./shared.js";
import type { ParameterObject, PathItemObject } from "./types.js";

/** The record-id path parameter. */
export const recordIdParam = param(
  "path",
  "id",
  { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" },
  "The record id.",
);

/** `?restore=1` on writes: an administrator restoring exported records (plinth import); automations do not react. */
const restoreParam = param(
  "query",
  "restore",
  { type: "string", enum: ["1"] },
  "Administrators only: write a record restored from an export; validated and audited, but automations do not react.",
);

/** Query parameters of a record list. */
export const listParams: readonly ParameterObject[] = [
  param(
    "query",
    "filter",
    { type: "string", maxLength: 10_000 },
    "A formula the rows must satisfy, e.g. `stage = 'won' AND amount > 1000`.",
  ),
  param(
    "query",
    "sort",
    { type: "string", maxLength: 500, pattern: "^[-+]?[A-Za-z][A-Za-z0-9_]*(,[-+]?[A-Za-z][A-Za-z0-9_]*)*$" },
    "Comma-separated field ids; a leading `-` sorts descending, e.g. `-amount,name`.",
  ),
  param("query", "limit", { type: "integer", minimum: 1, maximum: 500 }, "Records per page."),
  param("query", "cursor", { type: "string", maxLength: 2000 }, "The `next` value of the previous page."),
  param(
    "query",
    "fields",
    { type: "string", maxLength: 5000, pattern: "^[A-Za-z][A-Za-z0-9_]*(,[A-Za-z][A-Za-z0-9_]*)*$" },
    "Comma-separated field ids to return (all readable fields when omitted).",
  ),
  param(
    "query",
    "titles",
    { type: "boolean" },
    "`true`: the page also carries `titles`, the title of each related record its relation values point at (those you may read), by id.",
  ),
];

/** Names and texts of one entity's operations (concrete per app, or templated for the platform). */
export interface EntityPathNames {
  /** `operationId` stem, e.g. `Opportunity` gives `listOpportunity`. */
  readonly stem: string;
  readonly tag: string;
  /** Human name used in summaries, e.g. "Opportunity" or "records". */
  readonly label: string;
  readonly record: JsonSchema;
  readonly input: JsonSchema;
  readonly page: JsonSchema;
  /** Parameters shared by every operation (the templated `{app}`, `{entity}`). */
  readonly shared?: readonly ParameterObject[];
}

const ifMatch = (required: boolean, text: string) =>
  param("header", "If-Match", { type: "string", pattern: '^(W/)?"?[0-9]+"?$' }, text, required);

/** `GET`/`POST` on the collection and `GET`/`PATCH`/`DELETE` on one record. */
export function entityPaths(n: EntityPathNames): {
  readonly collection: PathItemObject;
  readonly item: PathItemObject;
} {
  const tags = [n.tag];
  const shared = n.shared ?? [];
  const collection: PathItemObject = {
    ...(shared.length > 0 ? { parameters: shared } : {}),
    get: {
      operationId: `list${n.stem}`,
      summary: `List ${n.label}`,
      description: "Records you may read, filtered and sorted in the database, one page at a time.",
      tags,
      parameters: listParams,
      responses: { 200: jsonResponse("A page of records.", n.page), ...errorResponses(400, 401, 403, 404, 429) },
    },
    post: {
      operationId: `create${n.stem}`,
      summary: `Create ${n.label}`,
      description: "Validated against the app's fields and rules; workflow effects run in the same transaction.",
      tags,
      parameters: [
        param(
          "header",
          "Idempotency-Key",
          { type: "string", minLength: 1, maxLength: 200 },
          "Retrying with the same key returns the first result instead of creating twice.",
        ),
        restoreParam,
      ],
      requestBody: jsonBody(n.input),
      responses: {
        201: jsonResponse("The created record.", n.record, etagHeader),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429),
      },
    },
  };
  const item: PathItemObject = {
    parameters: [...shared, recordIdParam],
    get: {
      operationId: `get${n.stem}`,
      summary: `Get ${n.label} by id`,
      tags,
      responses: { 200: jsonResponse("The record.", n.record, etagHeader), ...errorResponses(400, 401, 403, 404, 429) },
    },
    patch: {
      operationId: `update${n.stem}`,
      summary: `Update ${n.label}`,
      description: "Changes only the fields sent. Fails with 409 when the record changed since you read it.",
      tags,
      parameters: [ifMatch(true, "The version you read (from the record or its ETag), e.g. 3."), restoreParam],
      requestBody: jsonBody(n.input),
      responses: {
        200: jsonResponse("The updated record.", n.record, etagHeader),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429),
      },
    },
    delete: {
      operationId: `delete${n.stem}`,
      summary: `Delete ${n.label}`,
      tags,
      parameters: [ifMatch(false, "When sent, delete only if the record is still at this version (409 otherwise).")],
      responses: { 204: noContent, ...errorResponses(400, 401, 403, 404, 409, 429) },
    },
  };
  return { collection, item };
}

/** `{ records, next? }` around a record schema. */
export function pageSchema(record: JsonSchema, title: string): JsonSchema {
  return {
    type: "object",
    title,
    properties: {
      records: { type: "array", items: record },
      next: { type: "string", description: "Pass as `cursor` to get the next page; absent on the last page." },
      titles: {
        type: "object",
        additionalProperties: { type: "string" },
        description: "With `titles=true`: related records' titles by id.",
      },
    },
    required: ["records"],
  };
}

/** The result of a query: one row per group, with the grouping fields and the measures. */
export const queryResultSchema = {
  type: "object",
  title: "Query result",
  properties: {
    rows: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: true,
        description: "Grouping values by field path, measures by id.",
      },
    },
  },
  required: ["rows"],
} as const;
