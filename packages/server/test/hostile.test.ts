import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "./support/context.js";
import { expectError, expectNoStack } from "./support/http.js";
import { type Client, type Server, testServer } from "./support/server.js";
import { type Inspector, inspect } from "./support/sqlite.js";

const OPPS = "/api/apps/starter/data/opportunity";

let server: Server;
let db: Inspector;
let admin: Client;
let rep: Client;

beforeAll(async () => {
  server = await testServer();
  db = inspect(server.ctx.file);
  admin = await server.login("admin");
  rep = await server.login("rep.east");
});

afterAll(async () => {
  db.close();
  await server.close();
});

function someOpportunity(): { id: string; version: number } {
  return db.db
    .prepare(`SELECT id, version FROM "${db.table("starter", "opportunity")}" WHERE owner = ? LIMIT 1`)
    .get(rep.userId) as {
    id: string;
    version: number;
  };
}

/** A raw request with the rep's session, any body and content type. */
function raw(
  method: "POST" | "PATCH" | "PUT",
  url: string,
  payload: string | Buffer,
  contentType: string,
  headers: Record<string, string> = {},
) {
  return rep.request(method, url, { headers: { "content-type": contentType, ...headers }, body: payload });
}

describe("bodies", () => {
  it("answers malformed JSON with 400 http.malformedJson", async () => {
    for (const payload of ['{"name": ', "{name: 1}", "[1, 2", '{"a": 1}}', "\u0000"]) {
      expectError(await raw("POST", OPPS, payload, "application/json"), 400, "http.malformedJson");
    }
  });

  it("answers a body that is not JSON with 415", async () => {
    const error = expectError(await raw("POST", OPPS, "name=Deal", "text/plain"), 415, "http.unsupportedMediaType");
    expect(error.message).toContain("application/json");
    expectError(
      await raw("POST", OPPS, "name=Deal", "application/x-www-form-urlencoded"),
      415,
      "http.unsupportedMediaType",
    );
    expectError(
      await raw("POST", "/api/apps/starter/query", "<query/>", "application/xml"),
      415,
      "http.unsupportedMediaType",
    );
  });

  it("refuses a JSON body that is not an object (400)", async () => {
    for (const payload of ["[]", '"text"', "42", "null"])
      expect((await raw("POST", OPPS, payload, "application/json")).statusCode).toBe(400);
  });

  it("answers a 10 MB JSON body with 413", async () => {
    const big = JSON.stringify({ name: "x".repeat(10 * 1024 * 1024) });
    expectError(await raw("POST", OPPS, big, "application/json"), 413, "http.tooLarge");
  });

  it("answers a 200 MB upload with 413 and closes the connection without reading it all", async () => {
    await server.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = server.app.server.address() as AddressInfo;
    const declared = 200 * 1024 * 1024;
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const result = await new Promise<{ status: number; body: string; sent: number; closed: boolean }>(
      (resolve, reject) => {
        let sent = 0;
        let status = 0;
        let body = "";
        const req = httpRequest({
          host: "127.0.0.1",
          port,
          method: "POST",
          path: OPPS,
          headers: { "content-type": "application/json", "content-length": String(declared) },
        });
        // A client that keeps sending would never learn the server gave up; stop at 4 MB at most.
        const pump = () => {
          while (sent < 4 * 1024 * 1024 && !req.destroyed) {
            sent += chunk.length;
            if (!req.write(chunk)) {
              req.once("drain", pump);
              return;
            }
          }
        };
        req.on("response", (res) => {
          status = res.statusCode ?? 0;
          res.setEncoding("utf8");
          res.on("data", (text: string) => {
            body += text;
          });
        });
        req.on("error", () => undefined);
        req.on("close", () => resolve({ status, body, sent, closed: true }));
        const timer = setTimeout(
          () => reject(new Error(`the server kept the connection open (status ${status}, sent ${sent} bytes)`)),
          20_000,
        );
        req.on("close", () => clearTimeout(timer));
        pump();
      },
    );
    expect(result.status).toBe(413);
    expect(result.closed).toBe(true);
    expect(result.sent).toBeLessThan(declared);
    expect(JSON.parse(result.body)).toMatchObject({ error: { code: "http.tooLarge" } });
  });
});

