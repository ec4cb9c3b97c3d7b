import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactApp, createAndPublish, field } from "./support/apps.js";
import { etagVersion, expectError } from "./support/http.js";
import { type Client, type Server, testServer } from "./support/server.js";
import { type Inspector, inspect } from "./support/sqlite.js";

type Row = Record<string, unknown>;

const OPPS = "/api/apps/starter/data/opportunity";

let server: Server;
let db: Inspector;
let opportunities: string;
let accounts: string;
const users: Record<string, Client> = {};

beforeAll(async () => {
  server = await testServer();
  db = inspect(server.ctx.file);
  opportunities = db.table("starter", "opportunity");
  accounts = db.table("starter", "account");
  for (const name of ["admin", "rep.east", "rep.north", "manager.east", "finance"])
    users[name] = await server.login(name);
});

afterAll(async () => {
  db.close();
  await server.close();
});

function client(name: string): Client {
  const found = users[name];
  if (!found) throw new Error(`not signed in: ${name}`);
  return found;
}

function ids(sql: string, ...params: unknown[]): string[] {
  return (db.db.prepare(sql).all(...params) as Array<{ id: string }>).map((r) => r.id);
}

/** Every record of a listing, following `next` cursors; fails on a page that is not 200. */
async function walk(as: Client, url: string): Promise<{ records: Row[]; pages: number }> {
  const records: Row[] = [];
  let pages = 0;
  let cursor: string | undefined;
  do {
    const res = await as.request("GET", cursor ? `${url}&cursor=${encodeURIComponent(cursor)}` : url);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ records: Row[]; next?: string }>();
    records.push(...body.records);
    cursor = body.next;
    pages += 1;
    expect(pages).toBeLessThan(500);
  } while (cursor);
  return { records, pages };
}

function accountIn(region: string): string {
  const found = ids(`SELECT id FROM "${accounts}" WHERE region = ? ORDER BY id LIMIT 1`, region)[0];
  if (!found) throw new Error(`no account in ${region}`);
  return found;
}

function newOpportunity(overrides: Row = {}): Row {
  return {
    name: "Fresh deal",
    account: accountIn("east"),
    region: "east",
    amount: 1000,
    close_date: "2026-09-30",
    ...overrides,
  };
}

