import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactApp, createAndPublish, field, republish } from "./support/apps.js";
import { expectError } from "./support/http.js";
import { type Client, type Server, testServer } from "./support/server.js";
import { type Inspector, inspect } from "./support/sqlite.js";

type Row = Record<string, unknown>;
interface Step {
  kind: string;
  entity?: string;
  field?: string;
  rows?: number;
  lossy?: boolean;
  from?: string;
  to?: string;
}
interface Plan {
  steps: Step[];
  destructive: boolean;
}

const CONTACTS = "/api/apps/crm/data/contact";

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

const v1 = contactApp([field("name", "text", { required: true }), field("age", "text"), field("nickname", "text")]);
const v2 = contactApp(
  [field("name", "text", { required: true }), field("age", "text"), field("nickname", "text"), field("email", "email")],
  { version: "1.1.0" },
);
const v3 = contactApp(
  [field("name", "text", { required: true }), field("age", "number", { integer: true }), field("email", "email")],
  { version: "2.0.0" },
);
const v4 = contactApp(
  [field("full_name", "text", { required: true }), field("age", "number", { integer: true }), field("email", "email")],
  { version: "2.1.0" },
);

function contacts(columns: string): Row[] {
  return db.db.prepare(`SELECT ${columns} FROM "${db.table("crm", "contact")}" ORDER BY rowid`).all() as Row[];
}

async function publish(body: Row = {}, query = "") {
  return admin.request("POST", `/api/apps/crm/publish${query}`, { body });
}

