import { errorResponses, jsonBody, jsonResponse, noContent, param, schemaRef } from "../openapi/shared.js";
import type { ParameterObject, PathItemObject } from "../openapi/types.js";

const ID = "^[A-Za-z][A-Za-z0-9_]{0,62}$";
const label = {
  description: "Text, or text per language (en, zh-CN).",
  oneOf: [{ type: "string" }, { type: "object", additionalProperties: { type: "string" } }],
};
const open = (description: string) => ({ type: "object", description, additionalProperties: true });

/** Component schemas of the workflow paths. */
export const workflowSchemas = {
  AvailableActions: {
    type: "object",
    title: "Available actions",
    properties: {
      transitions: {
        type: "array",
        description:
          "Stage transitions your roles allow from the record's current stage (guards are checked when taken).",
        items: {
          type: "object",
          properties: { workflow: { type: "string" }, id: { type: "string" }, label, to: { type: "string" } },
          required: ["workflow", "id", "label", "to"],
        },
      },
      submit: {
        type: "array",
        description: "Approvals you may submit the record to (entry criteria are checked on submit).",
        items: { type: "object", properties: { workflow: { type: "string" }, label }, required: ["workflow"] },
      },
      approval: {
        description: "The record's open approval request, if any.",
        oneOf: [
          { type: "null" },
          {
            type: "object",
            properties: {
              id: { type: "string" },
              workflow: { type: "string" },
              status: { type: "string" },
              pendingForMe: { type: "boolean", description: "It waits for your decision (or your delegate's)." },
              canRecall: { type: "boolean", description: "You submitted it and nobody has decided yet." },
            },
            required: ["id", "workflow", "status", "pendingForMe", "canRecall"],
          },
        ],
      },
    },
    required: ["transitions", "submit", "approval"],
  },
  ActionInput: {
    type: "object",
    title: "Action input",
    properties: {
      workflow: { type: "string", pattern: ID, description: "Which workflow, when the entity has several." },
      comment: { type: "string", maxLength: 5000, description: "Required to reject or return." },
      step: { type: "string", pattern: ID, description: "The step (reassign; parallel steps)." },
      from: { type: "string", description: "Reassign: the approver handing over." },
      to: { type: "string", description: "Reassign: the user taking over." },
    },
    additionalProperties: false,
  },
  ActionResult: {
    type: "object",
    title: "Action result",
    properties: {
      record: open("The record after the action, as you may read it."),
      approval: open("The approval request after the action (approval actions only)."),
    },
    required: ["record"],
  },
  Inbox: {
    type: "object",
    title: "Inbox",
    properties: {
      approvals: {
        type: "array",
        description: "Requests waiting for your decision (or for someone you stand in for).",
        items: {
          type: "object",
          properties: {
            id: { type: "string" },
            workflow: { type: "string" },
            entity: { type: "string" },
            recordId: { type: "string" },
            title: { type: "string", description: "The record's title field." },
            submitterName: { type: "string" },
            state: open("The request's state: steps, decisions and timeline."),
            updatedAt: { type: "string", format: "date-time" },
          },
          required: ["id", "workflow", "entity", "recordId", "state", "updatedAt"],
        },
      },
      notifications: { type: "array", items: open("A notification: message in both languages, read or not.") },
    },
    required: ["approvals", "notifications"],
  },
} as const;

const tags = ["Workflows"];

/**
 * The workflow routes: a record's available actions, taking one (a stage transition or an
 * approval action), its stage history and approval requests, and the caller's inbox.
 */
export function workflowPaths(shared: readonly ParameterObject[]): Record<string, PathItemObject> {
  const record = "/api/apps/{app}/data/{entity}/{id}";
  const idParam = param("path", "id", { type: "string", minLength: 1, maxLength: 100 }, "The record's id.");
  const onRecord = [...shared, idParam];
  return {
    [`${record}/actions`]: {
      parameters: onRecord,
      get: {
        operationId: "listActions",
        summary: "What you may do with a record",
        description: "Transitions, approvals to submit to, and the open request's buttons, for your roles.",
        tags,
        responses: {
          200: jsonResponse("The actions.", schemaRef("AvailableActions")),
          ...errorResponses(400, 401, 403, 404, 429),
        },
      },
    },
    [`${record}/actions/{action}`]: {
      parameters: [
        ...onRecord,
        param(
          "path",
          "action",
          { type: "string", pattern: ID },
          "A transition id, or submit, approve, reject, return, recall, reassign.",
        ),
      ],
      post: {
        operationId: "takeAction",
        summary: "Take a transition or an approval action",
        description:
          "Guards, required fields and approval rules are the core's; every reason for a refusal is listed. Send If-Match with the record's version to refuse a stale edit.",
        tags,
        requestBody: jsonBody(schemaRef("ActionInput"), undefined, false),
        responses: {
          200: jsonResponse("The record (and request) after the action.", schemaRef("ActionResult")),
          ...errorResponses(400, 401, 403, 404, 409, 415, 422, 429),
        },
      },
    },
    [`${record}/history`]: {
      parameters: onRecord,
      get: {
        operationId: "stageHistory",
        summary: "A record's stage history",
        tags,
        responses: {
          200: jsonResponse("Stage changes, oldest first.", open("{ history: [...] }")),
          ...errorResponses(400, 401, 403, 404, 429),
        },
      },
    },
    [`${record}/approvals`]: {
      parameters: onRecord,
      get: {
        operationId: "approvalRequests",
        summary: "A record's approval requests",
        tags,
        responses: {
          200: jsonResponse("Every request with its timeline.", open("{ approvals: [...] }")),
          ...errorResponses(400, 401, 403, 404, 429),
        },
      },
    },
    "/api/apps/{app}/inbox": {
      parameters: shared.filter((p) => p.name === "app"),
      get: {
        operationId: "inbox",
        summary: "Your approvals and notifications",
        tags,
        parameters: [
          param("query", "limit", { type: "integer", minimum: 1, maximum: 500 }, "Notifications to return."),
        ],
        responses: { 200: jsonResponse("Your inbox.", schemaRef("Inbox")), ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    "/api/apps/{app}/inbox/{id}/read": {
      parameters: [
        ...shared.filter((p) => p.name === "app"),
        param("path", "id", { type: "string", minLength: 1, maxLength: 100 }, "The notification's id."),
      ],
      post: {
        operationId: "markRead",
        summary: "Mark a notification read",
        tags,
        responses: { 204: noContent, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
  };
}
