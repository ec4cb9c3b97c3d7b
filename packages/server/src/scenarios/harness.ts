import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { App, Runtime } from "@plinth/runtime";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { sha256, TOKEN_PREFIX } from "../auth/secrets.js";
import { type Clock, createWriteHooks, newId, type ServerContext } from "../http/context.js";
import { createServer } from "../http/createServer.js";
import { createSqliteStorage } from "../storage/sqlite/index.js";

/** The user the harness sets the scenario up as: a platform administrator no scenario can name. */
export const SETUP_USER = "scenario-setup";

/** A user of a scenario as the harness creates them. */
export interface HarnessUser {
  readonly id: string;
  readonly roles: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
}

/** A clock that moves only when told to. */
export interface ScenarioClock extends Clock {
  advance(ms: number): void;
}

/** A JSON answer of the server: its status and body (undefined for 204). */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * One temporary Plinth server for one scenario: the real engine (createServer) over a SQLite
 * file in a fresh folder, a clock the scenario moves, and an API token per user so every
 * request goes through app.inject exactly as a client's would.
 */
export interface ScenarioServer {
  readonly app: FastifyInstance;
  readonly clock: ScenarioClock;
  /** Send a request as a user (a scenario user's id or {@link SETUP_USER}). */
  request(as: string, method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** Create the users (ids as given, attributes, roles in `appId`) with their API tokens. */
  addUsers(appId: string, users: readonly HarnessUser[]): Promise<void>;
  /** Run the timers and jobs due at the clock's time (SLA reminders, escalations, schedules). */
  runDue(): Promise<void>;
  close(): Promise<void>;
}

function movableClock(start: Date): ScenarioClock {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

/** Start a temporary server whose clock reads `start`, with the setup administrator signed in by token. */
export async function startScenarioServer(runtime: Runtime, start: Date): Promise<ScenarioServer> {
  const dir = mkdtempSync(join(tmpdir(), "plinth-scenario-"));
  const clock = movableClock(start);
  const storage = createSqliteStorage({
    file: join(dir, "plinth.sqlite"),
    durability: "normal",
    functions: runtime.functions,
  });
  const ctx: ServerContext = { storage, runtime, clock, newId, secureCookies: false, hooks: createWriteHooks() };
  const tokens = new Map<string, string>();
  const at = () => clock.now().toISOString();

  const insertUser = async (id: string, isAdmin: boolean, attributes: Readonly<Record<string, string>>) => {
    const token = `${TOKEN_PREFIX}${newId()}_${newId()}`;
    await storage.write(async (tx) => {
      await tx.platform.insertUser({
        id,
        username: id,
        displayName: id,
        passwordHash: null,
        isAdmin,
        attributes,
        disabled: false,
        createdAt: at(),
      });
      await tx.platform.insertToken({
        id: newId(),
        userId: id,
        name: "plinth test",
        tokenHash: sha256(token),
        createdAt: at(),
        lastUsedAt: null,
        revokedAt: null,
      });
    });
    tokens.set(id, token);
  };

  let app: FastifyInstance;
  try {
    await insertUser(SETUP_USER, true, {});
    app = await createServer(ctx);
  } catch (error) {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    app,
    clock,
    async request(as, method, url, body, headers = {}) {
      const token = tokens.get(as);
      if (token === undefined) throw new Error(`no user ${as}`);
      const res: LightMyRequestResponse = await app.inject({
        method: method as "GET",
        url,
        headers: { authorization: `Bearer ${token}`, ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      const text = res.body;
      return { status: res.statusCode, body: text === "" ? undefined : safeJson(text) };
    },
    async addUsers(appId, users) {
      // Managers are users too: create everyone first, then give each their roles in the app.
      for (const user of users) await insertUser(user.id, false, user.attributes);
      await storage.write(async (tx) => {
        for (const user of users) await tx.platform.setRoles(user.id, appId, user.roles);
      });
    },
    async runDue() {
      const scheduler = app.automation.scheduler;
      await scheduler.runDue(clock.now());
      // A timer's handler may leave work the next round picks up (an escalation's notification).
      await scheduler.runDue(clock.now());
    },
    async close() {
      await app.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Create the app as the setup administrator and publish it; the error answer when either fails. */
export async function publishScenarioApp(server: ScenarioServer, app: App): Promise<Answer | undefined> {
  const { tests: _tests, ...schema } = app;
  const created = await server.request(SETUP_USER, "POST", "/api/apps", { app: schema });
  if (created.status !== 201) return created;
  const published = await server.request(SETUP_USER, "POST", `/api/apps/${encodeURIComponent(app.id)}/publish`, {});
  return published.status === 200 ? undefined : published;
}
