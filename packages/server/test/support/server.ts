import type { SeedScale, Template } from "@plinth/templates";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { ensureAdmin } from "../../src/auth/bootstrap.js";
import { installDemo } from "../../src/demo/seed.js";
import { createServer } from "../../src/http/createServer.js";
import type { HttpOptions } from "../../src/http/server.js";
import { testClock, testContext } from "./context.js";

export const ADMIN_PASSWORD = "admin-password-1";
export const DEMO_PASSWORD = "demo-password-1";

/** A signed-in client: sends the session cookie and the CSRF token on every request. */
export interface Client {
  readonly userId: string;
  request(
    method: string,
    url: string,
    options?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers["set-cookie"]).split(";")[0] as string;
  const body = res.json() as { csrfToken: string; user: { id: string } };
  return {
    userId: body.user.id,
    request: (method, url, options = {}) =>
      app.inject({
        method: method as "GET",
        url,
        headers: { cookie, "x-csrf-token": body.csrfToken, ...options.headers },
        ...(options.body === undefined ? {} : { payload: options.body as object }),
      }),
  };
}

/**
 * A full server (every plugin) on a real SQLite file with an administrator and, unless
 * `demo: false`, the demo app, users and data installed.
 */
export async function testServer(
  options: {
    demo?: boolean;
    templates?: readonly Template[];
    scale?: SeedScale;
    /** The test clock's start (ISO); it moves only with clock.advance. */
    clockStart?: string;
    /** Options of the HTTP server (e.g. build folders for the player and the designer). */
    http?: HttpOptions;
  } = {},
) {
  const clock = testClock(options.clockStart);
  const ctx = testContext({ clock });
  await ensureAdmin(ctx, { password: ADMIN_PASSWORD });
  if (options.demo !== false)
    await installDemo(ctx, DEMO_PASSWORD, { templates: options.templates ?? [], scale: options.scale ?? "test" });
  const app = await createServer(ctx, options.http);
  return {
    ctx,
    app,
    clock,
    login: (username: string, password = username === "admin" ? ADMIN_PASSWORD : DEMO_PASSWORD) =>
      login(app, username, password),
    async close() {
      await app.close();
      await ctx.cleanup();
    },
  };
}

/** A running test server (see testServer). */
export type Server = Awaited<ReturnType<typeof testServer>>;
