import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "../src/http/createServer.js";
import { platformOpenApi } from "../src/openapi/platformDocument.js";
import { createSqliteStorage } from "../src/storage/sqlite/index.js";
import { testDatabase } from "./support/context.js";
import { expectError } from "./support/http.js";
import { type Client, login, type Server, testServer } from "./support/server.js";

interface View {
  id: string;
  page: string;
  name: string;
  filter: string;
  sort: Array<{ field: string; direction: string }>;
  columns: string[];
  createdAt: string;
  updatedAt: string;
}

const base = "/api/apps/starter/views";
const body = (overrides: Record<string, unknown> = {}) => ({
  page: "opportunities",
  name: "Big deals",
  filter: "amount > 500000",
  sort: [{ field: "amount", direction: "desc" }],
  columns: ["name", "amount", "stage", "owner"],
  ...overrides,
});

describe("saved views", () => {
  let server: Server;
  let rep: Client;
  let otherRep: Client;
  let finance: Client;

  beforeAll(async () => {
    server = await testServer();
    rep = await server.login("rep.east");
    otherRep = await server.login("rep.north");
    finance = await server.login("finance");
  });
  afterAll(() => server.close());

  const list = async (client: Client, page = "opportunities") => {
    const res = await client.request("GET", `${base}?page=${page}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { views: View[] }).views;
  };

  it("saves a view for its user only, and lists it back by name", async () => {
    const created = await rep.request("POST", base, {
      body: body({ name: "  Big deals  ", filter: " amount > 500000 " }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json() as View;
    expect(created.headers.location).toBe(`${base}/${view.id}`);
    expect(view).toMatchObject({
      page: "opportunities",
      name: "Big deals",
      filter: "amount > 500000",
      sort: [{ field: "amount", direction: "desc" }],
      columns: ["name", "amount", "stage", "owner"],
      createdAt: "2026-06-01T09:00:00.000Z",
    });
    const second = await rep.request("POST", base, {
      body: body({ name: "Alle “东区” 'quotes'", filter: "", sort: [], columns: [] }),
    });
    expect(second.statusCode, second.body).toBe(201);
    expect((await list(rep)).map((v) => v.name)).toEqual(["Alle “东区” 'quotes'", "Big deals"]);

    // Another user sees none of them and cannot touch them: their ids answer 404.
    expect(await list(otherRep)).toEqual([]);
    expectError(
      await otherRep.request("PUT", `${base}/${view.id}`, { body: body({ page: undefined }) }),
      404,
      "views.notFound",
    );
    expectError(await otherRep.request("DELETE", `${base}/${view.id}`), 404, "views.notFound");
    expect((await list(rep)).length).toBe(2);
  });

  it("replaces and deletes a view; names stay unique per user and page", async () => {
    const created = (await rep.request("POST", base, { body: body({ name: "Draft" }) })).json() as View;
    server.clock.advance(60_000);
    const { page: _page, ...update } = body({ name: "Renamed", filter: "stage = 'won'", columns: ["number"] });
    const replaced = await rep.request("PUT", `${base}/${created.id}`, { body: update });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json()).toMatchObject({
      id: created.id,
      name: "Renamed",
      filter: "stage = 'won'",
      columns: ["number"],
      createdAt: created.createdAt,
      updatedAt: "2026-06-01T09:01:00.000Z",
    });
    // The same name on the same page is refused, on create and on rename.
    const taken = expectError(
      await rep.request("POST", base, { body: body({ name: "Renamed" }) }),
      409,
      "views.nameTaken",
    );
    expect(taken.path).toBe("/name");
    expectError(
      await rep.request("PUT", `${base}/${created.id}`, { body: { ...update, name: "Big deals" } }),
      409,
      "views.nameTaken",
    );
    // ...but another user may use it.
    expect((await otherRep.request("POST", base, { body: body({ name: "Renamed", filter: "" }) })).statusCode).toBe(
      201,
    );

    expect((await rep.request("DELETE", `${base}/${created.id}`)).statusCode).toBe(204);
    expectError(await rep.request("DELETE", `${base}/${created.id}`), 404, "views.notFound");
    expectError(await rep.request("PUT", `${base}/${created.id}`, { body: update }), 404, "views.notFound");
    expect((await list(rep)).map((v) => v.name)).not.toContain("Renamed");
  });

  it("checks the view like a list request: page, filter, columns and sort", async () => {
    expectError(await rep.request("GET", `${base}?page=nope`), 404, "views.unknownPage");
    expectError(await rep.request("GET", `${base}?page=pipeline`), 404, "views.unknownPage"); // a kanban page
    expectError(await rep.request("POST", base, { body: body({ page: "forecast" }) }), 404, "views.unknownPage");
    expectError(await rep.request("GET", "/api/apps/nope/views?page=opportunities"), 404);

    const badFilter = expectError(await rep.request("POST", base, { body: body({ filter: "amount >" }) }), 400);
    expect(badFilter.path).toBe("/filter");
    expect(badFilter.details.issues?.[0]?.code).toMatch(/^formula\./);
    expectError(
      await rep.request("POST", base, { body: body({ filter: "stage = 'wonn'" }) }),
      400,
      "formula.unknownOption",
    );
    expectError(await rep.request("POST", base, { body: body({ filter: "amount" }) }), 400);

    const column = expectError(await rep.request("POST", base, { body: body({ columns: ["name", "nope"] }) }), 400);
    expect([column.code, column.path]).toEqual(["views.unknownColumn", "/columns/1"]);
    expectError(await rep.request("POST", base, { body: body({ columns: ["version"] }) }), 400, "views.unknownColumn");
    const sort = expectError(
      await rep.request("POST", base, { body: body({ sort: [{ field: "files", direction: "asc" }] }) }),
      400,
    );
    expect([sort.code, sort.path]).toEqual(["views.unsortable", "/sort/0"]);
    expectError(await rep.request("POST", base, { body: body({ name: "   " }) }), 400, "views.blankName");
  });

  it("never lets a view read a field the user may not see", async () => {
    // Finance may not see the notes of opportunities: not as a column, a sort key or in the filter.
    expectError(
      await finance.request("POST", base, { body: body({ columns: ["name", "notes"] }) }),
      400,
      "views.unknownColumn",
    );
    expectError(
      await finance.request("POST", base, { body: body({ sort: [{ field: "notes", direction: "asc" }] }) }),
      400,
      "views.unsortable",
    );
    expectError(
      await finance.request("POST", base, { body: body({ filter: "CONTAINS(notes, 'x')" }) }),
      403,
      "http.forbidden",
    );
    expect((await finance.request("POST", base, { body: body({ name: "Won" }) })).statusCode).toBe(201);
    // auditor has no role that reads opportunities.
    const auditor = await server.login("auditor");
    expectError(await auditor.request("GET", `${base}?page=opportunities`), 403, "http.forbidden");
  });

  it("refuses hostile bodies with a 4xx", async () => {
    const tooLong = "x".repeat(81);
    expectError(await rep.request("POST", base, { body: body({ name: tooLong }) }), 400);
    expectError(await rep.request("POST", base, { body: body({ filter: "a".repeat(10_001) }) }), 400);
    expectError(
      await rep.request("POST", base, { body: body({ columns: Array.from({ length: 101 }, (_, i) => `f${i}`) }) }),
      400,
    );
    expectError(await rep.request("POST", base, { body: body({ columns: ["name", "name"] }) }), 400);
    expectError(
      await rep.request("POST", base, { body: body({ sort: Array(6).fill({ field: "name", direction: "asc" }) }) }),
      400,
    );
    expectError(await rep.request("POST", base, { body: body({ sort: [{ field: "name", direction: "up" }] }) }), 400);
    // Unknown properties are dropped (Fastify's removeAdditional), never stored.
    const extra = await rep.request("POST", base, { body: body({ name: "Extra", userId: "someone-else" }) });
    expect(extra.statusCode, extra.body).toBe(201);
    expect(extra.json()).not.toHaveProperty("userId");
    expectError(await rep.request("POST", base, { body: body({ columns: ["__proto__"] }) }), 400);
    expectError(await rep.request("POST", base, { body: { ...body(), name: { en: "x" } } }), 400);
    expectError(await rep.request("GET", base), 400);
    expectError(await rep.request("DELETE", `${base}/${"../".repeat(3)}`), 404);
    const big = await rep.request("POST", base, { body: { ...body(), filter: "y".repeat(70_000) } });
    expectError(big, 413);
    const anonymous = await server.app.inject({ method: "GET", url: `${base}?page=opportunities` });
    expectError(anonymous, 401);
    const noCsrf = await server.app.inject({ method: "POST", url: base, payload: body() });
    expect(noCsrf.statusCode).toBeGreaterThanOrEqual(400);
    expect(noCsrf.statusCode).toBeLessThan(500);
  });

  it("keeps at most 50 views per user and page", async () => {
    const user = await server.login("manager.east");
    for (let i = 0; i < 50; i++) {
      const res = await user.request("POST", base, { body: body({ name: `View ${String(i).padStart(2, "0")}` }) });
      expect(res.statusCode, res.body).toBe(201);
    }
    expectError(await user.request("POST", base, { body: body({ name: "One more" }) }), 409, "views.tooMany");
    expect((await list(user)).length).toBe(50);
  });
});

describe("saved views storage", () => {
  // Reopens the SQLite file.
  it.skipIf(testDatabase === "postgres")("keeps views in the database file across a restart", async () => {
    const server = await testServer();
    const rep = await server.login("rep.east");
    const created = await rep.request("POST", base, { body: body() });
    expect(created.statusCode, created.body).toBe(201);
    await server.app.close();
    await server.ctx.storage.close();

    // A new storage over the same file (its DDL runs again and must leave the table as it is).
    const storage = createSqliteStorage({
      file: server.ctx.file,
      durability: "normal",
      functions: server.ctx.runtime.functions,
    });
    const ctx = { ...server.ctx, storage };
    const app = await createServer(ctx);
    try {
      const again = await login(app, "rep.east", "demo-password-1");
      const res = await again.request("GET", `${base}?page=opportunities`);
      expect((res.json() as { views: View[] }).views.map((v) => v.id)).toEqual([(created.json() as View).id]);
    } finally {
      await app.close();
      await ctx.cleanup();
    }
  });
});

describe("saved views in the OpenAPI document", () => {
  it("documents the four operations with their schemas", () => {
    const doc = platformOpenApi();
    expect(Object.keys(doc.paths["/api/apps/{app}/views"] ?? {})).toEqual(expect.arrayContaining(["get", "post"]));
    expect(Object.keys(doc.paths["/api/apps/{app}/views/{id}"] ?? {})).toEqual(
      expect.arrayContaining(["put", "delete"]),
    );
    expect(Object.keys(doc.components.schemas ?? {})).toEqual(
      expect.arrayContaining(["SavedView", "SavedViewList", "SavedViewInput", "SavedViewUpdate"]),
    );
  });
});