describe("app lifecycle", () => {
  it("creates an app (201) and publishes it with a plan that creates its table", async () => {
    const created = await admin.request("POST", "/api/apps", { body: { app: v1 } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ id: "crm", draftRevision: 1 });
    expectError(await admin.request("POST", "/api/apps", { body: { app: v1 } }), 409, "http.exists");
    expectError(await admin.request("GET", CONTACTS), 404, "http.notPublished");

    const res = await publish();
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ version: number; applied: boolean; plan: Plan }>();
    expect(body.version).toBe(1);
    expect(body.applied).toBe(true);
    expect(body.plan.destructive).toBe(false);
    expect(body.plan.steps[0]).toMatchObject({ kind: "createTable", entity: "contact" });
    const table = db.table("crm", "contact");
    const columns = (db.db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).map(
      (c) => c.name,
    );
    expect(columns).toEqual(expect.arrayContaining(["id", "version", "name", "age", "nickname"]));

    for (const [name, age, nickname] of [
      ["Ada", "36", "Countess"],
      ["Grace", "not sure", "Amazing"],
      ["Linus", null, null],
    ]) {
      const made = await admin.request("POST", CONTACTS, { body: { name, age, nickname } });
      expect(made.statusCode, made.body).toBe(201);
    }
  });

  it("saves the draft with its revision; a stale revision is 409 with the current draft", async () => {
    const saved = await admin.request("PUT", "/api/apps/crm/draft", {
      body: { app: v2 },
      headers: { "if-match": '"1"' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ draftRevision: 2 });
    const stale = expectError(
      await admin.request("PUT", "/api/apps/crm/draft", { body: { app: v1 }, headers: { "if-match": '"1"' } }),
      409,
      "http.draftConflict",
    );
    expect(stale.details).toMatchObject({ draftRevision: 2, app: { version: "1.1.0" } });
    expectError(await admin.request("PUT", "/api/apps/crm/draft", { body: { app: v1 } }), 400, "http.versionRequired");
    const draft = await admin.request("GET", "/api/apps/crm?draft=1");
    expect(draft.headers.etag).toBe('"2"');
    expect(draft.json<{ app: Row }>().app.version).toBe("1.1.0");
  });

  it("dry-runs an additive publish (nothing changes), then applies it without confirm", async () => {
    const dry = await publish({}, "?dryRun=1");
    expect(dry.statusCode, dry.body).toBe(200);
    const plan = dry.json<{ applied: boolean; version: null; plan: Plan }>();
    expect(plan).toMatchObject({ applied: false, version: null, plan: { destructive: false } });
    expect(plan.plan.steps).toEqual([
      expect.objectContaining({ kind: "addColumn", entity: "contact", column: { field: "email", type: "text" } }),
    ]);
    expect(db.db.prepare("SELECT published_version FROM apps WHERE id = 'crm'").get()).toEqual({
      published_version: 1,
    });

    const res = await publish();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, applied: true });
    expect(contacts("name, email")).toEqual([
      { name: "Ada", email: null },
      { name: "Grace", email: null },
      { name: "Linus", email: null },
    ]);
  });

  it("refuses a destructive publish without confirm (409 with the plan and row counts), then applies it with confirm", async () => {
    const before = db.counts();
    const refused = expectError(await republish(admin, v3), 409, "http.confirmRequired");
    const plan = refused.details.plan as Plan;
    expect(plan.destructive).toBe(true);
    expect(plan.steps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "dropColumn", entity: "contact", field: "nickname", rows: 2 }),
        expect.objectContaining({
          kind: "changeType",
          entity: "contact",
          field: "age",
          from: "text",
          to: "integer",
          lossy: true,
          rows: 2,
        }),
      ]),
    );
    expect(refused.message).toContain("nickname");
    // Only the saved draft and its audit row are new; no table, version or record changed.
    const { apps: _apps, audit: _audit, ...unchanged } = before;
    const { apps: _appsAfter, audit: _auditAfter, ...after } = db.counts();
    expect(after).toEqual(unchanged);
    expect(db.db.prepare("SELECT published_version FROM apps WHERE id = 'crm'").get()).toEqual({
      published_version: 2,
    });
    expect(contacts("nickname")).toHaveLength(3);

    const res = await publish({ confirm: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 3, applied: true });
    expect(contacts("name, age")).toEqual([
      { name: "Ada", age: 36 },
      { name: "Grace", age: null },
      { name: "Linus", age: null },
    ]);
    const columns = (
      db.db.prepare(`PRAGMA table_info("${db.table("crm", "contact")}")`).all() as Array<{ name: string }>
    ).map((c) => c.name);
    expect(columns).not.toContain("nickname");
    const listed = await admin.request("GET", `${CONTACTS}?sort=name`);
    expect(listed.json<{ records: Row[] }>().records.map((r) => [r.name, r.age])).toEqual([
      ["Ada", 36],
      ["Grace", null],
      ["Linus", null],
    ]);
  });

  it("renames a field when the publish declares it, keeping its values", async () => {
    const res = await republish(admin, v4, {
      renames: { fields: [{ entity: "contact", from: "name", to: "full_name" }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ version: number; plan: Plan }>();
    expect(body.version).toBe(4);
    expect(body.plan.destructive).toBe(false);
    expect(body.plan.steps).toContainEqual({ kind: "renameColumn", entity: "contact", from: "name", to: "full_name" });
    expect(contacts("full_name")).toEqual([{ full_name: "Ada" }, { full_name: "Grace" }, { full_name: "Linus" }]);
    const record = (await admin.request("GET", `${CONTACTS}?sort=full_name&limit=1`)).json<{ records: Row[] }>()
      .records[0];
    expect(record).toMatchObject({ full_name: "Ada", age: 36 });
    expect(record).not.toHaveProperty("name");
  });

  it("lists the versions with their plans", async () => {
    const res = await admin.request("GET", "/api/apps/crm/versions");
    expect(res.statusCode).toBe(200);
    const { versions } = res.json<{
      versions: Array<{ version: number; appVersion: string; publishedBy: string; plan: Plan }>;
    }>();
    expect(versions.map((v) => [v.version, v.appVersion])).toEqual([
      [1, "1.0.0"],
      [2, "1.1.0"],
      [3, "2.0.0"],
      [4, "2.1.0"],
    ]);
    expect(versions.every((v) => v.publishedBy === admin.userId)).toBe(true);
    expect(versions[2]?.plan.destructive).toBe(true);
  });

  it("reads one version's schema (404 for a version that does not exist)", async () => {
    const one = await admin.request("GET", "/api/apps/crm/versions/1");
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ version: 1, app: { id: "crm", version: "1.0.0" } });
    expect((await admin.request("GET", "/api/apps/crm/versions/999")).statusCode).toBe(404);
    expect((await admin.request("GET", "/api/apps/crm/versions/x")).statusCode).toBe(400);
  });

  it("rolls back to version 1 as a new version (confirm needed, since it drops data)", async () => {
    expectError(
      await admin.request("POST", "/api/apps/crm/rollback", { body: { version: 1 } }),
      409,
      "http.confirmRequired",
    );
    expectError(
      await admin.request("POST", "/api/apps/crm/rollback", { body: { version: 99, confirm: true } }),
      404,
      "http.notFound",
    );
    const res = await admin.request("POST", "/api/apps/crm/rollback", { body: { version: 1, confirm: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 5, applied: true });
    const current = await admin.request("GET", "/api/apps/crm");
    expect(current.json()).toMatchObject({ version: 5, app: { version: "1.0.0" } });
    expect(current.json<{ app: Row }>().app).toEqual(v1);
    const columns = (
      db.db.prepare(`PRAGMA table_info("${db.table("crm", "contact")}")`).all() as Array<{ name: string }>
    ).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(["name", "age", "nickname"]));
    expect(columns).not.toContain("email");
    // Rows survive; the text column `age` holds the converted numbers as text again.
    expect(contacts("age")).toEqual([{ age: "36" }, { age: null }, { age: null }]);
    const made = await admin.request("POST", CONTACTS, { body: { name: "After rollback", age: "7" } });
    expect(made.statusCode, made.body).toBe(201);
  });

  it("writes app.publish and app.rollback audit rows", () => {
    const rows = db.db
      .prepare(
        "SELECT action, user_id, diff FROM audit WHERE app_id = 'crm' AND action IN ('app.publish', 'app.rollback') ORDER BY seq",
      )
      .all() as Array<{
      action: string;
      user_id: string;
      diff: string;
    }>;
    expect(rows.map((r) => [r.action, (JSON.parse(r.diff) as { version: number }).version])).toEqual([
      ["app.publish", 1],
      ["app.publish", 2],
      ["app.publish", 3],
      ["app.publish", 4],
      ["app.rollback", 5],
    ]);
    expect(rows.every((r) => r.user_id === admin.userId)).toBe(true);
    expect(
      db.db.prepare("SELECT COUNT(*) AS n FROM audit WHERE app_id = 'crm' AND action = 'app.draft'").get(),
    ).toEqual({ n: 3 });
  });
});