describe("injection-shaped input", () => {
  it("answers SQL- and formula-injection in every parameter with a clear 4xx and changes nothing", async () => {
    const before = db.counts();
    const { id, version } = someOpportunity();
    const enc = encodeURIComponent;
    const attempts: Array<[string, string, unknown?, Record<string, string>?]> = [
      ["GET", `${OPPS}?filter=${enc("1=1; DROP TABLE users --")}`],
      ["GET", `${OPPS}?filter=${enc("name = '' OR 1=1 --")}`],
      ["GET", `${OPPS}?filter=${enc("name = 'x'); DROP TABLE audit; --")}`],
      ["GET", `${OPPS}?filter=${enc('name = "x"; DELETE FROM users')}`],
      ["GET", `${OPPS}?sort=${enc("name;DROP")}`],
      ["GET", `${OPPS}?sort=${enc("name DESC; DROP TABLE users")}`],
      ["GET", `${OPPS}?fields=${enc('name,"; DROP TABLE users; --')}`],
      ["GET", `${OPPS}?limit=${enc("1; DROP TABLE users")}`],
      ["GET", `${OPPS}?cursor=${enc("' OR 1=1 --")}`],
      ["GET", `${OPPS}?cursor=${Buffer.from(JSON.stringify([{ $gt: "" }, "x"])).toString("base64url")}`],
      ["GET", `/api/apps/starter/data/${enc('x"; DROP TABLE y; --')}`],
      ["GET", `/api/apps/${enc("starter'; DROP TABLE apps; --")}/data/opportunity`],
      ["GET", `${OPPS}/${enc("' OR 1=1 --")}`],
      ["PATCH", `${OPPS}/${enc("' OR 1=1 --")}`, { name: "x" }, { "if-match": '"1"' }],
      ["DELETE", `${OPPS}/${enc("' OR 1=1 --")}`],
      ["PATCH", `${OPPS}/${id}`, { name: "x" }, { "if-match": `"${version}; DROP TABLE audit"` }],
      ["POST", `/api/apps/starter/data/${enc('x"; DROP TABLE y; --')}`, { name: "x" }],
      [
        "POST",
        OPPS,
        { 'name"; DROP TABLE users; --': "x", name: "Deal", account: "a", region: "east", close_date: "2026-01-01" },
      ],
      [
        "POST",
        OPPS,
        { name: "Deal", account: "' OR 1=1 --", region: "east'; DROP TABLE audit; --", close_date: "2026-01-01" },
      ],
      ["POST", "/api/apps/starter/query", { entity: 'opportunity"; DROP TABLE users; --' }],
      ["POST", "/api/apps/starter/query", { entity: "opportunity", groupBy: [{ field: "stage; DROP TABLE users" }] }],
      [
        "POST",
        "/api/apps/starter/query",
        { entity: "opportunity", measures: [{ id: 'n" FROM users; --', aggregate: "count" }] },
      ],
      [
        "POST",
        "/api/apps/starter/query",
        { entity: "opportunity", measures: [{ id: "n", aggregate: "count); DROP TABLE users; --" }] },
      ],
      ["POST", "/api/apps/starter/query", { entity: "opportunity", filter: "1=1; DROP TABLE users --" }],
      ["POST", "/api/apps/starter/query", { entity: "opportunity", sort: [{ by: "stage; DROP TABLE users" }] }],
    ];
    for (const [method, url, body, headers] of attempts) {
      const res = await rep.request(method, url, { body, headers });
      const what = `${method} ${url}: ${res.body.slice(0, 300)}`;
      expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, what).toBeLessThan(500);
      expectError(res, res.statusCode);
    }
    const login = await server.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "admin' --", password: "' OR '1'='1" },
    });
    expect(login.statusCode).toBeGreaterThanOrEqual(400);
    expect(login.statusCode).toBeLessThan(500);
    // The failed sign-in is audited; nothing else is written.
    const { audit, ...unchanged } = before;
    const { audit: auditAfter, ...after } = db.counts();
    expect(after).toEqual(unchanged);
    const added = db.db.prepare("SELECT action FROM audit WHERE seq > ? ORDER BY seq").all(audit) as Array<{
      action: string;
    }>;
    expect(added.map((r) => r.action)).toEqual([expect.stringMatching(/^auth\./)]);
    expect(auditAfter).toBe((audit ?? 0) + 1);
    expect(db.integrity()).toBe("ok");
  });

  // Known gap: PostgreSQL text cannot hold U+0000 (this value has one), and the write fails with a 500.
  it.skipIf(testDatabase === "postgres")(
    "stores injection-shaped values verbatim as text, and finds them by exact value",
    async () => {
      const before = db.counts();
      const hostile = "'); DROP TABLE audit; --";
      const quotes = `Robert"); DROP TABLE users; -- ' " \\ \u0000 ${"%"}_`;
      const account = db.db
        .prepare(`SELECT id FROM "${db.table("starter", "account")}" WHERE region = 'east' LIMIT 1`)
        .get() as { id: string };
      const created = await rep.request("POST", OPPS, {
        body: { name: hostile, notes: quotes, account: account.id, region: "east", close_date: "2026-03-01" },
        headers: { "idempotency-key": "'; DROP TABLE idempotency; --" },
      });
      expect(created.statusCode, created.body).toBe(201);
      const record = created.json<{ id: string; name: string; notes: string }>();
      expect(record.name).toBe(hostile);
      expect(record.notes).toBe(quotes);
      const stored = db.db
        .prepare(`SELECT name, notes FROM "${db.table("starter", "opportunity")}" WHERE id = ?`)
        .get(record.id);
      expect(stored).toEqual({ name: hostile, notes: quotes });

      const literal = `name = '${hostile.replace(/'/g, "''")}'`;
      const found = await rep.request("GET", `${OPPS}?filter=${encodeURIComponent(literal)}`);
      if (found.statusCode === 200)
        expect(found.json<{ records: Array<{ id: string }> }>().records.map((r) => r.id)).toEqual([record.id]);
      else expectError(found, 400);
      const contains = await rep.request(
        "GET",
        `${OPPS}?filter=${encodeURIComponent(`CONTAINS(notes, "DROP TABLE users")`)}`,
      );
      expect(contains.statusCode, contains.body).toBe(200);
      expect(contains.json<{ records: Array<{ id: string }> }>().records.map((r) => r.id)).toEqual([record.id]);

      const after = db.counts();
      const table = db.table("starter", "opportunity");
      expect(after[table]).toBe((before[table] ?? 0) + 1);
      expect(after.users).toBe(before.users);
      expect(after.audit).toBe((before.audit ?? 0) + 1);
      expect(after.idempotency).toBe((before.idempotency ?? 0) + 1);
      expect(db.integrity()).toBe("ok");
    },
  );
});

