import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

  // U+0000 is refused on both databases (PostgreSQL text cannot hold it): see "U+0000 (NUL)" below.
  it("stores injection-shaped values verbatim as text, and finds them by exact value", async () => {
    const before = db.counts();
    const hostile = "'); DROP TABLE audit; --";
    const quotes = `Robert"); DROP TABLE users; -- ' " \\ \u0001 \\u0000 %00 ${"%"}_`;
    const account = db.db
      .prepare(`SELECT id FROM "${db.table("starter", "account")}" WHERE region = 'east' LIMIT 1`)
      .get() as { id: string };
    const refused = await rep.request("POST", OPPS, {
      body: { name: hostile, notes: `${quotes} \u0000`, account: account.id, region: "east", close_date: "2026-03-01" },
      headers: { "idempotency-key": "'; DROP TABLE idempotency; -- (NUL)" },
    });
    expect(expectError(refused, 422, "record.nulCharacter").path).toBe("/notes");
    expect(db.counts()).toEqual(before);
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
  });
});

describe("U+0000 (NUL)", () => {
  const NUL = "\u0000";
  const enc = encodeURIComponent;
  const eastAccount = () =>
    (
      db.db.prepare(`SELECT id FROM "${db.table("starter", "account")}" WHERE region = 'east' LIMIT 1`).get() as {
        id: string;
      }
    ).id;

  it("refuses a record with U+0000 in a value or a name with 422 record.nulCharacter at the field, storing nothing", async () => {
    const before = db.counts();
    const deal = { name: "NUL deal", account: eastAccount(), region: "east", close_date: "2026-03-01" };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...deal, notes: `line 1\nline ${NUL}2` }, "/notes"],
      [{ ...deal, name: NUL }, "/name"],
      [{ ...deal, account: `${deal.account}${NUL}` }, "/account"],
      [{ ...deal, region: `east${NUL}` }, "/region"],
      [{ ...deal, [`no${NUL}tes`]: "x" }, `/no${NUL}tes`],
      [
        { ...deal, contract: [{ id: "f1", name: `a${NUL}.pdf`, size: 1, contentType: "application/pdf" }] },
        "/contract/0/name",
      ],
    ];
    for (const [n, [body, path]] of cases.entries()) {
      const res = await rep.request("POST", OPPS, { body, headers: { "idempotency-key": `nul ${n}` } });
      const error = expectError(res, 422, "record.nulCharacter");
      expect(error.path).toBe(path);
      expect(error.message).toMatch(/contains a NUL character \(U\+0000\).*Remove it/);
      expect(error.details.issues?.map((i) => i.path)).toEqual([path]);
    }
    const { id, version } = someOpportunity();
    const table = db.table("starter", "opportunity");
    const row = () => db.db.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id);
    const stored = row();
    const patched = await rep.request("PATCH", `${OPPS}/${id}`, {
      body: { notes: `edited ${NUL}` },
      headers: { "if-match": `"${version}"`, "accept-language": "zh-CN" },
    });
    const error = expectError(patched, 422, "record.nulCharacter");
    expect(error.path).toBe("/notes");
    expect(error.message).toMatch(/^notes包含 NUL 字符（U\+0000），无法保存。/);
    expect(row()).toEqual(stored);
    expect(db.counts()).toEqual(before);
    expect(db.integrity()).toBe("ok");
  });

  it("refuses U+0000 in any other JSON body with 400 http.nulCharacter and the pointer, before any route runs", async () => {
    const before = db.counts();
    const { id } = someOpportunity();
    const deep: unknown[] = [];
    let inner = deep;
    for (let i = 0; i < 3000; i++) {
      const next: unknown[] = [];
      inner.push(next);
      inner = next;
    }
    inner.push(`deep ${NUL}`);
    const attempts: Array<[Client | undefined, string, string, unknown, string]> = [
      [rep, "POST", "/api/apps/starter/query", { entity: "opportunity", filter: `name = 'x${NUL}'` }, "/filter"],
      [rep, "POST", "/api/apps/starter/query", { entity: `opportunity${NUL}` }, "/entity"],
      [rep, "POST", "/api/apps/starter/query", { [`ent${NUL}ity`]: "opportunity" }, `/ent${NUL}ity`],
      [rep, "POST", "/api/apps/starter/query", { entity: "opportunity", deep }, `/deep${"/0".repeat(3001)}`],
      [rep, "POST", `${OPPS}/${id}/actions/submit`, { comment: `please ${NUL}` }, "/comment"],
      [rep, "POST", "/api/apps/starter/views", { page: "opportunities", name: `Mine${NUL}`, state: {} }, "/name"],
      [rep, "POST", "/api/auth/tokens", { name: `ci${NUL}` }, "/name"],
      [
        admin,
        "POST",
        "/api/users",
        { username: `eve${NUL}`, displayName: "Eve", password: "long-password-1" },
        "/username",
      ],
      [
        admin,
        "PUT",
        "/api/apps/starter/draft",
        { app: { id: "starter", label: { en: `Starter ${NUL}` } } },
        "/app/label/en",
      ],
      [undefined, "POST", "/api/auth/login", { username: `admin${NUL}`, password: "' OR '1'='1" }, "/username"],
    ];
    for (const [client, method, url, body, path] of attempts) {
      const res = client
        ? await client.request(method, url, { body })
        : await server.app.inject({ method: method as "POST", url, payload: body as object });
      const error = expectError(res, 400, "http.nulCharacter");
      expect(error.path === path, `${method} ${url}: ${error.path.slice(0, 100)}`).toBe(true);
      expect(error.details.in).toBe("body");
      expect(error.message).toContain("U+0000");
      expect(error.message.length).toBeLessThan(400);
    }
    const zh = await rep.request("POST", "/api/apps/starter/query", {
      body: { entity: "opportunity", filter: NUL },
      headers: { "accept-language": "zh-CN" },
    });
    expect(expectError(zh, 400, "http.nulCharacter").message).toBe(
      "请求体中 /filter 处包含 NUL 字符（U+0000），无法保存。请删除该字符（它常随从其他程序复制的文本一起带入）后重新发送请求。",
    );
    expect(db.counts()).toEqual(before);
  });

  it("refuses %00 in the address and the query string with 400 http.nulCharacter, signed in or not", async () => {
    const before = db.counts();
    const anonymous = (url: string) => server.app.inject({ method: "GET", url });
    const cases: Array<[Promise<LightMyRequestResponse>, "path" | "query", string]> = [
      [rep.request("GET", `${OPPS}/abc%00def`), "path", ""],
      [rep.request("DELETE", `${OPPS}/abc%00`), "path", ""],
      [rep.request("GET", "/api/apps/starter/imports/x%00"), "path", ""],
      [anonymous("/api/nope%00"), "path", ""],
      [rep.request("GET", `${OPPS}?filter=${enc(`name = 'a${NUL}'`)}`), "query", "/filter"],
      [rep.request("GET", `${OPPS}?sort=name&fields=${enc(`name,${NUL}`)}`), "query", "/fields"],
      [anonymous(`${OPPS}?a%00b=1`), "query", `/a${NUL}b`],
      [
        rep.request("POST", `/api/apps/starter/files/opportunity/contract?name=${enc(`quote${NUL}.pdf`)}`, {
          body: "%PDF-1.4",
          headers: { "content-type": "application/pdf" },
        }),
        "query",
        "/name",
      ],
    ];
    for (const [response, where, path] of cases) {
      const res = await response;
      const error = expectError(res, 400, "http.nulCharacter");
      expect(error.details.in).toBe(where);
      expect(error.path).toBe(path);
    }
    // Node's HTTP parser refuses a raw NUL in a header; a header that reaches the server with one is refused too.
    const header = await rep.request("GET", OPPS, { headers: { "x-trace": `a${NUL}b` } });
    expect(expectError(header, 400, "http.nulCharacter").details.in).toBe("header");
    // Look-alikes are plain text: an escaped percent sign, and a literal backslash-u.
    const literal = await rep.request("GET", `${OPPS}?filter=${enc("notes = '%00 \\u0000'")}`);
    expect(literal.statusCode, literal.body).toBe(200);
    expect(db.counts()).toEqual(before);
  });

  it("reports U+0000 in a CSV import as a row issue and imports nothing", async () => {
    const before = db.counts();
    const account = eastAccount();
    const csv = [
      "name,account,region,close_date,notes",
      `NUL import 1,${account},east,2026-12-01,fine`,
      `NUL import 2,${account},east,2026-12-01,"bad ${NUL} note"`,
      `NUL import 3,${account}${NUL},east,2026-12-01,`,
    ].join("\n");
    const res = await admin.request("POST", `${OPPS}/import?mode=all&wait=1`, {
      body: csv,
      headers: { "content-type": "text/csv" },
    });
    expect(res.statusCode, res.body).toBe(422);
    const job = res.json<{
      imported: number;
      errors: Array<{ row: number; issues: Array<{ code: string; path: string }> }>;
    }>();
    expect(job.imported).toBe(0);
    expect(job.errors.flatMap((e) => e.issues.map((i) => [e.row, i.code, i.path]))).toEqual([
      [3, "record.nulCharacter", "/notes"],
      [4, "record.nulCharacter", "/account"],
    ]);
    const header = await admin.request("POST", `${OPPS}/import?mode=skip&wait=1`, {
      body: `name,account,region,close_date,no${NUL}tes\nNUL import 4,${account},east,2026-12-01,x`,
      headers: { "content-type": "text/csv" },
    });
    const skipped = header.json<{
      imported: number;
      errors: Array<{ issues: Array<{ code: string; path: string }> }>;
    }>();
    expect(skipped.imported).toBe(0);
    expect(skipped.errors[0]?.issues.map((i) => [i.code, i.path])).toEqual([["record.nulCharacter", `/no${NUL}tes`]]);
    const { [db.table("starter", "opportunity")]: rows } = db.counts();
    expect(rows).toBe(before[db.table("starter", "opportunity")]);
  });
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
