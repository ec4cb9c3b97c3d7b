import { createUserSchema, listUsersSchema, setRolesSchema, updateUserSchema } from "../users/schemas.js";
import { sessionUserSchema, userSchema } from "../users/userJson.js";
import { anonymous, errorResponses, jsonBody, jsonResponse, noContent, param, schemaRef } from "./shared.js";
import type { PathItemObject } from "./types.js";

/**
 * Sign-in, the caller's identity and API tokens; users and their roles (administrators).
 * User shapes are the users plugin's own route schemas, so the document follows the code.
 */

const token = {
  type: "object",
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    createdAt: { type: "string", format: "date-time" },
    lastUsedAt: { type: ["string", "null"], format: "date-time" },
    revokedAt: { type: ["string", "null"], format: "date-time" },
  },
  required: ["id", "name", "createdAt", "lastUsedAt", "revokedAt"],
} as const;

/** Component schemas these paths refer to. */
export const authSchemas = { SessionUser: sessionUserSchema, Token: token, User: userSchema } as const;

const tags = ["Auth"];
const userTags = ["Users"];
const idParam = param("path", "id", { type: "string", minLength: 1, maxLength: 64 }, "The id.");

/** Paths of `/api/auth/*` and `/api/users*`. */
export function authPaths(): Record<string, PathItemObject> {
  return {
    "/api/auth/login": {
      post: {
        operationId: "login",
        summary: "Sign in",
        description: "Sets the session cookie and returns the CSRF token to send as X-CSRF-Token on unsafe requests.",
        tags,
        security: anonymous,
        requestBody: jsonBody({
          type: "object",
          properties: {
            username: { type: "string", minLength: 1, maxLength: 64 },
            password: { type: "string", minLength: 1, maxLength: 1024 },
          },
          required: ["username", "password"],
          additionalProperties: false,
        }),
        responses: {
          200: jsonResponse("Signed in.", {
            type: "object",
            properties: { user: schemaRef("SessionUser"), csrfToken: { type: "string" } },
            required: ["user", "csrfToken"],
          }),
          ...errorResponses(400, 401, 413, 415, 429),
        },
      },
    },
    "/api/auth/logout": {
      post: {
        operationId: "logout",
        summary: "Sign out",
        tags,
        responses: { 204: noContent, ...errorResponses(401, 403) },
      },
    },
    "/api/auth/me": {
      get: {
        operationId: "me",
        summary: "Who am I",
        description:
          "The signed-in user, how the call was authenticated, the CSRF token (sessions) and the roles per app.",
        tags,
        responses: {
          200: jsonResponse("The caller.", {
            type: "object",
            properties: {
              user: schemaRef("SessionUser"),
              csrfToken: { type: "string" },
              via: { enum: ["session", "token"] },
              roles: {
                type: "array",
                items: {
                  type: "object",
                  properties: { appId: { type: "string" }, role: { type: "string" } },
                  required: ["appId", "role"],
                },
              },
            },
            required: ["user", "via", "roles"],
          }),
          ...errorResponses(401),
        },
      },
    },
    "/api/auth/tokens": {
      get: {
        operationId: "listTokens",
        summary: "List my API tokens",
        tags,
        responses: {
          200: jsonResponse("Your tokens (never the secrets).", {
            type: "object",
            properties: { tokens: { type: "array", items: schemaRef("Token") } },
            required: ["tokens"],
          }),
          ...errorResponses(401),
        },
      },
      post: {
        operationId: "createToken",
        summary: "Create an API token",
        description: "The secret is shown once, in this response; send it as `Authorization: Bearer <token>`.",
        tags,
        requestBody: jsonBody({
          type: "object",
          properties: { name: { type: "string", minLength: 1, maxLength: 100 } },
          required: ["name"],
          additionalProperties: false,
        }),
        responses: {
          201: jsonResponse("The new token.", {
            type: "object",
            properties: { id: { type: "string" }, name: { type: "string" }, token: { type: "string" } },
            required: ["id", "name", "token"],
          }),
          ...errorResponses(400, 401, 403, 413, 415),
        },
      },
    },
    "/api/auth/tokens/{id}": {
      parameters: [idParam],
      delete: {
        operationId: "revokeToken",
        summary: "Revoke an API token",
        tags,
        responses: { 204: noContent, ...errorResponses(401, 403, 404) },
      },
    },
    "/api/users": {
      get: {
        operationId: "listUsers",
        summary: "List users",
        description: "Administrators only. With `app`, each user also carries the roles they hold in that app.",
        tags: userTags,
        parameters: [param("query", "app", listUsersSchema.querystring.properties.app, "An app id.")],
        responses: {
          200: jsonResponse("Every user.", listUsersSchema.response[200]),
          ...errorResponses(400, 401, 403, 404),
        },
      },
      post: {
        operationId: "createUser",
        summary: "Create a user",
        description: "Administrators only.",
        tags: userTags,
        requestBody: jsonBody(createUserSchema.body),
        responses: {
          201: jsonResponse("The new user.", schemaRef("User")),
          ...errorResponses(400, 401, 403, 409, 413, 415, 422),
        },
      },
    },
    "/api/users/{id}": {
      parameters: [idParam],
      patch: {
        operationId: "updateUser",
        summary: "Change a user",
        description: "Administrators only. Disabling a user ends their sessions and tokens.",
        tags: userTags,
        requestBody: jsonBody(updateUserSchema.body),
        responses: {
          200: jsonResponse("The user.", schemaRef("User")),
          ...errorResponses(400, 401, 403, 404, 413, 415, 422),
        },
      },
    },
    "/api/users/{id}/roles/{app}": {
      parameters: [idParam, param("path", "app", { type: "string" }, "The app id.")],
      put: {
        operationId: "setUserRoles",
        summary: "Set a user's roles in an app",
        description: "Administrators only. Replaces the user's roles in the app; an empty list removes them.",
        tags: userTags,
        requestBody: jsonBody(setRolesSchema.body),
        responses: {
          200: jsonResponse("The roles now held.", setRolesSchema.response[200]),
          ...errorResponses(400, 401, 403, 404, 413, 415, 422),
        },
      },
    },
  };
}