describe("error shape", () => {
  it("answers unknown routes with 404 and the error shape", async () => {
    for (const [method, url] of [
      ["GET", "/api/nope"],
      ["POST", "/api/apps/starter/nothing"],
      ["DELETE", "/api/apps/starter"],
      ["GET", "/api/apps/starter/data/opportunity/a/b"],
      ["PUT", OPPS],
    ] as const) {
      const res = await admin.request(method, url, { body: method === "GET" || method === "DELETE" ? undefined : {} });
      const error = expectError(res, 404, "http.routeNotFound");
      expect(error.message).toContain(url.split("?")[0]);
    }
    // The root is the player's front door.
    const root = await admin.request("GET", "/");
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe("/apps/");
    expectError(await admin.request("GET", "/api/apps/nosuchapp/data/opportunity"), 404, "http.notFound");
    expectError(await admin.request("GET", "/api/apps/starter/data/nosuchentity"), 404, "http.notFound");
  });

  it("never shows a stack trace, whatever goes wrong", async () => {
    const responses: LightMyRequestResponse[] = [
      await raw("POST", OPPS, '{"name":', "application/json"),
      await rep.request("GET", `${OPPS}?filter=${encodeURIComponent("TEXT(amount) = '1'")}`),
      await rep.request("GET", `${OPPS}?filter=${encodeURIComponent("(".repeat(500))}`),
      await rep.request("GET", `${OPPS}?filter=${encodeURIComponent(`${"NOT ".repeat(2000)}TRUE`)}`),
      await rep.request("GET", `${OPPS}?limit=1000000`),
      await rep.request("POST", "/api/apps/starter/query", { body: { entity: "opportunity", limit: -1 } }),
      await server.app.inject({ method: "GET", url: OPPS, headers: { cookie: "plinth_session=forged" } }),
      await server.app.inject({ method: "GET", url: OPPS, headers: { authorization: "Bearer plt_forged" } }),
      await rep.request("POST", OPPS, { body: { name: "x" }, headers: { "x-csrf-token": "wrong" } }),
    ];
    for (const res of responses) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      expectError(res, res.statusCode);
      expectNoStack(JSON.stringify(res.headers));
    }
  });

  it("answers in Chinese when asked", async () => {
    const res = await rep.request("GET", "/api/nope", { headers: { "accept-language": "zh-CN,zh;q=0.9" } });
    expect(expectError(res, 404, "http.routeNotFound").message).toMatch(/[\u4e00-\u9fff]/);
  });
});