describe("app administration", () => {
  it("is for administrators only (403 for others, nothing changes)", async () => {
    const before = db.counts();
    const draft = contactApp([field("name", "text")], { id: "crm" });
    for (const [method, url, body, headers] of [
      ["POST", "/api/apps", { app: contactApp([field("name", "text")], { id: "repapp" }) }, {}],
      ["PUT", "/api/apps/crm/draft", { app: draft }, { "if-match": '"4"' }],
      ["POST", "/api/apps/crm/publish", {}, {}],
      ["POST", "/api/apps/crm/publish?dryRun=1", {}, {}],
      ["GET", "/api/apps/crm/versions", undefined, {}],
      ["POST", "/api/apps/crm/rollback", { version: 1, confirm: true }, {}],
      ["GET", "/api/apps/crm?draft=1", undefined, {}],
    ] as const) {
      expectError(await rep.request(method, url, { body, headers }), 403, "http.forbidden");
    }
    expect(db.counts()).toEqual(before);
  });

  it("refuses an invalid app with 422 and every issue", async () => {
    const bad = {
      ...contactApp([field("name", "text"), field("name", "text"), field("link", "relation", { target: "nowhere" })], {
        id: "broken",
      }),
    };
    const error = expectError(await admin.request("POST", "/api/apps", { body: { app: bad } }), 422);
    expect(error.details.issues?.length).toBeGreaterThanOrEqual(2);
    for (const issue of error.details.issues ?? []) expect(issue.code).toMatch(/^schema\./);
    expect(db.db.prepare("SELECT COUNT(*) AS n FROM apps WHERE id = 'broken'").get()).toEqual({ n: 0 });
    expectError(await admin.request("POST", "/api/apps", { body: { app: { id: "nope" } } }), 422);
  });

  it("refuses to publish an invalid draft (422) and changes nothing", async () => {
    await createAndPublish(admin, contactApp([field("name", "text")], { id: "drafty" }));
    const invalidDraft = contactApp([field("name", "text"), field("owner", "relation", { target: "missing" })], {
      id: "drafty",
    });
    const saved = await admin.request("PUT", "/api/apps/drafty/draft", {
      body: { app: invalidDraft },
      headers: { "if-match": '"1"' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<{ issues: unknown[] }>().issues.length).toBeGreaterThan(0);
    const before = db.counts();
    expectError(await admin.request("POST", "/api/apps/drafty/publish", { body: {} }), 422);
    expect(db.counts()).toEqual(before);
  });
});

describe("indexes across publishes", () => {
  it("stops enforcing uniqueness when `unique` is removed from a renamed field", async () => {
    const appId = "uniq";
    const url = `/api/apps/${appId}/data/contact`;
    await createAndPublish(admin, contactApp([field("code", "text", { unique: true })], { id: appId }));
    expect((await admin.request("POST", url, { body: { code: "A" } })).statusCode).toBe(201);
    expectError(await admin.request("POST", url, { body: { code: "A" } }), 409, "http.exists");

    const renamed = await republish(
      admin,
      contactApp([field("ref", "text", { unique: true })], { id: appId, version: "1.1.0" }),
      {
        renames: { fields: [{ entity: "contact", from: "code", to: "ref" }] },
      },
    );
    expect(renamed.statusCode, renamed.body).toBe(200);
    expectError(await admin.request("POST", url, { body: { ref: "A" } }), 409, "http.exists");

    const relaxed = await republish(admin, contactApp([field("ref", "text")], { id: appId, version: "1.2.0" }));
    expect(relaxed.statusCode, relaxed.body).toBe(200);
    const duplicate = await admin.request("POST", url, { body: { ref: "A" } });
    expect(duplicate.statusCode, duplicate.body).toBe(201);
  });

  it("drops the unique index when a field is renamed and relaxed in the same publish", async () => {
    const appId = "uniq2";
    const url = `/api/apps/${appId}/data/contact`;
    await createAndPublish(admin, contactApp([field("code", "text", { unique: true })], { id: appId }));
    expect((await admin.request("POST", url, { body: { code: "A" } })).statusCode).toBe(201);
    const res = await republish(admin, contactApp([field("ref", "text")], { id: appId, version: "1.1.0" }), {
      renames: { fields: [{ entity: "contact", from: "code", to: "ref" }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ plan: Plan }>().plan.steps.map((s) => s.kind)).toEqual(["renameColumn", "dropIndex"]);
    const duplicate = await admin.request("POST", url, { body: { ref: "A" } });
    expect(duplicate.statusCode, duplicate.body).toBe(201);
  });

  it("drops the unique index of an entity renamed and relaxed in the same publish", async () => {
    const appId = "uniq3";
    await createAndPublish(admin, contactApp([field("code", "text", { unique: true })], { id: appId }));
    expect((await admin.request("POST", `/api/apps/${appId}/data/contact`, { body: { code: "A" } })).statusCode).toBe(
      201,
    );
    const next = contactApp([field("code", "text")], { id: appId, version: "1.1.0" });
    const entities = next.entities as Array<Record<string, unknown>>;
    entities[0] = { ...entities[0], id: "person" };
    const res = await republish(admin, next, { renames: { entities: [{ from: "contact", to: "person" }] } });
    expect(res.statusCode, res.body).toBe(200);
    const duplicate = await admin.request("POST", `/api/apps/${appId}/data/person`, { body: { code: "A" } });
    expect(duplicate.statusCode, duplicate.body).toBe(201);
    const listed = await admin.request("GET", `/api/apps/${appId}/data/person`);
    expect(listed.json<{ records: Row[] }>().records).toHaveLength(2);
  });
});
