import { expect } from "vitest";
import type { Client } from "./server.js";

type Json = Record<string, unknown>;

const label = (en: string) => ({ en, "zh-CN": en });

/** A small app document for lifecycle tests: one entity `contact` with the given fields. */
export function contactApp(fields: readonly Json[], options: { id?: string; version?: string } = {}): Json {
  return {
    schemaVersion: 1,
    id: options.id ?? "crm",
    version: options.version ?? "1.0.0",
    label: label("CRM"),
    entities: [{ id: "contact", label: label("Contact"), titleField: String(fields[0]?.id ?? "name"), fields }],
  };
}

/** A field of `contact` with a label. */
export function field(id: string, kind: string, extra: Json = {}): Json {
  return { id, kind, label: label(id), ...extra };
}

/** Create an app as an administrator and publish its first version; fails the test otherwise. */
export async function createAndPublish(admin: Client, app: Json): Promise<void> {
  const created = await admin.request("POST", "/api/apps", { body: { app } });
  expect(created.statusCode, created.body).toBe(201);
  const published = await admin.request("POST", `/api/apps/${String(app.id)}/publish`, { body: {} });
  expect(published.statusCode, published.body).toBe(200);
}

/** Replace the draft (reading its current revision first) and publish it; returns the publish response. */
export async function republish(admin: Client, app: Json, body: Json = {}) {
  const appId = String(app.id);
  const draft = await admin.request("GET", `/api/apps/${appId}?draft=1`);
  expect(draft.statusCode, draft.body).toBe(200);
  const saved = await admin.request("PUT", `/api/apps/${appId}/draft`, {
    body: { app },
    headers: { "if-match": String(draft.headers.etag) },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  return admin.request("POST", `/api/apps/${appId}/publish`, { body });
}
