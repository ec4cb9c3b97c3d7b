import { ID_PATTERN } from "@plinth/runtime";

/**
 * JSON Schemas of the audit routes. Fastify validates requests and serialises responses with
 * them, and the OpenAPI documents reuse them, so the documented shape is the served shape.
 */

const nullableText = { type: ["string", "null"] } as const;

/** One audit row as the API returns it. */
export const auditEntrySchema = {
  type: "object",
  title: "Audit entry",
  properties: {
    seq: { type: "integer", minimum: 1, description: "Position in the hash chain, from 1." },
    at: { type: "string", format: "date-time" },
    userId: { ...nullableText, description: "Who made the change; null for the system." },
    requestId: nullableText,
    action: { type: "string", description: "What happened, e.g. record.create or app.publish." },
    appId: nullableText,
    entity: nullableText,
    recordId: nullableText,
    diff: { description: "The change: field values before and after." },
    prevHash: { type: "string", description: "Hash of the previous row (64 zeros for row 1)." },
    hash: { type: "string", description: "SHA-256 over prevHash and this row's canonical JSON." },
  },
  required: ["seq", "at", "userId", "requestId", "action", "appId", "entity", "recordId", "diff", "prevHash", "hash"],
  additionalProperties: false,
} as const;

/** Query of `GET /api/apps/:app/audit`. */
export const auditQuerySchema = {
  type: "object",
  properties: {
    entity: { type: "string", pattern: ID_PATTERN, description: "Only changes to records of this entity." },
    record: { type: "string", minLength: 1, maxLength: 100, description: "Only changes to this record id." },
    user: { type: "string", minLength: 1, maxLength: 100, description: "Only changes made by this user id." },
    from: { type: "string", format: "date-time", description: "Only entries at or after this instant." },
    to: { type: "string", format: "date-time", description: "Only entries before this instant." },
    before: {
      type: "integer",
      minimum: 1,
      description: "Only entries older than this seq (the `next` of the previous page).",
    },
    limit: { type: "integer", minimum: 1, maximum: 500, default: 100, description: "Entries per page." },
  },
  additionalProperties: false,
} as const;

/** The query as the handler sees it, after validation and defaults. */
export interface AuditQuery {
  readonly entity?: string;
  readonly record?: string;
  readonly user?: string;
  readonly from?: string;
  readonly to?: string;
  readonly before?: number;
  readonly limit: number;
}

/** Params of per-app routes. */
export const appParamsSchema = {
  type: "object",
  properties: { app: { type: "string", pattern: ID_PATTERN } },
  required: ["app"],
  additionalProperties: false,
} as const;

/** One page of audit entries, newest first. */
export const auditPageSchema = {
  type: "object",
  title: "Audit page",
  properties: {
    entries: { type: "array", items: auditEntrySchema },
    next: { type: "integer", description: "Pass as `before` to get the next (older) page; absent on the last page." },
  },
  required: ["entries"],
  additionalProperties: false,
} as const;

const localizedSchema = {
  type: "object",
  properties: { en: { type: "string" }, "zh-CN": { type: "string" } },
  required: ["en", "zh-CN"],
  additionalProperties: false,
} as const;

/** The result of verifying the audit chain. */
export const auditVerificationSchema = {
  type: "object",
  title: "Audit verification",
  properties: {
    ok: { type: "boolean" },
    rows: { type: "integer", minimum: 0, description: "Rows verified intact, from row 1." },
    firstBad: {
      type: "object",
      properties: {
        seq: { type: "integer" },
        problem: { enum: ["modified", "deleted", "broken-link"] },
        message: localizedSchema,
      },
      required: ["seq", "problem", "message"],
      additionalProperties: false,
    },
  },
  required: ["ok", "rows"],
  additionalProperties: false,
} as const;
