import type { App } from "@plinth/runtime";
import { validateApp } from "@plinth/runtime";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { salesApp } from "../../runtime/test/fixtures/salesApp.js";
import { createHttp } from "../src/http/server.js";
import { registerOpenApi } from "../src/openapi/plugin.js";
import { testContext } from "./support/context.js";

type Ctx = ReturnType<typeof testContext>;
let ctx: Ctx;
let app: FastifyInstance;

/** Stand-in for the auth plugin: the `x-test-user` header names the principal. */
function testPrincipals(server: FastifyInstance, c: Ctx): void {
  server.addHook("onRequest", async (request) => {
    const id = request.headers["x-test-user"];
    if (typeof id !== "string") return;
    const user = await c.storage.read((tx) => tx.platform.userById(id));
    if (user) request.principal = { user, via: "session" };
  });
}

beforeAll(async () => {
  ctx = testContext();
  await ctx.storage.write(async (tx) => {
    for (const [id, isAdmin] of [
      ["admin", true],
      ["rep", false],
      ["outsider", false],
    ] as const) {
      await tx.platform.insertUser({
        id,
        username: id,
        displayName: id,
        passwordHash: "not-a-real-hash",
        isAdmin,
        attributes: {},
        disabled: false,
        createdAt: "2026-06-01T09:00:00.000Z",
      });
    }
    await tx.platform.setRoles("rep", "sales", ["rep"]);
  });
  const sales = validateApp(salesApp()).app;
  const published = new Map<string, App>(sales ? [["sales", sales]] : []);
  app = createHttp(ctx);
  testPrincipals(app, ctx);
  registerOpenApi(app, ctx, async (id) => published.get(id));
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await ctx.cleanup();
});

const get = (url: string, user?: string) =>
  app.inject({ method: "GET", url, headers: user ? { "x-test-user": user } : {} });

describe("GET /api/openapi.json", () => {
  it("serves the platform document to anyone", async () => {
    const res = await get("/api/openapi.json");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ openapi: "3.1.0", info: { title: "Plinth platform API" } });
  });
});

describe("GET /api/apps/:app/openapi.json", () => {
  it("serves the app's document to holders of a role and to admins", async () => {
    for (const user of ["rep", "admin"]) {
      const res = await get("/api/apps/sales/openapi.json", user);
      expect(res.statusCode).toBe(200);
      const doc = res.json() as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
      expect(Object.keys(doc.paths)).toContain("/api/apps/sales/data/opportunity");
      expect(doc.components.schemas).toHaveProperty("Opportunity");
    }
  });

  it("answers 404 http.notFound for an app without a published schema", async () => {
    const res = await get("/api/apps/nope/openapi.json", "admin");
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      error: { code: "http.notFound", message: "There is no app 'nope'. Check the address." },
    });
  });

  it("hides the app from users without a role and asks anonymous callers to sign in", async () => {
    expect((await get("/api/apps/sales/openapi.json", "outsider")).statusCode).toBe(404);
    expect((await get("/api/apps/sales/openapi.json")).json()).toMatchObject({
      error: { code: "http.unauthenticated" },
    });
  });
});
