import { createRuntime } from "@plinth/runtime";
import { expect } from "vitest";
import { registerApps } from "../src/apps/plugin.js";
import { PublishedApps } from "../src/apps/published.js";
import { registerAudit } from "../src/audit/plugin.js";
import { ensureAdmin } from "../src/auth/bootstrap.js";
import { registerAuth } from "../src/auth/plugin.js";
import { type AutomationServices, registerAutomation } from "../src/automation/register.js";
import { type Clock, createWriteHooks, newId, type ServerContext } from "../src/http/context.js";
import { createHttp } from "../src/http/server.js";
import { registerRecords } from "../src/records/plugin.js";
import { createSqliteStorage } from "../src/storage/sqlite/index.js";
import type { AuditRow } from "../src/storage/types.js";
import { registerUsers } from "../src/users/plugin.js";
import { registerWorkflows } from "../src/workflow/plugin.js";
import { testClock, testContext } from "./support/context.js";
import { ADMIN_PASSWORD, type Client, login } from "./support/server.js";

type Json = Record<string, unknown>;
const label = (en: string) => ({ en, "zh-CN": en });
const f = (id: string, kind: string, extra: Json = {}): Json => ({ id, kind, label: label(id), ...extra });

/** A small CRM: deals (with a stage machine) and tasks, plus the given automations. */
export function crmApp(automations: readonly Json[], version = "1.0.0"): Json {
  return {
    schemaVersion: 1,
    id: "crm",
    version,
    label: label("CRM"),
    roles: [{ id: "manager", label: label("Manager") }, { id: "rep" }],
    entities: [
      {
        id: "deal",
        label: label("Deal"),
        titleField: "name",
        fields: [
          f("name", "text"),
          f("amount", "number"),
          f("owner", "user"),
          f("bumps", "number"),
          f("due", "date"),
          f("stage", "select", { default: "open", options: [{ value: "open" }, { value: "won" }] }),
        ],
      },
      { id: "task", label: label("Task"), titleField: "title", fields: [f("title", "text")] },
    ],
    workflows: [
      {
        kind: "stateMachine",
        id: "pipeline",
        entity: "deal",
        field: "stage",
        initial: "open",
        states: [{ id: "open" }, { id: "won", final: true }],
        transitions: [{ id: "win", from: ["open"], to: "won" }],
      },
    ],
    automations,
  };
}

/** The automation harness: every plugin the automations touch, on a real SQLite file. */
export interface Harness {
  readonly ctx: ServerContext & { readonly file: string };
  readonly app: Awaited<ReturnType<typeof createHttp>>;
  readonly automation: AutomationServices;
  readonly clock: ReturnType<typeof testClock>;
  readonly admin: Client;
  login(username: string, password: string): Promise<Client>;
  /** Audit rows of an action, oldest first. */
  audit(action: string): Promise<AuditRow[]>;
  close(options?: { keepFile?: boolean }): Promise<void>;
}

/**
 * Start a server with automations registered (independent of how `createServer` is wired),
 * on a fresh database or on `file` (to simulate a restart), with a movable clock.
 */
export async function startHarness(options: { file?: string; clock?: ReturnType<typeof testClock> } = {}) {
  const clock = options.clock ?? testClock();
  let ctx: ServerContext & { readonly file: string; cleanup(): Promise<void> };
  if (options.file) {
    const runtime = createRuntime();
    const file = options.file;
    const storage = createSqliteStorage({ file, durability: "normal", functions: runtime.functions });
    ctx = {
      file,
      storage,
      runtime,
      clock,
      newId,
      secureCookies: false,
      hooks: createWriteHooks(),
      cleanup: () => storage.close(),
    };
  } else {
    ctx = testContext({ clock: clock as Clock });
  }
  await ensureAdmin(ctx, { password: ADMIN_PASSWORD });
  const app = createHttp(ctx);
  const published = new PublishedApps(ctx);
  await registerAuth(app, ctx);
  await registerUsers(app, ctx);
  await registerApps(app, ctx, () => undefined);
  await registerRecords(app, ctx, published);
  let services: AutomationServices | undefined;
  await registerWorkflows(app, ctx, published, () => services?.workflowEffects);
  registerAudit(app, ctx);
  services = await registerAutomation(app, ctx, published, { scheduler: { onError: () => undefined } });
  await app.ready();
  const automation = services;
  const admin = await login(app, "admin", ADMIN_PASSWORD);
  const harness: Harness = {
    ctx,
    app,
    automation,
    clock,
    admin,
    login: (username, password) => login(app, username, password),
    audit: async (action) =>
      (await ctx.storage.read((tx) => tx.platform.auditRange(0, 100_000))).filter((r) => r.action === action),
    async close(closeOptions = {}) {
      await app.close();
      if (closeOptions.keepFile || options.file) await ctx.storage.close();
      else await ctx.cleanup();
    },
  };
  return harness;
}

/** Create and publish an app as the admin (or replace the draft and publish it again). */
export async function publish(h: Harness, app: Json): Promise<void> {
  const existing = await h.admin.request("GET", `/api/apps/${String(app.id)}?draft=1`);
  if (existing.statusCode === 404) {
    const created = await h.admin.request("POST", "/api/apps", { body: { app } });
    expect(created.statusCode, created.body).toBe(201);
  } else {
    const saved = await h.admin.request("PUT", `/api/apps/${String(app.id)}/draft`, {
      body: { app },
      headers: { "if-match": String(existing.headers.etag) },
    });
    expect(saved.statusCode, saved.body).toBe(200);
  }
  const published = await h.admin.request("POST", `/api/apps/${String(app.id)}/publish`, { body: {} });
  expect(published.statusCode, published.body).toBe(200);
}

/** Create a user with roles in the crm app; returns the user id. */
export async function addUser(h: Harness, username: string, roles: string[], attributes: Json = {}): Promise<string> {
  const created = await h.admin.request("POST", "/api/users", {
    body: { username, displayName: username, password: "user-password-1", attributes },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = String(created.json<{ id: string }>().id);
  const set = await h.admin.request("PUT", `/api/users/${id}/roles/crm`, { body: { roles } });
  expect(set.statusCode, set.body).toBe(200);
  return id;
}
