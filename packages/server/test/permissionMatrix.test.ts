/**
 * The starter app's permissions, walked over HTTP: every demo role × entity × action × record
 * (inside or outside the role's scope), against a table written by hand from the permission
 * list, not computed with the runtime's access policy.
 *
 *   rep      account: read                           opportunity: read, create, update; rows owner = $user.id; probability read-only
 *   manager  (inherits rep)  account: read, create, update; rows region = $user.region
 *                            opportunity: read, create, update, delete, export; rows region = $user.region
 *   finance  account: read                           opportunity: read, export; rows stage = 'won'; notes hidden
 *   auditor  nothing on either entity
 *
 * Grants add up: a manager reads every account (rep's unscoped read) but creates and updates only
 * accounts of the region.
 *
 * Which denial is which:
 *   403 — the role lacks the action on the entity (whatever the record, so a 403 reveals nothing
 *         about records), or the record is visible but outside the scope of the action;
 *   404 — the role has the action but the record is outside what it may read (existence is not revealed).
 * For list, "listed"/"unlisted" is a 200 that does or does not contain the record.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "./support/http.js";
import { type Client, type Server, testServer } from "./support/server.js";
import { type Inspector, inspect } from "./support/sqlite.js";

type Row = Record<string, unknown>;
type User = "rep.east" | "manager.east" | "finance" | "auditor";
type Entity = "account" | "opportunity";
type Action = "list" | "get" | "create" | "update" | "delete";
type Scope = "in" | "out";
type Outcome = "listed" | "unlisted" | 200 | 201 | 204 | 403 | 404;

/** [in scope, out of scope] for each user, entity and action. */
const EXPECTED: Record<User, Record<Entity, Record<Action, readonly [Outcome, Outcome]>>> = {
  "rep.east": {
    account: {
      list: ["listed", "listed"],
      get: [200, 200],
      create: [403, 403],
      update: [403, 403],
      delete: [403, 403],
    },
    opportunity: {
      list: ["listed", "unlisted"],
      get: [200, 404],
      create: [201, 403],
      update: [200, 404],
      delete: [403, 403],
    },
  },
  "manager.east": {
    account: {
      list: ["listed", "listed"],
      get: [200, 200],
      create: [201, 403],
      update: [200, 403],
      delete: [403, 403],
    },
    opportunity: {
      list: ["listed", "unlisted"],
      get: [200, 404],
      create: [201, 403],
      update: [200, 404],
      delete: [204, 404],
    },
  },
  finance: {
    account: {
      list: ["listed", "listed"],
      get: [200, 200],
      create: [403, 403],
      update: [403, 403],
      delete: [403, 403],
    },
    opportunity: {
      list: ["listed", "unlisted"],
      get: [200, 404],
      create: [403, 403],
      update: [403, 403],
      delete: [403, 403],
    },
  },
  auditor: {
    account: { list: [403, 403], get: [403, 403], create: [403, 403], update: [403, 403], delete: [403, 403] },
    opportunity: { list: [403, 403], get: [403, 403], create: [403, 403], update: [403, 403], delete: [403, 403] },
  },
};

const USERS: readonly User[] = ["rep.east", "manager.east", "finance", "auditor"];
const ENTITIES: readonly Entity[] = ["account", "opportunity"];
const ACTIONS: readonly Action[] = ["list", "get", "create", "update", "delete"];
const SCOPES: readonly Scope[] = ["in", "out"];

let server: Server;
let db: Inspector;
let admin: Client;
const clients = new Map<string, Client>();
let serial = 0;

beforeAll(async () => {
  server = await testServer();
  db = inspect(server.ctx.file);
  admin = await server.login("admin");
  for (const user of USERS) clients.set(user, await server.login(user));
});

afterAll(async () => {
  db.close();
  await server.close();
});

function url(entity: Entity, id?: string): string {
  return `/api/apps/starter/data/${entity}${id === undefined ? "" : `/${id}`}`;
}

function accountIn(region: string): string {
  const row = db.db
    .prepare(`SELECT id FROM "${db.table("starter", "account")}" WHERE region = ? ORDER BY id LIMIT 1`)
    .get(region) as { id: string };
  return row.id;
}

/** The values that put a record inside or outside a user's scope (the region, owner or stage the scope looks at). */
function scoped(user: User, entity: Entity, scope: Scope): Row {
  serial += 1;
  const region = scope === "in" ? "east" : "north";
  if (entity === "account") return { name: `Matrix account ${serial}`, region };
  const base = {
    name: `Matrix deal ${serial}`,
    account: accountIn(region),
    region,
    close_date: "2026-10-01",
    amount: 5000,
  };
  const owner = db.userId(scope === "in" ? "rep.east" : "rep.north");
  if (user === "finance")
    return {
      ...base,
      account: accountIn("east"),
      region: "east",
      owner: db.userId("rep.east"),
      stage: scope === "in" ? "won" : "proposal",
    };
  return { ...base, owner };
}

