/** JSON schemas of the webhook administration routes. */

export const deliverySchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    appId: { type: "string" },
    url: { type: "string" },
    body: { type: "string" },
    attempts: { type: "integer" },
    nextAt: { type: "string" },
    status: { type: "string", enum: ["pending", "delivered", "dead"] },
    lastError: { type: ["string", "null"] },
    createdAt: { type: "string" },
  },
  required: ["id", "appId", "url", "body", "attempts", "nextAt", "status", "lastError", "createdAt"],
  additionalProperties: false,
} as const;

/** The settings as read back: the hosts, and whether a secret is set (never the secret). */
export const settingsSchema = {
  type: "object",
  properties: {
    allowedHosts: { type: "array", items: { type: "string" } },
    secretSet: { type: "boolean" },
  },
  required: ["allowedHosts", "secretSet"],
  additionalProperties: false,
} as const;

export const getSettingsSchema = { response: { 200: settingsSchema } } as const;

export const putSettingsSchema = {
  body: {
    type: "object",
    properties: {
      allowedHosts: { type: "array", maxItems: 200, items: { type: "string", maxLength: 260 } },
      secret: { type: "string", maxLength: 512 },
    },
    required: ["allowedHosts"],
    additionalProperties: false,
  },
  response: { 200: settingsSchema },
} as const;

export const deadListSchema = {
  querystring: {
    type: "object",
    properties: { limit: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
    additionalProperties: false,
  },
  response: {
    200: {
      type: "object",
      properties: { items: { type: "array", items: deliverySchema } },
      required: ["items"],
      additionalProperties: false,
    },
  },
} as const;

export const retrySchema = {
  params: {
    type: "object",
    properties: { id: { type: "string", minLength: 1, maxLength: 64 } },
    required: ["id"],
  },
  response: { 200: deliverySchema },
} as const;

export interface PutSettingsBody {
  readonly allowedHosts: string[];
  readonly secret?: string;
}
