import { errorResponses, jsonBody, jsonResponse, param, schemaRef } from "../openapi/shared.js";
import type { PathItemObject } from "../openapi/types.js";
import { deadListSchema, deliverySchema, putSettingsSchema, settingsSchema } from "./schemas.js";

/** Component schemas of the webhook administration paths (the route schemas themselves). */
export const webhookSchemas = {
  WebhookSettings: { ...settingsSchema, title: "Webhook settings" },
  WebhookSettingsInput: { ...putSettingsSchema.body, title: "Webhook settings input" },
  WebhookDelivery: { ...deliverySchema, title: "Webhook delivery" },
  WebhookDeliveryList: { ...deadListSchema.response[200], title: "Webhook deliveries" },
} as const;

const tags = ["Webhooks"];

/** `/api/admin/webhooks…`: allowed hosts, the signing secret and dead letters (platform admins). */
export function webhookPaths(): Record<string, PathItemObject> {
  return {
    "/api/admin/webhooks": {
      get: {
        operationId: "getWebhookSettings",
        summary: "Read the webhook settings",
        description: "Allowed hosts and whether a signing secret is set (the secret is never returned). Admins only.",
        tags,
        responses: {
          200: jsonResponse("The settings.", schemaRef("WebhookSettings")),
          ...errorResponses(401, 403, 429),
        },
      },
      put: {
        operationId: "putWebhookSettings",
        summary: "Change the webhook settings",
        description:
          "Replace the allowed hosts; set a new signing secret (16 characters or more). Audited. Admins only.",
        tags,
        requestBody: jsonBody(schemaRef("WebhookSettingsInput")),
        responses: {
          200: jsonResponse("The settings as saved.", schemaRef("WebhookSettings")),
          ...errorResponses(400, 401, 403, 413, 415, 429),
        },
      },
    },
    "/api/admin/webhooks/dead": {
      get: {
        operationId: "listDeadWebhooks",
        summary: "List deliveries that gave up",
        tags,
        parameters: [param("query", "limit", { type: "integer", minimum: 1, maximum: 500 }, "At most this many.")],
        responses: {
          200: jsonResponse("Dead deliveries, newest first.", schemaRef("WebhookDeliveryList")),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    "/api/admin/webhooks/dead/{id}/retry": {
      parameters: [param("path", "id", { type: "string", minLength: 1, maxLength: 64 }, "The delivery's id.")],
      post: {
        operationId: "retryDeadWebhook",
        summary: "Send a dead delivery again",
        tags,
        responses: {
          200: jsonResponse("The delivery, queued again.", schemaRef("WebhookDelivery")),
          ...errorResponses(401, 403, 404, 429),
        },
      },
    },
  };
}
