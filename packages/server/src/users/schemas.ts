import { ID_PATTERN } from "@plinth/runtime";
import { USERNAME_PATTERN } from "./service.js";
import { userSchema } from "./userJson.js";

/**
 * A scalar attribute value. Checked by `assertAttributes` rather than here: Fastify's Ajv coerces
 * types (an anyOf would turn 3 into "3", and even [3]) and refuses union types in strict mode.
 */
const scalar = { description: "A string (up to 1000 characters), number, boolean or null." } as const;

/** Attributes used by permission formulas (`$user.region`, `$user.team`, `$user.manager`) plus custom ones. */
const attributesBody = {
  type: "object",
  properties: {
    region: { type: ["string", "null"], maxLength: 200 },
    team: { type: ["string", "null"], maxLength: 200 },
    manager: { type: ["string", "null"], maxLength: 64 },
  },
  // For OpenAPI readers: the routes check names before this schema (assertAttributeKeys), so a
  // refusal is users.badAttributeKey at its path in both languages, not the validator's text.
  propertyNames: { pattern: ID_PATTERN },
  additionalProperties: scalar,
  maxProperties: 100,
} as const;

const displayName = { type: "string", minLength: 1, maxLength: 200 } as const;
const password = { type: "string", minLength: 8, maxLength: 1024 } as const;
const idParams = {
  type: "object",
  properties: { id: { type: "string", minLength: 1, maxLength: 64 } },
  required: ["id"],
} as const;

/** GET /api/users; with `?app=` each user carries `roles`, the roles held in that app. */
export const listUsersSchema = {
  querystring: {
    type: "object",
    properties: { app: { type: "string", pattern: ID_PATTERN } },
    additionalProperties: false,
  },
  response: {
    200: {
      type: "object",
      properties: {
        users: {
          type: "array",
          items: {
            ...userSchema,
            properties: {
              ...userSchema.properties,
              roles: { type: "array", items: { type: "string" }, description: "With `?app=`: the roles held in it." },
            },
          },
        },
      },
      required: ["users"],
      additionalProperties: false,
    },
  },
} as const;

/** POST /api/users */
export const createUserSchema = {
  body: {
    type: "object",
    properties: {
      username: { type: "string", pattern: USERNAME_PATTERN },
      displayName,
      password,
      isAdmin: { type: "boolean" },
      attributes: attributesBody,
    },
    required: ["username", "displayName", "password"],
    additionalProperties: false,
  },
  response: { 201: userSchema },
} as const;

/** PATCH /api/users/:id */
export const updateUserSchema = {
  params: idParams,
  body: {
    type: "object",
    properties: {
      displayName,
      password,
      isAdmin: { type: "boolean" },
      attributes: attributesBody,
      disabled: { type: "boolean" },
    },
    additionalProperties: false,
    minProperties: 1,
  },
  response: { 200: userSchema },
} as const;

/** PUT /api/users/:id/roles/:app */
export const setRolesSchema = {
  params: {
    type: "object",
    properties: { id: idParams.properties.id, app: { type: "string", pattern: ID_PATTERN } },
    required: ["id", "app"],
  },
  body: {
    type: "object",
    properties: { roles: { type: "array", maxItems: 200, items: { type: "string", pattern: ID_PATTERN } } },
    required: ["roles"],
    additionalProperties: false,
  },
  response: {
    200: {
      type: "object",
      properties: { roles: { type: "array", items: { type: "string" } } },
      required: ["roles"],
      additionalProperties: false,
    },
  },
} as const;