/** A fresh record for one cell, created by the administrator. */
async function fixture(user: User, entity: Entity, scope: Scope): Promise<Row> {
  const res = await admin.request("POST", url(entity), { body: scoped(user, entity, scope) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Row>();
}

function stored(entity: Entity, id: unknown): Row | undefined {
  return db.db.prepare(`SELECT * FROM "${db.table("starter", entity)}" WHERE id = ?`).get(id) as Row | undefined;
}

async function attempt(user: User, entity: Entity, action: Action, scope: Scope): Promise<Outcome> {
  const as = clients.get(user) as Client;
  switch (action) {
    case "list": {
      const record = await fixture(user, entity, scope);
      const res = await as.request(
        "GET",
        `${url(entity)}?filter=${encodeURIComponent(`name = '${String(record.name)}'`)}`,
      );
      if (res.statusCode !== 200) return expectError(res, res.statusCode) && (res.statusCode as Outcome);
      return res.json<{ records: Row[] }>().records.some((r) => r.id === record.id) ? "listed" : "unlisted";
    }
    case "get": {
      const record = await fixture(user, entity, scope);
      const res = await as.request("GET", url(entity, String(record.id)));
      if (res.statusCode === 200) expect(res.json<Row>().id).toBe(record.id);
      else expectError(res, res.statusCode);
      return res.statusCode as Outcome;
    }
    case "create": {
      const body = scoped(user, entity, scope);
      const res = await as.request("POST", url(entity), { body });
      const created = db.db
        .prepare(`SELECT COUNT(*) AS n FROM "${db.table("starter", entity)}" WHERE name = ?`)
        .get(body.name) as { n: number };
      if (res.statusCode === 201) expect(created.n).toBe(1);
      else {
        expectError(res, res.statusCode);
        expect(created.n).toBe(0);
      }
      return res.statusCode as Outcome;
    }
    case "update": {
      const record = await fixture(user, entity, scope);
      const res = await as.request("PATCH", url(entity, String(record.id)), {
        body: { name: `${String(record.name)} (renamed)` },
        headers: { "if-match": `"${String(record.version)}"` },
      });
      const after = stored(entity, record.id);
      if (res.statusCode === 200) expect(after?.name).toBe(`${String(record.name)} (renamed)`);
      else {
        expectError(res, res.statusCode);
        expect(after?.name).toBe(record.name);
        expect(after?.version).toBe(record.version);
      }
      return res.statusCode as Outcome;
    }
    case "delete": {
      const record = await fixture(user, entity, scope);
      const res = await as.request("DELETE", url(entity, String(record.id)));
      if (res.statusCode === 204) expect(stored(entity, record.id)).toBeUndefined();
      else {
        expectError(res, res.statusCode);
        expect(stored(entity, record.id)).toBeDefined();
      }
      return res.statusCode as Outcome;
    }
  }
}

describe("permission matrix of the starter app", () => {
  const cells = USERS.flatMap((user) =>
    ENTITIES.flatMap((entity) =>
      ACTIONS.flatMap((action) =>
        SCOPES.map((scope, i) => ({ user, entity, action, scope, expected: EXPECTED[user][entity][action][i] })),
      ),
    ),
  );

  it("has a cell for every user × entity × action × scope", () => {
    expect(cells).toHaveLength(USERS.length * ENTITIES.length * ACTIONS.length * SCOPES.length);
  });

  it.each(cells)(
    "$user $action $entity ($scope of scope) → $expected",
    async ({ user, entity, action, scope, expected }) => {
      expect(await attempt(user, entity, action, scope)).toBe(expected);
    },
  );

  it("a manager's own opportunity in another region is readable and updatable (rep grant) but not deletable (403)", async () => {
    const manager = clients.get("manager.east") as Client;
    const created = await admin.request("POST", url("opportunity"), {
      body: {
        name: "Manager abroad",
        account: accountIn("north"),
        region: "north",
        close_date: "2026-10-01",
        owner: manager.userId,
      },
    });
    const record = created.json<Row>();
    expect((await manager.request("GET", url("opportunity", String(record.id)))).statusCode).toBe(200);
    const updated = await manager.request("PATCH", url("opportunity", String(record.id)), {
      body: { amount: 7 },
      headers: { "if-match": '"1"' },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expectError(await manager.request("DELETE", url("opportunity", String(record.id))), 403, "http.forbidden");
    expect(stored("opportunity", record.id)).toBeDefined();
  });

  it("finance never receives notes, even on records it may read", async () => {
    const record = await fixture("finance", "opportunity", "in");
    const withNotes = await admin.request("PATCH", url("opportunity", String(record.id)), {
      body: { notes: "secret" },
      headers: { "if-match": '"1"' },
    });
    expect(withNotes.statusCode, withNotes.body).toBe(200);
    const finance = clients.get("finance") as Client;
    const res = await finance.request("GET", url("opportunity", String(record.id)));
    expect(res.json()).not.toHaveProperty("notes");
  });

  it("anonymous callers get 401 for every action", async () => {
    const record = await fixture("rep.east", "opportunity", "in");
    for (const [method, target] of [
      ["GET", url("opportunity")],
      ["GET", url("opportunity", String(record.id))],
      ["POST", url("opportunity")],
      ["PATCH", url("opportunity", String(record.id))],
      ["DELETE", url("opportunity", String(record.id))],
    ] as const) {
      const res = await server.app.inject({
        method,
        url: target,
        headers: { "if-match": '"1"' },
        ...(method === "POST" || method === "PATCH" ? { payload: { name: "x" } } : {}),
      });
      expectError(res, 401, "http.unauthenticated");
    }
  });
});
