import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttp } from "../src/http/server.js";
import { defaultPlayerRoot, registerPlayer } from "../src/player/plugin.js";
import { testContext } from "./support/context.js";

type Ctx = ReturnType<typeof testContext>;

/** createHttp (the API's error shape and 404 handler) + one API route + the player plugin. */
async function serverWith(root: string): Promise<{ app: FastifyInstance; ctx: Ctx }> {
  const ctx = testContext();
  const app = createHttp(ctx, { logger: !!process.env.DBG });
  app.get("/api/ping", async () => ({ ok: true }));
  await registerPlayer(app, ctx, { root });
  await app.ready();
  return { app, ctx };
}

describe("player plugin with a build", () => {
  let dir: string;
  let app: FastifyInstance;
  let ctx: Ctx;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "plinth-player-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, "assets", "index-abc.js"), "console.log('player')");
    ({ app, ctx } = await serverWith(dir));
  });
  afterAll(async () => {
    await app.close();
    await ctx.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves index.html at /apps/ and redirects / and /apps there", async () => {
    const index = await app.inject({ method: "GET", url: "/apps/" });
    expect(index.statusCode).toBe(200);
    expect(index.headers["content-type"]).toMatch(/text\/html/);
    expect(index.body).toContain('<div id="root">');
    expect(index.headers["cache-control"]).toBe("no-cache");
    for (const url of ["/", "/apps"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe("/apps/");
    }
  });

  it("serves assets as files, with a long cache", async () => {
    const res = await app.inject({ method: "GET", url: "/apps/assets/index-abc.js" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/javascript/);
    expect(res.body).toBe("console.log('player')");
    expect(res.headers["cache-control"]).toContain("immutable");
  });

  it("answers index.html for any /apps/* path that is not a file (SPA fallback)", async () => {
    for (const url of ["/apps/starter", "/apps/starter/opportunities", "/apps/starter/opportunities?x=1"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<div id="root">');
    }
  });

  it("keeps missing files (with an extension) and other methods as 404s", async () => {
    const js = await app.inject({ method: "GET", url: "/apps/assets/gone-123.js" });
    expect(js.statusCode).toBe(404);
    expect(js.json().error.code).toBe("http.routeNotFound");
    const post = await app.inject({ method: "POST", url: "/apps/starter", payload: {} });
    expect(post.statusCode).toBe(404);
  });

  it("leaves the API and its 404s alone", async () => {
    expect((await app.inject({ method: "GET", url: "/api/ping" })).json()).toEqual({ ok: true });
    const missing = await app.inject({ method: "GET", url: "/api/nothing" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("http.routeNotFound");
  });
});

describe("player plugin without a build", () => {
  it("answers 503 telling to run pnpm build", async () => {
    const dir = join(tmpdir(), `plinth-player-missing-${process.pid}`);
    const { app, ctx } = await serverWith(dir);
    try {
      for (const url of ["/apps/", "/apps/starter/opportunities"]) {
        const res = await app.inject({ method: "GET", url, headers: { "accept-language": "zh-CN" } });
        expect(res.statusCode, url).toBe(503);
        expect(res.json().error.message).toContain("pnpm build");
        expect(res.json().error.details.messages["zh-CN"]).toContain("pnpm build");
      }
      expect((await app.inject({ method: "GET", url: "/api/ping" })).statusCode).toBe(200);
    } finally {
      await app.close();
      await ctx.cleanup();
    }
  });

  it("finds the repository's player build folder by default", () => {
    expect(defaultPlayerRoot().replaceAll("\\", "/")).toMatch(/packages\/player\/dist$/);
  });
});
