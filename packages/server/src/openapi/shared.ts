import type { JsonSchema } from "@plinth/runtime";
import type {
  ComponentsObject,
  ParameterObject,
  Reference,
  RequestBodyObject,
  ResponseObject,
  SecurityRequirement,
  SecuritySchemeObject,
} from "./types.js";

/** Building blocks shared by the platform and the per-app documents. */

/** The session cookie set by `POST /api/auth/login` (kept in step with the auth plugin). */
export const SESSION_COOKIE_NAME = "plinth_session";

/** A reference to a component schema. */
export function schemaRef(name: string): Reference {
  return { $ref: `#/components/schemas/${name}` };
}

/** The API's one error shape (see `http/errors.ts`). */
export const errorSchema = {
  type: "object",
  title: "Error",
  description:
    "Every failure: a stable code, a message in the caller's language (Accept-Language) and where it applies.",
  properties: {
    error: {
      type: "object",
      properties: {
        code: { type: "string", description: "Stable code, e.g. http.notFound or record.required." },
        message: { type: "string", description: "What went wrong and what to do, in English or Chinese." },
        path: {
          type: "string",
          description:
            "JSON Pointer into the request body or the app schema; empty when it concerns the whole request.",
        },
        details: {
          type: "object",
          description:
            "More data: `messages` (both languages), `issues` for validation failures, the current version on conflicts.",
          additionalProperties: true,
        },
      },
      required: ["code", "message", "path", "details"],
    },
  },
  required: ["error"],
} as const;

/** Error statuses the API answers with, and what each means. */
export const errorStatuses = {
  400: ["BadRequest", "The request is not valid (query, parameters or JSON body)."],
  401: ["Unauthenticated", "Not signed in: sign in or send an API token."],
  403: ["Forbidden", "Signed in, but your roles do not allow this."],
  404: ["NotFound", "The app, entity or record does not exist (or is not visible to you)."],
  409: ["Conflict", "Changed meanwhile (version or revision mismatch), a duplicate, or a reused Idempotency-Key."],
  413: ["TooLarge", "The body is larger than this endpoint accepts."],
  415: ["UnsupportedMediaType", "The body's content type is not accepted here."],
  422: ["Invalid", "The data breaks the app's rules: see details.issues."],
  429: ["RateLimited", "Too many requests: wait and retry."],
} as const;

export type ErrorStatus = keyof typeof errorStatuses;

/** References to the shared error responses, for an operation's `responses`. */
export function errorResponses(...statuses: readonly ErrorStatus[]): Record<string, Reference> {
  const out: Record<string, Reference> = {};
  for (const status of statuses) out[String(status)] = { $ref: `#/components/responses/${errorStatuses[status][0]}` };
  return out;
}

/** A JSON body or response content. */
export function json(schema: JsonSchema): { readonly "application/json": { readonly schema: JsonSchema } } {
  return { "application/json": { schema } };
}

/** A successful JSON response. */
export function jsonResponse(
  description: string,
  schema: JsonSchema,
  headers?: ResponseObject["headers"],
): ResponseObject {
  return { description, content: json(schema), ...(headers ? { headers } : {}) };
}

/** A JSON request body. */
export function jsonBody(schema: JsonSchema, description?: string, required = true): RequestBodyObject {
  return { required, content: json(schema), ...(description ? { description } : {}) };
}

/** 204 No Content. */
export const noContent: ResponseObject = { description: "Done; no body." };

/** A parameter; path parameters are always required. */
export function param(
  where: ParameterObject["in"],
  name: string,
  schema: JsonSchema,
  description: string,
  required = where === "path",
): ParameterObject {
  return { name, in: where, required, description, schema };
}

/** The `ETag` header carrying a version or revision number. */
export const etagHeader = {
  ETag: {
    description: "The version (or draft revision), quoted: send it back as If-Match.",
    schema: { type: "string" },
  },
} as const;

/** Signed in by session cookie or by API token. */
export const signedIn: readonly SecurityRequirement[] = [{ session: [] }, { token: [] }];

/** No credentials needed. */
export const anonymous: readonly SecurityRequirement[] = [{}];

const securitySchemes: Record<string, SecuritySchemeObject> = {
  session: {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE_NAME,
    description: "Set by POST /api/auth/login. Unsafe methods also need the X-CSRF-Token header from GET /api/auth/me.",
  },
  token: { type: "http", scheme: "bearer", description: "An API token from POST /api/auth/tokens (`plt_…`)." },
};

/** Components every document has: the Error schema, the error responses and the security schemes. */
export function baseComponents(schemas: Readonly<Record<string, JsonSchema>>): ComponentsObject {
  const responses: Record<string, ResponseObject> = {};
  for (const [name, description] of Object.values(errorStatuses)) {
    responses[name] = jsonResponse(description, schemaRef("Error"));
  }
  return { schemas: { Error: errorSchema, ...schemas }, responses, securitySchemes };
}