describe("row scopes", () => {
  it("a rep sees exactly their own opportunities", async () => {
    const { records } = await walk(client("rep.east"), `${OPPS}?limit=500`);
    const expected = ids(`SELECT id FROM "${opportunities}" WHERE owner = ?`, db.userId("rep.east"));
    expect(expected.length).toBeGreaterThan(50);
    expect(records.map((r) => r.id).sort()).toEqual(expected.sort());
  });

  it("a manager sees exactly the opportunities of their region", async () => {
    const { records } = await walk(client("manager.east"), `${OPPS}?limit=500`);
    const expected = ids(`SELECT id FROM "${opportunities}" WHERE region = 'east'`);
    expect(records.map((r) => r.id).sort()).toEqual(expected.sort());
    expect(new Set(records.map((r) => r.owner)).size).toBeGreaterThan(1);
  });

  it("finance sees exactly the won opportunities, never their notes", async () => {
    const won = ids(`SELECT id FROM "${opportunities}" WHERE stage = 'won' ORDER BY id`);
    const target = won[0] as string;
    const current = await client("admin").request("GET", `${OPPS}/${target}`);
    const patched = await client("admin").request("PATCH", `${OPPS}/${target}`, {
      body: { notes: "confidential discount" },
      headers: { "if-match": String(current.headers.etag) },
    });
    expect(patched.statusCode, patched.body).toBe(200);

    const { records } = await walk(client("finance"), `${OPPS}?limit=500`);
    expect(records.map((r) => r.id).sort()).toEqual(won);
    for (const record of records) {
      expect(record).not.toHaveProperty("notes");
      expect(record.stage).toBe("won");
    }
    const one = await client("finance").request("GET", `${OPPS}/${target}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).not.toHaveProperty("notes");
    expect(one.body).not.toContain("confidential");
  });

  it("GET of a record outside the scope is 404, as for a record that does not exist", async () => {
    const north = ids(`SELECT id FROM "${opportunities}" WHERE owner = ? LIMIT 1`, db.userId("rep.north"))[0];
    expectError(await client("rep.east").request("GET", `${OPPS}/${north}`), 404, "http.notFound");
    expectError(await client("rep.east").request("GET", `${OPPS}/doesNotExist`), 404, "http.notFound");
    expect((await client("rep.north").request("GET", `${OPPS}/${north}`)).statusCode).toBe(200);
  });
});

describe("listing", () => {
  it("filter + sort + cursor pagination walks every visible row once, in order", async () => {
    const url = `${OPPS}?filter=${encodeURIComponent("amount > 100000 AND stage <> 'lost'")}&sort=-amount,name&limit=7`;
    const { records, pages } = await walk(client("manager.east"), url);
    const expected = ids(
      `SELECT id FROM "${opportunities}" WHERE region = 'east' AND amount > 100000 AND stage <> 'lost' ORDER BY amount DESC, name ASC, id ASC`,
    );
    expect(expected.length).toBeGreaterThan(20);
    expect(records.map((r) => r.id)).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 7) + (expected.length % 7 === 0 ? 1 : 0));
  });

  it("pages through sort keys with blanks (NULLs first ascending, last descending)", async () => {
    const { records } = await walk(client("rep.east"), `${OPPS}?sort=lost_reason,-close_date&limit=7`);
    const expected = ids(
      `SELECT id FROM "${opportunities}" WHERE owner = ? ORDER BY lost_reason ASC NULLS FIRST, close_date DESC NULLS LAST, id ASC`,
      db.userId("rep.east"),
    );
    expect(records.map((r) => r.id)).toEqual(expected);
  });

  it("pages through a computed (rollup) sort key", async () => {
    const { records } = await walk(client("admin"), "/api/apps/starter/data/account?sort=-open_pipeline&limit=7");
    expect(records).toHaveLength(40);
    expect(new Set(records.map((r) => r.id)).size).toBe(40);
    const pipeline = records.map((r) => Number(r.open_pipeline));
    expect(pipeline).toEqual([...pipeline].sort((a, b) => b - a));
  });

  it("pages through a yes/no sort key", async () => {
    const admin = client("admin");
    await createAndPublish(admin, contactApp([field("name", "text"), field("vip", "boolean")], { id: "flags" }));
    for (let i = 0; i < 9; i++) {
      const res = await admin.request("POST", "/api/apps/flags/data/contact", {
        body: { name: `c${i}`, vip: i % 3 === 0 ? true : i % 3 === 1 ? false : null },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const { records } = await walk(admin, "/api/apps/flags/data/contact?sort=-vip,name&limit=2");
    expect(records.map((r) => r.name)).toEqual(["c0", "c3", "c6", "c1", "c4", "c7", "c2", "c5", "c8"]);
  });

  it("returns only the requested fields (plus id and version) with fields=", async () => {
    const res = await client("rep.east").request("GET", `${OPPS}?fields=name,amount&limit=5`);
    expect(res.statusCode).toBe(200);
    const { records } = res.json<{ records: Row[] }>();
    expect(records).toHaveLength(5);
    for (const record of records) expect(Object.keys(record).sort()).toEqual(["amount", "id", "name", "version"]);
  });

  it("refuses to filter or sort on a hidden field (403)", async () => {
    const finance = client("finance");
    const filter = expectError(
      await finance.request("GET", `${OPPS}?filter=${encodeURIComponent("notes = 'x'")}`),
      403,
      "http.forbidden",
    );
    expect(filter.path).toBe("filter");
    expectError(
      await finance.request("GET", `${OPPS}?filter=${encodeURIComponent("NOT ISBLANK(notes)")}`),
      403,
      "http.forbidden",
    );
    const sort = expectError(await finance.request("GET", `${OPPS}?sort=notes`), 403, "http.forbidden");
    expect(sort.path).toBe("sort");
  });

  it("answers a formula that does not compile with 400 and the formula issue", async () => {
    const broken = expectError(
      await client("rep.east").request("GET", `${OPPS}?filter=${encodeURIComponent("amount >")}`),
      400,
    );
    expect(broken.code).toMatch(/^formula\./);
    expect(broken.details.issues?.[0]?.params).toMatchObject({ line: 1, column: expect.any(Number) });

    const typo = expectError(
      await client("rep.east").request("GET", `${OPPS}?filter=${encodeURIComponent("stage = 'won' AND\n  amout > 5")}`),
      400,
      "formula.unknownField",
    );
    expect(typo.details.issues?.[0]?.params).toMatchObject({ field: "amout", line: 2, column: 3 });
  });

  it("answers a formula that checks but cannot run in the database with 400, not 500", async () => {
    const res = await client("rep.east").request("GET", `${OPPS}?filter=${encodeURIComponent("TEXT(amount) = '1'")}`);
    const error = expectError(res, 400);
    expect(error.code).toMatch(/^formula\./);
    expect(error.path).toBe("filter");
    expect(error.details.issues?.length).toBeGreaterThan(0);
  });

  it("refuses an unknown sort field and a cursor it did not give out (400)", async () => {
    expectError(await client("rep.east").request("GET", `${OPPS}?sort=nope`), 400, "http.badRequest");
    expectError(await client("rep.east").request("GET", `${OPPS}?cursor=garbage`), 400, "http.badRequest");
  });
});

describe("create", () => {
  it("creates as a rep: owner defaults to the rep, autonumber, ETag, 201", async () => {
    const rep = client("rep.east");
    const res = await rep.request("POST", OPPS, { body: newOpportunity() });
    expect(res.statusCode, res.body).toBe(201);
    const record = res.json<Row>();
    expect(record.owner).toBe(rep.userId);
    expect(record.number).toMatch(/^OPP-\d{5}$/);
    expect(record.probability).toBe(10);
    expect(record.version).toBe(1);
    expect(etagVersion(res)).toBe(1);
    const stored = db.db.prepare(`SELECT owner, number, createdBy FROM "${opportunities}" WHERE id = ?`).get(record.id);
    expect(stored).toEqual({ owner: rep.userId, number: record.number, createdBy: rep.userId });
  });

  it("refuses to create a record for someone else (outside the rep's scope): 403", async () => {
    const before = db.counts()[opportunities];
    const res = await client("rep.east").request("POST", OPPS, {
      body: newOpportunity({ owner: db.userId("rep.north") }),
    });
    expectError(res, 403, "http.forbidden");
    expect(db.counts()[opportunities]).toBe(before);
  });

  it("refuses a rep writing the read-only probability: 403 http.fieldForbidden at /probability", async () => {
    const rep = client("rep.east");
    const created = expectError(
      await rep.request("POST", OPPS, { body: newOpportunity({ probability: 90 }) }),
      403,
      "http.fieldForbidden",
    );
    expect(created.path).toBe("/probability");
    const own = ids(`SELECT id FROM "${opportunities}" WHERE owner = ? LIMIT 1`, rep.userId)[0];
    const current = await rep.request("GET", `${OPPS}/${own}`);
    const updated = await rep.request("PATCH", `${OPPS}/${own}`, {
      body: { probability: 90 },
      headers: { "if-match": String(current.headers.etag) },
    });
    expect(expectError(updated, 403, "http.fieldForbidden").path).toBe("/probability");
  });

  it("answers invalid values with 422 and every issue", async () => {
    const res = await client("rep.east").request("POST", OPPS, {
      body: newOpportunity({ name: undefined, stage: "bogus" }),
    });
    const error = expectError(res, 422, "http.invalid");
    const issues = error.details.issues ?? [];
    expect(issues.map((i) => [i.code, i.path])).toEqual(
      expect.arrayContaining([
        ["record.required", "/name"],
        ["record.notAnOption", "/stage"],
      ]),
    );
    const single = expectError(
      await client("rep.east").request("POST", OPPS, { body: newOpportunity({ region: "mars" }) }),
      422,
      "record.notAnOption",
    );
    expect(single.path).toBe("/region");
  });
});

describe("delete", () => {
  it("is refused to a rep (403) and allowed to the manager of the region (204)", async () => {
    // Not one of the demo's pending discount requests: those are locked against deletion.
    const own = ids(
      `SELECT id FROM "${opportunities}" WHERE owner = ? AND IFNULL(discount_status, 'none') <> 'pending' ORDER BY id LIMIT 1`,
      db.userId("rep.east"),
    )[0];
    expectError(await client("rep.east").request("DELETE", `${OPPS}/${own}`), 403, "http.forbidden");
    expect(ids(`SELECT id FROM "${opportunities}" WHERE id = ?`, own)).toHaveLength(1);

    const res = await client("manager.east").request("DELETE", `${OPPS}/${own}`);
    expect(res.statusCode, res.body).toBe(204);
    expect(res.body).toBe("");
    expect(ids(`SELECT id FROM "${opportunities}" WHERE id = ?`, own)).toHaveLength(0);
    expectError(await client("manager.east").request("GET", `${OPPS}/${own}`), 404, "http.notFound");
    const audit = db.db.prepare("SELECT user_id FROM audit WHERE action = 'record.delete' AND record_id = ?").all(own);
    expect(audit).toEqual([{ user_id: client("manager.east").userId }]);
  });

  it("a manager cannot delete outside the region (404: not visible)", async () => {
    const north = ids(`SELECT id FROM "${opportunities}" WHERE region = 'north' LIMIT 1`)[0];
    expectError(await client("manager.east").request("DELETE", `${OPPS}/${north}`), 404, "http.notFound");
    expect(ids(`SELECT id FROM "${opportunities}" WHERE id = ?`, north)).toHaveLength(1);
  });
});

describe("Idempotency-Key", () => {
  it("replays the first response for the same body and refuses a different body (409)", async () => {
    const rep = client("rep.east");
    const body = newOpportunity({ name: "Idempotent deal" });
    const headers = { "idempotency-key": "create-idempotent-deal-1" };
    const first = await rep.request("POST", OPPS, { body, headers });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();

    const again = await rep.request("POST", OPPS, { body, headers });
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json()).toEqual(first.json());
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(ids(`SELECT id FROM "${opportunities}" WHERE name = 'Idempotent deal'`)).toEqual([first.json<Row>().id]);

    const other = await rep.request("POST", OPPS, { body: { ...body, amount: 2000 }, headers });
    expectError(other, 409, "http.idempotencyMismatch");
    expect(ids(`SELECT id FROM "${opportunities}" WHERE name = 'Idempotent deal'`)).toHaveLength(1);
  });

  it("keys belong to a user: another user's request with the same key is a new request", async () => {
    const headers = { "idempotency-key": "shared-key" };
    const a = await client("rep.east").request("POST", OPPS, { body: newOpportunity({ name: "Key A" }), headers });
    const b = await client("manager.east").request("POST", OPPS, { body: newOpportunity({ name: "Key A" }), headers });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.headers["idempotent-replayed"]).toBeUndefined();
    expect(b.json<Row>().id).not.toBe(a.json<Row>().id);
  });
});
