import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAudit } from "../src/audit/plugin.js";
import { createHttp } from "../src/http/server.js";
import { testContext } from "./support/context.js";

type Ctx = ReturnType<typeof testContext>;
let ctx: Ctx;
let app: FastifyInstance;

/** Users by id: admin, an auditor of sales, a rep of sales, an auditor of another app. */
const users = { admin: true, auditor: false, rep: false, crmAuditor: false } as const;

/** Stand-in for the auth plugin: the `x-test-user` header names the principal. */
function testPrincipals(server: FastifyInstance, c: Ctx): void {
  server.addHook("onRequest", async (request) => {
    const id = request.headers["x-test-user"];
    if (typeof id !== "string") return;
    const user = await c.storage.read((tx) => tx.platform.userById(id));
    if (user) request.principal = { user, via: "token" };
  });
}

const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 9, minute)).toISOString();

beforeAll(async () => {
  ctx = testContext();
  await ctx.storage.write(async (tx) => {
    for (const [id, isAdmin] of Object.entries(users)) {
      await tx.platform.insertUser({
        id,
        username: id,
        displayName: id,
        passwordHash: "not-a-real-hash",
        isAdmin,
        attributes: {},
        disabled: false,
        createdAt: at(0),
      });
    }
    await tx.platform.setRoles("auditor", "sales", ["auditor"]);
    await tx.platform.setRoles("rep", "sales", ["rep"]);
    await tx.platform.setRoles("crmAuditor", "crm", ["auditor"]);
    for (let i = 1; i <= 12; i++) {
      await tx.platform.appendAudit({
        at: at(i),
        userId: i % 2 === 0 ? "rep" : "admin",
        requestId: null,
        action: "record.update",
        appId: i === 12 ? "crm" : "sales",
        entity: i <= 8 ? "opportunity" : "account",
        recordId: `r${i % 3}`,
        diff: { n: i },
      });
    }
  });
  app = createHttp(ctx);
  testPrincipals(app, ctx);
  registerAudit(app, ctx);
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await ctx.cleanup();
});

const get = (url: string, user?: string, headers: Record<string, string> = {}) =>
  app.inject({ method: "GET", url, headers: { ...(user ? { "x-test-user": user } : {}), ...headers } });
const seqs = (body: string) => (JSON.parse(body) as { entries: Array<{ seq: number }> }).entries.map((e) => e.seq);

describe("GET /api/apps/:app/audit", () => {
  it("asks anonymous callers to sign in", async () => {
    const res = await get("/api/apps/sales/audit");
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: "http.unauthenticated" } });
  });

  it("forbids users without the auditor role in that app, in both languages", async () => {
    for (const user of ["rep", "crmAuditor"]) {
      const res = await get("/api/apps/sales/audit", user);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({
        error: { code: "http.forbidden", message: expect.stringContaining("read the audit log") },
      });
    }
    const zh = await get("/api/apps/sales/audit", "rep", { "accept-language": "zh-CN" });
    expect(zh.json()).toMatchObject({ error: { message: expect.stringContaining("查看审计日志") } });
  });

  it("lets auditors of the app and platform admins read it, newest first, only that app", async () => {
    for (const user of ["auditor", "admin"]) {
      const res = await get("/api/apps/sales/audit", user);
      expect(res.statusCode).toBe(200);
      expect(seqs(res.body)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    }
    const entry = (await get("/api/apps/sales/audit?limit=1", "auditor")).json() as {
      entries: Array<Record<string, unknown>>;
    };
    expect(entry.entries[0]).toMatchObject({
      seq: 11,
      appId: "sales",
      entity: "account",
      diff: { n: 11 },
      hash: expect.any(String),
    });
  });

  it("filters by entity, record, user and time range", async () => {
    expect(seqs((await get("/api/apps/sales/audit?entity=account", "auditor")).body)).toEqual([11, 10, 9]);
    expect(seqs((await get("/api/apps/sales/audit?record=r0", "auditor")).body)).toEqual([9, 6, 3]);
    expect(seqs((await get("/api/apps/sales/audit?user=rep&entity=opportunity", "auditor")).body)).toEqual([
      8, 6, 4, 2,
    ]);
    const range = `from=${encodeURIComponent(at(3))}&to=${encodeURIComponent("2026-06-01T17:06:00+08:00")}`;
    expect(seqs((await get(`/api/apps/sales/audit?${range}`, "auditor")).body)).toEqual([5, 4, 3]);
  });

  it("pages with limit, next and before", async () => {
    const first = (await get("/api/apps/sales/audit?limit=4", "auditor")).json() as {
      entries: Array<{ seq: number }>;
      next?: number;
    };
    expect(first.entries.map((e) => e.seq)).toEqual([11, 10, 9, 8]);
    expect(first.next).toBe(8);
    const last = (await get("/api/apps/sales/audit?limit=4&before=4", "auditor")).json() as {
      entries: Array<{ seq: number }>;
      next?: number;
    };
    expect(last.entries.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(last.next).toBeUndefined();
  });

  it("refuses bad query values with 400", async () => {
    for (const query of [
      "limit=0",
      "limit=501",
      "limit=ten",
      "before=0",
      "from=yesterday",
      "to=2026-06-01",
      "entity=1bad",
    ]) {
      const res = await get(`/api/apps/sales/audit?${query}`, "auditor");
      expect(res.statusCode, query).toBe(400);
      expect(res.json(), query).toMatchObject({ error: { code: "http.badRequest" } });
    }
    const reversed = await get(
      `/api/apps/sales/audit?from=${encodeURIComponent(at(5))}&to=${encodeURIComponent(at(2))}`,
      "auditor",
    );
    expect(reversed.statusCode).toBe(400);
  });
});

describe("GET /api/audit/verify", () => {
  it("is for platform admins only", async () => {
    expect((await get("/api/audit/verify")).statusCode).toBe(401);
    const auditor = await get("/api/audit/verify", "auditor");
    expect(auditor.statusCode).toBe(403);
    expect(auditor.json()).toMatchObject({ error: { message: expect.stringContaining("verify the audit log") } });
  });

  it("returns the verification", async () => {
    const res = await get("/api/audit/verify", "admin");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, rows: 12 });
  });
});
